"""Forms of the counting desk (the returning officer's page of a contest)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


def _vote_fields(form: forms.Form, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        form.fields[f"votes_{row['key']}"] = forms.IntegerField(
            label=row["name"], min_value=0, initial=0
        )


def counts_of(form: forms.Form, rows: list[dict[str, Any]]) -> dict[str, int]:
    """{key: votes} from the cleaned vote fields (NOTA under its key)."""
    return {r["key"]: form.cleaned_data[f"votes_{r['key']}"] for r in rows}


class PostalForm(forms.Form):
    def __init__(self, *args: Any, rows: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, prefix="postal", **kwargs)
        _vote_fields(self, rows)


class LotForm(forms.Form):
    seed = forms.CharField(label=_("Seed of a reproducible draw"), max_length=200, required=False)
    order = forms.CharField(
        label=_("Or the order drawn: candidate numbers separated by commas"),
        max_length=500,
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, prefix="lot", **kwargs)

    def order_list(self) -> list[str] | None:
        text = self.cleaned_data["order"].strip()
        return [part.strip() for part in text.split(",") if part.strip()] if text else None


class DrawForm(forms.Form):
    segment = forms.CharField(label=_("Assembly segment"), max_length=60, required=False)
    seed = forms.CharField(
        label=_("Seed (at least 20 digits from a public dice roll)"), max_length=200
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, prefix="draw", **kwargs)


class CheckForm(forms.Form):
    draw = forms.TypedChoiceField(label=_("Assembly segment"), coerce=int)
    station = forms.IntegerField(label=_("Station number"), min_value=1)

    def __init__(
        self, *args: Any, rows: list[dict[str, Any]], draws: list[Any], **kwargs: Any
    ) -> None:
        super().__init__(*args, prefix="check", **kwargs)
        self.fields["draw"].choices = [(d.pk, d.segment or "—") for d in draws]  # type: ignore[attr-defined]
        _vote_fields(self, rows)


class PlanForm(forms.Form):
    tables = forms.IntegerField(label=_("Counting tables"), min_value=1)
    rounds = forms.IntegerField(label=_("Rounds"), min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, prefix="plan", **kwargs)


class RoundForm(forms.Form):
    """Approve or publish a round (the buttons of the rounds table)."""

    round = forms.IntegerField(label=_("Round"), min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, prefix="round", **kwargs)


class StationForm(forms.Form):
    number = forms.IntegerField(label=_("Station number"), min_value=1)
    round = forms.IntegerField(label=_("Round"), min_value=1)
    segment = forms.CharField(label=_("Assembly segment"), max_length=60, required=False)
    voters_17a = forms.IntegerField(label=_("Voters in Form 17A"), min_value=0, required=False)
    paper_count = forms.IntegerField(label=_("Paper records"), min_value=0, required=False)

    def __init__(self, *args: Any, rows: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, prefix="station", **kwargs)
        _vote_fields(self, rows)


class SheetForm(forms.Form):
    """One operator's entry of a paper-ballot centre's result sheet; the returning officer's
    resolution of a difference uses the same fields."""

    centre = forms.IntegerField(label=_("Centre number"), min_value=1)
    round = forms.IntegerField(label=_("Round"), min_value=1)

    def __init__(
        self, *args: Any, rows: list[dict[str, Any]], prefix: str = "sheet", **kwargs: Any
    ) -> None:
        super().__init__(*args, prefix=prefix, **kwargs)
        _vote_fields(self, rows)


__all__ = [
    "CheckForm",
    "DrawForm",
    "LotForm",
    "PlanForm",
    "PostalForm",
    "RoundForm",
    "SheetForm",
    "StationForm",
    "counts_of",
]
