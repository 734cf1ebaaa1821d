from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from nirvachan.meetings.models import Decision


class MeetingForm(forms.Form):
    unit = forms.CharField(label=_("Admin unit code"), max_length=40)
    body = forms.CharField(label=_("Body or committee"), max_length=200)
    title = forms.CharField(label=_("Title"), max_length=300)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    venue = forms.CharField(label=_("Venue"), max_length=300, required=False)
    chair = forms.CharField(label=_("Chair"), max_length=300, required=False)
    secretary = forms.CharField(label=_("Secretary"), max_length=300, required=False)
    participants = forms.CharField(label=_("Participants"), widget=forms.Textarea, required=False)


class FollowUpForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Decision.Status.choices)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea, required=False)
    evidence = forms.CharField(label=_("Evidence"), max_length=500, required=False)
