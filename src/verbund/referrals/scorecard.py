"""The member scorecard: a rolling six months of attendance, referrals given, one-to-ones
held, guests brought and closed value, rated green/amber/red by the network's thresholds.

`scorecards` works for any number of people in a fixed number of grouped queries (one per
figure, two for the one-to-ones): a group's table must not cost a query per member.

The window is [window_start(today, 6), today], both days included (the same start the
one-to-one list counts from). Closed value is shown, never rated: it is the member's own
business and only ever goes on their own card (see `views/scorecard.py`); it is credited as
on the value page (`value.giver_credit`), so a joint deal counts for its parties, not its
giver. A regional group's table counts attendance at that group's meetings only.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import groupby
from operator import itemgetter
from typing import Any

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from verbund.admissions.models import GuestVisit, VisitStatus
from verbund.meetings.models import AttendanceRecord, AttendanceStatus, RegisterState
from verbund.meetings.queries import window_start
from verbund.network.models import Network
from verbund.network.queries import get_network
from verbund.referrals.models import ClosedBusiness, OneToOneMeeting, OneToOneStatus, Referral
from verbund.referrals.value import giver_credit

MONTHS = 6

GREEN = "green"
AMBER = "amber"
RED = "red"
# Worst first: the overall colour is the worst rated one; a table sorts by this.
COLOUR_ORDER = {RED: 0, AMBER: 1, GREEN: 2}
COLOUR_LABELS = {GREEN: _("On track"), AMBER: _("Needs attention"), RED: _("Below target")}

# The rated metrics and the Network fields holding their (green, amber) thresholds.
RATED = {
    "attendance": ("scorecard_attendance_green", "scorecard_attendance_amber"),
    "referrals_given": ("scorecard_referrals_green", "scorecard_referrals_amber"),
    "one_to_ones": ("scorecard_one_to_ones_green", "scorecard_one_to_ones_amber"),
    "guests_brought": ("scorecard_guests_green", "scorecard_guests_amber"),
}


@dataclass
class Scorecard:
    """One person's figures over the window; `attendance` a whole percent or None when no
    completed register of theirs falls in it (then it is not rated)."""

    person: Any
    since: datetime.date
    until: datetime.date
    attendance: int | None = None
    meetings_expected: int = 0
    meetings_present: int = 0
    referrals_given: int = 0
    one_to_ones: int = 0
    guests_brought: int = 0
    closed_value: Decimal = Decimal("0.00")
    colours: dict[str, str] = field(default_factory=dict)

    @property
    def overall(self) -> str | None:
        """The worst of the rated colours (None when nothing is rated)."""
        if not self.colours:
            return None
        return min(self.colours.values(), key=COLOUR_ORDER.__getitem__)

    @property
    def overall_label(self) -> str:
        return self.colour_label("overall")

    def colour_label(self, metric: str) -> str:
        colour = self.overall if metric == "overall" else self.colours.get(metric)
        return str(COLOUR_LABELS[colour]) if colour else ""


def colour(value: int, green: int, amber: int) -> str:
    """Green from `green`, amber from `amber`, red below."""
    if value >= green:
        return GREEN
    if value >= amber:
        return AMBER
    return RED


def present_statuses(network: Network) -> list[str]:
    """The register statuses that count as present (late and substitute per the settings);
    excused and absent do not, but both count as an expected meeting."""
    statuses = [AttendanceStatus.PRESENT.value]
    if network.late_counts_present:
        statuses.append(AttendanceStatus.LATE.value)
    if network.substitute_counts_present:
        statuses.append(AttendanceStatus.SUBSTITUTE.value)
    return statuses


def scorecards(
    people: Iterable[Any], today: datetime.date | None = None, group: Any = None
) -> dict[int, Scorecard]:
    """A scorecard per person, by person id, as of `today` (default: today in Berlin); with
    a `group`, attendance at that group's meetings only (its table)."""
    people = list(people)
    network = get_network()
    until = today or timezone.localdate()
    since = window_start(until, MONTHS)
    cards = {p.pk: Scorecard(person=p, since=since, until=until) for p in people}
    if not cards:
        return cards
    ids = list(cards)
    _attendance(cards, ids, since, until, network, group)
    _referrals(cards, ids, since, until)
    _one_to_ones(cards, ids, since, until)
    _guests(cards, ids, since, until)
    _closed_value(cards, ids, since, until)
    for card in cards.values():
        _rate(card, network)
    return cards


def scorecard_of(person: Any, today: datetime.date | None = None) -> Scorecard:
    return scorecards([person], today)[person.pk]


def _day_bounds(since: datetime.date, until: datetime.date) -> tuple[Any, Any]:
    """The window as Berlin-time datetimes: from `since` 00:00 to the day after `until`."""
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(since, datetime.time.min, tzinfo=tz)
    next_day = until + datetime.timedelta(days=1)
    end = datetime.datetime.combine(next_day, datetime.time.min, tzinfo=tz)
    return start, end


def _attendance(cards, ids, since, until, network, group) -> None:
    records = AttendanceRecord.objects.all()
    if group is not None:
        records = records.filter(meeting__group=group)
    rows = (
        records.filter(
            person_id__in=ids,
            meeting__register_state=RegisterState.COMPLETED,
            meeting__is_cancelled=False,
            meeting__occurrence_date__gte=since,
            meeting__occurrence_date__lte=until,
        )
        .order_by()
        .values("person_id")
        .annotate(
            expected=Count("pk"),
            present=Count("pk", filter=Q(status__in=present_statuses(network))),
        )
    )
    for row in rows:
        card = cards[row["person_id"]]
        card.meetings_expected = row["expected"]
        card.meetings_present = row["present"]
        if row["expected"]:
            # Whole percent, rounded down: 89.9 % is not yet the 90 % that makes green.
            card.attendance = row["present"] * 100 // row["expected"]


def _referrals(cards, ids, since, until) -> None:
    start, end = _day_bounds(since, until)
    rows = (
        Referral.objects.filter(giver_id__in=ids, created_at__gte=start, created_at__lt=end)
        .order_by()
        .values("giver_id")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        cards[row["giver_id"]].referrals_given = row["n"]


def _one_to_ones(cards, ids, since, until) -> None:
    """Held ones, counted for both people (as `queries.one_to_one_counts` does)."""
    held = OneToOneMeeting.objects.filter(
        status=OneToOneStatus.HELD, held_on__gte=since, held_on__lte=until
    ).order_by()
    for side in ("requested_by_id", "partner_id"):
        rows = held.filter(**{f"{side}__in": ids}).values(side).annotate(n=Count("pk"))
        for row in rows:
            cards[row[side]].one_to_ones += row["n"]


def _guests(cards, ids, since, until) -> None:
    """Guests invited by the person who attended at least once in the window (a guest who
    came three times counts once)."""
    rows = (
        GuestVisit.objects.filter(
            guest__invited_by_id__in=ids,
            status=VisitStatus.ATTENDED,
            visited_on__gte=since,
            visited_on__lte=until,
        )
        .order_by()
        .values(inviter=F("guest__invited_by_id"))
        .annotate(n=Count("guest_id", distinct=True))
    )
    for row in rows:
        cards[row["inviter"]].guests_brought = row["n"]


def _closed_value(cards, ids, since, until) -> None:
    """Closed business confirmed in the window on referrals the person gave, credited as on
    the value page (`value.giver_credit`): an introduction's or tip's value (so no
    receiver's income shows); of a joint deal only the part of the giver's company if it is
    a party, else nothing. One query, a row per party."""
    start, end = _day_bounds(since, until)
    rows = (
        ClosedBusiness.objects.filter(
            referral__giver_id__in=ids, confirmed_at__gte=start, confirmed_at__lt=end
        )
        .order_by("referral_id", "referral__parties__id")
        .values_list(
            "referral_id",
            "value",
            "referral__kind",
            "referral__giver_id",
            "referral__giver_company_id",
            "referral__parties__company_id",
            "referral__parties__share",
        )
    )
    for head, group in groupby(rows, key=itemgetter(0, 1, 2, 3, 4)):
        _referral, value, kind, giver, company = head
        parties = [(row[5], row[6]) for row in group if row[5] is not None]
        cards[giver].closed_value += giver_credit(kind, value, company, parties)


def _rate(card: Scorecard, network: Network) -> None:
    for metric, (green_field, amber_field) in RATED.items():
        value = getattr(card, metric)
        if value is None:
            continue
        card.colours[metric] = colour(
            value, getattr(network, green_field), getattr(network, amber_field)
        )


def sorted_for_table(cards: Iterable[Scorecard]) -> list[Scorecard]:
    """Worst overall colour first, then by name (unrated last)."""
    return sorted(
        cards,
        key=lambda c: (
            COLOUR_ORDER.get(c.overall or "", len(COLOUR_ORDER)),
            c.person.last_name,
            c.person.first_name,
        ),
    )


def group_scorecards(group: Any, today: datetime.date | None = None) -> list[Scorecard]:
    """The cards of a regional group's members (of active and suspended companies: a
    suspension does not lift the duty to attend), worst first; for its moderator and
    secretary. Attendance counts this group's meetings only: a member's other groups are
    not its business."""
    from verbund.members.models import SEAT_STATUSES, Person

    people = Person.objects.filter(
        group_memberships__group=group, company__status__in=SEAT_STATUSES
    ).select_related("company")
    return sorted_for_table(scorecards(people, today, group).values())
