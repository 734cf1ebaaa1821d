"""The user's language: chosen once, remembered on the user and in a cookie."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


class UserLanguageMiddleware:
    """After authentication: a signed-in user's preferred language wins over Accept-Language
    when the browser carries no language cookie (new device, cleared cookies)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        preferred = getattr(user, "preferred_language", "") if user is not None else ""
        set_cookie = False
        if (
            preferred
            and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
            and preferred != getattr(request, "LANGUAGE_CODE", None)
        ):
            translation.activate(preferred)
            request.LANGUAGE_CODE = preferred
            set_cookie = True
        response = self.get_response(request)
        if set_cookie:
            set_language_cookie(response, preferred)
        return response


def set_language_cookie(response: HttpResponse, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
        httponly=True,
    )
