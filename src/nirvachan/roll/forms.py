"""Forms of the roll pages: the public Form 6, 7 and 8 and the duplicate review.

The forms only read the input; the rules (eligibility, limits, notice and hearing) are the
services' and their refusals come back on the named field (core.forms.add_domain_error)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nirvachan.roll import queries
from nirvachan.roll.models import Gender, Relation


def _constituency_choices() -> list[tuple[str, str]]:
    return [
        (str(c.pk), f"{c.number}. {c.name} ({c.unit.name})")
        for c in queries.assembly_constituencies()
    ]


class _ConstituencyField(forms.ChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=(), **kwargs)


class _WithConstituency(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = _constituency_choices()
        for field in self.fields.values():
            if isinstance(field, _ConstituencyField):
                field.choices = [("", "—"), *choices]


class InclusionForm(_WithConstituency):
    """Form 6: inclusion of a new elector."""

    constituency = _ConstituencyField(label=_("Assembly constituency"))
    part = forms.IntegerField(label=_("Part number (if you know it)"), required=False, min_value=1)
    name = forms.CharField(label=_("Your name"), max_length=200)
    relative_name = forms.CharField(label=_("Relative's name"), max_length=200)
    relation = forms.ChoiceField(label=_("Relation"), choices=Relation.choices)
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices)
    dob = forms.DateField(label=_("Date of birth"), widget=forms.DateInput(attrs={"type": "date"}))
    house_no = forms.CharField(label=_("House number"), max_length=60, required=False)
    address = forms.CharField(label=_("Address"), max_length=400)
    nid = forms.CharField(
        label=_("NID number (Bangladesh)"),
        max_length=20,
        required=False,
        help_text=_("Required for a constituency in Bangladesh; it becomes your roll number."),
    )
    applicant = forms.CharField(
        label=_("Your mobile number"),
        max_length=40,
        help_text=_("The officer contacts you on this number."),
    )
    citizen = forms.BooleanField(label=_("I am a citizen of the country"), required=False)
    resident = forms.BooleanField(label=_("I ordinarily live in this constituency"), required=False)


class DeletionReason:
    CHOICES = (
        ("dead", _("Dead")),
        ("shifted", _("Shifted from the address")),
        ("absent", _("Not found at the address")),
        ("duplicate", _("Enrolled twice")),
        ("not_citizen", _("Not a citizen")),
        ("under_age", _("Under 18")),
    )


class DeletionForm(forms.Form):
    """Form 7: objection to an entry or its deletion."""

    epic = forms.CharField(label=_("EPIC or NID number of the entry objected to"), max_length=40)
    ground = forms.ChoiceField(label=_("Ground"), choices=DeletionReason.CHOICES)
    details = forms.CharField(
        label=_("Details"), max_length=250, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    applicant = forms.CharField(
        label=_("Your EPIC or NID number"),
        max_length=40,
        help_text=_("An applicant may file at most 5 deletion applications a day."),
    )


class CorrectionForm(_WithConstituency):
    """Form 8: correction of particulars or a shift to another part or constituency."""

    epic = forms.CharField(label=_("EPIC or NID number of the entry"), max_length=40)
    applicant = forms.CharField(label=_("Your mobile number"), max_length=40)
    name = forms.CharField(label=_("Corrected name"), max_length=200, required=False)
    relative_name = forms.CharField(
        label=_("Corrected relative's name"), max_length=200, required=False
    )
    relation = forms.ChoiceField(
        label=_("Corrected relation"), choices=[("", "—"), *Relation.choices], required=False
    )
    gender = forms.ChoiceField(
        label=_("Corrected gender"), choices=[("", "—"), *Gender.choices], required=False
    )
    dob = forms.DateField(
        label=_("Corrected date of birth"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    house_no = forms.CharField(label=_("New house number"), max_length=60, required=False)
    address = forms.CharField(label=_("New address"), max_length=400, required=False)
    new_constituency = _ConstituencyField(label=_("Shift to assembly constituency"), required=False)
    new_part = forms.IntegerField(label=_("Shift to part number"), required=False, min_value=1)
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)

    CHANGE_FIELDS = ("name", "relative_name", "relation", "gender", "dob", "house_no", "address")

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        out: dict[str, Any] = {}
        for field in self.CHANGE_FIELDS:
            value = data.get(field)
            if value not in (None, ""):
                out[field] = value.isoformat() if field == "dob" else value
        return out


class PairsLoadForm(forms.Form):
    file = forms.FileField(label=_("Pairs file (CSV from nirvachan roll dedupe)"))
