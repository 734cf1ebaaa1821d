"""Template filters of the station pages (registered as the ``station_web`` library)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import template
from django.utils import timezone
from django.utils.translation import get_language

from nirvachan.locale.digits import native_script, to_native_digits

register = template.Library()


def local_name(value: Any, lang: str | None = None) -> str:
    """``name_bn``/``name_hi``/``name_en`` of a package record in the active language."""
    if not isinstance(value, dict):
        return "" if value is None else str(value)
    code = (lang or get_language() or "en")[:2]
    for key in (f"name_{code}", "name_en", "name", "code", "abbreviation"):
        if value.get(key):
            return str(value[key])
    return ""


register.filter("local_name", local_name)


@register.filter
def get_item(value: Any, key: Any) -> Any:
    if isinstance(value, dict):
        return value.get(key, value.get(str(key)))
    return None


@register.filter
def when(value: Any) -> str:
    """An ISO time of the station's log as local date and time, in the language's digits."""
    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    text = moment.strftime("%d-%m-%Y %H:%M")
    code = (get_language() or "en")[:2]
    if code in ("bn", "hi"):
        text = to_native_digits(text, native_script(code))
    return text
