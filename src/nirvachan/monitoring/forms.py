"""Forms of the monitoring pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from nirvachan.monitoring.models import Incident


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
