"""`nirvachan locale …`: the locale rules on the command line, one line on stdout.

    nirvachan locale words 624607 --lang bn [--currency BDT]
    nirvachan locale number "১.৮০ কোটি"
    nirvachan locale bangla-date 2022-10-13 [--rules official]
    nirvachan locale gregorian "২৮ আশ্বিন ১৪২৯" [--rules official]
    nirvachan locale name-key "মোঃ আব্দুল করিম"

Bad input: the message on stderr and exit status 2.
"""

from __future__ import annotations

import datetime as dt
import sys
from decimal import InvalidOperation
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from nirvachan.locale import (
    LocaleError,
    bangla_date,
    format_bangla_date,
    gregorian_from_bangla,
    name_key,
    parse_bangla_date,
    parse_number,
    to_words,
)

RULES = ["official", "2019", "1987"]


class Command(BaseCommand):
    help = "Numbers, words, dates and name keys in Bengali, Hindi and English."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        words = sub.add_parser("words", help="a whole number or amount in words")
        words.add_argument("value")
        words.add_argument("--lang", choices=["bn", "hi", "en"], default="bn")
        words.add_argument("--currency", choices=["BDT", "INR"], default=None)
        words.add_argument("--style", choices=["official", "colloquial"], default="official")
        number = sub.add_parser("number", help="read a number written in digits or words")
        number.add_argument("text")
        bdate = sub.add_parser("bangla-date", help="a Gregorian date (YYYY-MM-DD) as a Bangla date")
        bdate.add_argument("date")
        bdate.add_argument("--rules", choices=RULES, default="official")
        greg = sub.add_parser("gregorian", help="a Bangla date as a Gregorian date (ISO)")
        greg.add_argument("text")
        greg.add_argument("--rules", choices=RULES, default="official")
        key = sub.add_parser("name-key", help="the cross-script name key of a name")
        key.add_argument("text")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            self.stdout.write(self._answer(options))
        except (LocaleError, ValueError, InvalidOperation) as exc:
            self.stderr.write(f"error: {exc}")
            sys.exit(2)

    def _answer(self, options: dict[str, Any]) -> str:
        action = options["action"]
        if action == "words":
            value = parse_number(options["value"])
            if options["currency"]:
                return to_words(
                    value, options["lang"], currency=options["currency"], style=options["style"]
                )
            if value != value.to_integral_value():
                raise ValueError(f"'{options['value']}' is not a whole number; add --currency")
            return to_words(int(value), options["lang"], style=options["style"])
        if action == "number":
            value = parse_number(options["text"])
            return format(value.normalize() if value == value.to_integral_value() else value, "f")
        if action == "bangla-date":
            try:
                day = dt.date.fromisoformat(options["date"])
            except ValueError:
                raise ValueError(
                    f"'{options['date']}' is not a date in the form YYYY-MM-DD"
                ) from None
            return format_bangla_date(bangla_date(day, options["rules"]))
        if action == "gregorian":
            return gregorian_from_bangla(
                parse_bangla_date(options["text"]), options["rules"]
            ).isoformat()
        return name_key(options["text"])
