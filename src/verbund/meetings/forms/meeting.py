"""Forms of the meeting page a member uses: the RSVP."""

from django import forms
from django.utils.translation import gettext_lazy as _

from verbund.common.forms import BootstrapMixin
from verbund.meetings.models import RsvpAnswer


class RsvpForm(BootstrapMixin, forms.Form):
    """A member's answer ahead of a meeting: attending, or apologies with a note."""

    answer = forms.ChoiceField(
        label=_("Your answer"), choices=RsvpAnswer.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=300,
        help_text=_("For example why you cannot come, or who comes in your place."),
    )
