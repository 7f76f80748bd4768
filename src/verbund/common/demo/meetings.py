"""The demo's meetings: a fortnightly breakfast per regional group, a year back and 12 weeks
ahead, holidays, completed registers with believable attendance, and RSVPs.

Series, holidays and occurrences go through the services. The registers do not: a year of
registers through `record_attendance` and `complete_register` is some 2,000 service calls,
each locking the meeting and checking the register, which would make `verbund demo` take
minutes. They are bulk-inserted instead, then marked completed, as a moderator would have
left them; the attendance rule then runs once over all groups.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import F

from verbund.common.demo import data, texts
from verbund.common.demo.names import FEMALE_FIRST, LAST_NAMES, MALE_FIRST
from verbund.meetings.models import (
    AttendanceRecord,
    AttendanceStatus,
    Meeting,
    RegisterState,
    Rsvp,
    RsvpAnswer,
)
from verbund.meetings.queries import register_people, window_start
from verbund.meetings.services import add_holiday, create_series, generate_occurrences
from verbund.members.models import Person
from verbund.network.models import Group, GroupRole
from verbund.network.queries import get_network

# A Friday of the regional groups' fortnightly rhythm: every demo has the same meeting days.
MEETING_FRIDAY = datetime.date(2026, 1, 9)
WEEKS_AHEAD = 12
# Register statuses and how often each is drawn, per kind of member.
STATUSES = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.LATE,
    AttendanceStatus.EXCUSED,
    AttendanceStatus.ABSENT,
    AttendanceStatus.SUBSTITUTE,
)
HABITS = {"steady": (88, 5, 5, 1, 1), "busy": (70, 8, 13, 5, 4)}
# Members of München-Nord who are at the rule's limit (3 unexcused) and the one over it (4).
AT_LIMIT, OVER_LIMIT = 3, 1
CHECK_IN_SINCE = datetime.timedelta(weeks=10)  # self check-in came into use this recently


@dataclass
class GroupMeetings:
    """One regional group's generated meetings, split at the demo's day."""

    group: Group
    past: list[Meeting]
    upcoming: list[Meeting]
    tallies: dict[int, Counter] = field(default_factory=dict)  # meeting pk → statuses
    # Meeting pk → who can speak there: who came (past), who has not sent apologies (next).
    available: dict[int, set[int]] = field(default_factory=dict)


def last_meeting_fridays(today: datetime.date, count: int) -> list[datetime.date]:
    """The last `count` fortnightly meeting Fridays before `today`, oldest first."""
    days = (today - MEETING_FRIDAY).days - 1
    last = today - datetime.timedelta(days=1 + days % 14)
    return [last - datetime.timedelta(days=14 * n) for n in reversed(range(count))]


def meeting_span(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first meeting (52 weeks before the last one before `today`) and the horizon."""
    last = last_meeting_fridays(today, 1)[0]
    return last - datetime.timedelta(weeks=52), last + datetime.timedelta(weeks=WEEKS_AHEAD)


def easter(year: int) -> datetime.date:
    """Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    r = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * r) // 451
    month, day = divmod(h + r - 7 * m + 114, 31)
    return datetime.date(year, month, day + 1)


FIXED_HOLIDAYS = {
    (1, 1): "Neujahr",
    (1, 6): "Heilige Drei Könige",
    (5, 1): "Tag der Arbeit",
    (8, 15): "Mariä Himmelfahrt",
    (10, 3): "Tag der Deutschen Einheit",
    (11, 1): "Allerheiligen",
    (12, 24): "Heiligabend",
    (12, 25): "1. Weihnachtsfeiertag",
    (12, 26): "2. Weihnachtsfeiertag",
}


def friday_holidays(first: datetime.date, last: datetime.date) -> list[tuple[datetime.date, str]]:
    """Bavarian public holidays and the days between the years that fall on a Friday."""
    days = []
    for year in range(first.year, last.year + 1):
        named = {datetime.date(year, m, d): name for (m, d), name in FIXED_HOLIDAYS.items()}
        named[easter(year) - datetime.timedelta(days=2)] = "Karfreitag"
        for day in range(27, 32):
            named.setdefault(datetime.date(year, 12, day), "Zwischen den Jahren")
        days += [(day, name) for day, name in named.items() if day.weekday() == 4]
    return sorted((day, name) for day, name in days if first <= day <= last)


def build_meetings(
    rng: random.Random, regional: list[Group], today: datetime.date
) -> list[GroupMeetings]:
    """Holidays, one breakfast series per regional group and its occurrences, registers for
    the past meetings, RSVPs for the next ones."""
    first, until = meeting_span(today)
    for day, name in friday_holidays(first, until):  # before generating, so they are skipped
        add_holiday(date=day, name=name, actor=None)
    schedule = []
    for spec, group in zip(data.REGIONAL_GROUPS, regional, strict=True):
        series = create_series(
            group=group,
            data={
                "title": texts.SERIES_TITLE,
                "first_date": first,
                "interval_weeks": 2,
                "start_time": datetime.time(7, 30),
                "duration_minutes": 120,
                "venue": spec.venue.removeprefix("im "),
            },
            actor=None,
        )
        generate_occurrences(series=series, until=until)
        meetings = list(series.meetings.select_related("group").order_by("occurrence_date"))
        schedule.append(
            GroupMeetings(
                group=group,
                past=[m for m in meetings if m.occurrence_date < today],
                upcoming=[m for m in meetings if m.occurrence_date >= today],
            )
        )
    _write_registers(rng, schedule, today)
    _write_rsvps(rng, schedule)
    return schedule


def _write_registers(rng: random.Random, schedule: list[GroupMeetings], today: datetime.date):
    """Records for every past meeting (one bulk insert), then the registers completed."""
    months = get_network().attendance_window_months
    window = window_start(today, months)
    records: list[AttendanceRecord] = []
    for index, entry in enumerate(schedule):
        forced = _forced_absences(rng, entry, window, nord=index == 0)
        register = Register(rng, months, forced, window)
        for meeting in entry.past:
            tally = entry.tallies.setdefault(meeting.pk, Counter())
            came = entry.available.setdefault(meeting.pk, set())
            recent = meeting.occurrence_date >= today - CHECK_IN_SINCE
            for person in register_people(meeting):
                record = register.record(meeting, person, recent=recent)
                tally[record.status] += 1
                if record.status in (AttendanceStatus.PRESENT, AttendanceStatus.LATE):
                    came.add(person.pk)
                records.append(record)
    AttendanceRecord.objects.bulk_create(records, batch_size=500)
    Rsvp.objects.bulk_create(
        [
            Rsvp(
                meeting=record.meeting,
                person=record.person,
                answer=RsvpAnswer.NO,
                note=rng.choice(texts.APOLOGY_NOTES),
            )
            for record in records
            if record.status == AttendanceStatus.EXCUSED  # excused = sent apologies ahead
        ],
        batch_size=500,
    )
    past = [meeting.pk for entry in schedule for meeting in entry.past]
    Meeting.objects.filter(pk__in=past).update(
        register_state=RegisterState.COMPLETED,
        completed_at=F("ends_at") + datetime.timedelta(minutes=20),
    )


class Register:
    """Draws one group's attendance: habits per person, at most two unexcused absences in
    any rule window except for the people chosen to reach the limit."""

    def __init__(
        self,
        rng: random.Random,
        months: int,
        forced: dict[int, set[int]],
        window: datetime.date,
    ):
        self.rng, self.months, self.forced, self.window = rng, months, forced, window
        self.habits: dict[int, tuple[int, ...]] = {}
        self.absences: dict[int, list[datetime.date]] = {}

    def record(self, meeting: Meeting, person: Person, *, recent: bool) -> AttendanceRecord:
        status = self._status(meeting, person)
        checked_in = recent and status in (AttendanceStatus.PRESENT, AttendanceStatus.LATE)
        return AttendanceRecord(
            meeting=meeting,
            person=person,
            status=status,
            substitute_name=self._substitute() if status == AttendanceStatus.SUBSTITUTE else "",
            checked_in=checked_in and self.rng.random() < 0.6,
        )

    def _status(self, meeting: Meeting, person: Person) -> str:
        if person.pk in self.forced:
            if meeting.pk in self.forced[person.pk]:
                return AttendanceStatus.ABSENT
            if meeting.occurrence_date > self.window:  # nothing else unexcused in the window
                return AttendanceStatus.PRESENT
        habit = self.habits.setdefault(
            person.pk, HABITS[self.rng.choices(("steady", "busy"), (4, 1))[0]]
        )
        status = self.rng.choices(STATUSES, habit)[0]
        if status != AttendanceStatus.ABSENT:
            return status
        since = window_start(meeting.occurrence_date, self.months)
        earlier = [day for day in self.absences.get(person.pk, []) if day > since]
        if len(earlier) >= 2:  # a third would reach the limit: this one phoned in instead
            return AttendanceStatus.EXCUSED
        self.absences.setdefault(person.pk, []).append(meeting.occurrence_date)
        return status

    def _substitute(self) -> str:
        female = self.rng.random() < 0.4
        first = self.rng.choice(FEMALE_FIRST if female else MALE_FIRST)
        return f"{first} {self.rng.choice(LAST_NAMES)}"


def _forced_absences(
    rng: random.Random, entry: GroupMeetings, window: datetime.date, *, nord: bool
) -> dict[int, set[int]]:
    """Person pk → the window's meetings they missed without excuse.

    In München-Nord a few members without a login or role reach the limit and one passes it;
    in every group a suspended company's CEO passes it ("mehrfach unentschuldigt gefehlt").
    """
    in_window = [m for m in entry.past if m.occurrence_date > window]
    regulars = register_people(in_window[0]).filter(user__isnull=True)
    holders = GroupRole.objects.filter(group=entry.group).values("person_id")
    forced = {}
    if nord:
        chosen = rng.sample(list(regulars.exclude(pk__in=holders)), AT_LIMIT + OVER_LIMIT)
        for number, person in enumerate(chosen):
            count = 3 if number < AT_LIMIT else 4
            forced[person.pk] = {m.pk for m in rng.sample(in_window, count)}
    suspended = regulars.filter(company__status="suspended", is_company_admin=True).first()
    if suspended is not None:
        forced[suspended.pk] = {m.pk for m in in_window[-6:][::2] + in_window[-1:]}
    return forced


def _write_rsvps(rng: random.Random, schedule: list[GroupMeetings]) -> None:
    """A few answers for each group's next two meetings (the demo logins have not answered,
    so they can try it). Bulk-inserted: `set_rsvp` answers only for the acting person."""
    rsvps = []
    for entry in schedule:
        for meeting in entry.upcoming:
            entry.available[meeting.pk] = set(register_people(meeting).values_list("pk", flat=True))
        for meeting, share in zip(entry.upcoming[:2], (0.45, 0.2), strict=False):
            people = list(register_people(meeting).filter(user__isnull=True))
            answering = rng.sample(people, round(len(people) * share))
            for number, person in enumerate(answering):
                apology = number % 4 == 3
                if apology:
                    entry.available[meeting.pk].discard(person.pk)
                rsvps.append(
                    Rsvp(
                        meeting=meeting,
                        person=person,
                        answer=RsvpAnswer.NO if apology else RsvpAnswer.YES,
                        note=rng.choice(texts.APOLOGY_NOTES) if apology else "",
                    )
                )
    Rsvp.objects.bulk_create(rsvps)
