"""Per request: the station's day (one StationDay, i.e. one SQLite connection, per request,
opened on first use and closed after the response) and the station's language as the default."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from nirvachan.station.day import StationDay

ROLES = ("presiding", "po1", "po2", "po3")
_languages: dict[Path, str] = {}
_languages_lock = threading.Lock()


def open_day(data_dir: Path) -> Any:
    """The StationDay of the data directory (a seam for tests)."""
    return StationDay.open(data_dir)


class LazyDay:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._day: Any = None

    def get(self) -> Any:
        if self._day is None:
            self._day = open_day(self.data_dir)
        return self._day

    def close(self) -> None:
        if self._day is not None:
            self._day.close()
            self._day = None


def station_language(request: HttpRequest) -> str:
    data_dir = Path(settings.STATION_DATA_DIR)
    with _languages_lock:
        known = _languages.get(data_dir)
    if known:
        return known
    codes = {code for code, _label in settings.LANGUAGES}
    try:
        info = request.day.get().info()  # type: ignore[attr-defined]
        language = str(info.get("station", {}).get("language") or "")
    except Exception:  # an uninitialised data dir: fall back; the pages say why
        return settings.LANGUAGE_CODE
    if language not in codes:
        language = settings.LANGUAGE_CODE
    with _languages_lock:
        _languages[data_dir] = language
    return language


def forget_languages() -> None:
    with _languages_lock:
        _languages.clear()


class StationMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        day = LazyDay(Path(settings.STATION_DATA_DIR))
        request.day = day  # type: ignore[attr-defined]
        try:
            if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES and not _is_static(request):
                # The station's language, not the browser's, unless the officer chose one.
                request.META["HTTP_ACCEPT_LANGUAGE"] = station_language(request)
            return self.get_response(request)
        finally:
            day.close()


def _is_static(request: HttpRequest) -> bool:
    return request.path.startswith(str(settings.STATIC_URL))


def context(request: HttpRequest) -> dict[str, Any]:
    session = getattr(request, "session", None)
    roles = list(session.get("roles", [])) if session is not None else []
    return {
        "signed_in_roles": roles,
        "station_languages": settings.LANGUAGES,
        "nirvachan_version": getattr(settings, "NIRVACHAN_VERSION", ""),
    }
