"""Sign-in per role with the PINs issued by ``init_station``; a failed-PIN throttle."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

ROLES: dict[str, Any] = {
    "presiding": _("Presiding officer"),
    "po1": _("Polling officer 1 (identity)"),
    "po2": _("Polling officer 2 (ink and Form 17A)"),
    "po3": _("Polling officer 3 (ballot unit)"),
}
HOME = {"presiding": "presiding", "po1": "po1", "po2": "po2", "po3": "po3"}
MAX_FAILURES = 5
LOCK_SECONDS = 60.0

clock: Callable[[], float] = time.monotonic
_failures: dict[str, list[float]] = {}
_lock = threading.Lock()


def locked_for(role: str) -> float:
    """Seconds until the role may try a PIN again (0 when it may)."""
    now = clock()
    with _lock:
        recent = [t for t in _failures.get(role, []) if now - t < LOCK_SECONDS]
        _failures[role] = recent
        if len(recent) >= MAX_FAILURES:
            return LOCK_SECONDS - (now - recent[0])
    return 0.0


def note_failure(role: str) -> None:
    with _lock:
        _failures.setdefault(role, []).append(clock())


def reset_failures(role: str | None = None) -> None:
    with _lock:
        if role is None:
            _failures.clear()
        else:
            _failures.pop(role, None)


def signed_in(request: HttpRequest, role: str) -> bool:
    return role in request.session.get("roles", [])


def sign_in(request: HttpRequest, role: str) -> None:
    roles = [r for r in request.session.get("roles", []) if r != role]
    request.session.cycle_key()
    request.session["roles"] = [*roles, role]


def role_required(
    role: str,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """A page of one role: a reader without that role's sign-in goes to its sign-in page; a
    write without it is refused (403) and changes nothing."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not signed_in(request, role):
                if request.method in ("GET", "HEAD"):
                    url = reverse("signin", args=[role])
                    return HttpResponseRedirect(
                        f"{url}?{urlencode({'next': request.get_full_path()})}"
                    )
                context = {"role_label": ROLES[role], "role": role}
                return render(request, "station_web/forbidden.html", context, status=403)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate
