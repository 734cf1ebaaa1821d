from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RollConfig(AppConfig):
    name = "nirvachan.roll"
    label = "roll"
    verbose_name = _("Roll")

    def ready(self) -> None:
        from nirvachan.roll import events  # noqa: F401  (declares the audit event types)
