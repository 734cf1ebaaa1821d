"""Helpers shared by the roll services: text clean-up, today, qualifying dates, serials."""

from __future__ import annotations

import datetime as dt
import unicodedata

from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from nirvachan.core.models import Constituency
from nirvachan.roll import rules
from nirvachan.roll.models import Elector, Part


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text or "").strip()


def _today() -> dt.date:
    return timezone.localdate()


def qualifying_dates() -> tuple[tuple[int, int], ...]:
    return tuple(getattr(settings, "ROLL_QUALIFYING_DATES", rules.DEFAULT_QUALIFYING_DATES))


def _state_path(constituency: Constituency) -> str:
    """The state (India) or division (Bangladesh) above a constituency's unit."""
    codes = [c for c in constituency.unit.path.split("/") if c]
    return "/".join(codes[:2]) + "/"


def _next_serial(part: Part) -> int:
    """The next serial of a part, under a row lock on the part (select_for_update)."""
    locked = Part.objects.select_for_update().get(pk=part.pk)
    highest = Elector.objects.filter(part=locked).aggregate(m=Max("serial"))["m"] or 0
    serial = max(locked.last_serial, highest) + 1
    Part.objects.filter(pk=part.pk).update(last_serial=serial)
    return serial
