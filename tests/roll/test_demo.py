from __future__ import annotations

import pytest

from nirvachan.roll.demo import demo_load
from nirvachan.roll.models import Elector, Part
from tests.factories import Geo


@pytest.mark.django_db
def test_demo_is_idempotent(geo: Geo) -> None:
    assert demo_load() == {"electors": 20_000}
    assert demo_load() == {"electors": 0}
    assert Elector.objects.filter(key_kind="nid").count() == 10_000
    assert Part.objects.count() == 20
    assert Elector.objects.get(key="UPV0000001").constituency.code == "IN-UP-AC-390"
