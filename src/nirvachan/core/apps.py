from pathlib import Path

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "nirvachan.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # Event types are declared at import time of each app's events module.
        from django.apps import apps
        from django.conf import settings

        from nirvachan.core import events  # noqa: F401
        from nirvachan.core.i18n import compile_catalogs

        for path in settings.LOCALE_PATHS:
            compile_catalogs(Path(path))
        for config in apps.get_app_configs():  # per-app catalogues (src/nirvachan/<app>/locale)
            if config.name.startswith("nirvachan.") and (Path(config.path) / "locale").is_dir():
                compile_catalogs(Path(config.path) / "locale")
