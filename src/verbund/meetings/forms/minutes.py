"""Forms of the agenda and the minutes: items, text, decisions and action items."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from verbund.common.forms import BootstrapMixin, DateInput
from verbund.meetings.models import ActionItemStatus, AgendaKind, Meeting
from verbund.meetings.queries import register_people
from verbund.network.forms.office import PersonChoiceField


class AgendaItemForm(BootstrapMixin, forms.Form):
    """An agenda item; a talk's speaker is a member of the group or named as an external."""

    prefix = "agenda"

    kind = forms.ChoiceField(label=_("Kind"), choices=AgendaKind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    speaker = PersonChoiceField(label=_("Speaker"), queryset=None, required=False)
    speaker_name = forms.CharField(
        label=_("External speaker"),
        required=False,
        max_length=200,
        help_text=_("Only if the speaker is not a member of the group."),
    )
    duration_minutes = forms.IntegerField(
        label=pgettext_lazy("duration", "Minutes"), required=False, min_value=1, max_value=600
    )

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["speaker"].queryset = register_people(meeting)


class MoveForm(forms.Form):
    """One place up or down in the agenda."""

    direction = forms.ChoiceField(choices=[("up", _("up")), ("down", _("down"))])


class MinutesForm(BootstrapMixin, forms.Form):
    """The minutes' free text."""

    minutes = forms.CharField(
        label=_("Minutes"), required=False, max_length=50000, widget=forms.Textarea({"rows": 8})
    )


class DecisionForm(BootstrapMixin, forms.Form):
    """A decision taken in the meeting."""

    prefix = "decision"

    text = forms.CharField(label=_("Decision"), max_length=2000, widget=forms.Textarea({"rows": 2}))


class ActionItemForm(BootstrapMixin, forms.Form):
    """A promise with its owner (a member, or an external person by name) and a due date."""

    prefix = "action"

    title = forms.CharField(label=_("Action item"), max_length=300)
    owner = PersonChoiceField(label=_("Owner"), queryset=None, required=False)
    owner_name = forms.CharField(
        label=_("Owner (external)"),
        required=False,
        max_length=200,
        help_text=_("For example a vendor's guest who promised to take care of it."),
    )
    due_on = forms.DateField(label=_("Due on"), required=False, widget=DateInput())

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = register_people(meeting)


class ActionItemStatusForm(forms.Form):
    """Open, done or dropped."""

    status = forms.ChoiceField(label=_("Status"), choices=ActionItemStatus.choices)
