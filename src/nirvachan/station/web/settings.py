"""Django settings of the station device (``nirvachan station serve``).

Environment: ``NIRVACHAN_STATION_DATA_DIR`` (required: the directory made by ``station init``),
``NIRVACHAN_STATION_BIND`` (the address served, to derive ALLOWED_HOSTS),
``NIRVACHAN_STATION_HOSTS`` (extra host names, comma-separated).
There is no central database: every record is in the station's own SQLite file, reached through
``nirvachan.station.day``.
"""

from __future__ import annotations

import os
from pathlib import Path

from nirvachan import __version__
from nirvachan.station.web import conf

_data = os.environ.get("NIRVACHAN_STATION_DATA_DIR", "")
if not _data:
    raise RuntimeError("NIRVACHAN_STATION_DATA_DIR must name the station's data directory")
DATA_DIR = Path(_data).resolve()

globals().update(conf.station_settings(DATA_DIR))

NIRVACHAN_VERSION = __version__
SECRET_KEY = conf.secret_key(DATA_DIR)
DEBUG = False
ALLOWED_HOSTS = conf.allowed_hosts(os.environ.get("NIRVACHAN_STATION_BIND", "127.0.0.1"))
INSTALLED_APPS = [
    "django.contrib.staticfiles",
    "js_lib_htmx",
    "nirvachan.station.web",
]
DATABASES: dict[str, dict[str, object]] = {}
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Kolkata")
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
