"""Forms of one-to-ones: requesting one and recording it as held. The services decide; these
forms only collect the input."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from verbund.admissions.forms import PersonChoiceField
from verbund.common.forms import BootstrapMixin, DateInput
from verbund.members.models import MEMBER_STATUSES, Person


class DateTimeInput(forms.DateTimeInput):
    """The browser's date-and-time picker; it needs ISO values whatever the language."""

    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class OneToOneForm(BootstrapMixin, forms.Form):
    """Whom to meet (people of other member companies), when, and why."""

    partner = PersonChoiceField(
        label=_("With"), queryset=Person.objects.none(), to_field_name="code"
    )
    proposed_for = forms.DateTimeField(
        label=_("Proposed date (optional)"), required=False, widget=DateTimeInput()
    )
    message = forms.CharField(
        label=_("Message (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only the two of you see it."),
    )

    def __init__(self, *args: Any, people: Any, me: Person | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = people.filter(company__status__in=MEMBER_STATUSES).select_related("company")
        if me is not None and me.company_id is not None:
            choices = choices.exclude(company_id=me.company_id)
        field = self.fields["partner"]
        assert isinstance(field, PersonChoiceField)
        field.queryset = choices.order_by("last_name", "first_name")


class HeldForm(BootstrapMixin, forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=DateInput())
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only the two of you see it."),
    )
