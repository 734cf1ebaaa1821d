"""Literal types shared by the locale modules."""

from __future__ import annotations

from typing import Literal

__all__ = ["Currency", "DigitsOption", "Grouping", "Lang", "Rules", "Script", "Style"]

Lang = Literal["bn", "hi", "en"]
Script = Literal["beng", "deva", "latn"]
Rules = Literal["official", "2019", "1987"]
Style = Literal["official", "colloquial"]
Grouping = Literal["indian", "western"]
DigitsOption = Literal["native", "latin"]
Currency = Literal["BDT", "INR"]
