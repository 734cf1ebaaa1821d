"""Django settings, read only from the environment.

Variables (see README, "Configuration"):
  NIRVACHAN_ENV        "development" (default) or "production"
  NIRVACHAN_DATA_DIR   where the SQLite file, the development secret key and uploads live (./var/)
  DATABASE_URL         e.g. postgres://user:pass@host:5432/nirvachan; default SQLite in the data dir
  SECRET_KEY           required in production; generated once and kept in the data dir otherwise
  ALLOWED_HOSTS        comma-separated host names
  CSRF_TRUSTED_ORIGINS comma-separated origins (production behind a proxy)
  NIRVACHAN_DEBUG      "1" turns Django's DEBUG on (never in production)
  NIRVACHAN_SESSION_IDLE_MINUTES  idle session expiry (default 30)
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url

from nirvachan import __version__

BASE_DIR = Path(__file__).resolve().parent
ENV = os.environ.get("NIRVACHAN_ENV", "development").strip().lower()
PRODUCTION = ENV == "production"
if ENV not in {"development", "production", "test"}:
    raise RuntimeError(f"NIRVACHAN_ENV must be development, production or test, not {ENV!r}")

DATA_DIR = Path(os.environ.get("NIRVACHAN_DATA_DIR", "var")).resolve()
NIRVACHAN_VERSION = __version__


def _env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY", "")
    if key:
        return key
    if PRODUCTION:
        raise RuntimeError("SECRET_KEY must be set when NIRVACHAN_ENV=production")
    path = DATA_DIR / "secret_key"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(key)
    return key


SECRET_KEY = _secret_key()
DEBUG = (not PRODUCTION) and os.environ.get("NIRVACHAN_DEBUG", "") == "1"
ALLOWED_HOSTS = _env_list(
    "ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,[::1],testserver"
)
CSRF_TRUSTED_ORIGINS = _env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",
    "js_lib_htmx",
    "nirvachan.core",
    "nirvachan.elections",
    "nirvachan.finance",
    "nirvachan.meetings",
    "nirvachan.roll",
    "nirvachan.monitoring",
    "nirvachan.results",
    "nirvachan.station",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "nirvachan.core.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "nirvachan.urls"
WSGI_APPLICATION = "nirvachan.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "nirvachan.core.context_processors.shell",
            ],
        },
    }
]


def _databases() -> dict[str, dict[str, object]]:
    default_url = f"sqlite:///{DATA_DIR / 'nirvachan.sqlite3'}"
    url = os.environ.get("DATABASE_URL", "") or default_url
    if url.startswith("sqlite") and not os.environ.get("DATABASE_URL"):
        DATA_DIR.mkdir(parents=True, exist_ok=True)
    db: dict[str, object] = dict(
        dj_database_url.parse(url, conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")))
    )
    if db["ENGINE"] == "django.db.backends.sqlite3":
        db["OPTIONS"] = {
            # WAL lets readers run beside the one writer; IMMEDIATE makes writers queue at
            # BEGIN instead of failing on lock upgrade; foreign keys are on in Django's backend.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
        }
        test_name = os.environ.get("NIRVACHAN_TEST_SQLITE")
        if test_name:
            db["TEST"] = {"NAME": test_name}
    return {"default": db}


DATABASES = _databases()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if ENV == "test":  # fast hashing for the test suite only
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "core:home"

# Failed-login throttling (nirvachan.core.services.login_attempt_check)
LOGIN_MAX_FAILURES_PER_USERNAME = int(os.environ.get("NIRVACHAN_LOGIN_MAX_FAILURES", "5"))
LOGIN_MAX_FAILURES_PER_ADDRESS = 20
LOGIN_FAILURE_WINDOW_SECONDS = 15 * 60

SESSION_COOKIE_AGE = int(os.environ.get("NIRVACHAN_SESSION_IDLE_MINUTES", "30")) * 60
SESSION_SAVE_EVERY_REQUEST = True  # the age is an idle timeout
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False  # htmx reads it to send X-CSRFToken

LOCALE_PATHS = [BASE_DIR / "translations"]
LANGUAGE_CODE = "en"
LANGUAGES = [("bn", "বাংলা"), ("hi", "हिन्दी"), ("en", "English")]
LANGUAGE_COOKIE_NAME = "nirvachan_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
USE_I18N = True
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Dhaka")
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
if not PRODUCTION:
    STATIC_ROOT.mkdir(
        parents=True, exist_ok=True
    )  # served from the finders; keeps WhiteNoise quiet
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "nirvachan.core.staticfinders.FontPackageFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = DATA_DIR / "media"
# Development and demo serve static files straight from the finders (no collectstatic, no DEBUG).
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_SSL_REDIRECT = os.environ.get("NIRVACHAN_SSL_REDIRECT", "1") == "1"
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    if not ALLOWED_HOSTS:
        raise RuntimeError("ALLOWED_HOSTS must be set when NIRVACHAN_ENV=production")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {"nirvachan": {"level": os.environ.get("LOG_LEVEL", "INFO")}},
}
