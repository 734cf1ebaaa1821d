"""Template filters of the monitoring pages."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import template
from django.utils import timezone
from django.utils.translation import get_language

from nirvachan.locale import Lang, to_native_digits
from nirvachan.locale.digits import native_script

register = template.Library()


@register.filter
def local_time(value: Any) -> Any:
    """The local time of a moment as HH:MM in the language's digits (১০:৪০, १०:४०, 10:40)."""
    if not isinstance(value, dt.datetime):
        return value
    code = (get_language() or "en")[:2]
    lang = cast(Lang, code if code in ("bn", "hi", "en") else "en")
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return to_native_digits(f"{local:%H:%M}", native_script(lang))
