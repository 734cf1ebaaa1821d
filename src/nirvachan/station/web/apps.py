from pathlib import Path

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StationWebConfig(AppConfig):
    name = "nirvachan.station.web"
    label = "station_web"
    verbose_name = _("Polling station device")

    def ready(self) -> None:
        # The device runs without nirvachan.core installed, so compile the catalogues it reads
        # (its own, the station core's and the project-wide ones) here, as core's ready() does.
        from django.conf import settings

        from nirvachan.core.i18n import compile_catalogs

        for path in settings.LOCALE_PATHS:
            if Path(path).is_dir():
                compile_catalogs(Path(path))
