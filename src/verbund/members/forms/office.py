"""Forms of the office pages for companies and people (never the confidential revenue)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from verbund.common.forms import BootstrapMixin, DateInput, ServiceModelForm
from verbund.members.models import STATUS_TRANSITIONS, Company, CompanyStatus, Person
from verbund.network.queries import regional_groups

COMPANY_PROFILE_FIELDS = [
    "name",
    "street",
    "postal_code",
    "city",
    "region",
    "website",
    "description",
    "employees",
    "member_since",
    "home_group",
]
PERSON_FIELDS = [
    "company",
    "first_name",
    "last_name",
    "function",
    "email",
    "phone",
    "mobile",
    "is_company_admin",
]


class CompanyForm(ServiceModelForm):
    """A company's profile and home group as the office keeps them (no revenue field)."""

    website = Company._meta.get_field("website").formfield(assume_scheme="https")

    class Meta:
        model = Company
        fields = COMPANY_PROFILE_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "member_since": DateInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["home_group"].queryset = regional_groups().order_by("name")


class CompanyCreateForm(CompanyForm):
    """A new company: a candidate, or an existing member entered as active."""

    class Meta(CompanyForm.Meta):
        fields = [*COMPANY_PROFILE_FIELDS, "status"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (status.value, status.label)
            for status in (CompanyStatus.CANDIDATE, CompanyStatus.ACTIVE)
        ]


class CompanyStatusForm(BootstrapMixin, forms.Form):
    """Move a company to one of the statuses the transition table allows next."""

    status = forms.ChoiceField(label=_("New status"), choices=CompanyStatus.choices)
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, company: Company, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The select offers the allowed steps; any other status reaches the service, which
        # refuses it with a message that names both statuses.
        self.allowed = [
            (status.value, status.label)
            for status in CompanyStatus
            if status in STATUS_TRANSITIONS[company.status]
        ]
        self.fields["status"].widget.choices = self.allowed


class PersonForm(ServiceModelForm):
    """A person's name, company, function, contact data and company-admin flag."""

    class Meta:
        model = Person
        fields = PERSON_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        company = self.fields["company"]
        company.queryset = Company.objects.order_by("name")
        company.empty_label = _("none (network office)")


class PersonCreateForm(PersonForm):
    """A new person, optionally with a login that is invited by e-mail."""

    login_email = forms.EmailField(
        label=_("Login e-mail"),
        required=False,
        help_text=_("Leave empty for a person without a login."),
    )
    invite = forms.BooleanField(
        label=_("Send an invitation to set a password"), required=False, initial=True
    )

    def person_data(self) -> dict[str, Any]:
        """The cleaned values that belong to the person itself."""
        return {name: self.cleaned_data[name] for name in PERSON_FIELDS}
