"""The station device's Django settings as a function of its data directory.

``settings.py`` applies it for the real server; the tests apply the same values with
``override_settings`` on top of the central test settings.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

WEB_DIR = Path(__file__).resolve().parent
PACKAGE_DIR = WEB_DIR.parent.parent  # src/nirvachan
SECRET_FILE = "web_secret_key"  # noqa: S105 - a file name, not a secret
LOCAL_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
# The station's language wins over the browser's; the officer may switch (cookie).
LANGUAGES = [("bn", "বাংলা"), ("hi", "हिन्दी"), ("en", "English")]
LANGUAGE_COOKIE_NAME = "nirvachan_station_language"
# A poll day is long: a sign-in lasts 14 hours of activity, and ends when the browser closes.
SESSION_AGE_SECONDS = 14 * 3600


def secret_key(data_dir: Path) -> str:
    """Generated once per device into the data directory (mode 0600)."""
    path = data_dir / SECRET_FILE
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first
        return path.read_text(encoding="utf-8").strip()
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(key)
    return key


def allowed_hosts(bind_host: str) -> list[str]:
    extra = [h.strip() for h in os.environ.get("NIRVACHAN_STATION_HOSTS", "").split(",")]
    hosts = LOCAL_HOSTS + [h for h in extra if h]
    # Bound to every interface: served to the station's own tablets on its local network.
    if bind_host in ("0.0.0.0", "::"):  # noqa: S104
        return ["*"]
    if bind_host and bind_host not in hosts:
        hosts.append(bind_host)
    return hosts


def station_settings(data_dir: Path) -> dict[str, Any]:
    """Every setting that differs from Django's defaults (and from the central settings)."""
    return {
        "STATION_DATA_DIR": data_dir,
        "ROOT_URLCONF": "nirvachan.station.web.urls",
        "MIDDLEWARE": [
            "django.middleware.security.SecurityMiddleware",
            "whitenoise.middleware.WhiteNoiseMiddleware",
            "django.contrib.sessions.middleware.SessionMiddleware",
            "nirvachan.station.web.middleware.StationMiddleware",
            "django.middleware.locale.LocaleMiddleware",
            "django.middleware.common.CommonMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
            "django.middleware.clickjacking.XFrameOptionsMiddleware",
        ],
        "TEMPLATES": [
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                # The station core's Form 17C print template extends core's documents layout.
                "DIRS": [
                    WEB_DIR / "templates",
                    PACKAGE_DIR / "station" / "templates",
                    PACKAGE_DIR / "core" / "templates",
                ],
                "APP_DIRS": False,
                "OPTIONS": {
                    "context_processors": [
                        "django.template.context_processors.request",
                        "django.template.context_processors.i18n",
                        "django.template.context_processors.csrf",
                        "nirvachan.station.web.middleware.context",
                    ],
                    "libraries": {
                        "nirvachan": "nirvachan.core.templatetags.nirvachan",
                        "station_web": "nirvachan.station.web.tags",
                    },
                },
            }
        ],
        "SESSION_ENGINE": "django.contrib.sessions.backends.signed_cookies",
        "SESSION_COOKIE_NAME": "nirvachan_station_session",
        "SESSION_COOKIE_AGE": SESSION_AGE_SECONDS,
        "SESSION_SAVE_EVERY_REQUEST": True,
        "SESSION_EXPIRE_AT_BROWSER_CLOSE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Strict",
        "CSRF_COOKIE_NAME": "nirvachan_station_csrftoken",
        "CSRF_COOKIE_HTTPONLY": False,  # htmx reads it to send X-CSRFToken
        "CSRF_FAILURE_VIEW": "nirvachan.station.web.views.csrf_failure",
        "LOCALE_PATHS": [
            WEB_DIR / "locale",
            PACKAGE_DIR / "station" / "locale",
            PACKAGE_DIR / "translations",
        ],
        "LANGUAGE_CODE": "en",
        "LANGUAGES": LANGUAGES,
        "LANGUAGE_COOKIE_NAME": LANGUAGE_COOKIE_NAME,
        "LANGUAGE_COOKIE_AGE": 365 * 24 * 3600,
        "LANGUAGE_COOKIE_SAMESITE": "Lax",
        "STATIC_URL": "/static/",
        "STATICFILES_FINDERS": [
            "django.contrib.staticfiles.finders.FileSystemFinder",
            "django.contrib.staticfiles.finders.AppDirectoriesFinder",
            "nirvachan.core.staticfinders.FontPackageFinder",
        ],
        "STATICFILES_DIRS": [("station_web", WEB_DIR / "static" / "station_web")],
    }
