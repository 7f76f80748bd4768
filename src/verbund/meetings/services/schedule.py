"""Series, occurrences, one-off meetings, cancellations and holidays."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.common.audit import log_action
from verbund.common.permissions import require_perm
from verbund.meetings.models import Holiday, Meeting, MeetingSeries, RegisterState
from verbund.network.models import Group

BERLIN = ZoneInfo(settings.TIME_ZONE)


def local_span(
    day: datetime.date, start: datetime.time, minutes: int
) -> tuple[datetime.datetime, datetime.datetime]:
    """Start and end of a meeting as aware datetimes: 07:30 stays 07:30 across DST changes."""
    starts = datetime.datetime.combine(day, start, tzinfo=BERLIN)
    return starts, starts + datetime.timedelta(minutes=minutes)


@transaction.atomic
def create_series(*, group: Group, data: dict[str, Any], actor: Any) -> MeetingSeries:
    """Create a meeting series for a group. Side effect: audit entry (occurrences follow
    with `generate_occurrences`)."""
    require_perm(actor, "meetings.manage_series", group)
    series = MeetingSeries(group=group, **data)
    series.full_clean()
    series.save()
    log_action(
        actor=actor,
        action="series.create",
        obj=group,
        changes={"title": series.title, **{key: str(value) for key, value in data.items()}},
    )
    return series


def occurrence_dates(series: MeetingSeries, until: datetime.date) -> list[datetime.date]:
    """The series' dates up to `until` (and its own end), without network holidays."""
    last = min(until, series.ends_on) if series.ends_on else until
    holidays = set(
        Holiday.objects.filter(date__range=(series.first_date, last)).values_list("date", flat=True)
    )
    step = datetime.timedelta(weeks=series.interval_weeks)
    dates, day = [], series.first_date
    while day <= last:
        if day not in holidays:
            dates.append(day)
        day += step
    return dates


@transaction.atomic
def generate_occurrences(*, series: MeetingSeries, until: datetime.date) -> list[Meeting]:
    """Create the series' meetings up to `until` that do not exist yet (idempotent).

    Side effect: one audit entry per run that created meetings.
    """
    existing = set(series.meetings.values_list("occurrence_date", flat=True))
    created = []
    for day in occurrence_dates(series, until):
        if day in existing:
            continue
        starts, ends = local_span(day, series.start_time, series.duration_minutes)
        created.append(
            Meeting(
                group=series.group,
                series=series,
                occurrence_date=day,
                title=series.title,
                starts_at=starts,
                ends_at=ends,
                venue=series.venue,
            )
        )
    Meeting.objects.bulk_create(created)
    if created:
        log_action(
            actor=None,
            action="meetings.generate",
            obj=series.group,
            changes={"series": series.title, "count": len(created)},
        )
    return created


def generate_all(*, weeks_ahead: int = 12) -> int:
    """Generate every series' occurrences for the coming weeks; returns how many were new."""
    until = timezone.localdate() + datetime.timedelta(weeks=weeks_ahead)
    return sum(
        len(generate_occurrences(series=series, until=until))
        for series in MeetingSeries.objects.select_related("group")
    )


@transaction.atomic
def create_meeting(*, group: Group, data: dict[str, Any], actor: Any) -> Meeting:
    """Create a one-off meeting (`day`, `start_time`, `duration_minutes`, `title`, `venue`).

    Side effect: audit entry.
    """
    require_perm(actor, "meetings.manage_series", group)
    day, start = data["day"], data["start_time"]
    starts, ends = local_span(day, start, data.get("duration_minutes") or 120)
    meeting = Meeting(
        group=group,
        occurrence_date=day,
        title=data["title"],
        starts_at=starts,
        ends_at=ends,
        venue=data.get("venue", ""),
    )
    meeting.full_clean()
    meeting.save()
    log_action(
        actor=actor,
        action="meeting.create",
        obj=meeting,
        changes={"title": meeting.title, "starts_at": starts},
    )
    return meeting


@transaction.atomic
def cancel_meeting(*, meeting: Meeting, reason: str, actor: Any) -> Meeting:
    """Cancel one occurrence; it stays listed as cancelled. Side effect: audit entry."""
    require_perm(actor, "meetings.change_meeting", meeting)
    if meeting.is_cancelled:
        raise ValidationError({"reason": _("This meeting is already cancelled.")})
    if meeting.starts_at <= timezone.now() or meeting.register_state != RegisterState.DRAFT:
        raise ValidationError({"reason": _("A meeting that has begun cannot be cancelled.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Please give a reason for cancelling.")})
    meeting.is_cancelled, meeting.cancel_reason = True, reason.strip()
    meeting.save(update_fields=["is_cancelled", "cancel_reason"])
    log_action(actor=actor, action="meeting.cancel", obj=meeting, changes={"reason": reason})
    return meeting


@transaction.atomic
def add_holiday(*, date: datetime.date, name: str, actor: Any) -> Holiday:
    """Add a network holiday; future occurrences on that day are cancelled.

    Side effects: cancels meetings on that day whose register is still empty, audit entry.
    """
    require_perm(actor, "meetings.manage_holidays")
    try:
        with transaction.atomic():
            holiday = Holiday.objects.create(date=date, name=name.strip())
    except IntegrityError:
        raise ValidationError({"date": _("This day is already a holiday.")}) from None
    Meeting.objects.filter(
        occurrence_date=date, series__isnull=False, attendance__isnull=True
    ).update(is_cancelled=True, cancel_reason=name.strip())
    log_action(
        actor=actor, action="holiday.create", obj=holiday, changes={"date": date, "name": name}
    )
    return holiday
