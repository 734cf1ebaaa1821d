"""The station's forms. Field names are the parameter names of ``StationDay``'s methods, so a
StationError naming a field (``details["field"]``) lands on that field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nirvachan.station.day import StationError

MARKS = [("signature", _("Signature")), ("thumb", _("Thumb impression"))]
OUTCOMES = [("upheld", _("Challenge upheld")), ("rejected", _("Challenge rejected"))]


def add_station_error(form: forms.Form, exc: StationError) -> None:
    """Show the day's refusal on the field it names, else above the form."""
    field = (exc.details or {}).get("field")
    form.add_error(field if field in form.fields else None, exc.message)


class PinForm(forms.Form):
    pin = forms.CharField(
        label=_("PIN"),
        max_length=32,
        widget=forms.PasswordInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )


class MockVoteForm(forms.Form):
    choice = forms.ChoiceField(label=_("Candidate"))
    count = forms.IntegerField(label=_("Number of test votes"), min_value=1, max_value=100)

    def __init__(self, *args: Any, choices: list[tuple[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["choice"].choices = choices

    def contest_and_choice(self) -> tuple[str, int]:
        contest, _sep, serial = self.cleaned_data["choice"].rpartition(":")
        return contest, int(serial)


class SealForm(forms.Form):
    seals = forms.CharField(
        label=_("Seal numbers"),
        help_text=_("One per line or separated by commas."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )

    def seal_list(self) -> list[str]:
        raw = self.cleaned_data["seals"].replace(",", "\n")
        return [item.strip() for item in raw.splitlines() if item.strip()]

    def clean_seals(self) -> str:
        value: str = self.cleaned_data["seals"]
        if not [s for s in value.replace(",", "\n").splitlines() if s.strip()]:
            raise forms.ValidationError(_("Enter at least one seal number."))
        return value


class CloseForm(forms.Form):
    queue = forms.IntegerField(
        label=_("Voters waiting in the queue"), min_value=0, max_value=5000, initial=0
    )


class LeftForm(forms.Form):
    serial_17a = forms.IntegerField(label=_("Form 17A serial"), min_value=1)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class TenderedForm(forms.Form):
    key = forms.CharField(label=_("EPIC / elector number"), max_length=40)
    name = forms.CharField(label=_("Name of the person"), max_length=200)
    document = forms.ChoiceField(label=_("Identity document"))
    document_number = forms.CharField(label=_("Document number"), max_length=60)

    def __init__(self, *args: Any, documents: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document"].choices = documents


class ChallengeForm(forms.Form):
    key = forms.CharField(label=_("EPIC / elector number"), max_length=40)
    challenger = forms.CharField(label=_("Challenged by (agent)"), max_length=200)
    outcome = forms.ChoiceField(label=pgettext_lazy("challenge", "Outcome"), choices=OUTCOMES)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class CompanionForm(forms.Form):
    serial_17a = forms.IntegerField(label=_("Form 17A serial"), min_value=1)
    companion_name = forms.CharField(label=_("Companion's name"), max_length=200)
    declaration = forms.BooleanField(
        label=_("The companion has signed the declaration"), required=False
    )

    def clean_declaration(self) -> bool:
        if not self.cleaned_data.get("declaration"):
            raise forms.ValidationError(_("The companion's declaration is required."))
        return True


class ProxyForm(forms.Form):
    key = forms.CharField(label=_("EPIC / elector number"), max_length=40)
    proxy_name = forms.CharField(label=_("Proxy's name"), max_length=200)


class SearchForm(forms.Form):
    query = forms.CharField(
        label=_("EPIC, part/serial or name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": True}),
    )


class CheckInForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput, max_length=40)
    document = forms.ChoiceField(label=_("Identity document"))
    document_number = forms.CharField(label=_("Document number"), max_length=60)
    token = forms.IntegerField(label=_("Token number"), min_value=1, required=False)

    def __init__(self, *args: Any, documents: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document"].choices = documents


class RegisterForm(forms.Form):
    checkin_id = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    ink = forms.BooleanField(label=_("Indelible ink applied"), required=False)
    mark = forms.ChoiceField(
        label=_("Signature or thumb impression"), choices=MARKS, widget=forms.RadioSelect
    )

    def clean_ink(self) -> bool:
        if not self.cleaned_data.get("ink"):
            raise forms.ValidationError(_("Confirm that the ink has been applied."))
        return True


class EnableForm(forms.Form):
    slip = forms.IntegerField(
        label=_("Slip number"), min_value=1, widget=forms.NumberInput(attrs={"autofocus": True})
    )
    ink = forms.BooleanField(label=_("Ink mark checked"), required=False)

    def clean_ink(self) -> bool:
        if not self.cleaned_data.get("ink"):
            raise forms.ValidationError(_("Check the ink mark before enabling the ballot unit."))
        return True
