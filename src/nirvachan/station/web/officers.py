"""The polling officers' pages: 1 finds the elector and records the identity document, 2 confirms
the ink and writes Form 17A (serial and slip), 3 takes the slip and enables the ballot unit."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _g
from django.views.decorators.http import require_GET, require_POST

from nirvachan.station.day import StationError
from nirvachan.station.web import forms as f
from nirvachan.station.web.access import role_required
from nirvachan.station.web.views import ELECTOR_STATES, INVALID, day, flash, num, page_context

CAN_CHECK_IN = {"not_seen"}


def _documents(info: dict[str, Any]) -> list[tuple[str, str]]:
    return [(d["code"], str(d["label"])) for d in info.get("id_documents", [])]


# --- officer 1 -----------------------------------------------------------------------------------


def _po1_page(
    request: HttpRequest,
    query: str,
    bound: f.CheckInForm | None = None,
    status: int = 200,
) -> HttpResponse:
    the_day = day(request)
    info = the_day.info()
    context = page_context(request, info)
    search = f.SearchForm({"query": query} if query else None)
    rows: list[dict[str, Any]] = []
    if query and search.is_valid():
        try:
            rows = the_day.find_electors(search.cleaned_data["query"])
        except StationError as exc:
            f.add_station_error(search, exc)
    documents = _documents(info)
    for row in rows:
        row["state_label"] = ELECTOR_STATES.get(row.get("state", ""), row.get("state", ""))
        row["can_check_in"] = row.get("state") in CAN_CHECK_IN
        if bound is not None and bound.data.get("key") == row.get("key"):
            row["form"] = bound
        else:
            row["form"] = f.CheckInForm(initial={"key": row.get("key")}, documents=documents)
    if bound is not None and not any(r.get("form") is bound for r in rows):
        context["orphan_form"] = bound  # the elector is no longer found: show the refusal anyway
    context.update(
        {
            "search": search,
            "query": query,
            "rows": rows,
            "searched": bool(query),
            "tokens_needed": context["phase"] == "closing",
        }
    )
    return render(request, "station_web/po1.html", context, status=status)


@require_GET
@role_required("po1")
def po1(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("query", "").strip()
    status = INVALID if query and not f.SearchForm({"query": query}).is_valid() else 200
    return _po1_page(request, query, status=status)


@require_POST
@role_required("po1")
def check_in(request: HttpRequest) -> HttpResponse:
    the_day = day(request)
    query = request.POST.get("query", "").strip()[:100]
    form = f.CheckInForm(request.POST, documents=_documents(the_day.info()))
    if form.is_valid():
        data = form.cleaned_data
        try:
            checkin = the_day.check_in(
                "po1", data["key"], data["document"], data["document_number"], data["token"]
            )
        except StationError as exc:
            f.add_station_error(form, exc)
        else:
            flash(
                request,
                _g("Checked in (number %(number)s): send the voter to polling officer 2.")
                % {"number": num(checkin)},
            )
            return HttpResponseRedirect(f"{reverse('po1')}?{urlencode({'query': query})}")
    return _po1_page(request, query, form, INVALID)


# --- officer 2 -----------------------------------------------------------------------------------


def _po2_page(
    request: HttpRequest, bound: f.RegisterForm | None = None, status: int = 200
) -> HttpResponse:
    the_day = day(request)
    context = page_context(request, the_day.info())
    pending = list(the_day.pending_checkins())
    bound_id = None
    if bound is not None:
        try:
            bound_id = int(bound.data.get("checkin_id", ""))
        except (TypeError, ValueError):
            bound_id = None
    for row in pending:
        if bound is not None and row.get("checkin_id") == bound_id:
            row["form"] = bound
        else:
            row["form"] = f.RegisterForm(initial={"checkin_id": row.get("checkin_id")})
    if bound is not None and not any(r.get("form") is bound for r in pending):
        context["orphan_form"] = bound
    context["pending"] = pending
    context["last"] = request.session.get("last_17a")
    return render(request, "station_web/po2.html", context, status=status)


@require_GET
@role_required("po2")
def po2(request: HttpRequest) -> HttpResponse:
    return _po2_page(request)


@require_GET
@role_required("po2")
def po2_pending(request: HttpRequest) -> HttpResponse:
    """The pending list alone (htmx refresh every few seconds)."""
    the_day = day(request)
    pending = list(the_day.pending_checkins())
    for row in pending:
        row["form"] = f.RegisterForm(initial={"checkin_id": row.get("checkin_id")})
    return render(request, "station_web/_po2_pending.html", {"pending": pending})


@require_POST
@role_required("po2")
def register(request: HttpRequest) -> HttpResponse:
    the_day = day(request)
    form = f.RegisterForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            entry = the_day.register("po2", data["checkin_id"], True, data["mark"])
        except StationError as exc:
            f.add_station_error(form, exc)
        else:
            request.session["last_17a"] = {
                "serial_17a": entry["serial_17a"],
                "slip": entry["slip"],
                "part_serial": str(entry.get("part_serial", "")),
            }
            flash(
                request,
                _g("Form 17A serial %(serial)s written; give slip number %(slip)s.")
                % {"serial": num(entry["serial_17a"]), "slip": num(entry["slip"])},
            )
            return HttpResponseRedirect(reverse("po2"))
    return _po2_page(request, form, INVALID)


# --- officer 3 -----------------------------------------------------------------------------------


def _po3_page(
    request: HttpRequest, form: f.EnableForm | None = None, status: int = 200
) -> HttpResponse:
    the_day = day(request)
    context = page_context(request, the_day.info())
    context["form"] = form or f.EnableForm()
    context["pending_ballot"] = the_day.pending_ballot()
    context["slips"] = the_day.pending_slips()
    return render(request, "station_web/po3.html", context, status=status)


@require_GET
@role_required("po3")
def po3(request: HttpRequest) -> HttpResponse:
    return _po3_page(request)


@require_POST
@role_required("po3")
def enable(request: HttpRequest) -> HttpResponse:
    the_day = day(request)
    form = f.EnableForm(request.POST)
    if form.is_valid():
        try:
            the_day.enable_ballot("po3", form.cleaned_data["slip"], True)
        except StationError as exc:
            f.add_station_error(form, exc)
        else:
            flash(
                request,
                _g("Ballot unit enabled for slip %(slip)s: the voter may vote now.")
                % {"slip": num(form.cleaned_data["slip"])},
            )
            return HttpResponseRedirect(reverse("po3"))
    return _po3_page(request, form, INVALID)
