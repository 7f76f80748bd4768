"""Agendas of the demo's past and next meetings, minutes of the past ones with decisions and
action items, written through the services as the system (actor=None)."""

from __future__ import annotations

import datetime
import itertools
import random
from collections import Counter
from collections.abc import Iterator

from verbund.common.demo import texts
from verbund.common.demo.meetings import GroupMeetings
from verbund.common.demo.names import COMPANY_STEMS, FEMALE_FIRST, LAST_NAMES, MALE_FIRST
from verbund.meetings.models import ActionItemStatus, AgendaKind, AttendanceStatus, Meeting
from verbund.meetings.queries import register_people
from verbund.meetings.services import (
    add_action_item,
    add_agenda_item,
    add_decision,
    set_action_item_status,
    write_minutes,
)
from verbund.members.models import Person

NEXT_WITH_AGENDA = 3  # upcoming meetings whose agenda is already planned
VENDOR_EVERY = 6  # a vendor guest slot every sixth meeting or so
MINUTES_WITH_ITEMS_EVERY = 3  # decisions and action items in every third set of minutes
DUE_STATUSES = (ActionItemStatus.OPEN, ActionItemStatus.DONE, ActionItemStatus.DROPPED)


class Speakers:
    """Hands out one group's speakers in turn, each with a talk that fits their role."""

    def __init__(self, rng: random.Random, people: list[Person], roles: dict[int, str]):
        people = list(people)
        rng.shuffle(people)
        self.count = len(people)
        self.people = itertools.cycle(people)
        self.roles = roles
        self.talks: dict[str, Iterator[str]] = {}
        for role, titles in texts.TALKS.items():
            shuffled = list(titles)
            rng.shuffle(shuffled)
            self.talks[role] = itertools.cycle(shuffled)

    def next(self, available: set[int]) -> tuple[Person, str]:
        """The next in turn who is (or was) at the meeting, with their next talk."""
        person = next(self.people)
        for _ in range(self.count):  # nobody there at all cannot happen, but must not hang
            if person.pk in available:
                break
            person = next(self.people)
        return person, next(self.talks[self.roles.get(person.pk, "ceo")])


def build_agendas(
    rng: random.Random,
    schedule: list[GroupMeetings],
    roles: dict[int, str],
    guest_visits: dict[int, str],
    today: datetime.date,
) -> None:
    """Agendas for every past meeting and the next few, minutes for the past ones.

    `roles` maps person pk → role (ceo, tech, sales, marketing); `guest_visits` maps the pk
    of a meeting the demo guest visited → how the guest is introduced.
    """
    vendors = itertools.cycle(texts.VENDORS)
    for index, entry in enumerate(schedule):
        members = list(register_people(entry.past[-1]).filter(company__status="active"))
        speakers = Speakers(rng, members, roles)
        meetings = entry.past + entry.upcoming[:NEXT_WITH_AGENDA]
        owners = [person for person in members if person.user_id is None]
        for number, meeting in enumerate(meetings):
            promise = index == 0 and meeting is entry.past[-3]
            vendor = next(vendors) if number % VENDOR_EVERY == index % VENDOR_EVERY else None
            vendor = texts.VENDORS[0] if promise else vendor
            guests = guest_visits.get(meeting.pk) or _invented_guest(rng)
            talk = _plan_talk(speakers, meeting, entry, members, roles, nord=index == 0)
            if talk[1].startswith(texts.JOINT_TALK):  # the joint talk takes the vendor's time
                vendor = None
            _agenda(meeting, talk, vendor, guests)
            if meeting in entry.past:
                _minutes(rng, meeting, entry.tallies[meeting.pk], talk, vendor, guests)
                if promise or number % MINUTES_WITH_ITEMS_EVERY == 1:
                    _decisions_and_items(rng, meeting, owners, today, promise=promise)


def _plan_talk(
    speakers: Speakers,
    meeting: Meeting,
    entry: GroupMeetings,
    members: list[Person],
    roles: dict[int, str],
    *,
    nord: bool,
) -> tuple[Person, str]:
    """The next speaker; at München-Nord's next meeting two marketing people speak together
    on product marketing, as in seed 000."""
    available = entry.available[meeting.pk]
    if not (nord and entry.upcoming and meeting is entry.upcoming[0]):
        return speakers.next(available)
    marketing = [
        p for p in members if roles.get(p.pk) in ("marketing", "sales") and p.pk in available
    ]
    if len(marketing) < 2:
        return speakers.next(available)
    first, second = sorted(marketing, key=lambda p: (roles[p.pk] != "marketing", p.last_name))[:2]
    return first, f"{texts.JOINT_TALK} (gemeinsam mit {second.first_name} {second.last_name})"


def _invented_guest(rng: random.Random) -> str:
    """About every third breakfast has a guest from a company looking at the network."""
    if rng.random() > 0.35:
        return ""
    female = rng.random() < 0.35
    first = rng.choice(FEMALE_FIRST if female else MALE_FIRST)
    return f"{first} {rng.choice(LAST_NAMES)} ({rng.choice(COMPANY_STEMS)} IT-Service)"


def _agenda(
    meeting: Meeting,
    talk: tuple[Person, str],
    vendor: texts.VendorGuest | None,
    guests: str,
) -> None:
    items = []
    if guests:
        title = f"{texts.GUEST_INTRODUCTIONS}: {guests}"
        items.append({"kind": AgendaKind.GUESTS, "title": title, "duration_minutes": 10})
    speaker, title = talk
    items.append(
        {"kind": AgendaKind.TALK, "title": title, "speaker": speaker, "duration_minutes": 25}
    )
    if vendor is not None:
        items.append(
            {
                "kind": AgendaKind.VENDOR,
                "title": vendor.topic,
                "speaker_name": vendor.label,
                "duration_minutes": 30,
            }
        )
    items.append({"kind": AgendaKind.EXCHANGE, "title": texts.EXCHANGE, "duration_minutes": 40})
    for item in items:
        add_agenda_item(meeting=meeting, data=item, actor=None)


def _minutes(
    rng: random.Random,
    meeting: Meeting,
    tally: Counter,
    talk: tuple[Person, str],
    vendor: texts.VendorGuest | None,
    guests: str,
) -> None:
    """Short minutes as a secretary writes them: who came, what was said."""
    speaker, title = talk
    lines = [
        _attendance_line(tally),
        f"{speaker.first_name} {speaker.last_name} sprach über „{title}“; "
        "die Folien liegen im Gruppenordner.",
    ]
    if vendor is not None:
        lines.append(f"Zu Gast: {vendor.label} mit „{vendor.topic}“.")
    if guests:
        lines.append(f"Gäste: {guests}.")
    lines.append(f"Offener Austausch: {rng.choice(texts.EXCHANGE_NOTES)}")
    write_minutes(meeting=meeting, text="\n\n".join(lines), actor=None)


def _attendance_line(tally: Counter) -> str:
    """ "Anwesend 14 von 17 Mitgliedern (2 verspätet). Entschuldigt: 2. Unentschuldigt: 1." """
    came = tally[AttendanceStatus.PRESENT] + tally[AttendanceStatus.LATE]
    line = f"Anwesend {came} von {sum(tally.values())} Mitgliedern"
    if tally[AttendanceStatus.LATE]:
        line += f" ({tally[AttendanceStatus.LATE]} verspätet)"
    for status, label in (
        (AttendanceStatus.SUBSTITUTE, "Vertreten"),
        (AttendanceStatus.EXCUSED, "Entschuldigt"),
        (AttendanceStatus.ABSENT, "Unentschuldigt"),
    ):
        if tally[status]:
            line += f". {label}: {tally[status]}"
    return line + "."


def _decisions_and_items(
    rng: random.Random,
    meeting: Meeting,
    owners: list[Person],
    today: datetime.date,
    *,
    promise: bool,
) -> None:
    """One or two decisions and action items; most of those due well before today are done,
    a few dropped or still open (overdue).

    Owners are members without a login: `add_action_item` mails an owner who has one, and
    the demo sends no mail.
    """
    for text in rng.sample(texts.DECISIONS, rng.randint(1, 2)):
        add_decision(meeting=meeting, text=text, actor=None)
    items = [
        {
            "title": title,
            "owner": rng.choice(owners),
            "due_on": meeting.occurrence_date + datetime.timedelta(weeks=rng.choice((2, 4))),
        }
        for title in rng.sample(texts.ACTION_ITEMS, rng.randint(1, 2))
    ]
    if promise:  # seed 002: the vendor guest's own promise, owned by the guest by name
        vendor = texts.VENDORS[0]
        due_on = meeting.occurrence_date + datetime.timedelta(weeks=6)
        items.append({"title": texts.VENDOR_PROMISE, "owner_name": vendor.label, "due_on": due_on})
    for data in items:
        item = add_action_item(meeting=meeting, data=data, actor=None)
        if item.due_on is not None and item.due_on < today - datetime.timedelta(weeks=1):
            status = rng.choices(DUE_STATUSES, (15, 75, 10))[0]
            if status != ActionItemStatus.OPEN:
                set_action_item_status(item=item, status=status, actor=None)
