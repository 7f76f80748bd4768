"""Meetings and attendance for a generated network: every group breakfasts every second
Friday (for a year at S, ten at M), with completed registers, agendas, minutes and the next
RSVPs.

Bulk-inserted like the rest of `bench.generate` (no services, no audit, no mail), in
batches, deterministic for a given day: the meetings lie around the day of the run, so the
pages and the attendance rule see a current year.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator

from django.db.models import F

from verbund.common.codes import ALPHABET
from verbund.common.demo import texts
from verbund.common.demo.meetings import last_meeting_fridays
from verbund.meetings.models import (
    ActionItem,
    ActionItemStatus,
    AgendaItem,
    AgendaKind,
    AttendanceRecord,
    AttendanceStatus,
    Decision,
    Meeting,
    MeetingSeries,
    RegisterState,
    Rsvp,
    RsvpAnswer,
)
from verbund.meetings.services.schedule import local_span
from verbund.network.models import Group, GroupMembership

WEEKS_AHEAD = 12
BATCH = 5000
STATUSES = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.LATE,
    AttendanceStatus.EXCUSED,
    AttendanceStatus.ABSENT,
    AttendanceStatus.SUBSTITUTE,
)
WEIGHTS = (85, 5, 5.5, 3, 1.5)
TALKS = [title for titles in texts.TALKS.values() for title in titles]


def _code(rng: random.Random) -> str:
    return "".join(rng.choice(ALPHABET) for _ in range(10))


def _batched(rows: Iterator, model: type, size: int = BATCH) -> int:
    """bulk_create `rows` in batches of `size` without holding them all; returns the count."""
    batch, total = [], 0
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            model.objects.bulk_create(batch)
            total, batch = total + len(batch), []
    model.objects.bulk_create(batch)
    return total + len(batch)


def generate_meetings(rng: random.Random, today: datetime.date, *, years: int) -> None:
    """Series, `years` of meetings per group, registers for the past, RSVPs for the next."""
    last = last_meeting_fridays(today, 1)[0]
    first = last - datetime.timedelta(weeks=52 * years)
    until = last + datetime.timedelta(weeks=WEEKS_AHEAD)
    groups = list(Group.objects.order_by("pk"))
    series = [
        MeetingSeries(
            group=group,
            title=texts.SERIES_TITLE,
            first_date=first,
            start_time=datetime.time(7, 30),
            venue=f"Tagungshotel {group.region or 'am Bahnhof'}",
        )
        for group in groups
    ]
    MeetingSeries.objects.bulk_create(series)
    days = [first + datetime.timedelta(weeks=2 * n) for n in range((until - first).days // 14 + 1)]
    meetings = [_meeting(rng, one, day, past=day < today) for one in series for day in days]
    Meeting.objects.bulk_create(meetings, batch_size=BATCH)
    members = _members()
    past = [m for m in meetings if m.occurrence_date < today]
    _batched(_records(rng, past, members), AttendanceRecord)
    _batched(_agenda(rng, meetings, members), AgendaItem)
    _minutes_items(rng, past, members, today)
    _rsvps(rng, [m for m in meetings if m.occurrence_date >= today], members)
    Meeting.objects.filter(register_state=RegisterState.COMPLETED).update(
        completed_at=F("ends_at") + datetime.timedelta(minutes=20)
    )


def _meeting(
    rng: random.Random, series: MeetingSeries, day: datetime.date, *, past: bool
) -> Meeting:
    starts, ends = local_span(day, series.start_time, series.duration_minutes)
    return Meeting(
        code=_code(rng),
        checkin_code=_code(rng),
        group_id=series.group_id,
        series=series,
        occurrence_date=day,
        title=series.title,
        starts_at=starts,
        ends_at=ends,
        venue=series.venue,
        register_state=RegisterState.COMPLETED if past else RegisterState.DRAFT,
        minutes=f"Anwesend laut Register. {rng.choice(texts.EXCHANGE_NOTES)}" if past else "",
    )


def _members() -> dict[int, list[tuple[int, datetime.date]]]:
    """Group pk → (person pk, joined on) of the people on its registers (as `register_people`:
    members of active or suspended companies)."""
    rows = GroupMembership.objects.filter(
        person__company__status__in=("active", "suspended")
    ).values_list("group_id", "person_id", "joined_on")
    members: dict[int, list[tuple[int, datetime.date]]] = {}
    for group_id, person_id, joined_on in rows.order_by("group_id", "person_id"):
        members.setdefault(group_id, []).append((person_id, joined_on))
    return members


def _records(
    rng: random.Random, meetings: list[Meeting], members: dict[int, list]
) -> Iterator[AttendanceRecord]:
    for meeting in meetings:
        for person_id, joined_on in members.get(meeting.group_id, []):
            if joined_on > meeting.occurrence_date:
                continue
            status = rng.choices(STATUSES, WEIGHTS)[0]
            yield AttendanceRecord(
                meeting_id=meeting.pk,
                person_id=person_id,
                status=status,
                substitute_name="Vertretung" if status == AttendanceStatus.SUBSTITUTE else "",
            )


def _agenda(
    rng: random.Random, meetings: list[Meeting], members: dict[int, list]
) -> Iterator[AgendaItem]:
    """A talk by a member and the open exchange; a vendor guest every sixth meeting."""
    for number, meeting in enumerate(meetings):
        people = members.get(meeting.group_id)
        if not people:
            continue
        yield AgendaItem(
            meeting_id=meeting.pk,
            position=1,
            kind=AgendaKind.TALK,
            title=rng.choice(TALKS),
            speaker_id=rng.choice(people)[0],
            duration_minutes=25,
        )
        position = 2
        if number % 6 == 0:
            vendor = rng.choice(texts.VENDORS)
            yield AgendaItem(
                meeting_id=meeting.pk,
                position=position,
                kind=AgendaKind.VENDOR,
                title=vendor.topic,
                speaker_name=vendor.label,
                duration_minutes=30,
            )
            position += 1
        yield AgendaItem(
            meeting_id=meeting.pk,
            position=position,
            kind=AgendaKind.EXCHANGE,
            title=texts.EXCHANGE,
            duration_minutes=40,
        )


def _minutes_items(
    rng: random.Random, meetings: list[Meeting], members: dict[int, list], today: datetime.date
) -> None:
    """A decision and an action item in every fourth set of minutes; old items are done."""
    decisions, items = [], []
    for meeting in meetings[::4]:
        people = members.get(meeting.group_id)
        if not people:
            continue
        decisions.append(Decision(meeting_id=meeting.pk, text=rng.choice(texts.DECISIONS)))
        due_on = meeting.occurrence_date + datetime.timedelta(weeks=4)
        items.append(
            ActionItem(
                code=_code(rng),
                group_id=meeting.group_id,
                meeting_id=meeting.pk,
                title=rng.choice(texts.ACTION_ITEMS),
                owner_id=rng.choice(people)[0],
                due_on=due_on,
                status=ActionItemStatus.DONE if due_on < today else ActionItemStatus.OPEN,
            )
        )
    Decision.objects.bulk_create(decisions, batch_size=BATCH)
    ActionItem.objects.bulk_create(items, batch_size=BATCH)


def _rsvps(rng: random.Random, upcoming: list[Meeting], members: dict[int, list]) -> None:
    """A third of each group answers for its next meeting, one in five of them with apologies."""
    rows, following = [], {}
    for meeting in upcoming:  # by group, then by day
        following.setdefault(meeting.group_id, meeting)
    for meeting in following.values():
        people = members.get(meeting.group_id, [])
        for person_id, _joined in rng.sample(people, len(people) // 3):
            answer = RsvpAnswer.NO if rng.random() < 0.2 else RsvpAnswer.YES
            rows.append(Rsvp(meeting_id=meeting.pk, person_id=person_id, answer=answer))
    Rsvp.objects.bulk_create(rows, batch_size=BATCH)


def meeting_summary() -> dict[str, int]:
    """Row counts of what `generate_meetings` made."""
    return {
        "meetings": Meeting.objects.count(),
        "completed": Meeting.objects.filter(register_state=RegisterState.COMPLETED).count(),
        "attendance": AttendanceRecord.objects.count(),
        "agenda": AgendaItem.objects.count(),
    }
