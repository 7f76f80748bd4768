"""Referrals and one-to-ones for a generated network (issue 8): S 2,000 referrals over a year,
M 50,000 over three; bulk-inserted like the rest of `bench.generate` (no services, no audit,
no mail), in batches, deterministic for a given day.

80 % stay within the giver's home group; 75 % are introductions, 22 % tips, 3 % joint deals of
two or three partners with roles and shares adding up to 100 %. Statuses walk the way of
`STATUS_TRANSITIONS` as the demo does, a StatusChange per step: a quarter won, each with its
closed business, most of the rest lost or no fit; the last weeks mostly still open, old open
ones reminded. A company's CEO gives or receives about half of its referrals: the bench member
is one, so "my referrals" is a real page (at M about 180 of their own, 280 of the company).
"""

from __future__ import annotations

import bisect
import contextlib
import datetime
import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.utils import timezone

from bench.meetings import _code
from verbund.common.demo import referrals as demo
from verbund.meetings.models import Meeting, RegisterState
from verbund.members.models import Person
from verbund.referrals.models import (
    OPEN_STATUSES,
    ClosedBusiness,
    OneToOneMeeting,
    OneToOneStatus,
    PartyRole,
    Referral,
    ReferralKind,
    ReferralParty,
    ReferralStatus,
    StatusChange,
)
from verbund.referrals.services.referrals import REMIND_AFTER_DAYS, equal_shares

BATCH = 5000
KINDS = (ReferralKind.INTRODUCTION, ReferralKind.TIP, ReferralKind.JOINT_DEAL)
KIND_WEIGHTS = (75, 22, 3)
WITHIN_GROUP = 0.8
CEO = 0.5  # the share of a company's referrals its CEO gives or receives
AT_MEETING = 0.6  # passed at the giver's group's last breakfast
# Final outcomes: the last RECENT_DAYS mostly still open, older ones mostly decided.
OUTCOMES = ("won", "lost", "no_fit", "open")
RECENT_DAYS = 60
RECENT_WEIGHTS = (8, 4, 4, 84)
OLDER_WEIGHTS = (26, 32, 24, 18)
# A joint deal's shares: None for the default equal split, else one share per partner.
SHARES: dict[int, list[tuple[str, ...] | None]] = {
    2: [None, ("60.00", "40.00"), ("70.00", "30.00")],
    3: [None, ("50.00", "30.00", "20.00"), ("40.00", "40.00", "20.00")],
}
CUSTOMER_TYPES = ("GmbH", "KG", "e.K.", "GmbH & Co. KG", "AG")
ONE_TO_ONES_PER_REFERRAL = 0.2
AHEAD = (OneToOneStatus.REQUESTED, OneToOneStatus.ACCEPTED)
PAST = (OneToOneStatus.HELD, OneToOneStatus.DECLINED, OneToOneStatus.CANCELLED)
PAST_WEIGHTS = (80, 8, 12)


@contextlib.contextmanager
def stamped(*fields: models.DateTimeField) -> Iterator[None]:
    """Keep the dates given instead of "now" (`auto_now_add`) while bulk-inserting history."""
    for one in fields:
        one.auto_now_add = False
    try:
        yield
    finally:
        for one in fields:
            one.auto_now_add = True


@dataclass
class Pool:
    """Who can give and receive: the people of every active company (CEO first)."""

    people: dict[int, list[int]]
    home: dict[int, int]
    by_group: dict[int, list[int]] = field(default_factory=dict)
    companies: list[int] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)  # cumulative, for rng.choices
    meetings: dict[int, list[tuple[datetime.date, int]]] = field(default_factory=dict)

    def receivers(self, rng: random.Random, giver: int, count: int) -> list[int]:
        """`count` companies other than the giver's, mostly of its home group."""
        near = [c for c in self.by_group[self.home[giver]] if c != giver]
        if len(near) < count or rng.random() >= WITHIN_GROUP:
            near = [c for c in self.companies if c != giver]
        return rng.sample(near, count)

    def person(self, rng: random.Random, company: int) -> int:
        staff = self.people[company]
        return staff[0] if rng.random() < CEO else rng.choice(staff)

    def meeting(self, group: int, day: datetime.date) -> int | None:
        """The group's last held meeting on or up to two weeks before `day`."""
        days = self.meetings.get(group, [])
        index = bisect.bisect_right(days, (day, 1 << 62)) - 1
        if index < 0 or (day - days[index][0]).days > 14:
            return None
        return days[index][1]


def _pool(rng: random.Random, member_company: int | None) -> Pool:
    rows = (
        Person.objects.filter(company__status="active")
        .order_by("pk")
        .values_list("pk", "company_id", "company__home_group_id")
    )
    pool = Pool(people={}, home={})
    for person, company, group in rows:
        pool.people.setdefault(company, []).append(person)
        pool.home[company] = group
    pool.companies = sorted(pool.people)
    for company in pool.companies:
        pool.by_group.setdefault(pool.home[company], []).append(company)
    # Some companies refer a lot, some little; the bench member's is an average one.
    weights = [1.0 if c == member_company else rng.uniform(0.3, 1.7) for c in pool.companies]
    pool.weights = list(itertools.accumulate(weights))
    held = Meeting.objects.filter(register_state=RegisterState.COMPLETED)
    for group, day, pk in held.order_by("group_id", "occurrence_date").values_list(
        "group_id", "occurrence_date", "pk"
    ):
        pool.meetings.setdefault(group, []).append((day, pk))
    return pool


def generate_referrals(
    rng: random.Random, now: datetime.datetime, *, count: int, days: int, member_company: int
) -> None:
    """`count` referrals passed over the last `days` days up to `now`, with their parties,
    status steps and closed business; then one-to-ones. `member_company` is the bench
    member's, which gives as much as the average company."""
    pool = _pool(rng, member_company)
    moments = sorted(_moment(rng, now, days) for _ in range(count))
    dates = [
        (Referral, "created_at"),
        (Referral, "status_changed_at"),
        (StatusChange, "changed_at"),
    ]
    dates += [(ClosedBusiness, "confirmed_at"), (OneToOneMeeting, "created_at")]
    with stamped(*(model._meta.get_field(name) for model, name in dates)):
        for start in range(0, count, BATCH):
            _batch(rng, pool, moments[start : start + BATCH], now)
        _one_to_ones(rng, pool, now, count=int(count * ONE_TO_ONES_PER_REFERRAL), days=days)


def _moment(rng: random.Random, now: datetime.datetime, days: int) -> datetime.datetime:
    """A working-hours moment of one of the last `days` days (Berlin), never after `now`."""
    day = timezone.localdate(now) - datetime.timedelta(days=rng.randrange(days))
    when = datetime.time(rng.randint(8, 17), rng.choice([0, 15, 30, 45]))
    moment = datetime.datetime.combine(day, when, tzinfo=timezone.get_current_timezone())
    return min(moment, now - datetime.timedelta(minutes=rng.randint(5, 600)))


def _batch(
    rng: random.Random, pool: Pool, moments: list[datetime.datetime], now: datetime.datetime
) -> None:
    plans = [_plan(rng, pool, moment, now) for moment in moments]
    Referral.objects.bulk_create([plan.referral for plan in plans])
    parties, changes, closed = [], [], []
    for plan in plans:
        pk = plan.referral.pk
        parties += [ReferralParty(referral_id=pk, **party) for party in plan.parties]
        changes += [StatusChange(referral_id=pk, **change) for change in plan.changes]
        if plan.closed is not None:
            closed.append(ClosedBusiness(referral_id=pk, **plan.closed))
    ReferralParty.objects.bulk_create(parties, batch_size=BATCH)
    StatusChange.objects.bulk_create(changes, batch_size=BATCH)
    ClosedBusiness.objects.bulk_create(closed, batch_size=BATCH)


@dataclass
class Plan:
    """One referral and the rows that hang on it (as keyword arguments)."""

    referral: Referral
    parties: list[dict]
    changes: list[dict]
    closed: dict | None


def _plan(
    rng: random.Random, pool: Pool, created: datetime.datetime, now: datetime.datetime
) -> Plan:
    giver_company = rng.choices(pool.companies, cum_weights=pool.weights)[0]
    kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
    parties = _parties(rng, pool, giver_company, kind)
    age = (now - created).days
    outcome = rng.choices(OUTCOMES, RECENT_WEIGHTS if age < RECENT_DAYS else OLDER_WEIGHTS)[0]
    changes, changed = _changes(rng, demo.steps_to(rng, outcome), created, now)
    status = changes[-1]["to_status"] if changes else ReferralStatus.NEW
    due = changed + datetime.timedelta(days=REMIND_AFTER_DAYS)
    on_meeting = rng.random() < AT_MEETING
    referral = Referral(
        code=_code(rng),
        kind=kind,
        giver_id=pool.person(rng, giver_company),
        giver_company_id=giver_company,
        meeting_id=pool.meeting(pool.home[giver_company], created.date()) if on_meeting else None,
        status=status,
        created_at=created,
        status_changed_at=changed,
        reminded_at=due if status in OPEN_STATUSES and due < now else None,
        **_customer(rng),
    )
    closed = None
    if status == ReferralStatus.WON:
        closed = {
            "value": _value(rng),
            "thank_you": rng.choice(demo.THANKS),
            "confirmed_by_id": parties[0]["person_id"],
            "confirmed_at": min(changed + datetime.timedelta(hours=2), now),
        }
    return Plan(referral, parties, changes, closed)


def _parties(rng: random.Random, pool: Pool, giver: int, kind: str) -> list[dict]:
    if kind != ReferralKind.JOINT_DEAL:
        (company,) = pool.receivers(rng, giver, 1)
        person = pool.person(rng, company)
        return [{"company_id": company, "person_id": person, "role": PartyRole.RECEIVER}]
    count = 2 if rng.random() < 0.6 else 3
    given = rng.choice(SHARES[count])
    shares = equal_shares(count) if given is None else [Decimal(s) for s in given]
    roles = [PartyRole.LEAD] + [
        rng.choice((PartyRole.SUBCONTRACTOR, PartyRole.SPECIALIST)) for _ in range(count - 1)
    ]
    companies = pool.receivers(rng, giver, count)
    return [
        {"company_id": c, "person_id": pool.person(rng, c), "role": role, "share": share}
        for c, role, share in zip(companies, roles, shares, strict=True)
    ]


def _changes(
    rng: random.Random, steps: list[str], created: datetime.datetime, now: datetime.datetime
) -> tuple[list[dict], datetime.datetime]:
    """A StatusChange per step, 2 to 20 days apart and never after `now`; and the moment of
    the last one (the referral's own when none)."""
    changes, moment, current = [], created, ReferralStatus.NEW
    for status in steps:
        moment = min(moment + datetime.timedelta(days=rng.randint(2, 20)), now)
        note = rng.choice(demo.NOTES)
        changes.append(dict(from_status=current, to_status=status, note=note, changed_at=moment))
        current = status
    return changes, moment


def _customer(rng: random.Random) -> dict:
    first, last = rng.choice(demo.FIRST), rng.choice(demo.LAST)
    mail = f"{first}.{last}".lower().replace("ä", "ae")
    company = rng.choice(demo.CUSTOMERS)
    if rng.random() < 0.5:  # more customers than the demo's eight
        company = f"{rng.choice(demo.LAST)} {rng.choice(CUSTOMER_TYPES)}"
    return {
        "need": rng.choice(demo.NEEDS),
        "temperature": rng.randint(1, 5),
        "customer_name": f"{first} {last}",
        "customer_company": company,
        "customer_email": f"{mail}@kunde.example",
        "customer_phone": f"+49 {rng.randint(30, 9999)} {rng.randint(100000, 999999)}",
    }


def _value(rng: random.Random) -> Decimal:
    """Mostly a few thousand EUR, now and then a large project: 1,000 to 80,000, in 50s."""
    value = rng.lognormvariate(9.2, 0.9)  # median about 10,000
    return Decimal(min(80_000, max(1_000, round(value / 50) * 50)))


def _one_to_ones(
    rng: random.Random, pool: Pool, now: datetime.datetime, *, count: int, days: int
) -> None:
    """Members meeting one another, mostly within their group; the past ones mostly held."""
    rows = []
    for _ in range(count):
        company = rng.choices(pool.companies, cum_weights=pool.weights)[0]
        (partner,) = pool.receivers(rng, company, 1)
        created = _moment(rng, now, days)
        proposed = created + datetime.timedelta(days=rng.randint(3, 21), hours=2)
        status = rng.choice(AHEAD) if proposed > now else rng.choices(PAST, PAST_WEIGHTS)[0]
        rows.append(
            OneToOneMeeting(
                code=_code(rng),
                requested_by_id=pool.person(rng, company),
                partner_id=pool.person(rng, partner),
                proposed_for=proposed,
                status=status,
                held_on=proposed.date() if status == OneToOneStatus.HELD else None,
                created_at=created,
            )
        )
    OneToOneMeeting.objects.bulk_create(rows, batch_size=BATCH)


def referral_summary() -> dict[str, int]:
    """Row counts of what `generate_referrals` made."""
    return {
        "referrals": Referral.objects.count(),
        "won": Referral.objects.filter(status=ReferralStatus.WON).count(),
        "parties": ReferralParty.objects.count(),
        "status changes": StatusChange.objects.count(),
        "closed business": ClosedBusiness.objects.count(),
        "one-to-ones": OneToOneMeeting.objects.count(),
    }
