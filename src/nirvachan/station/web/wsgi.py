"""WSGI application of the station device (any WSGI server may serve it;
NIRVACHAN_STATION_DATA_DIR must be set)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nirvachan.station.web.settings")
application = get_wsgi_application()
