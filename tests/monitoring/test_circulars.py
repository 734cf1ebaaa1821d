"""Circulars: reading seed 000, drafting, issuing, acknowledging, who sees what."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from nirvachan.core.errors import DomainError
from nirvachan.core.models import AdminUnit, AuditEvent
from nirvachan.core.roles import Role
from nirvachan.monitoring import selectors, services
from nirvachan.monitoring.circular_text import CircularTextError, parse_circular
from nirvachan.monitoring.models import Circular, CircularRecipient
from nirvachan.monitoring.services import Recipient
from tests.factories import Geo, user
from tests.monitoring.factories import SEED

SEED_TEXT = SEED.read_text(encoding="utf-8")


def at(day: dt.date, hour: int = 12) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


class TestSeedText:
    def test_the_seed_is_read_part_by_part(self) -> None:
        c = parse_circular(SEED_TEXT)
        assert c.heading == (
            "নির্বাচন অধ্যাধিকার",
            "অতীব জরুরি",
            "বাংলাদেশ নির্বাচন কমিশন",
            "নির্বাচন কমিশন সচিবালয়",
        )
        assert c.memo.text == "নং-১৭.০০.০০০০.০৭৯.৩৯.০১৩.২২-৬৭৯"
        assert c.memo.key == "17.00.0000.079.39.013.22-679"
        assert c.date == dt.date(2022, 10, 13)  # not the Bangla-era "২৮ আগস্ট ১৪২৯" above it
        assert c.title == "পরিপত্র-৬"
        assert c.subject == (
            "জেলা পরিষদ নির্বাচন উপলক্ষে বিভিন্ন টিম ও কমিটি গঠন, নির্বাচন পরিচালনা "
            "বিধিমালার বিধানবলি অনুসরণ এবং নির্বাচনে নিরপেক্ষতা বজায় রাখা ইত্যাদি প্রসংগে"
        )
        assert c.preamble.startswith("উপর্যুক্ত বিষয়ে নির্দেশিত হয়ে জানানো যাচ্ছে যে,")
        assert c.preamble.endswith("উল্লেখ করা হলো:")
        # numbers as written (the seed has no paragraph ২)
        assert [p.number for p in c.paragraphs] == [
            "১", "৩", "৪", "৫", "৬", "৭", "৮", "৯", "১০", "১১",
        ]  # fmt: skip
        assert c.paragraphs[0].text.split("\n")[0].startswith("নিরপেক্ষতা অঙ্গুলি রাখা: ")
        assert len(c.paragraphs[0].text.split("\n")) == 7  # heading line + (১)…(৬)
        assert c.paragraphs[3].text.split("\n")[1].startswith("(ক) সংশ্লিষ্ট জেলায়")
        assert c.paragraphs[-1].text == ("প্রাপ্তি স্বীকারঃ এই পরিপত্রের প্রাপ্তি স্বীকারের জন্য অনুরোধ করা হল।")
        assert c.signatory_name == "মোঃ আতিয়ার রহমান"
        assert c.signatory_lines == (
            "উপসচিব",
            "নির্বাচন পরিচালনা-২ অধিশাখা",
            "ফোন: ০২-৫৫০০৭৫২৫",
            "E-mail: ecsemc2@gmail.com",
        )
        assert len(c.distribution) == 7
        assert c.distribution[0] == "জেলা প্রশাসক, ..... (সংশ্লিষ্ট) ও রিটার্নিং অফিসার"
        assert c.copy_purpose == (
            "অনুলিপি সদয় অবগতি ও প্রয়োজনীয় ব্যবস্থা গ্রহণের জন্য প্রেরণ করা হলো (জ্যেষ্ঠতার ভিত্তিতে নয়):"
        )
        assert "সদয় অবগতি ও প্রয়োজনীয় ব্যবস্থা গ্রহণের জন্য" in c.copy_purpose
        assert len(c.copies) == 26
        assert c.copies[0] == "মন্ত্রিপরিষদ সচিব, মন্ত্রিপরিষদ বিভাগ, বাংলাদেশ সচিবালয়, ঢাকা"
        # a wrapped item is joined; the blank line between 13 and 14 does not break the list
        assert c.copies[17].endswith("জারি করিবার জন্য অনুরোধ করা হইল]")
        assert c.copies[13] == "মহাপরিচালক (সিআইবি), বাংলাদেশ ব্যাংক, ঢাকা"
        assert c.copies[-1] == "অফিসার-ইন-চার্জ, ..... (সংশ্লিষ্ট) থানা।"

    def test_crlf_and_nbsp_do_not_matter(self) -> None:
        c = parse_circular(SEED_TEXT.replace("\n", "\r\n").replace(" ", "\u00a0", 50))
        assert (c.memo.key, c.date, len(c.paragraphs), len(c.copies)) == (
            "17.00.0000.079.39.013.22-679",
            dt.date(2022, 10, 13),
            10,
            26,
        )

    @pytest.mark.parametrize(
        ("text", "part"),
        [
            ("no memo here", "memo"),
            ("নং-১৭.০০.০০০০.০৭৯\nবিষয়: x\n১। y\nস্বাক্ষরঃ/-", "date"),
            ("নং-১৭.০০.০০০০.০৭৯\nতারিখ: ১৩ অক্টোবর ২০২২\n", "subject"),
            ("নং-১৭.০০.০০০০.০৭৯\nতারিখ: ১৩ অক্টোবর ২০২২\nবিষয়: x\n\nকিছু\n", "paragraphs"),
            ("নং-১৭.০০.০০০০.০৭৯\nতারিখ: ১৩ অক্টোবর ২০২২\nবিষয়: x\n\n১। y\n", "signatory"),
        ],
    )
    def test_what_is_missing_is_named(self, text: str, part: str) -> None:
        with pytest.raises(CircularTextError) as caught:
            parse_circular(text)
        assert caught.value.part == part


def _draft(
    unit: AdminUnit, memo: str = "নং-১৭.০০.০০০০.০৭৯.৩৯.০১৩.২২-৭০০", **kw: object
) -> Circular:
    return services.circular_draft(
        actor=kw.pop("actor", None),
        unit=unit,
        memo_number=memo,
        date=dt.date(2022, 10, 13),
        subject="Formation of monitoring teams",
        paragraphs=["Form the teams.", "  ", "Acknowledge receipt."],
        signatory_name="Md. Atiar Rahman",
        signatory_lines=["Deputy Secretary"],
        distribution=["Deputy Commissioner, Gopalganj", ""],
        copies=["Cabinet Secretary"],
        copy_purpose="সদয় অবগতি ও প্রয়োজনীয় ব্যবস্থা গ্রহণের জন্য",
        **kw,  # type: ignore[arg-type]
    )


@pytest.mark.django_db
class TestCircularServices:
    def test_draft_numbers_paragraphs_and_dates_in_both_calendars(self, geo: Geo) -> None:
        ro = user("ro", Role.RETURNING_OFFICER, geo.gopalganj)
        c = _draft(geo.gopalganj, actor=ro)
        assert (c.memo_number, c.memo_key, c.status) == (
            "নং-১৭.০০.০০০০.০৭৯.৩৯.০১৩.২২-৭০০",
            "17.00.0000.079.39.013.22-700",
            "draft",
        )
        assert c.bangla_date == "২৮ আশ্বিন ১৪২৯"
        assert c.paragraphs == [
            {"number": "১", "text": "Form the teams."},
            {"number": "২", "text": "Acknowledge receipt."},
        ]
        assert c.distribution == ["Deputy Commissioner, Gopalganj"]
        event = AuditEvent.objects.get(event_type="monitoring.circular_drafted")
        assert (event.actor_id, event.actor_role) == (ro.pk, "returning_officer")

    def test_a_memo_number_is_used_once_and_must_be_readable(self, geo: Geo) -> None:
        _draft(geo.gopalganj)
        with pytest.raises(DomainError) as caught:
            _draft(geo.gopalganj, memo="17.00.0000.079.39.013.22-700")  # same key, ASCII digits
        assert caught.value.code == "circular_duplicate_memo"
        with pytest.raises(DomainError) as caught:
            _draft(geo.gopalganj, memo="নং-!!")
        assert caught.value.details["field"] == "memo_number"
        assert Circular.objects.count() == 1

    def test_out_of_scope_drafting_is_refused(self, geo: Geo) -> None:
        ro = user("ro", Role.RETURNING_OFFICER, geo.gopalganj)
        with pytest.raises(DomainError) as caught:
            _draft(geo.kishoreganj, actor=ro)
        assert caught.value.code == "out_of_scope"
        assert Circular.objects.count() == 0
        assert not AuditEvent.objects.filter(event_type="monitoring.circular_drafted").exists()

    def test_issue_creates_acknowledgement_obligations(self, geo: Geo) -> None:
        bd = AdminUnit.objects.get(code="BD")
        c = _draft(bd)
        c = services.circular_issue(
            actor=None,
            circular=c,
            recipients=[
                Recipient(geo.gopalganj, geo.gopalganj_office),
                Recipient(geo.kishoreganj),
            ],
            ack_days=3,
            at=at(dt.date(2022, 10, 13), 10),
        )
        assert (c.status, c.ack_days) == ("issued", 3)
        rows = list(CircularRecipient.objects.order_by("pk"))
        assert [(r.unit.code, r.office_id) for r in rows] == [
            (geo.gopalganj.code, geo.gopalganj_office.pk),
            (geo.kishoreganj.code, None),
        ]
        due = timezone.make_aware(dt.datetime(2022, 10, 16, 23, 59, 59))
        assert {r.due_at for r in rows} == {due}
        assert AuditEvent.objects.filter(event_type="monitoring.circular_issued").count() == 1
        with pytest.raises(DomainError) as caught:
            services.circular_issue(actor=None, circular=c, recipients=[Recipient(geo.gopalganj)])
        assert caught.value.code == "circular_not_draft"
        assert CircularRecipient.objects.count() == 2

    def test_issue_validates_recipients_and_days(self, geo: Geo) -> None:
        c = _draft(AdminUnit.objects.get(code="BD"))
        for recipients, days, field in [
            ([], 3, "recipients"),
            ([Recipient(geo.kishoreganj, geo.gopalganj_office)], 3, "recipients"),
            ([Recipient(geo.gopalganj), Recipient(geo.gopalganj)], 3, "recipients"),
            ([Recipient(geo.gopalganj)], 0, "ack_days"),
        ]:
            with pytest.raises(DomainError) as caught:
                services.circular_issue(
                    actor=None, circular=c, recipients=recipients, ack_days=days
                )
            assert caught.value.details["field"] == field
        c.refresh_from_db()
        assert (c.status, CircularRecipient.objects.count()) == ("draft", 0)

    def test_recipients_acknowledge_and_the_sender_sees_who(self, geo: Geo) -> None:
        admin = user("admin", Role.COMMISSION_ADMIN, AdminUnit.objects.get(code="BD"))
        ro_gop = user("ro-gop", Role.RETURNING_OFFICER, geo.gopalganj)
        ro_kis = user("ro-kis", Role.RETURNING_OFFICER, geo.kishoreganj)
        c = services.circular_issue(
            actor=admin,
            circular=_draft(AdminUnit.objects.get(code="BD"), actor=admin),
            recipients=[Recipient(geo.gopalganj), Recipient(geo.kishoreganj)],
            ack_days=3,
            at=at(dt.date(2022, 10, 13)),
        )
        mine = selectors.circular_recipients(ro_gop, c)
        assert [(r.unit, r.can_acknowledge) for r in mine] == [(geo.gopalganj.code, True)]
        recipient = selectors.recipient_get_for_user(ro_gop, mine[0].id)
        services.circular_acknowledge(
            actor=ro_gop, recipient=recipient, at=at(dt.date(2022, 10, 14))
        )
        with pytest.raises(DomainError) as caught:
            services.circular_acknowledge(actor=ro_gop, recipient=recipient)
        assert caught.value.code == "circular_already_acknowledged"
        with pytest.raises(DomainError) as caught:
            selectors.recipient_get_for_user(ro_kis, recipient.pk)
        assert caught.value.code == "not_found"
        now = at(dt.date(2022, 10, 18))
        seen = selectors.circular_recipients(admin, c, now=now)
        assert [(r.unit, r.status) for r in seen] == [  # in unit-path order
            (geo.kishoreganj.code, "missing"),
            (geo.gopalganj.code, "on_time"),
        ]
        early = selectors.circular_recipients(admin, c, now=at(dt.date(2022, 10, 15)))
        assert [r.status for r in early] == ["due", "on_time"]
        assert AuditEvent.objects.filter(event_type="monitoring.circular_acknowledged").count() == 1
        # recipients see it on their dashboard; a draft is not seen by recipients
        received = selectors.circulars_received(ro_kis, now=now)
        assert [(r["circular"].pk, r["status"]) for r in received] == [(c.pk, "missing")]
        assert list(selectors.circular_list_for_user(ro_kis)) == [c]
        draft = _draft(AdminUnit.objects.get(code="BD"), memo="নং-১৭.০০.০০০০.০৭৯.৩৯.০১৩.২২-৯০০")
        assert draft not in selectors.circular_list_for_user(ro_kis)
        assert draft in selectors.circular_list_for_user(admin)

    def test_the_seed_is_drafted_from_its_text(self, geo: Geo) -> None:
        c = services.circular_from_text(
            actor=None, unit=AdminUnit.objects.get(code="BD"), text=SEED_TEXT
        )
        assert (c.memo_key, c.date, c.bangla_date, c.title) == (
            "17.00.0000.079.39.013.22-679",
            dt.date(2022, 10, 13),
            "২৮ আশ্বিন ১৪২৯",
            "পরিপত্র-৬",
        )
        assert (len(c.paragraphs), len(c.distribution), len(c.copies)) == (10, 7, 26)
        assert c.paragraphs[1]["number"] == "৩"
        with pytest.raises(DomainError) as caught:
            services.circular_from_text(
                actor=None, unit=AdminUnit.objects.get(code="BD"), text="nothing"
            )
        assert caught.value.details["field"] == "memo"
        assert Circular.objects.count() == 1
