"""Forms of the code of honour (publish, accept), of conduct cases and of a resignation.
The services decide; these forms only collect the input."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from verbund.admissions.forms import PersonChoiceField
from verbund.common.forms import BootstrapMixin, DateInput
from verbund.conduct.models import CASE_TRANSITIONS, CaseOutcome, CaseStage, ConductCase
from verbund.members.models import SEAT_STATUSES, Company, Person


class PublishForm(BootstrapMixin, forms.Form):
    text_de = forms.CharField(label=_("Text (German)"), widget=forms.Textarea(attrs={"rows": 12}))
    text_en = forms.CharField(label=_("Text (English)"), widget=forms.Textarea(attrs={"rows": 12}))


class AcceptForm(BootstrapMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    accept = forms.BooleanField(label=_("I have read the code of honour and accept it."))


# ---------------------------------------------------------------- conduct cases


class CompanyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Company) -> str:
        return f"{obj.name} ({obj.city})" if obj.city else obj.name


class CaseForm(BootstrapMixin, forms.Form):
    """A complaint: against which member company, optionally a person of it, what happened."""

    company = CompanyChoiceField(label=_("Member company"), queryset=Company.objects.none())
    person = PersonChoiceField(
        label=_("Person concerned (optional)"), queryset=Person.objects.none(), required=False
    )
    allegation = forms.CharField(
        label=_("What happened"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Only the advisory board reads this; the member concerned from the hearing."),
    )

    def __init__(self, *args: Any, own_company_id: int | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members = Company.objects.filter(status__in=SEAT_STATUSES).exclude(pk=own_company_id)
        self.fields["company"].queryset = members.order_by("name")
        people = Person.objects.filter(company__in=members).select_related("company")
        self.fields["person"].queryset = people.order_by("last_name", "first_name")


class MoveForm(BootstrapMixin, forms.Form):
    """The board moves an open case to review or hearing, with the stage's deadline."""

    stage = forms.ChoiceField(label=_("Next stage"))
    deadline = forms.DateField(
        label=_("Deadline"),
        required=False,
        widget=DateInput(),
        help_text=_("Empty: the network's days for a stage from today."),
    )

    def __init__(self, *args: Any, case: ConductCase, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        moves = CASE_TRANSITIONS[case.stage] - {CaseStage.DECIDED}
        self.fields["stage"].choices = [(s.value, s.label) for s in CaseStage if s in moves]


class StatementForm(BootstrapMixin, forms.Form):
    statement = forms.CharField(label=_("Your statement"), widget=forms.Textarea(attrs={"rows": 8}))


class CaseDecisionForm(BootstrapMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=CaseOutcome.choices)
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea(attrs={"rows": 6}))
    suspended_until = forms.DateField(
        label=_("Suspended until (last day)"),
        required=False,
        widget=DateInput(),
        help_text=_("For a suspension only."),
    )


class ResignationForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
