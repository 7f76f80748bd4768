"""Forms of the admission pages: an application, opening a vote, the members' and the board's
votes and the board's decision. The services decide; these forms only collect the input."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from verbund.admissions.models import Application, BoardDecision, VoteChoice
from verbund.admissions.services.applications import VOTE_MEETINGS_AHEAD, VOTE_MEETINGS_BACK
from verbund.common.forms import BootstrapMixin
from verbund.meetings.models import Meeting
from verbund.members.models import Company, Person
from verbund.network.queries import regional_groups

COMPANY_FIELDS = ("name", "city", "region", "website", "description", "employees")


def _company_field(name: str) -> forms.Field:
    field = Company._meta.get_field(name)
    if name == "website":
        return field.formfield(assume_scheme="https")
    return field.formfield()


class PersonChoiceField(forms.ModelChoiceField):
    """People as "Maria Huber (Alpen IT Service GmbH)": names alone are not unique."""

    def label_from_instance(self, obj: Person) -> str:
        company = obj.company.name if obj.company else ""
        return f"{obj.full_name} ({company})" if company else obj.full_name


class ApplicationForm(BootstrapMixin, forms.Form):
    """A candidate company and its intended home group; the office also names the recommender
    (a member is the recommender of the candidates they submit)."""

    name = _company_field("name")
    city = _company_field("city")
    region = _company_field("region")
    website = _company_field("website")
    description = _company_field("description")
    employees = _company_field("employees")
    home_group = forms.ModelChoiceField(label=_("Home group"), queryset=regional_groups())
    recommended_by = PersonChoiceField(
        label=_("Recommended by"), queryset=Person.objects.none(), required=False
    )

    def __init__(self, *args: Any, recommenders: QuerySet[Person] | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["description"].widget.attrs["rows"] = 4
        self.fields["home_group"].queryset = regional_groups().order_by("name")
        if recommenders is None:
            del self.fields["recommended_by"]
        else:
            self.fields["recommended_by"].queryset = recommenders

    def company_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in COMPANY_FIELDS}


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Meeting) -> str:
        return f"{date_format(obj.occurrence_date, 'SHORT_DATE_FORMAT')} · {obj.title}"


class OpenVoteForm(BootstrapMixin, forms.Form):
    """The meeting of the home group at which the members vote."""

    meeting = MeetingChoiceField(label=_("Meeting"), queryset=Meeting.objects.none())

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["meeting"].queryset = Meeting.objects.filter(
            group_id=application.home_group_id,
            is_cancelled=False,
            occurrence_date__gte=today - VOTE_MEETINGS_BACK,
            occurrence_date__lte=today + VOTE_MEETINGS_AHEAD,
        ).order_by("starts_at")


class ActionForm(forms.Form):
    """A button without fields (close the vote, withdraw): carries the service's message."""


class VoteForm(BootstrapMixin, forms.Form):
    choice = forms.ChoiceField(
        label=_("Your vote"), choices=VoteChoice.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason for a veto"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Seen by the advisory board only."),
    )


class BoardVoteForm(BootstrapMixin, forms.Form):
    choice = forms.ChoiceField(
        label=_("Your vote"), choices=BoardDecision.choices, widget=forms.RadioSelect
    )


class DecisionForm(BootstrapMixin, forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=BoardDecision.choices)
    rationale = forms.CharField(
        label=_("Rationale"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The board's written reasons for its decision."),
    )
