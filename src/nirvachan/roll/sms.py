"""The SMS service: `ECI <EPIC>`, `ECI <EPIC> 1`, `ECIPS <EPIC>`, `PC <NID>`; help otherwise.

Replies fit three SMS segments (rules.sms_segments)."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from nirvachan.core.errors import DomainError
from nirvachan.roll import rules, selectors
from nirvachan.roll.models import Elector

MAX_SEGMENTS = 3


def _help() -> str:
    return _(
        "Send ECI <EPIC> for your part and serial, ECI <EPIC> 1 in your language, "
        "ECIPS <EPIC> for the polling station address, PC <NID> for the polling centre."
    )


def _fit(text: str) -> str:
    while rules.sms_segments(text) > MAX_SEGMENTS:
        text = text[: len(text) - 10].rstrip() + "…"
    return text


def _regional(elector: Elector) -> str:
    return "bn" if elector.constituency.country == "BD" else "hi"


def _lookup(key: str) -> Elector | str:
    try:
        return selectors.elector_public(epic=key)
    except DomainError as exc:
        return exc.message


def reply_for(text: str) -> str:
    words = text.split()
    command = words[0].upper() if words else ""
    if command not in ("ECI", "ECIPS", "PC") or len(words) < 2:
        return _fit(_help())
    found = _lookup(words[1])
    if isinstance(found, str):
        return _fit(found)
    elector = found
    regional = command == "ECI" and len(words) > 2 and words[2] == "1"
    language = _regional(elector) if regional else translation.get_language() or "en"
    with translation.override(language):
        station = elector.part.polling_station
        if command == "ECI":
            reply = _(
                "%(name)s, %(ac)s, part %(part)s, serial %(serial)s, polling station: %(ps)s"
            ) % {
                "name": elector.name,
                "ac": elector.constituency.name,
                "part": elector.part.number,
                "serial": elector.serial,
                "ps": station.name,
            }
        else:
            label = _("Polling centre") if command == "PC" else _("Polling station")
            reply = f"{label}: {station.name}, {station.address}".rstrip(", ")
    return _fit(reply)
