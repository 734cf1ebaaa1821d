"""Numbers in words, both directions, in the Indian system (lakh, crore).

Bengali follows Bangladesh government style (একশত … লক্ষ … কোটি) or, with
``style="colloquial"``, একশো/দুশো and লাখ; Hindi follows CLDR (हज़ार); English is Indian
English without "and" ("six lakh twenty-four thousand six hundred seven"). Above 99 crore
the crore is repeated: 1234567890 is "একশত তেইশ কোটি …".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from types import MappingProxyType
from typing import Final, Literal, NamedTuple

from ._types import Currency, Lang, Style
from .digits import check_one_script, to_ascii_digits
from .errors import LocaleError
from .words_bn import BN_0_99, BN_HUNDREDS, BN_SCALES, BN_VARIANTS
from .words_en import EN_0_99, EN_HUNDRED, EN_SCALES, EN_VARIANTS
from .words_hi import HI_0_99, HI_HUNDRED, HI_SCALES, HI_VARIANTS

__all__ = ["DEFAULT_CURRENCY", "ParsedWords", "from_words", "parse_words", "to_words"]

LAKH: Final = 100_000
CRORE: Final = 10_000_000

#: The currency ``currency=True`` means, per language.
DEFAULT_CURRENCY: Final[Mapping[str, Currency]] = MappingProxyType(
    {"bn": "BDT", "hi": "INR", "en": "INR"}
)
_CURRENCIES: Final = ("BDT", "INR")
_LANGS: Final = ("bn", "hi", "en")


class _Spec(NamedTuple):
    units: tuple[str, ...]
    hundreds: tuple[str, ...]  # 100 .. 900
    thousand: str
    lakh: str
    crore: str


def _spec(units: tuple[str, ...], hundreds: Iterable[str], scales: tuple[str, ...]) -> _Spec:
    return _Spec(units, tuple(hundreds), scales[0], scales[1], scales[2])


_EN_SPEC: Final = _spec(EN_0_99, (f"{EN_0_99[h]} {EN_HUNDRED}" for h in range(1, 10)), EN_SCALES)
_HI_SPEC: Final = _spec(HI_0_99, (f"{HI_0_99[h]} {HI_HUNDRED}" for h in range(1, 10)), HI_SCALES)
_SPECS: Final[Mapping[tuple[str, str], _Spec]] = MappingProxyType(
    {
        ("bn", "official"): _spec(BN_0_99, BN_HUNDREDS["official"], BN_SCALES["official"]),
        ("bn", "colloquial"): _spec(BN_0_99, BN_HUNDREDS["colloquial"], BN_SCALES["colloquial"]),
        ("hi", "official"): _HI_SPEC,
        ("hi", "colloquial"): _HI_SPEC,
        ("en", "official"): _EN_SPEC,
        ("en", "colloquial"): _EN_SPEC,
    }
)

# (unit singular, unit plural, subunit singular, subunit plural)
_UNITS: Final[Mapping[tuple[str, str], tuple[str, str, str, str]]] = MappingProxyType(
    {
        ("bn", "BDT"): ("টাকা", "টাকা", "পয়সা", "পয়সা"),
        ("bn", "INR"): ("রুপি", "রুপি", "পয়সা", "পয়সা"),
        ("hi", "INR"): ("रुपया", "रुपये", "पैसा", "पैसे"),
        ("hi", "BDT"): ("टका", "टका", "पैसा", "पैसे"),
        ("en", "INR"): ("rupee", "rupees", "paisa", "paise"),
        ("en", "BDT"): ("taka", "taka", "paisa", "paisa"),
    }
)


def _append_words(n: int, spec: _Spec, out: list[str]) -> None:
    """Append the words of ``n`` (> 0) to ``out``."""
    if n >= CRORE:
        _append_words(n // CRORE, spec, out)
        out.append(spec.crore)
        n %= CRORE
        if not n:
            return
    units = spec.units
    if n >= LAKH:
        out.append(units[n // LAKH])
        out.append(spec.lakh)
        n %= LAKH
    if n >= 1000:
        out.append(units[n // 1000])
        out.append(spec.thousand)
        n %= 1000
    if n >= 100:
        out.append(spec.hundreds[n // 100 - 1])
        n %= 100
    if n:
        out.append(units[n])


def _check_lang(lang: str) -> None:
    if lang not in _LANGS:
        raise LocaleError(f"unknown language {lang!r}", code="unknown_language", field="lang")


def _as_decimal(n: int | Decimal | str, what: str) -> Decimal:
    if isinstance(n, bool):
        raise LocaleError(f"{what}: {n!r} is not a number", code="not_a_number", field="n")
    if isinstance(n, int):
        return Decimal(n)
    if isinstance(n, Decimal):
        if not n.is_finite():
            raise LocaleError(f"{what}: {n!r} is not finite", code="not_a_number", field="n")
        return n
    if isinstance(n, str):
        from .numbers import parse_number  # local: numbers imports this module

        return parse_number(n)
    raise LocaleError(f"{what}: {n!r} is not a number", code="not_a_number", field="n")


def to_words(
    n: int | Decimal | str,
    lang: Lang,
    *,
    currency: bool | Currency = False,
    style: Style = "official",
) -> str:
    """Write ``n`` in words (Indian system) in Bengali, Hindi or English.

    ``currency=True`` (or ``"BDT"``/``"INR"``) adds the unit and the fraction in paisa,
    rounded half-up to two places; a zero fraction is left out.

    >>> to_words(624607, "bn")
    'ছয় লক্ষ চব্বিশ হাজার ছয়শত সাত'
    """
    _check_lang(lang)
    spec = _SPECS.get((lang, style))
    if spec is None:
        raise LocaleError(f"unknown style {style!r}", code="unknown_style", field="style")
    value = _as_decimal(n, "to_words")
    if value < 0:
        raise LocaleError(
            f"to_words: negative number {n!r}", code="negative", text=str(n), field="n"
        )
    out: list[str] = []
    if currency is False:
        if value != value.to_integral_value():
            raise LocaleError(
                f"to_words: {n!r} is not a whole number (pass currency= for paisa)",
                code="not_integer",
                text=str(n),
                field="n",
            )
        whole = int(value)
        if whole == 0:
            return spec.units[0]
        _append_words(whole, spec, out)
        return " ".join(out)
    code: str = DEFAULT_CURRENCY[lang] if currency is True else currency
    if code not in _CURRENCIES:
        raise LocaleError(f"unknown currency {currency!r}", code="unknown_currency")
    unit1, units, sub1, subs = _UNITS[(lang, code)]
    try:
        amount = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except InvalidOperation as exc:
        raise LocaleError(f"to_words: {n!r} is too large", code="too_large") from exc
    whole = int(amount)
    fraction = int((amount - whole) * 100)
    if whole or not fraction:
        if whole:
            _append_words(whole, spec, out)
        else:
            out.append(spec.units[0])
        out.append(unit1 if whole == 1 else units)
    if fraction:
        _append_words(fraction, spec, out)
        out.append(sub1 if fraction == 1 else subs)
    return " ".join(out)


# --------------------------------------------------------------------------- parsing

_Kind = Literal["num", "scale", "skip", "end", "unit", "subunit"]

_BN_KEY_TR: Final = str.maketrans(
    {"ঊ": "উ", "ঈ": "ই", "ী": "ি", "ূ": "ু", "\u200c": "", "\u200d": ""}
)
_HI_KEY_TR: Final = str.maketrans(
    {"़": "", "ँ": "", "ं": "", "व": "ब", "ः": "", ":": "", "\u200c": "", "\u200d": ""}
)


def _bn_key(word: str) -> str:
    word = word.translate(_BN_KEY_TR)
    return word[:-1] if word.endswith("ো") else word


def _hi_key(word: str) -> str:
    return word.translate(_HI_KEY_TR).replace("ठ्ठ", "ट्ठ")


def _en_key(word: str) -> str:
    return word.lower()


_KEYS: Final[Mapping[str, Callable[[str], str]]] = MappingProxyType(
    {"bn": _bn_key, "hi": _hi_key, "en": _en_key}
)


def _build(
    lang: str,
    units: tuple[str, ...],
    variants: Mapping[int, tuple[str, ...]],
    hundreds: Iterable[tuple[int, str]],
    extra: Iterable[tuple[str, _Kind, int]],
) -> Mapping[str, tuple[_Kind, int]]:
    key = _KEYS[lang]
    table: dict[str, tuple[_Kind, int]] = {}

    def put(word: str, kind: _Kind, value: int) -> None:
        k = key(unicodedata.normalize("NFC", word))
        old = table.setdefault(k, (kind, value))
        if old != (kind, value):  # pragma: no cover - guarded by the tests
            raise RuntimeError(f"number-word table clash for {lang} {word!r}: {old}")

    for value, word in enumerate(units):
        put(word, "num", value)
    for value, words in variants.items():
        for word in words:
            put(word, "num", value)
    for value, word in hundreds:
        put(word, "num", value)
    for word, kind, value in extra:
        put(word, kind, value)
    return MappingProxyType(table)


def _bn_hundreds() -> Iterable[tuple[int, str]]:
    for h in range(1, 10):
        for unit in (BN_0_99[h], *BN_VARIANTS.get(h, ())):
            for suffix in ("শত", "শো", "শ"):
                yield h * 100, unit + suffix
    for h, word in enumerate(BN_HUNDREDS["colloquial"], start=1):
        yield h * 100, word


_BN_TABLE: Final = _build(
    "bn",
    BN_0_99,
    BN_VARIANTS,
    _bn_hundreds(),
    [
        ("শত", "scale", 100), ("শো", "scale", 100), ("শ", "scale", 100),
        ("হাজার", "scale", 1000), ("লক্ষ", "scale", LAKH), ("লাখ", "scale", LAKH),
        ("লক্ষাধিক", "scale", LAKH), ("কোটি", "scale", CRORE),
        ("এবং", "skip", 0), ("ও", "skip", 0), ("শুধু", "skip", 0),
        ("মাত্র", "end", 0), ("টাকা", "unit", 0), ("রুপি", "unit", 0), ("রুপী", "unit", 0),
        ("পয়সা", "subunit", 0),
    ],
)  # fmt: skip
_HI_TABLE: Final = _build(
    "hi",
    HI_0_99,
    HI_VARIANTS,
    (),
    [
        ("सौ", "scale", 100), ("हज़ार", "scale", 1000), ("लाख", "scale", LAKH),
        ("करोड़", "scale", CRORE), ("अरब", "scale", 10**9), ("खरब", "scale", 10**11),
        ("और", "skip", 0), ("केवल", "skip", 0), ("मात्र", "end", 0),
        ("रुपये", "unit", 0), ("रुपए", "unit", 0), ("रुपया", "unit", 0), ("रु", "unit", 0),
        ("टका", "unit", 0), ("पैसे", "subunit", 0), ("पैसा", "subunit", 0),
    ],
)  # fmt: skip
_EN_TABLE: Final = _build(
    "en",
    EN_0_99,
    EN_VARIANTS,
    (),
    [
        ("hundred", "scale", 100), ("hundreds", "scale", 100),
        ("thousand", "scale", 1000), ("thousands", "scale", 1000),
        ("lakh", "scale", LAKH), ("lakhs", "scale", LAKH), ("lac", "scale", LAKH),
        ("lacs", "scale", LAKH), ("million", "scale", 10**6), ("crore", "scale", CRORE),
        ("crores", "scale", CRORE), ("billion", "scale", 10**9),
        ("and", "skip", 0), ("a", "num", 1), ("only", "end", 0),
        ("rupees", "unit", 0), ("rupee", "unit", 0), ("rs", "unit", 0), ("inr", "unit", 0),
        ("taka", "unit", 0), ("tk", "unit", 0), ("bdt", "unit", 0),
        ("paise", "subunit", 0), ("paisa", "subunit", 0), ("poisha", "subunit", 0),
    ],
)  # fmt: skip
_TABLES: Final[Mapping[str, Mapping[str, tuple[_Kind, int]]]] = MappingProxyType(
    {"bn": _BN_TABLE, "hi": _HI_TABLE, "en": _EN_TABLE}
)

_TOKEN_RE: Final = re.compile(r"[^\s,\-–—।.]+")
_DIGITS_RE: Final = re.compile(r"[0-9০-৯०-९]+")


class ParsedWords(NamedTuple):
    """An amount read from words: the whole part, the paisa (if any) and the language."""

    whole: int
    paisa: int | None
    lang: Lang
    currency: bool


def detect_lang(text: str) -> Lang | None:
    """The language of the first letter of ``text``: Bengali, Devanagari or Latin script."""
    for ch in text:
        o = ord(ch)
        if 0x0980 <= o <= 0x09FF:
            if "০" <= ch <= "৯":
                continue
            return "bn"
        if 0x0900 <= o <= 0x097F:
            if "०" <= ch <= "९" or ch == "।":
                continue
            return "hi"
        if ch.isascii() and ch.isalpha():
            return "en"
    return None


class _Accumulator:
    """Evaluates number words with repeated scales (… কোটি … কোটি)."""

    __slots__ = ("current", "seen", "stack")

    def __init__(self) -> None:
        self.current = 0
        self.stack: list[tuple[int, int]] = []
        self.seen = False

    def number(self, value: int) -> None:
        self.current += value
        self.seen = True

    def scale(self, value: int) -> None:
        self.seen = True
        if value == 100:
            self.current = (self.current or 1) * 100
            return
        amount = self.current
        stack = self.stack
        while stack and (stack[-1][0] < value or (value >= CRORE and stack[-1][0] <= value)):
            amount += stack.pop()[1]
        stack.append((value, (amount or 1) * value))
        self.current = 0

    def total(self) -> int:
        return sum(v for _, v in self.stack) + self.current


def parse_words(text: str, lang: Lang | None = None) -> ParsedWords:
    """Read an amount in words; the engine of :func:`from_words` and of ``parse_number``."""
    if not text or not text.strip():
        raise LocaleError("empty number", code="empty", text=text)
    norm = unicodedata.normalize("NFC", text)
    if lang is None:
        lang = detect_lang(norm)
        if lang is None:
            lang = "en"
    else:
        _check_lang(lang)
    table = _TABLES[lang]
    key = _KEYS[lang]
    acc = _Accumulator()
    whole: int | None = None
    paisa: int | None = None
    ended_at: int | None = None
    had_unit = False
    for m in _TOKEN_RE.finditer(norm):
        token = m.group()
        pos = m.start() + 1
        if ended_at is not None:
            raise LocaleError(
                f"unexpected word {token!r} at position {pos} after the closing word in {text!r}",
                code="unexpected_word",
                text=text,
                position=pos,
            )
        if _DIGITS_RE.fullmatch(token):
            check_one_script(token, "number", m.start())
            acc.number(int(to_ascii_digits(token)))
            continue
        entry = table.get(key(token))
        if entry is None:
            raise LocaleError(
                f"unknown number word {token!r} at position {pos} in {text!r}",
                code="unknown_word",
                text=text,
                position=pos,
            )
        kind, value = entry
        if kind == "num":
            acc.number(value)
        elif kind == "scale":
            acc.scale(value)
        elif kind == "end":
            ended_at = pos
        elif kind == "unit":
            if not acc.seen and whole is None and paisa is None:
                had_unit = True  # "Rupees five thousand only", "Taka …"
                continue
            if whole is not None:
                raise LocaleError(
                    f"currency word {token!r} repeated at position {pos} in {text!r}",
                    code="unexpected_word",
                    text=text,
                    position=pos,
                )
            whole = acc.total()
            had_unit = True
            acc = _Accumulator()
        elif kind == "subunit":
            if paisa is not None or not acc.seen:
                raise LocaleError(
                    f"misplaced word {token!r} at position {pos} in {text!r}",
                    code="unexpected_word",
                    text=text,
                    position=pos,
                )
            paisa = acc.total()
            acc = _Accumulator()
    if acc.seen:
        if whole is None and paisa is None:
            whole = acc.total()
        else:
            raise LocaleError(
                f"number words after the currency in {text!r}", code="unexpected_word", text=text
            )
    if whole is None and paisa is None:
        raise LocaleError(f"no number in {text!r}", code="empty", text=text)
    if paisa is not None and paisa >= 100:
        raise LocaleError(
            f"{paisa} paisa is not below 100 in {text!r}", code="invalid_fraction", text=text
        )
    return ParsedWords(whole or 0, paisa, lang, had_unit or paisa is not None)


def from_words(text: str, lang: Lang | None = None) -> int:
    """Read a whole number written in words; the language is detected when not given.

    Trailing "মাত্র"/"मात्र"/"only" and a currency word are accepted; a non-zero paisa part
    raises ``LocaleError`` (use ``parse_number`` for amounts with paisa).

    >>> from_words("ছয় লক্ষ চব্বিশ হাজার ছয়শত সাত টাকা মাত্র")
    624607
    """
    parsed = parse_words(text, lang)
    if parsed.paisa:
        raise LocaleError(
            f"{text!r} has a fraction ({parsed.paisa} paisa); from_words reads whole numbers",
            code="not_integer",
            text=text,
        )
    return parsed.whole


def words_to_decimal(parsed: ParsedWords) -> Decimal:
    """The amount of a :class:`ParsedWords` as a Decimal (paisa as hundredths)."""
    if parsed.paisa:
        return Decimal(parsed.whole) + Decimal(parsed.paisa).scaleb(-2)
    return Decimal(parsed.whole)
