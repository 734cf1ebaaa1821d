from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    name = "nirvachan.finance"
    label = "finance"
    verbose_name = _("Finance")

    def ready(self) -> None:
        from nirvachan.finance import events  # noqa: F401  (declares the audit event types)
