from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StationConfig(AppConfig):
    name = "nirvachan.station"
    label = "station"
    verbose_name = _("Polling station")

    def ready(self) -> None:
        from nirvachan.station import events  # noqa: F401  (declares the audit event types)
