"""normalise() and name_key()."""

from __future__ import annotations

import pytest

from nirvachan.locale import name_key, normalise
from nirvachan.locale.name_key import HONORIFICS


def test_normalise_rules() -> None:
    assert normalise("উত্\u200dপল") == normalise("উৎপল") == "উৎপল"
    assert normalise("মো:") == "মোঃ"
    assert normalise("छ:") == "छः"
    assert normalise("কথা|") == "কথা।"
    assert normalise("৬২৪৬০৭ ६२४") == "624607 624"
    assert normalise("  Gopalganj   SADAR ") == "gopalganj sadar"
    assert normalise("a:b") == "a:b"  # a colon after Latin stays
    assert normalise("র\u200c্যাব") == normalise("র্যাব")
    assert normalise("ে\u09be") == normalise("ো")  # two-part vowel sign composes


SAME = [
    ("Chattogram", "চট্টগ্রাম"),
    ("Rahman", "রহমান", "रहमान", "Rahaman"),
    ("Kishoreganj", "কিশোরগঞ্জ"),
    ("Kuliarchar", "কুলিয়ারচর"),
    ("Cumilla", "কুমিল্লা"),
    ("Varanasi", "वाराणसी", "বারাণসী"),
    ("Dhaka", "ঢাকা", "ढाका"),
    ("Khulna", "খুলনা", "खुलना"),
    ("Barishal", "বরিশাল", "Barisal"),
    ("Bogura", "বগুড়া", "Bogra"),
    ("Jashore", "যশোর"),
    ("Satkhira", "সাতক্ষীরা"),
    ("Lalmonirhat", "লালমনিরহাট"),
    ("Bagerhat", "বাগেরহাট"),
    ("Mymensingh", "ময়মনসিংহ"),
    ("Narayanganj", "নারায়ণগঞ্জ"),
    ("Brahmanbaria", "ব্রাহ্মণবাড়িয়া"),
    ("Kolkata", "কলকাতা", "कोलकाता"),
    ("Lucknow", "लखनऊ"),
    ("Patna", "पटना"),
    ("Krishna", "कृष्ण", "কৃষ্ণ"),
    ("Lakshmi", "लक्ष्मी", "Laxmi"),
    ("Priyanka", "प्रियंका", "প্রিয়াঙ্কা"),
    ("Vijay", "विजय", "বিজয়", "Bijoy"),
    ("Yasmin", "ইয়াসমিন"),
    ("Singh", "सिंह"),
    ("Sheikh Hasina", "শেখ হাসিনা", "शेख हसीना"),
    ("Mst. Rahima Khatun", "মোছাঃ রহিমা খাতুন", "Rahima Khatun"),
    ("Shri Ram Prasad", "श्री राम प्रसाद", "Ram Prasad"),
    ("Smt. Sunita Devi", "श्रीमती सुनीता देवी"),
    ("Dr. Amit Kumar", "डॉ. अमित कुमार", "Amit Kumar"),
    ("Mohammed Ali", "মোহাম্মদ আলী", "Md Ali"),
    ("ডাঃ আব্দুর রহিম", "Abdur Rahim"),
    ("Cox's Bazar", "Coxs Bazar", "Cox’s Bazar"),
]
DIFFERENT = [
    ("Karim", "Rahim"),
    ("Gopalganj", "Gazipur"),
    ("Sylhet", "Satkhira"),
    ("Rahman", "Rahim"),
    ("Amit", "Amrit"),
    ("যাদব", "মাধব"),
    ("Dhaka", "Dinajpur"),
    ("Rangpur", "Rajshahi"),
    ("Abdul Karim", "Abdul Kader"),
    ("সুমন", "সুমি"),
    ("Rina", "Ratna"),
]


@pytest.mark.parametrize("names", SAME, ids=lambda g: g[0])
def test_same(names: tuple[str, ...]) -> None:
    keys = {name_key(n) for n in names}
    assert len(keys) == 1, {n: name_key(n) for n in names}


@pytest.mark.parametrize("names", DIFFERENT, ids=lambda g: g[0])
def test_different(names: tuple[str, ...]) -> None:
    keys = [name_key(n) for n in names]
    assert len(set(keys)) == len(keys), keys


def test_key_shape() -> None:
    assert name_key("Gopalganj") == "gplgnj"
    assert name_key("") == ""
    assert name_key("Md.") == "md"  # a lone honorific is kept: it is the whole name
    assert name_key("Mohammad") == "mhmd"
    assert name_key("Abdul Karim Mohammad") == "abdlkrmhmd"  # only leading honorifics drop
    for name in ("Gopalganj", "গোপালগঞ্জ", "गोपालगंज", "মোঃ আব্দুল করিম", "Cox's Bazar"):
        key = name_key(name)
        assert key.isascii() and key.isalpha() and key == key.lower()


def test_honorifics_are_in_all_three_scripts() -> None:
    for h in ("md", "mst", "sri", "dr", "মো", "মোছা", "শ্রী", "ডা", "श्री", "श्रीमती", "डॉ"):
        assert h in HONORIFICS
