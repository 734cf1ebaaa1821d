from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ElectionsConfig(AppConfig):
    name = "nirvachan.elections"
    label = "elections"
    verbose_name = _("Elections")

    def ready(self) -> None:
        from nirvachan.elections import events  # noqa: F401  (declares the audit event types)
