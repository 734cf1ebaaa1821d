from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "nirvachan.meetings"
    label = "meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        from nirvachan.meetings import events  # noqa: F401  (declares the audit event types)
