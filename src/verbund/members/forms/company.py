"""Forms for the member-facing company pages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from verbund.common.forms import BootstrapMixin
from verbund.members.models import Company


class CompanyProfileForm(BootstrapMixin, forms.Form):
    """A company's profile as its company admin edits it; revenue only for its own people.

    A plain form, not a ModelForm: a ModelForm would change the instance in memory while
    validating, and the service would then see no change to save.
    """

    name = forms.CharField(label=_("Name"), max_length=200)
    street = forms.CharField(label=_("Street"), max_length=200, required=False)
    postal_code = forms.CharField(label=_("Postal code"), max_length=10, required=False)
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    region = forms.CharField(label=_("Region"), max_length=100, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    employees = forms.IntegerField(label=_("Employees"), required=False, min_value=0)
    annual_revenue = forms.DecimalField(
        label=_("Annual revenue (EUR)"),
        required=False,
        min_value=Decimal("0"),
        max_digits=14,
        decimal_places=2,
        help_text=_("Confidential: only the people of your company see it."),
    )

    def __init__(self, *args: Any, with_revenue: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not with_revenue:
            del self.fields["annual_revenue"]

    @classmethod
    def for_company(
        cls, company: Company, data: Any = None, *, with_revenue: bool
    ) -> CompanyProfileForm:
        """The form filled with the company's current values (and `data` when posted)."""
        form = cls(data, with_revenue=with_revenue)
        form.initial = {name: getattr(company, name) for name in form.fields}
        return form
