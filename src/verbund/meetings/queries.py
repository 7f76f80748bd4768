"""Reads about meetings: who sees which, a member's attendance standing."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from verbund.meetings.models import AttendanceRecord, AttendanceStatus, Meeting, RegisterState
from verbund.network.models import Network
from verbund.network.queries import get_network, roles_of


def meetings_visible_to(user: Any) -> QuerySet[Meeting]:
    """Office: all; members and board: their own groups'; a guest: the meetings they visit."""
    roles = roles_of(user)
    meetings = Meeting.objects.select_related("group", "series")
    if roles.is_office:
        return meetings
    if roles.sees_network:
        groups = roles.group_ids | roles.moderated_group_ids | roles.secretary_group_ids
        return meetings.filter(group_id__in=groups)
    if roles.is_guest:
        return meetings.filter(guest_visits__guest__person=roles.person).distinct()
    return meetings.none()


def upcoming(
    meetings: QuerySet[Meeting], now: datetime.datetime | None = None
) -> QuerySet[Meeting]:
    return meetings.filter(ends_at__gte=now or timezone.now(), is_cancelled=False)


def counts_as_unexcused(status: str, network: Network) -> bool:
    """Whether a register status counts against the attendance rule."""
    if status == AttendanceStatus.ABSENT:
        return True
    if status == AttendanceStatus.LATE:
        return not network.late_counts_present
    if status == AttendanceStatus.SUBSTITUTE:
        return not network.substitute_counts_present
    return False


def unexcused_statuses(network: Network) -> list[str]:
    return [status for status in AttendanceStatus.values if counts_as_unexcused(status, network)]


def window_start(on: datetime.date, months: int) -> datetime.date:
    """The first day of the rolling window of `months` ending on `on`: the same day `months`
    back, or that month's last day when it is shorter (31 August - 6 months: 28 February,
    29 February in a leap year)."""
    month = on.month - months
    year = on.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    day = min(on.day, calendar.monthrange(year, month)[1])
    return datetime.date(year, month, day)


@dataclass(frozen=True)
class Standing:
    """A member's attendance in one group over the rolling window."""

    group_id: int
    unexcused: int
    allowed: int
    counted_meetings: int

    @property
    def level(self) -> str:
        if self.unexcused > self.allowed:
            return "over_limit"
        if self.unexcused == self.allowed:
            return "at_limit"
        return "ok"


def standing(person: Any, group: Any, on: datetime.date | None = None) -> Standing:
    """Unexcused absences of `person` in `group` in the window ending `on`.

    Only completed registers count.
    """
    network = get_network()
    on = on or timezone.localdate()
    records = AttendanceRecord.objects.filter(
        person=person,
        meeting__group=group,
        meeting__register_state=RegisterState.COMPLETED,
        meeting__is_cancelled=False,
        meeting__occurrence_date__gt=window_start(on, network.attendance_window_months),
        meeting__occurrence_date__lte=on,
    )
    unexcused = records.filter(status__in=unexcused_statuses(network)).count()
    return Standing(group.pk, unexcused, network.attendance_max_unexcused, records.count())


def attendance_for(meeting: Meeting) -> dict[int, AttendanceRecord]:
    """The meeting's records by person id."""
    return {record.person_id: record for record in meeting.attendance.all()}


def register_people(meeting: Meeting) -> QuerySet:
    """The people on a meeting's register: the group's members who had joined by that day,
    of active and suspended companies (a suspension does not lift the duty to attend; the
    register keeps counting and the rule keeps telling)."""
    from verbund.members.models import SEAT_STATUSES, Person

    return (
        Person.objects.filter(
            group_memberships__group=meeting.group,
            group_memberships__joined_on__lte=meeting.occurrence_date,
        )
        .filter(Q(company__isnull=True) | Q(company__status__in=SEAT_STATUSES))
        .select_related("company")
        .order_by("last_name", "first_name")
    )
