"""Forms of the guest pages: invitations, the public registration, walk-ins, vendor guests,
recorded visits and the consent text. The services decide; these forms collect the input."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.formats import date_format, time_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from verbund.admissions.models import GuestConsent, VisitStatus
from verbund.common.forms import BootstrapMixin
from verbund.meetings.models import Meeting

GUEST_FIELDS = ("first_name", "last_name", "email", "phone", "company_name")


class MeetingField(forms.ModelChoiceField):
    """Meetings as "Fr, 04.12.2026, 07:30 · Ortsgruppe München-Nord"."""

    def label_from_instance(self, obj: Meeting) -> str:
        starts = localtime(obj.starts_at)
        when = f"{date_format(starts, 'D')}, {date_format(starts, 'SHORT_DATE_FORMAT')}"
        return f"{when}, {time_format(starts, 'TIME_FORMAT')} · {obj.group.name}"


class GuestFieldsForm(BootstrapMixin, forms.Form):
    """The guest's name, e-mail, phone and company."""

    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    email = forms.EmailField(label=_("E-mail"))
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    company_name = forms.CharField(label=_("Company"), max_length=200)

    def guest_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name, "") for name in GUEST_FIELDS}


class InviteForm(GuestFieldsForm):
    """A member invites a guest to one of the next meetings of their groups."""

    meeting = MeetingField(label=_("Meeting"), queryset=Meeting.objects.none())
    language = forms.ChoiceField(
        label=_("Language of the invitation"),
        choices=[("de", _("German")), ("en", _("English"))],
        initial="de",
    )

    def __init__(self, *args: Any, meetings: QuerySet[Meeting], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings


class VendorGuestForm(GuestFieldsForm):
    """A vendor guest for the meeting's vendor slot (the company: the manufacturer)."""

    title = forms.CharField(label=_("Topic of the vendor slot"), max_length=300)
    language = forms.ChoiceField(
        label=_("Language of the invitation"),
        choices=[("de", _("German")), ("en", _("English"))],
        initial="de",
    )


class WalkInForm(GuestFieldsForm):
    """A guest who came unannounced."""


class RegistrationForm(GuestFieldsForm):
    """The public page: a visit to one of the group's next meetings, with consent."""

    meeting = MeetingField(
        label=_("Meeting"), queryset=Meeting.objects.none(), widget=forms.RadioSelect
    )
    consent_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    consent = forms.BooleanField(
        label=_("I agree to the processing of my data as described above."), required=False
    )

    def __init__(
        self,
        *args: Any,
        meetings: QuerySet[Meeting],
        consent: GuestConsent | None,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("initial", {"consent_version": consent.version if consent else None})
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings

    def show_current_consent(self, consent: GuestConsent | None) -> None:
        """After a refused consent: the hidden field carries the version now shown (so that
        sending again agrees to it), and the box is to be ticked anew for that text."""
        data = self.data.copy()
        data[self.add_prefix("consent_version")] = consent.version if consent else ""
        data.pop(self.add_prefix("consent"), None)
        self.data = data

    def agreed_version(self) -> int | None:
        """The version the person agreed to, None if the box is not ticked."""
        if not self.cleaned_data.get("consent"):
            return None
        return self.cleaned_data.get("consent_version")


class VisitStatusForm(forms.Form):
    status = forms.ChoiceField(choices=VisitStatus.choices)


class ConsentForm(BootstrapMixin, forms.Form):
    text_de = forms.CharField(label=_("Text (German)"), widget=forms.Textarea(attrs={"rows": 12}))
    text_en = forms.CharField(label=_("Text (English)"), widget=forms.Textarea(attrs={"rows": 12}))


class ActionForm(forms.Form):
    """A button without fields: carries the service's message."""
