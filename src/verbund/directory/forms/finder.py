"""The public partner finder's forms: the need, and the request to chosen companies."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from verbund.directory.queries import Result
from verbund.directory.services import CONSENT_TEXT, MAX_LEAD_COMPANIES, send_lead


class FinderSearchForm(forms.Form):
    """What the customer needs, and where."""

    need = forms.CharField(
        label=_("What do you need?"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    region = forms.CharField(label=_("Region"), max_length=100, required=False)


class LeadForm(forms.Form):
    """The customer's request to the companies they choose among those found."""

    companies = forms.MultipleChoiceField(
        label=_("Send my request to"), widget=forms.CheckboxSelectMultiple
    )
    customer_name = forms.CharField(label=_("Your name"), max_length=200)
    customer_company = forms.CharField(label=_("Your company"), max_length=200, required=False)
    customer_email = forms.EmailField(label=_("Your e-mail"))
    customer_phone = forms.CharField(label=_("Your phone"), max_length=40, required=False)
    need = forms.CharField(
        label=_("Your request"), max_length=1000, widget=forms.Textarea(attrs={"rows": 4})
    )
    region = forms.CharField(label=_("Region"), max_length=100, required=False)
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": _("Please agree that we pass on your details.")},
    )
    # What the companies were found for (the customer may still reword the request).
    searched_need = forms.CharField(widget=forms.HiddenInput, max_length=1000)
    searched_region = forms.CharField(widget=forms.HiddenInput, max_length=100, required=False)
    # Honeypot: hidden from people by CSS; a bot that fills it is told "sent" and ignored.
    homepage = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args: Any, results: list[Result], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "lead_%s")  # the search form on the same page has id_need
        super().__init__(*args, **kwargs)
        self.fields["companies"].choices = [
            (result.company.code, result.company.name) for result in results
        ]
        self.fields["homepage"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def send(self, language: str) -> Any:
        """Send the valid request through `send_lead` (the page and the API alike)."""
        data = self.cleaned_data
        return send_lead(
            customer_name=data["customer_name"],
            customer_company=data["customer_company"],
            customer_email=data["customer_email"],
            customer_phone=data["customer_phone"],
            need=data["need"],
            region=data["region"],
            consent=data["consent"],
            company_codes=data["companies"],
            searched_need=data["searched_need"],
            searched_region=data["searched_region"],
            language=language,
        )

    def clean_companies(self) -> list[str]:
        codes: list[str] = self.cleaned_data["companies"]
        if len(codes) > MAX_LEAD_COMPANIES:
            raise forms.ValidationError(
                _("Please choose at most %(max)d companies.") % {"max": MAX_LEAD_COMPANIES}
            )
        return codes
