from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResultsConfig(AppConfig):
    name = "nirvachan.results"
    label = "results"
    verbose_name = _("Results")

    def ready(self) -> None:
        from nirvachan.results import events  # noqa: F401  (declares the audit event types)
