from __future__ import annotations

import json
import unicodedata
from typing import Any

import pytest
from django.core.management import call_command

from nirvachan.core.geography import geography_load
from nirvachan.core.models import AdminUnit, AuditEvent, Constituency, Office, RoleAssignment, User
from nirvachan.core.roles import Role


@pytest.mark.django_db
def test_geography_loads_bangladesh_and_india_once() -> None:
    counts = geography_load()
    K = AdminUnit.Kind
    assert AdminUnit.objects.filter(kind=K.DIVISION).count() == 8
    assert AdminUnit.objects.filter(kind=K.DISTRICT).count() == 64
    assert AdminUnit.objects.filter(kind=K.UPAZILA).count() == 494
    assert AdminUnit.objects.filter(kind=K.STATE).count() == 36
    assert Constituency.objects.count() == 543
    assert counts == {"units": 2 + 8 + 64 + 494 + 36, "constituencies": 543, "offices": 64 + 494}
    events = list(AuditEvent.objects.values_list("event_type", flat=True))
    assert events == ["geography.load.started", "geography.load.completed"]
    assert geography_load() == {"units": 0, "constituencies": 0, "offices": 0}
    assert AuditEvent.objects.count() == 2


@pytest.mark.django_db
def test_names_codes_and_tree() -> None:
    geography_load()
    gopalganj = AdminUnit.objects.get(code="BD-DIS-51")
    assert (gopalganj.name_en, gopalganj.name_bn) == ("Gopalganj", "গোপালগঞ্জ")
    assert gopalganj.parent.code == "BD-DIV-6" and gopalganj.path == "BD/BD-DIV-6/BD-DIS-51/"
    kuliarchar = AdminUnit.objects.get(code="BD-UPZ-351")
    assert kuliarchar.parent.name_en == "Kishoreganj"
    office = Office.objects.get(code="EO-BD-UPZ-351")
    assert office.name_bn == unicodedata.normalize("NFC", "উপজেলা নির্বাচন অফিস, কুলিয়ারচর, কিশোরগঞ্জ")
    up = AdminUnit.objects.get(code="IN-UP")
    assert up.name_hi == "उत्तर प्रदेश" and up.constituencies.count() == 80
    varanasi = Constituency.objects.get(code="IN-UP-PC-VARANASI")
    assert varanasi.name_en == "Varanasi" and varanasi.kind == "pc"
    per_state = {s.code: s.constituencies.count() for s in AdminUnit.objects.filter(kind="state")}
    assert per_state["IN-WB"] == 42 and per_state["IN-MH"] == 48 and sum(per_state.values()) == 543


@pytest.mark.django_db
def test_demo_is_idempotent_and_creates_one_user_per_role(capsys: Any) -> None:
    call_command("demo", "--no-serve")
    first = json.loads(capsys.readouterr().out.splitlines()[0])
    assert first["created"]["users"] >= len(Role.values)
    assert set(RoleAssignment.objects.values_list("role", flat=True)) == set(Role.values)
    snapshot = (
        AdminUnit.objects.count(),
        Office.objects.count(),
        User.objects.count(),
        RoleAssignment.objects.count(),
        AuditEvent.objects.count(),
    )
    call_command("demo", "--no-serve")
    second = json.loads(capsys.readouterr().out.splitlines()[0])
    created = second["created"]
    assert created["geography"] == {"units": 0, "constituencies": 0, "offices": 0}
    assert created["users"] == 0
    for app in (
        "elections",
        "finance",
        "meetings",
        "roll",
        "monitoring",
        "results",
    ):  # each app's demo adds nothing the 2nd time
        assert all(count == 0 for count in created[app].values()), (app, created[app])
    assert snapshot == (
        AdminUnit.objects.count(),
        Office.objects.count(),
        User.objects.count(),
        RoleAssignment.objects.count(),
        AuditEvent.objects.count(),
    )
