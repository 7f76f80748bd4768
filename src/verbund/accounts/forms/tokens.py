"""Personal access tokens for the REST API."""

from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    """The name of a new token, so its owner knows later what it was for."""

    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, for example “CRM synchronisation”."),
    )
