"""Forms of the schedule pages: series, one-off meetings, cancellations and holidays."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from verbund.common.forms import BootstrapMixin, DateInput, ServiceModelForm
from verbund.meetings.models import Meeting, MeetingSeries

# A breakfast lasts two hours; nothing a group holds runs past a day.
DURATION_LIMITS = {"min_value": 15, "max_value": 720}


def _label(field: str) -> Any:
    """The model field's own (translated) name, as a label."""
    return capfirst(MeetingSeries._meta.get_field(field).verbose_name)


def not_past(day: datetime.date) -> datetime.date:
    """Meetings are planned ahead; a day gone by is refused."""
    if day < timezone.localdate():
        raise forms.ValidationError(_("Please choose a day from today on."))
    return day


class TimeInput(forms.TimeInput):
    """A browser time picker; it needs HH:MM whatever the language."""

    input_type = "time"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%H:%M", **kwargs)


class SeriesForm(ServiceModelForm):
    """A recurrence: "every second Friday, 07:30, two hours, at a venue"."""

    interval_weeks = forms.IntegerField(
        label=_label("interval_weeks"), initial=2, min_value=1, max_value=52
    )
    duration_minutes = forms.IntegerField(
        label=_label("duration_minutes"), initial=120, **DURATION_LIMITS
    )

    class Meta:
        model = MeetingSeries
        fields = [
            "title",
            "first_date",
            "interval_weeks",
            "start_time",
            "duration_minutes",
            "venue",
            "ends_on",
        ]
        widgets = {
            "first_date": DateInput(),
            "ends_on": DateInput(),
            "start_time": TimeInput(),
        }

    def clean_first_date(self) -> datetime.date:
        return not_past(self.cleaned_data["first_date"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        first, last = data.get("first_date"), data.get("ends_on")
        if first and last and last < first:
            self.add_error("ends_on", _("The last meeting cannot be before the first."))
        return data


class MeetingForm(BootstrapMixin, forms.Form):
    """A one-off meeting of the group."""

    title = forms.CharField(label=_label("title"), max_length=200)
    day = forms.DateField(label=_("Date"), widget=DateInput())
    start_time = forms.TimeField(label=_label("start_time"), widget=TimeInput())
    duration_minutes = forms.IntegerField(
        label=_label("duration_minutes"), initial=120, **DURATION_LIMITS
    )
    venue = forms.CharField(label=_label("venue"), max_length=300, required=False)

    def clean_day(self) -> datetime.date:
        return not_past(self.cleaned_data["day"])


class CancelForm(BootstrapMixin, forms.Form):
    """Why one meeting does not take place."""

    reason = forms.CharField(
        label=capfirst(Meeting._meta.get_field("cancel_reason").verbose_name), max_length=300
    )

    @classmethod
    def for_meeting(cls, code: str, data: Any = None) -> CancelForm:
        """The form of one meeting's row; ids stay unique with one form per row on the page."""
        return cls(data, auto_id=f"id_cancel_{code}_%s")


class HolidayForm(BootstrapMixin, forms.Form):
    """A network-wide day without meetings."""

    date = forms.DateField(label=_("Date"), widget=DateInput())
    name = forms.CharField(label=_("Name"), max_length=100)

    def clean_date(self) -> datetime.date:
        return not_past(self.cleaned_data["date"])
