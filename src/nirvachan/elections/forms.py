"""Forms of the elections pages (input parsing only; rules live in services)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nirvachan.elections.models import Nomination


class NominationForm(forms.Form):
    name_bn = forms.CharField(label=_("Name (Bengali)"), max_length=200, required=False)
    name_hi = forms.CharField(label=_("Name (Hindi)"), max_length=200, required=False)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    party = forms.TypedChoiceField(label=_("Party"), required=False, coerce=int, empty_value=None)
    symbol = forms.TypedChoiceField(label=_("Symbol"), required=False, coerce=int, empty_value=None)
    category = forms.ChoiceField(
        label=pgettext_lazy("candidate category", "Category"),
        choices=Nomination.Category.choices,
        initial="general",
    )

    def __init__(self, *args: Any, parties: Any = (), symbols: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        independent = [("", _("Independent"))]
        self.fields["party"].choices = independent + [  # type: ignore[attr-defined]
            (p.pk, f"{p.name} ({p.abbreviation})") for p in parties
        ]
        self.fields["symbol"].choices = [("", "—")] + [  # type: ignore[attr-defined]
            (s.pk, s.name) for s in symbols
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(data.get(f) for f in ("name_bn", "name_hi", "name_en")):
            raise forms.ValidationError(_("Give the candidate's name in at least one language."))
        return data


class ScrutinyForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("accept", _("Accept")), ("reject", _("Reject"))]
    )
    reason = forms.CharField(label=_("Reason for rejection"), max_length=500, required=False)
