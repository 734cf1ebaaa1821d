"""Home, sign-in and sign-out of the station device, and helpers shared by the role pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from nirvachan.core.templatetags.nirvachan import lakh
from nirvachan.station.web import access
from nirvachan.station.web.forms import PinForm

PHASES: dict[str, Any] = {
    "ready": _("Ready: package loaded"),
    "mock": _("Mock poll"),
    "sealed": _("Cleared and sealed"),
    "open": _("Poll open"),
    "closing": _("Closing: token holders only"),
    "closed": _("Poll closed"),
    "packaged": _("Result package made"),
}
ELECTOR_STATES: dict[str, Any] = {
    "not_seen": _("Not yet come"),
    "checked_in": _("Checked in"),
    "registered": _("In Form 17A"),
    "enabled": _("At the ballot unit"),
    "voted": _("Voted"),
    "left": _("Left without voting"),
    "tendered": _("Tendered vote"),
}
EVENTS: dict[str, Any] = {
    "package_loaded": _("Station package loaded"),
    "mock_poll_started": _("Mock poll started"),
    "mock_poll_cleared": _("Mock poll cleared and sealed"),
    "poll_opened": _("Poll opened"),
    "checkpoint": _("Signed checkpoint"),
    "checked_in": _("Elector checked in"),
    "registered": _("Form 17A entry"),
    "ballot_enabled": _("Ballot unit enabled"),
    "vote_recorded": _("Vote recorded"),
    "left_without_voting": _("Left without voting"),
    "tendered_vote": _("Tendered vote"),
    "challenged": _("Identity challenged"),
    "companion": _("Companion recorded"),
    "proxy": _("Proxy recorded"),
    "turnout_report": _("Turnout report"),
    "poll_closing": _("Poll closing: tokens issued"),
    "poll_closed": _("Poll closed"),
    "exported": _("Result package made"),
}
INVALID = 422  # a form that is refused is shown again with this status


def num(value: Any) -> str:
    """A number in the active language's digits and grouping (৬,২৪,৬০৭ · ६,२४,६०७)."""
    return str(lakh(value))


def day(request: HttpRequest) -> Any:
    return request.day.get()  # type: ignore[attr-defined]


def flash(request: HttpRequest, message: str, kind: str = "success") -> None:
    request.session["flash"] = [*request.session.get("flash", []), [kind, str(message)]]


def page_context(request: HttpRequest, info: dict[str, Any]) -> dict[str, Any]:
    messages = request.session.pop("flash", [])
    phase = str(info.get("phase", ""))
    return {
        "info": info,
        "station": info.get("station", {}),
        "election": info.get("election", {}),
        "counts": info.get("counts", {}),
        "phase": phase,
        "phase_label": PHASES.get(phase, phase),
        "flash_messages": messages,
    }


def ballot_options(ballots: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each contest's choices by serial, NOTA last (serial = number of candidates + 1)."""
    contests = []
    for ballot in ballots:
        candidates = sorted(ballot.get("candidates", []), key=lambda c: int(c["serial"]))
        options = [{**c, "nota": False} for c in candidates]
        if ballot.get("nota", True):
            options.append({"serial": len(candidates) + 1, "nota": True, "party": None})
        contests.append({**ballot, "options": options})
    return contests


def home(request: HttpRequest) -> HttpResponse:
    info = day(request).info()
    context = page_context(request, info)
    context["roles"] = access.ROLES
    return render(request, "station_web/home.html", context)


def _safe_next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@require_http_methods(["GET", "POST"])
def signin(request: HttpRequest, role: str) -> HttpResponse:
    if role not in access.ROLES:
        return render(request, "station_web/not_found.html", status=404)
    the_day = day(request)
    status = 200
    form = PinForm(request.POST or None)
    if request.method == "POST":
        status = INVALID
        wait = access.locked_for(role)
        if wait > 0:
            form.is_valid()
            form.add_error(
                "pin",
                _g("Too many wrong PINs. Try again in %(seconds)s seconds.")
                % {"seconds": num(int(wait) + 1)},
            )
        elif form.is_valid():
            if the_day.verify_pin(role, form.cleaned_data["pin"]):
                access.reset_failures(role)
                access.sign_in(request, role)
                return HttpResponseRedirect(_safe_next(request, reverse(access.HOME[role])))
            access.note_failure(role)
            form.add_error("pin", _g("This PIN is not the PIN of this role."))
    context = page_context(request, the_day.info())
    context.update(
        {
            "form": form,
            "role": role,
            "role_label": access.ROLES[role],
            "next": _safe_next(request, ""),
        }
    )
    return render(request, "station_web/signin.html", context, status=status)


@require_POST
def signout(request: HttpRequest) -> HttpResponse:
    request.session.flush()
    return HttpResponseRedirect(reverse("home"))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """The form was sent from a page that had expired (or from elsewhere): nothing recorded."""
    return render(request, "station_web/csrf_failure.html", status=403)


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "station_web/not_found.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "station_web/server_error.html", status=500)
