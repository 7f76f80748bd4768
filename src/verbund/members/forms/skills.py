"""Forms for a company's skills database and the office's taxonomy."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from verbund.common.forms import BootstrapMixin
from verbund.members.labels import label
from verbund.members.models import CustomerSize, Industry, PartnerLevel, Skill, Vendor


class LabelledChoiceField(forms.ModelMultipleChoiceField):
    """Taxonomy entries as boxes to tick, labelled in the reader's language."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Any) -> str:
        return label(obj)


class CompanySkillsForm(forms.Form):
    """The company's skills, ticked from the taxonomy (the template draws the boxes)."""

    skills = forms.ModelMultipleChoiceField(
        label=_("Skills"), queryset=Skill.objects.all(), required=False
    )


class CompanyMarketsForm(BootstrapMixin, forms.Form):
    """Industries, customer sizes and regions the company serves."""

    industries = LabelledChoiceField(
        label=_("Industries"), queryset=Industry.objects.all(), required=False
    )
    customer_sizes = forms.MultipleChoiceField(
        label=_("Customer sizes"),
        choices=CustomerSize.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    regions_served = forms.CharField(
        label=_("Regions served"),
        required=False,
        max_length=1000,
        help_text=_("Comma-separated, e.g. Oberbayern, Schwaben."),
    )

    def clean_regions_served(self) -> list[str]:
        return [part.strip() for part in self.cleaned_data["regions_served"].split(",")]


class OfferingForm(BootstrapMixin, forms.Form):
    """One entry of the service catalogue."""

    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class PartnershipForm(BootstrapMixin, forms.Form):
    """A vendor partnership; naming a vendor again updates its level and certifications."""

    vendor = forms.ModelChoiceField(label=_("Vendor"), queryset=Vendor.objects.all())
    level = forms.ChoiceField(label=_("Level"), choices=PartnerLevel.choices)
    certifications = forms.CharField(label=_("Certifications"), max_length=300, required=False)


class PublicFinderForm(BootstrapMixin, forms.Form):
    """The opt-in to the public partner finder."""

    enabled = forms.BooleanField(
        label=_("Show our company in the public partner finder"),
        required=False,
        help_text=_(
            "Customers looking for help can then find your company's name, city, skills and "
            "service catalogue, and send you a request. Revenue and people are never shown."
        ),
    )


class SkillForm(BootstrapMixin, forms.Form):
    """A taxonomy skill with its two labels and synonyms."""

    label_de = forms.CharField(label=_("Label (German)"), max_length=100)
    label_en = forms.CharField(label=_("Label (English)"), max_length=100)
    synonyms = forms.CharField(
        label=_("Synonyms"),
        required=False,
        help_text=_("Other words people use for it, comma-separated."),
    )


class VendorForm(BootstrapMixin, forms.Form):
    """A vendor."""

    name = forms.CharField(label=_("Name"), max_length=100)


class IndustryForm(BootstrapMixin, forms.Form):
    """An industry with its two labels."""

    label_de = forms.CharField(label=_("Label (German)"), max_length=100)
    label_en = forms.CharField(label=_("Label (English)"), max_length=100)
