"""The demo's year of one-to-ones: about two a month between members of the same regional
group, mostly held with a short note; member@verbund.example has three held, one arranged and
one request waiting for their answer. Everything goes through the services as the system,
without mail; the services stamp "now", so the dates are set back afterwards."""

from __future__ import annotations

import datetime
import random
from zoneinfo import ZoneInfo

from verbund.members.models import MEMBER_STATUSES, Person
from verbund.network.models import GroupKind
from verbund.referrals.models import OneToOneMeeting
from verbund.referrals.services import (
    answer_one_to_one,
    cancel_one_to_one,
    record_held,
    request_one_to_one,
)

BERLIN = ZoneInfo("Europe/Berlin")
MONTHS = 12
PER_MONTH = 2
NOTES = [
    "Kundenstruktur vorgestellt, zwei Ansatzpunkte für gemeinsame Projekte gefunden.",
    "Gute Ergänzung im Bereich Netzwerk und Sicherheit, Folgetermin vereinbart.",
    "Kennengelernt beim Frühstück, heute Details zu Wartungsverträgen ausgetauscht.",
    "Referenzkunden besprochen, ich empfehle ihn für Cloud-Migrationen.",
    "Wir teilen uns künftig Anfragen zu Druckerflotten.",
    "Vertriebsansatz verglichen, spannende Ideen für Ausschreibungen.",
]
MESSAGES = [
    "Ich würde Ihr Geschäft gern besser kennenlernen. Kaffee nach dem Frühstück?",
    "Hätten Sie Zeit für ein Einzelgespräch? Mich interessieren Ihre Kunden im Mittelstand.",
    "",
]


def build_one_to_ones(rng: random.Random, *, member: Person, today: datetime.date) -> None:
    """Create the year of one-to-ones; `member` is the demo login with a known set of them."""
    groups = _groups_of_people(exclude=member)
    for months_back in range(MONTHS, 0, -1):
        for _ in range(PER_MONTH):
            one, other = _pair(rng, groups)
            day = today - datetime.timedelta(days=30 * months_back + rng.randint(0, 20))
            outcome = rng.choices(["held", "declined", "cancelled"], weights=[8, 1, 1])[0]
            _one_to_one(rng, one, other, day, outcome)
    _member_set(rng, member, today)


def _groups_of_people(exclude: Person) -> list[list[Person]]:
    """Per regional group (in a fixed order), its people of active member companies, the
    login left out so that its one-to-ones stay the known set."""
    people = (
        Person.objects.filter(company__status__in=MEMBER_STATUSES)
        .exclude(pk=exclude.pk)
        .prefetch_related("group_memberships__group")
        .order_by("pk")
    )
    groups: dict[int, list[Person]] = {}
    for person in people:
        for membership in person.group_memberships.all():
            if membership.group.kind == GroupKind.REGIONAL:
                groups.setdefault(membership.group_id, []).append(person)
    return [groups[key] for key in sorted(groups) if len(groups[key]) > 1]


def _pair(rng: random.Random, groups: list[list[Person]]) -> tuple[Person, Person]:
    """Two people of one group from different companies (colleagues need no one-to-one)."""
    while True:
        one, other = rng.sample(rng.choice(groups), 2)
        if one.company_id != other.company_id:
            return one, other


def _one_to_one(
    rng: random.Random, one: Person, other: Person, day: datetime.date, outcome: str
) -> OneToOneMeeting:
    """Request on `day`, a week before the meeting, and take it to `outcome`."""
    meeting_day = day + datetime.timedelta(days=7)
    proposed = datetime.datetime.combine(meeting_day, datetime.time(8, 30), tzinfo=BERLIN)
    created = request_one_to_one(
        partner=other,
        requested_by=one,
        proposed_for=proposed,
        message=rng.choice(MESSAGES),
        actor=None,
        mail=False,
    )
    if outcome == "declined":
        answer_one_to_one(one_to_one=created, accept=False, actor=None)
    elif outcome != "requested":
        answer_one_to_one(one_to_one=created, accept=True, actor=None)
        if outcome == "held":
            record_held(one_to_one=created, held_on=meeting_day, note=rng.choice(NOTES), actor=None)
        elif outcome == "cancelled":
            cancel_one_to_one(one_to_one=created, actor=None)
    requested_at = datetime.datetime.combine(day, datetime.time(9, 15), tzinfo=BERLIN)
    OneToOneMeeting.objects.filter(pk=created.pk).update(created_at=requested_at)
    return created


def _member_set(rng: random.Random, member: Person, today: datetime.date) -> None:
    """Three held (over the last months), one arranged for next week, one to answer."""
    group = member.group_memberships.filter(group__kind=GroupKind.REGIONAL).first()
    assert group is not None  # the login is a member of a regional group
    others = list(
        Person.objects.filter(
            company__status__in=MEMBER_STATUSES, group_memberships__group_id=group.group_id
        )
        .exclude(company=member.company)
        .order_by("pk")[:5]
    )
    for weeks, other in zip((20, 12, 5), others[:3], strict=True):
        _one_to_one(rng, member, other, today - datetime.timedelta(weeks=weeks), "held")
    _one_to_one(rng, others[3], member, today - datetime.timedelta(days=3), "accepted")
    _one_to_one(rng, others[4], member, today - datetime.timedelta(days=1), "requested")
