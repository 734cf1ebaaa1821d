"""Form 6 in Hindi and the duplicate review, in a real browser."""

from __future__ import annotations

from typing import Any

import pytest

from nirvachan.core.roles import Role
from nirvachan.roll import services
from nirvachan.roll.models import Application, DuplicatePair
from tests.factories import PASSWORD, Geo, user
from tests.roll.factories import elector, make_roll

pytestmark = pytest.mark.browser


def test_form6_in_hindi_with_an_error_then_a_receipt(page: Any, tx_geo: Geo) -> None:
    make_roll(tx_geo)
    page.goto("/roll/apply/")
    page.get_by_role("button", name="हिन्दी").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="प्रारूप 6: मेरा नाम जोड़ें").click()
    page.wait_for_load_state()
    page.get_by_label("विधानसभा निर्वाचन क्षेत्र").select_option(label="390. वाराणसी कैंट (उत्तर प्रदेश)")
    page.get_by_label("आपका नाम").fill("सुनीता देवी")
    page.get_by_label("संबंधी का नाम").fill("राम कुमार")
    page.get_by_label("जन्म तिथि").fill("2000-03-01")
    page.locator("#id_address").fill("सिगरा, वाराणसी")
    page.get_by_label("आपका मोबाइल नंबर").fill("9876543210")
    page.get_by_label("मैं सामान्यतः इसी निर्वाचन क्षेत्र में रहता/रहती हूँ").check()
    page.get_by_role("button", name="प्रारूप 6 जमा करें").click()
    page.wait_for_load_state()
    assert "नागरिक" in page.get_by_role("alert").first.inner_text()
    assert Application.objects.count() == 0
    page.get_by_label("मैं इस देश का नागरिक हूँ").check()
    page.get_by_role("button", name="प्रारूप 6 जमा करें").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "आवेदन प्राप्त हुआ"
    assert Application.objects.get().name == "सुनीता देवी"


def test_officer_marks_a_pair_as_the_same_person(page: Any, tx_geo: Geo) -> None:
    roll = make_roll(tx_geo)
    a = elector(roll.g1, "5100000001", name="আব্দুল করিম")
    b = elector(roll.g1, "5100000002", name="Abdul Karim")
    services.duplicate_pairs_load(
        actor=None,
        rows=services.pairs_parse(
            f"epic_a,epic_b,match_probability\n{a.key},{b.key},0.97\n".encode()
        ),
    )
    user("ero", Role.RETURNING_OFFICER, tx_geo.gopalganj)
    page.goto("/login/")
    page.get_by_label("User name").fill("ero")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    page.goto("/roll/duplicates/")
    assert "Match probability 0.97" in page.content()
    page.get_by_role("button", name="Same person: raise a Form 7 notice").click()
    page.wait_for_load_state()
    assert "A Form 7 notice was raised on 5100000002" in page.content()
    assert DuplicatePair.objects.get().verdict == "same"
    assert Application.objects.get().elector == b
