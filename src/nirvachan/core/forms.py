from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nirvachan.core.errors import DomainError
from nirvachan.core.models import Office


def add_domain_error(form: forms.Form, exc: DomainError) -> None:
    """Show a service's refusal on the form: on the field it names, else above the form."""
    field = exc.details.get("field")
    form.add_error(field if field in form.fields else None, exc.message)


class OfficeForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=60)
    kind = forms.ChoiceField(label=_("Kind"), choices=Office.Kind.choices)
    unit = forms.CharField(label=_("Admin unit code"), max_length=40)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200)
    name_bn = forms.CharField(label=_("Name (Bengali)"), max_length=200, required=False)
    name_hi = forms.CharField(label=_("Name (Hindi)"), max_length=200, required=False)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)


class OfficeEditForm(OfficeForm):
    is_active = forms.BooleanField(label=_("Active"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["code"]
        del self.fields["unit"]
