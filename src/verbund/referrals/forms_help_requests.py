"""Forms of "who can help" requests. The services decide; these forms only collect the input."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from verbund.common.forms import BootstrapMixin
from verbund.referrals.forms_referrals import TEMPERATURES


class NeedForm(BootstrapMixin, forms.Form):
    """Step one: the need (and where), to find the suggestions."""

    need = forms.CharField(
        label=_("The customer's need"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("No names or contact data: the asked members see this text."),
    )
    region = forms.CharField(label=_("Region (optional)"), max_length=100, required=False)


class AskForm(NeedForm):
    """Step two: the companies to ask, from the suggestions (their codes)."""

    companies = forms.MultipleChoiceField(
        label=_("Ask these members"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["companies"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = choices


class AnswerForm(BootstrapMixin, forms.Form):
    can_help = forms.TypedChoiceField(
        label=_("Can your company help?"),
        choices=[("yes", _("Yes, we can help")), ("no", _("No, we cannot help"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("Message to the asker (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AcceptForm(BootstrapMixin, forms.Form):
    """The customer's contact data for the referral the accepted answer becomes."""

    temperature = forms.TypedChoiceField(
        label=_("Temperature"),
        choices=TEMPERATURES,
        coerce=int,
        initial=3,
        widget=forms.RadioSelect,
        help_text=_("How well prepared: 1 a name only, 5 the customer expects your call."),
    )
    customer_name = forms.CharField(label=_("Contact person"), max_length=200)
    customer_company = forms.CharField(label=_("Customer"), max_length=200, required=False)
    # A text field: the service checks the address and says so in its own words.
    customer_email = forms.CharField(label=_("E-mail"), max_length=254, required=False)
    customer_phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
