"""The pure modules: fiscal years and allocation tables (seed 002, CSV, XLSX)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nirvachan.finance.fiscal import (
    fiscal_year_bounds,
    fiscal_year_of,
    format_fiscal_year,
    parse_fiscal_year,
)
from nirvachan.finance.tables import (
    Difference,
    check_table,
    duplicate_rows,
    office_parts,
    parse_csv,
    parse_text,
    parse_xlsx,
)
from nirvachan.locale import LocaleError
from tests.finance.factories import seed_text

WORDS = "ছয় লক্ষ চব্বিশ হাজার ছয়শত সাত টাকা"


class TestFiscalYear:
    def test_bangladesh_runs_july_to_june(self) -> None:
        assert fiscal_year_of(dt.date(2022, 6, 14), "BD") == 2021
        assert fiscal_year_of(dt.date(2022, 7, 1), "BD") == 2022
        assert fiscal_year_bounds(2021, "BD") == (dt.date(2021, 7, 1), dt.date(2022, 6, 30))

    def test_india_runs_april_to_march(self) -> None:
        assert fiscal_year_of(dt.date(2022, 3, 31), "IN") == 2021
        assert fiscal_year_of(dt.date(2022, 4, 1), "IN") == 2022
        assert fiscal_year_bounds(2021, "IN") == (dt.date(2021, 4, 1), dt.date(2022, 3, 31))

    def test_labels_in_three_scripts(self) -> None:
        assert format_fiscal_year(2021) == "2021-22"
        assert format_fiscal_year(2021, "bn") == "২০২১-২২"
        assert format_fiscal_year(2099, "hi") == "२०९९-००"
        assert parse_fiscal_year("২০২১-২২") == 2021
        assert parse_fiscal_year("2021-2022") == 2021

    @pytest.mark.parametrize("text", ["2021-23", "2021", "২০২১-২০২৩", "abc"])
    def test_malformed_years_are_refused(self, text: str) -> None:
        with pytest.raises(LocaleError):
            parse_fiscal_year(text)

    @given(st.integers(1971, 2200), st.sampled_from(["bn", "hi", "en"]))
    def test_round_trip(self, year: int, lang: str) -> None:
        assert parse_fiscal_year(format_fiscal_year(year, lang)) == year  # type: ignore[arg-type]

    @given(st.dates(dt.date(1972, 1, 1), dt.date(2199, 1, 1)), st.sampled_from(["BD", "IN"]))
    def test_every_day_lies_in_its_year(self, day: dt.date, country: str) -> None:
        first, last = fiscal_year_bounds(fiscal_year_of(day, country), country)
        assert first <= day <= last


class TestSeed:
    def test_seed_002_reads_completely(self) -> None:
        table = parse_text(seed_text())
        assert len(table.rows) == 150
        assert table.total == Decimal(624607)
        assert (table.total_row, table.total_row_line) == (Decimal(624607), 169)
        assert (table.words_line, table.words_line_no) == (WORDS, 171)
        assert check_table(table) == []
        first, last = table.rows[0], table.rows[-1]
        assert (first.serial, first.district, first.office, first.amount) == (
            1,
            "কিশোরগঞ্জ",
            "উপজেলা কার্যালয়, কুলিয়ারচর, কিশোরগঞ্জ",
            Decimal(4000),
        )
        assert (last.serial, last.amount) == (150, Decimal(6000))
        assert [r.serial for r in table.rows] == list(range(1, 151))

    def test_seed_002_text_around_the_table(self) -> None:
        text = parse_text(seed_text()).text
        assert text.memo_number == "৫৬.০৪.০০০০.০১০.২০.০০১.২২.৮১"
        assert (text.date, text.date_bangla) == (dt.date(2022, 6, 14), "৩১ জ্যৈষ্ঠ ১৪২৯")
        assert text.subject.startswith("তথ্য ও যোগাযোগ প্রযুক্তি অধিদপ্তরের")
        assert text.subject.endswith("প্রদান প্রসঙ্গে")
        assert (text.fiscal_year, text.institution_code) == ("2021-22", "1280203000000")
        assert (text.economic_code, text.economic_name) == ("3211120", "টেলিফোন")
        assert text.references == (
            "৫৬.০০.০০০০.০১৯.৩৮.০০৪.২০১৩-৪৭১",
            "৫৬.০০.০০০০.০১৯.১১.০০৭.১৮-৯৯",
        )
        assert len(text.paragraphs) == 2 and len(text.conditions) == 2
        assert text.conditions[1] == "০৪। জনস্বার্থে জারীকৃত এ আদেশ অবিলম্বে কার্যকর হবে।"
        assert (text.signatory_name, text.signatory_designation) == (
            "মোঃ রেজাউল মাকছুদ জাহেদী",
            "মহাপরিচালক (অতিরিক্ত দায়িত্ব)",
        )
        assert len(text.distribution) == 7
        assert text.distribution[-1] == "অফিস নথি/মাস্টার ফাইল"

    def test_rows_9_and_10_name_savar_twice(self) -> None:
        pairs = duplicate_rows(parse_text(seed_text()).rows)
        assert [(a.serial, b.serial) for a, b in pairs] == [(9, 10)]
        assert pairs[0][1].office == "উপজেলা কার্যালয়, সাভার, ঢাকা"

    def test_a_wrong_total_row_is_reported_with_row_expected_found(self) -> None:
        text = seed_text().replace("\t\t\t৬২৪৬০৭", "\t\t\t৬২৪৬১৭")
        assert check_table(parse_text(text)) == [Difference("total", 169, "624607", "624617")]

    def test_a_wrong_words_line_is_reported(self) -> None:
        text = seed_text().replace("ছয়শত সাত টাকা)", "ছয়শত আট টাকা)")
        assert check_table(parse_text(text)) == [
            Difference("words", 171, WORDS, "ছয় লক্ষ চব্বিশ হাজার ছয়শত আট টাকা")
        ]

    def test_a_serial_gap_and_a_changed_amount(self) -> None:
        text = seed_text().replace("৫\tগোপালগঞ্জ", "৬\tগোপালগঞ্জ", 1)
        text = text.replace("মুকসুদপুর, গোপালগঞ্জ\t৩৫০০", "মুকসুদপুর, গোপালগঞ্জ\t৩৬০০")
        assert check_table(parse_text(text)) == [
            Difference("serial", 20, "5", "6"),
            Difference("serial", 21, "7", "6"),
            Difference("total", 169, "624707", "624607"),
            Difference("words", 171, "ছয় লক্ষ চব্বিশ হাজার সাতশত সাত টাকা", WORDS),
        ]

    def test_page_breaks_and_blank_lines_between_rows(self) -> None:
        text = seed_text().replace("\n২০\t", "\n\f\n\n২০\t")
        table = parse_text(text)
        assert (len(table.rows), check_table(table)) == (150, [])

    def test_an_unreadable_amount_names_the_row(self) -> None:
        text = seed_text().replace("কুলিয়ারচর, কিশোরগঞ্জ\t৪০০০", "কুলিয়ারচর, কিশোরগঞ্জ\t৪০০০/-x")
        found = check_table(parse_text(text))
        assert found[0] == Difference("amount", 16, "an amount above zero", "৪০০০/-x")

    def test_office_parts(self) -> None:
        assert office_parts("উপজেলা কার্যালয়, রাজবাড়ী সদর ,রাজবাড়ী") == (
            "উপজেলা কার্যালয়",
            "রাজবাড়ী সদর",
            "রাজবাড়ী",
        )
        assert office_parts("Savar") == ("", "Savar", "")


CSV = (
    "serial,district,office,amount\n"
    '1,কিশোরগঞ্জ,"উপজেলা কার্যালয়, কুলিয়ারচর, কিশোরগঞ্জ",৪০০০\n'
    '2,Gopalganj,"Upazila office, Kotalipara, Gopalganj",1250.50\n'
    ",,,5250.50\n"
)


class TestSheets:
    def test_csv(self) -> None:
        table = parse_csv(CSV)
        assert [(r.row, r.serial, r.amount) for r in table.rows] == [
            (2, 1, Decimal(4000)),
            (3, 2, Decimal("1250.50")),
        ]
        assert (table.total_row, table.total_row_line, check_table(table)) == (
            Decimal("5250.50"),
            4,
            [],
        )

    def test_csv_words_line_and_mismatch(self) -> None:
        table = parse_csv(CSV.replace(",,,5250.50", ",,,5250") + "In words: five taka\n")
        assert check_table(table) == [
            Difference("total", 4, "5250.50", "5250"),
            Difference("words", 5, "five thousand two hundred fifty taka fifty paisa", "five taka"),
        ]

    def test_csv_without_the_columns(self) -> None:
        table = parse_csv("a,b\n1,2\n")
        assert check_table(table) == [
            Difference("columns", 1, "serial, district, office, amount", "a | b")
        ]

    def test_xlsx(self) -> None:
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(["Serial", "District", "Office", "Amount"])
        sheet.append([1, "ঢাকা", "উপজেলা কার্যালয়, সাভার, ঢাকা", 22076])
        sheet.append([2, "ঢাকা", "উপজেলা কার্যালয়, সাভার, ঢাকা", 2625.5])
        sheet.append([None, None, None, 24701.5])
        buffer = io.BytesIO()
        book.save(buffer)
        table = parse_xlsx(buffer.getvalue())
        assert [r.amount for r in table.rows] == [Decimal(22076), Decimal("2625.5")]
        assert check_table(table) == []
