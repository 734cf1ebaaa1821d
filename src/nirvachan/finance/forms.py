from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class OrderImportForm(forms.Form):
    unit = forms.CharField(label=_("Issuing unit code"), max_length=40, initial="BD")
    file = forms.FileField(
        label=_("Order table (text as in the seed, CSV or XLSX)"),
        help_text=_("Columns serial, district, office, amount; a total row and a words line."),
    )
    fiscal_year = forms.CharField(label=_("Fiscal year"), max_length=9, required=False)
    economic_code = forms.CharField(label=_("Economic code"), max_length=12, required=False)
    memo_number = forms.CharField(label=_("Memo number"), max_length=200, required=False)
    date = forms.DateField(
        label=_("Date"), required=False, widget=forms.DateInput({"type": "date"})
    )
    subject = forms.CharField(label=_("Subject"), max_length=2000, required=False)
    dry_run = forms.BooleanField(label=_("Check only, do not save"), required=False)


class OrderCancelForm(forms.Form):
    memo_number = forms.CharField(label=_("Memo number of the cancelling order"), max_length=200)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput({"type": "date"}))
    subject = forms.CharField(label=_("Subject"), max_length=2000)
