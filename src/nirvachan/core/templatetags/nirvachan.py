"""Template filters of the project: role labels and, from nirvachan.locale, numbers, words and
dates in the active language."""

from __future__ import annotations

from django import template

from nirvachan.core.roles import Role

register = template.Library()


@register.filter
def role_label(value: str) -> str:
    try:
        return str(Role(value).label)
    except ValueError:
        return value
