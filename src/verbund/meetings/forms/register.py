"""Forms of the attendance register: one tap per person, completing and reopening."""

from django import forms
from django.utils.translation import gettext_lazy as _

from verbund.common.forms import BootstrapMixin
from verbund.meetings.models import AttendanceStatus


class RecordForm(BootstrapMixin, forms.Form):
    """One person's status; the substitute's name only counts for "substitute"."""

    status = forms.ChoiceField(label=_("Attendance"), choices=AttendanceStatus.choices)
    substitute_name = forms.CharField(label=_("Substitute"), required=False, max_length=200)


class CompleteForm(forms.Form):
    """No fields: it carries the service's refusal (e.g. the meeting has not begun)."""


class ReopenForm(BootstrapMixin, forms.Form):
    """Why a completed register is reopened (kept in the audit log)."""

    reason = forms.CharField(label=_("Reason for reopening"), max_length=300)


class CheckInForm(forms.Form):
    """No fields: the code is in the URL; it carries the service's refusal."""
