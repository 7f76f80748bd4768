"""A group's schedule (series, one-off meetings, cancellations) and the network's holidays."""

from __future__ import annotations

import datetime
from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from verbund.common.http import check_perm, get_visible_or_404, run_service
from verbund.meetings.forms.schedule import CancelForm, HolidayForm, MeetingForm, SeriesForm
from verbund.meetings.models import Holiday, Meeting, MeetingSeries
from verbund.meetings.queries import meetings_visible_to
from verbund.meetings.services import (
    add_holiday,
    cancel_meeting,
    create_meeting,
    create_series,
    generate_occurrences,
)
from verbund.network.models import Group
from verbund.network.queries import groups_visible_to

# A new series gets its meetings for this far ahead; `verbund generate_meetings` keeps it so.
WEEKS_AHEAD = 12
# The schedule lists this many coming meetings (a series reaches 12 weeks ahead).
UPCOMING_SHOWN = 30


@login_required
def schedule(request: HttpRequest, code: str) -> HttpResponse:
    """A group's series and coming meetings; create a series or a one-off meeting."""
    group = get_visible_or_404(groups_visible_to(request.user), code=code)
    check_perm(request, "meetings.manage_series", group)
    action = request.POST.get("action") if request.method == "POST" else None
    forms = {
        "series": SeriesForm(request.POST if action == "series" else None, prefix="series"),
        "meeting": MeetingForm(request.POST if action == "meeting" else None, prefix="meeting"),
    }
    form = forms.get(action or "")
    if form is not None and form.is_valid():
        done = run_service(form, _call(action, form, group, request))
        if done is not None:
            messages.success(request, _success(action, done))
            return redirect("meetings:schedule", code=group.code)
    return _render_schedule(request, group, forms=forms)


def _call(action: str | None, form: Any, group: Group, request: HttpRequest) -> Any:
    """The service call for one of the schedule page's forms."""
    if action == "series":
        return partial(_create_series, group=group, data=form.cleaned_data, actor=request.user)
    return partial(create_meeting, group=group, data=form.cleaned_data, actor=request.user)


def _create_series(*, group: Group, data: dict[str, Any], actor: Any) -> list[Meeting]:
    """A new series with its meetings for the coming weeks, both or neither."""
    with transaction.atomic():
        series = create_series(group=group, data=data, actor=actor)
        until = timezone.localdate() + datetime.timedelta(weeks=WEEKS_AHEAD)
        return generate_occurrences(series=series, until=until)


def _success(action: str | None, done: Any) -> str:
    if action == "series":
        return _("The series is created with %(count)d meetings in the coming weeks.") % {
            "count": len(done)
        }
    return _("The meeting on %(day)s is created.") % _day(done.occurrence_date)


@require_POST
@login_required
def cancel(request: HttpRequest, code: str) -> HttpResponse:
    """Cancel one meeting with a reason; it stays listed as cancelled."""
    meeting = get_visible_or_404(meetings_visible_to(request.user), code=code)
    check_perm(request, "meetings.change_meeting", meeting)
    form = CancelForm.for_meeting(meeting.code, request.POST)
    if form.is_valid():
        call = partial(
            cancel_meeting, meeting=meeting, reason=form.cleaned_data["reason"], actor=request.user
        )
        if run_service(form, call) is not None:
            message = _("The meeting on %(day)s is cancelled.") % _day(meeting.occurrence_date)
            messages.success(request, message)
            return redirect("meetings:schedule", code=meeting.group.code)
    return _render_schedule(request, meeting.group, forms={}, failed=(meeting.pk, form))


def _day(day: datetime.date) -> dict[str, str]:
    return {"day": date_format(day, "SHORT_DATE_FORMAT")}


def _render_schedule(
    request: HttpRequest,
    group: Group,
    *,
    forms: dict[str, Any],
    failed: tuple[int, CancelForm] | None = None,
) -> HttpResponse:
    """The schedule page with the forms as they stand (a refused cancel keeps its message)."""
    meetings = list(
        meetings_visible_to(request.user)
        .filter(group=group, ends_at__gte=timezone.now())
        .order_by("starts_at")[:UPCOMING_SHOWN]
    )
    for meeting in meetings:
        if failed is not None and failed[0] == meeting.pk:
            meeting.cancel_form = failed[1]
        elif not meeting.is_cancelled:
            meeting.cancel_form = CancelForm.for_meeting(meeting.code)
    context = {
        "group": group,
        "series_list": MeetingSeries.objects.filter(group=group).order_by("first_date", "pk"),
        "meetings": meetings,
        "series_form": forms.get("series") or SeriesForm(prefix="series"),
        "meeting_form": forms.get("meeting") or MeetingForm(prefix="meeting"),
    }
    return render(request, "meetings/schedule.html", context)


@login_required
@permission_required("meetings.manage_holidays", raise_exception=True)
def holidays(request: HttpRequest) -> HttpResponse:
    """The network's holidays (no meetings on them); the office adds one."""
    form = HolidayForm(request.POST or None)
    if form.is_valid():
        call = partial(add_holiday, actor=request.user, **form.cleaned_data)
        holiday = run_service(form, call)
        if holiday is not None:
            messages.success(
                request,
                _("%(name)s on %(day)s is a holiday; series meetings on that day are cancelled.")
                % {"name": holiday.name, **_day(holiday.date)},
            )
            return redirect("office:holidays")
    today = timezone.localdate()
    context = {
        "form": form,
        "coming": Holiday.objects.filter(date__gte=today),
        "past": Holiday.objects.filter(date__lt=today).order_by("-date")[:10],
    }
    return render(request, "meetings/holidays.html", context)
