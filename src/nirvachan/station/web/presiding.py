"""The presiding officer's pages: the day's state and actions, records, turnout, 17C, package,
the event log."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _g
from django.views.decorators.http import require_GET, require_POST

from nirvachan.station.day import StationError
from nirvachan.station.web import forms as f
from nirvachan.station.web.access import role_required
from nirvachan.station.web.tags import local_name
from nirvachan.station.web.views import (
    EVENTS,
    INVALID,
    ballot_options,
    day,
    flash,
    num,
    page_context,
)

ROLE = "presiding"
OFFICER = "presiding"
RESULT_FILE = "station-result.zip"
LOG_PAGE = 50


def _mock_choices(ballots: list[dict[str, Any]]) -> list[tuple[str, Any]]:
    groups: list[tuple[str, Any]] = []
    for contest in ballot_options(ballots):
        options = []
        for option in contest["options"]:
            label = _g("NOTA") if option["nota"] else local_name(option)
            options.append(
                (f"{contest['contest']}:{option['serial']}", f"{option['serial']}. {label}")
            )
        groups.append((local_name(contest) or contest["contest"], options))
    return groups


def _documents(info: dict[str, Any]) -> list[tuple[str, str]]:
    return [(d["code"], str(d["label"])) for d in info.get("id_documents", [])]


def _mock_table(the_day: Any, ballots: list[dict[str, Any]]) -> dict[str, Any]:
    result = the_day.mock_result()
    by_code = {c["contest"]: c for c in ballot_options(ballots)}
    rows = []
    for contest in result.get("contests", []):
        counts = {int(k): int(v) for k, v in contest.get("counts", {}).items()}
        options = by_code.get(contest["contest"], {"options": []})["options"]
        rows.append(
            {
                "contest": by_code.get(contest["contest"], contest),
                "lines": [{"option": o, "votes": counts.get(int(o["serial"]), 0)} for o in options],
                "total": sum(counts.values()),
            }
        )
    return {"total": result.get("total", 0), "contests": rows}


def _tokens_issued(the_day: Any, info: dict[str, Any]) -> int:
    if info.get("phase") not in ("closing", "closed", "packaged"):
        return 0
    try:
        return int(the_day.form17c().get("tokens_issued") or 0)
    except StationError:
        return 0


def _dashboard(request: HttpRequest, status: int = 200, **bound: forms.Form) -> HttpResponse:
    the_day = day(request)
    info = the_day.info()
    ballots = the_day.ballots()
    context = page_context(request, info)
    context.update(
        {
            "mock_form": bound.get("mock") or f.MockVoteForm(choices=_mock_choices(ballots)),
            "seal_form": bound.get("seal") or f.SealForm(),
            "close_form": bound.get("close") or f.CloseForm(),
            "mock": _mock_table(the_day, ballots),
            "tokens": _tokens_issued(the_day, info),
            "action_form": bound.get("action"),
        }
    )
    return render(request, "station_web/presiding.html", context, status=status)


@require_GET
@role_required(ROLE)
def dashboard(request: HttpRequest) -> HttpResponse:
    return _dashboard(request)


def _act(
    request: HttpRequest,
    form: forms.Form,
    key: str,
    call: Callable[[], Any],
    done: Callable[[Any], str],
) -> HttpResponse:
    """Run one action of the day: the form's refusal or the day's StationError shown on its field,
    in the user's language; on success a message and back to the dashboard."""
    if form.is_valid():
        try:
            result = call()
        except StationError as exc:
            f.add_station_error(form, exc)
        else:
            flash(request, done(result))
            return HttpResponseRedirect(reverse("presiding"))
    return _dashboard(request, INVALID, **{key: form})


@require_POST
@role_required(ROLE)
def mock_vote(request: HttpRequest) -> HttpResponse:
    the_day = day(request)
    form = f.MockVoteForm(request.POST, choices=_mock_choices(the_day.ballots()))

    def call() -> int:
        contest, choice = form.contest_and_choice()
        count = int(form.cleaned_data["count"])
        for _i in range(count):
            the_day.mock_vote(contest, choice)
        return count

    return _act(
        request,
        form,
        "mock",
        call,
        lambda n: _g("%(count)s test votes recorded.") % {"count": num(n)},
    )


@require_POST
@role_required(ROLE)
def seal(request: HttpRequest) -> HttpResponse:
    the_day = day(request)
    form = f.SealForm(request.POST)
    return _act(
        request,
        form,
        "seal",
        lambda: the_day.clear_and_seal(OFFICER, form.seal_list()),
        lambda _r: _g("Mock poll data cleared; the machine is sealed."),
    )


@require_POST
@role_required(ROLE)
def open_poll(request: HttpRequest) -> HttpResponse:
    the_day = day(request)
    form = forms.Form(request.POST)
    return _act(
        request,
        form,
        "action",
        lambda: the_day.open_poll(OFFICER),
        lambda _r: _g("The poll is open."),
    )


@require_POST
@role_required(ROLE)
def close_poll(request: HttpRequest) -> HttpResponse:
    the_day = day(request)
    form = f.CloseForm(request.POST)
    if form.is_valid():
        try:
            # Tokens are numbered 1..queue; the tokens page prints them from the day's record.
            the_day.close_poll(OFFICER, int(form.cleaned_data["queue"]))
        except StationError as exc:
            f.add_station_error(form, exc)
        else:
            return HttpResponseRedirect(reverse("presiding_tokens"))
    return _dashboard(request, INVALID, close=form)


@require_GET
@role_required(ROLE)
def tokens(request: HttpRequest) -> HttpResponse:
    the_day = day(request)
    info = the_day.info()
    context = page_context(request, info)
    context["tokens"] = list(range(1, _tokens_issued(the_day, info) + 1))
    return render(request, "station_web/tokens.html", context)


@require_POST
@role_required(ROLE)
def end_poll(request: HttpRequest) -> HttpResponse:
    the_day = day(request)
    form = forms.Form(request.POST)
    return _act(
        request,
        form,
        "action",
        lambda: the_day.end_poll(OFFICER),
        lambda _r: _g("Polling has ended."),
    )


# --- records: left without voting, tendered, challenged, companion, proxy -----------------------

RECORD_FORMS: dict[str, type[forms.Form]] = {
    "left": f.LeftForm,
    "tendered": f.TenderedForm,
    "challenge": f.ChallengeForm,
    "companion": f.CompanionForm,
    "proxy": f.ProxyForm,
}


def _record_form(kind: str, info: dict[str, Any], data: Any = None) -> forms.Form:
    cls = RECORD_FORMS[kind]
    if cls is f.TenderedForm:
        return f.TenderedForm(data, documents=_documents(info), prefix=kind)
    return cls(data, prefix=kind)


def _records_page(
    request: HttpRequest, bound: forms.Form | None = None, kind: str = "", status: int = 200
) -> HttpResponse:
    info = day(request).info()
    context = page_context(request, info)
    context["forms"] = {
        name: (bound if name == kind and bound is not None else _record_form(name, info))
        for name in RECORD_FORMS
    }
    return render(request, "station_web/records.html", context, status=status)


@require_GET
@role_required(ROLE)
def records(request: HttpRequest) -> HttpResponse:
    return _records_page(request)


@require_POST
@role_required(ROLE)
def record(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in RECORD_FORMS:
        return render(request, "station_web/not_found.html", status=404)
    the_day = day(request)
    form = _record_form(kind, the_day.info(), request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            message = _do_record(the_day, kind, data)
        except StationError as exc:
            f.add_station_error(form, exc)
        else:
            flash(request, message)
            return HttpResponseRedirect(reverse("presiding_records"))
    return _records_page(request, form, kind, INVALID)


def _do_record(the_day: Any, kind: str, data: dict[str, Any]) -> str:
    if kind == "left":
        the_day.left_without_voting(OFFICER, data["serial_17a"], data["note"])
        return _g("Recorded: Form 17A serial %(serial)s left without voting.") % {
            "serial": num(data["serial_17a"])
        }
    if kind == "tendered":
        number = the_day.tendered_vote(
            OFFICER, data["key"], data["name"], data["document"], data["document_number"]
        )
        return _g("Tendered ballot number %(number)s issued.") % {"number": num(number)}
    if kind == "challenge":
        number = the_day.challenge(
            OFFICER, data["key"], data["challenger"], data["outcome"], data["note"]
        )
        return _g("Challenge recorded (number %(number)s).") % {"number": num(number)}
    if kind == "companion":
        the_day.companion(OFFICER, data["serial_17a"], data["companion_name"], True)
        return _g("Companion recorded for Form 17A serial %(serial)s.") % {
            "serial": num(data["serial_17a"])
        }
    the_day.proxy(OFFICER, data["key"], data["proxy_name"])
    return _g("Proxy recorded.")


# --- turnout, 17C, package, log -----------------------------------------------------------------


@role_required(ROLE)
def turnout(request: HttpRequest) -> HttpResponse:
    the_day = day(request)
    if request.method == "POST":
        try:
            report = the_day.turnout_report(OFFICER)
        except StationError as exc:
            flash(request, exc.message, "error")
        else:
            flash(
                request,
                _g("Turnout report recorded: %(voters)s voters.")
                % {"voters": num(report["voters"])},
            )
        return HttpResponseRedirect(reverse("presiding_turnout"))
    context = page_context(request, the_day.info())
    context["reports"] = the_day.turnout_reports()
    return render(request, "station_web/turnout.html", context)


@require_GET
@role_required(ROLE)
def form17c(request: HttpRequest) -> HttpResponse:
    the_day = day(request)
    context = page_context(request, the_day.info())
    try:
        context["form17c"] = the_day.form17c()
    except StationError as exc:
        context["form17c_error"] = exc.message
    return render(request, "station_web/form17c.html", context)


@require_GET
@role_required(ROLE)
def form17c_pdf(request: HttpRequest) -> HttpResponse:
    codes = {code for code, _label in settings.LANGUAGES}
    language = request.GET.get("lang") or (get_language() or "en")[:2]
    if language not in codes:
        language = "en"
    try:
        pdf = day(request).form17c_pdf(language)
    except StationError as exc:
        flash(request, exc.message, "error")
        return HttpResponseRedirect(reverse("presiding_17c"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="form17c-{language}.pdf"'
    return response


def _result_path() -> Path:
    return Path(settings.STATION_DATA_DIR) / RESULT_FILE


@role_required(ROLE)
def package(request: HttpRequest) -> HttpResponse:
    the_day = day(request)
    path = _result_path()
    if request.method == "POST":
        try:
            made = the_day.close_and_package(path)
        except StationError as exc:
            flash(request, exc.message, "error")
        else:
            flash(
                request,
                _g("The signed result package is ready: %(name)s") % {"name": Path(made).name},
            )
        return HttpResponseRedirect(reverse("presiding_package"))
    if request.GET.get("download") and path.is_file():
        return FileResponse(path.open("rb"), as_attachment=True, filename=path.name)
    context = page_context(request, the_day.info())
    context["package_ready"] = path.is_file()
    context["package_name"] = path.name
    context["package_size"] = path.stat().st_size if path.is_file() else 0
    return render(request, "station_web/package.html", context)


@require_GET
@role_required(ROLE)
def log(request: HttpRequest) -> HttpResponse:
    the_day = day(request)
    try:
        page = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        page = 1
    events = the_day.events(offset=(page - 1) * LOG_PAGE, limit=LOG_PAGE + 1)
    for event in events:
        event["label"] = EVENTS.get(event.get("kind", ""), event.get("kind", ""))
    ok, bad = the_day.verify_log()
    context = page_context(request, the_day.info())
    context.update(
        {
            "events": events[:LOG_PAGE],
            "page": page,
            "has_next": len(events) > LOG_PAGE,
            "chain_ok": ok,
            "first_bad": bad,
        }
    )
    return render(request, "station_web/log.html", context)
