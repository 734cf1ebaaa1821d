"""Forms of the monitoring pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nirvachan.core.models import Country
from nirvachan.elections.models import Election
from nirvachan.monitoring.models import (
    COPY_PURPOSE_BN,
    BodyKind,
    Expense,
    Incident,
    ReportingRule,
)


class IncidentForm(forms.Form):
    election = forms.CharField(label=_("Election code"), max_length=40)
    unit = forms.CharField(label=_("Area code"), max_length=40)
    kind = forms.ChoiceField(label=_("Type"), choices=Incident.Kind.choices)
    description = forms.CharField(label=_("What happened"), widget=forms.Textarea)
    occurred_at = forms.DateTimeField(
        label=_("When"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    location = forms.CharField(label=_("Where"), max_length=300, required=False)
    attachment = forms.FileField(label=_("Photo or video"), required=False)
    anonymous = forms.BooleanField(label=_("Report anonymously"), required=False)
    contact_name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    contact_phone = forms.CharField(label=_("Your phone"), max_length=40, required=False)


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.splitlines() if ln.strip()]


class CircularForm(forms.Form):
    unit = forms.CharField(label=_("Issuing area code"), max_length=40)
    election = forms.CharField(label=_("Election code"), max_length=40, required=False)
    memo_number = forms.CharField(label=_("Memo number"), max_length=200)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    subject = forms.CharField(label=_("Subject"), widget=forms.Textarea(attrs={"rows": 2}))
    preamble = forms.CharField(
        label=_("Opening"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    paragraphs = forms.CharField(
        label=_("Paragraphs (one per line; numbered in order)"), widget=forms.Textarea
    )
    signatory_name = forms.CharField(label=_("Signatory"), max_length=200)
    signatory_lines = forms.CharField(
        label=_("Designation, office, phone, e-mail (one per line)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    distribution = forms.CharField(
        label=_("Distribution (one per line)"), widget=forms.Textarea, required=False
    )
    copy_purpose = forms.CharField(
        label=_("Purpose of the copies"),
        max_length=300,
        initial=COPY_PURPOSE_BN,
        required=False,
    )
    copies = forms.CharField(
        label=_("Copies (one per line)"), widget=forms.Textarea, required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("paragraphs", "signatory_lines", "distribution", "copies"):
            data[name] = _lines(data.get(name) or "")
        return data


class ExpenseForm(forms.Form):
    election = forms.CharField(label=_("Election code"), max_length=40)
    unit = forms.CharField(label=_("Area code"), max_length=40)
    candidate = forms.CharField(label=_("Candidate"), max_length=200)
    source = forms.ChoiceField(label=_("Source"), choices=Expense.Source.choices)
    category = forms.ChoiceField(
        label=pgettext_lazy("expense category", "Category"), choices=Expense.Category.choices
    )
    on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    amount = forms.DecimalField(label=_("Amount"), max_digits=16, decimal_places=2)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class RuleForm(forms.Form):
    election = forms.CharField(widget=forms.HiddenInput, max_length=40)
    body_kind = forms.ChoiceField(label=_("Body type"), choices=BodyKind.choices)
    code = forms.CharField(label=_("Code"), max_length=40)
    kind = forms.ChoiceField(label=_("Kind"), choices=ReportingRule.Kind.choices)
    every_days = forms.IntegerField(label=_("Every (days)"), initial=0, min_value=0)
    window_days = forms.IntegerField(
        label=_("Window (days before the poll)"), initial=0, min_value=0
    )
    offset_days = forms.IntegerField(label=_("Days from the poll (negative: before)"), initial=0)


class ExpenseLimitForm(forms.Form):
    country = forms.ChoiceField(label=_("Country"), choices=Country.choices)
    election_kind = forms.ChoiceField(label=_("Election type"), choices=Election.Kind.choices)
    amount = forms.DecimalField(label=_("Limit"), max_digits=16, decimal_places=2)


class ExpenseCorrectForm(forms.Form):
    category = forms.ChoiceField(
        label=pgettext_lazy("expense category", "Category"), choices=Expense.Category.choices
    )
    on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    amount = forms.DecimalField(label=_("Amount"), max_digits=16, decimal_places=2)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
    reason = forms.CharField(label=_("Reason for the change"), max_length=300)


class ExpenseWithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the change"), max_length=300)
