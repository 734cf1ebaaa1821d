"""Translation for the station device's messages without making the core depend on Django.

`gettext` translates through Django when its settings are configured (the `nirvachan` command and
the station's web server both configure it) and returns the English text otherwise (a bare
Python process, e.g. the crash-test child).
"""

from __future__ import annotations


def gettext(message: str) -> str:
    try:
        from django.conf import settings  # type: ignore[import-untyped]

        if not settings.configured:
            return message
        from django.utils.translation import gettext as django_gettext  # type: ignore[import-untyped]

        return str(django_gettext(message))
    except Exception:
        return message


def gettext_noop(message: str) -> str:
    """Marks a string for the catalogue; translated later with `gettext`."""
    return message
