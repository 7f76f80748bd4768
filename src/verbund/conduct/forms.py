"""Forms of the code of honour: the office publishes a version, a member accepts it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from verbund.common.forms import BootstrapMixin


class PublishForm(BootstrapMixin, forms.Form):
    text_de = forms.CharField(label=_("Text (German)"), widget=forms.Textarea(attrs={"rows": 12}))
    text_en = forms.CharField(label=_("Text (English)"), widget=forms.Textarea(attrs={"rows": 12}))


class AcceptForm(BootstrapMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    accept = forms.BooleanField(label=_("I have read the code of honour and accept it."))
