"""Forms for the member-facing group pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from verbund.common.forms import BootstrapMixin


class GroupDescriptionForm(BootstrapMixin, forms.Form):
    """What a moderator may change about their group: its description."""

    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What the group does, when and where it meets, whom it welcomes."),
    )
