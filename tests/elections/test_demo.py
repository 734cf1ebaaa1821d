"""The demo data: ls2019 with candidates, the Zila Parishad election in Gopalganj; idempotent."""

from __future__ import annotations

import pytest

from nirvachan.core.geography import geography_load
from nirvachan.core.models import AuditEvent
from nirvachan.elections import selectors
from nirvachan.elections.demo import demo_load
from nirvachan.elections.models import CollegeMember, Contest, Election


@pytest.mark.django_db
def test_demo_load_is_complete_and_idempotent() -> None:
    geography_load()
    first = demo_load()
    assert first["zila_parishad"] > 0 and first["ls2019"] > 0
    zp = Election.objects.get(code="zp2022-gop")
    assert sorted(Contest.objects.filter(election=zp).values_list("code", flat=True)) == [
        "CHAIRMAN", "GM-1", "GM-2", "GM-3", "GM-4", "GM-5", "RW-1", "RW-2",
    ]  # fmt: skip
    college = CollegeMember.objects.filter(election=zp)
    assert college.count() == 5 * 4 + 67 * 4
    member = college.filter(unit__code="BD-UPZ-388").first()
    assert member is not None
    assert [c.code for c in selectors.college_contests_for(member)] == ["CHAIRMAN", "GM-4", "RW-2"]
    chairman = Contest.objects.get(election=zp, code="CHAIRMAN")
    ballot = selectors.contest_ballot(chairman, lang="bn")
    assert [e.serial for e in ballot.entries] == [1, 2, 3, 4] and ballot.entries[-1].is_nota
    varanasi = Contest.objects.get(code="IN-UP-PC-VARANASI")
    hindi = selectors.contest_ballot(varanasi, lang="hi")
    assert [e.name for e in hindi.entries] == [
        "अजय राय", "नरेंद्र मोदी", "शालिनी यादव", "इनमें से कोई नहीं (नोटा)",
    ]  # fmt: skip
    events = AuditEvent.objects.count()
    assert demo_load() == {"ls2019": 0, "zila_parishad": 0}
    assert AuditEvent.objects.count() == events  # a re-run that finds everything writes nothing
