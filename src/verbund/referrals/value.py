"""The value of membership: per company, referrals given, received and won, the closed value
made through members and credited for referrals given, and the share of revenue from internal
contacts; aggregates for groups and the network (who refers to whom: `flows.py`).

Need-to-know lives here as much as in the views: a company's figures are its own (the share,
which reveals its revenue, for its admins alone); a set of companies shows figures only when it
holds at least MIN_COMPANIES companies, so no single company's business can be read off it.

Every reader works in a fixed number of grouped queries, whatever the number of companies.
Crediting follows `services.referrals.credited_values`, on prefetched rows: the value of an
introduction or tip is credited to the giver's company; a joint deal's value is split between
its parties by their shares. "Received" is the business a company made through a referral: a
joint deal's party its split part, an introduction's or tip's receivers the value (split equally
when there were several).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.meetings.queries import window_start
from verbund.members.models import MEMBER_STATUSES, Company
from verbund.network.models import Group, GroupKind
from verbund.network.queries import roles_of
from verbund.referrals.models import (
    ClosedBusiness,
    Referral,
    ReferralKind,
    ReferralParty,
    ReferralStatus,
)
from verbund.referrals.services.referrals import equal_shares, split

# A group's or the network's figures only over at least this many companies.
MIN_COMPANIES = 5
# The earliest year one may ask for.
FIRST_YEAR = 2000
ZERO = Decimal("0.00")
TENTH = Decimal("0.1")
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Window:
    """Both days included."""

    since: datetime.date
    until: datetime.date

    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """Berlin-time datetimes: from `since` 00:00 to the day after `until`, 00:00."""
        tz = timezone.get_current_timezone()
        start = datetime.datetime.combine(self.since, datetime.time.min, tzinfo=tz)
        end_day = self.until + datetime.timedelta(days=1)
        return start, datetime.datetime.combine(end_day, datetime.time.min, tzinfo=tz)


def window_for(year: int | None = None, today: datetime.date | None = None) -> Window:
    """A calendar year, or by default the last 12 months up to today."""
    if year is not None:
        return Window(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    until = today or timezone.localdate()
    return Window(window_start(until, 12), until)


def checked_window(year: int | None) -> Window:
    """As `window_for`, refusing a year before FIRST_YEAR or after this one."""
    if year is not None and not FIRST_YEAR <= year <= timezone.localdate().year:
        raise ValidationError(
            {"year": _("Choose a year from %(first)d to this year.") % {"first": FIRST_YEAR}}
        )
    return window_for(year)


def share_percent(received: Decimal, revenue: Decimal | None) -> Decimal | None:
    """Received value as a percentage of revenue, one decimal, half up; None without revenue."""
    if not revenue:
        return None
    return (received * HUNDRED / revenue).quantize(TENTH, rounding=ROUND_HALF_UP)


@dataclass
class CompanyValue:
    """One company's figures over a window. `revenue` never leaves the company: only
    `share` (for its admins) is derived from it."""

    company: Any
    window: Window
    given: int = 0
    received: int = 0
    won: int = 0
    value_received: Decimal = ZERO
    value_credited: Decimal = ZERO

    @property
    def share(self) -> Decimal | None:
        return share_percent(self.value_received, self.company.annual_revenue)


@dataclass
class Aggregate:
    """Figures over a set of companies; all None (too_few) under MIN_COMPANIES. The average
    share is over the companies with known revenue, and only when there are enough of those."""

    companies: int
    too_few: bool
    given: int | None = None
    received: int | None = None
    won: int | None = None
    closed_value: Decimal | None = None
    average_share: Decimal | None = None


def company_values(companies: Iterable[Any], window: Window) -> dict[int, CompanyValue]:
    """The figures per company, by company id (4 queries for any number of companies)."""
    values = {c.pk: CompanyValue(company=c, window=window) for c in companies}
    if not values:
        return values
    ids = list(values)
    start, end = window.bounds()
    given = (
        Referral.objects.filter(giver_company_id__in=ids, created_at__gte=start, created_at__lt=end)
        .order_by()
        .values("giver_company_id")
        .annotate(n=Count("pk"))
    )
    for row in given:
        values[row["giver_company_id"]].given = row["n"]
    received = (
        ReferralParty.objects.filter(
            company_id__in=ids, referral__created_at__gte=start, referral__created_at__lt=end
        )
        .order_by()
        .values("company_id")
        .annotate(n=Count("pk"), won=Count("pk", filter=Q(referral__status=ReferralStatus.WON)))
    )
    for row in received:
        values[row["company_id"]].received = row["n"]
        values[row["company_id"]].won = row["won"]
    for company_id, received_value, credited in _closed_values(window, ids):
        if company_id in values:
            values[company_id].value_received += received_value
            values[company_id].value_credited += credited
    return values


def _closed_values(window: Window, ids: list[int]) -> list[tuple[int, Decimal, Decimal]]:
    """(company id, value received, value credited) per closed business confirmed in the
    window that touches one of the companies (2 queries)."""
    start, end = window.bounds()
    touching = Q(referral__giver_company_id__in=ids) | Q(referral__parties__company_id__in=ids)
    closed = list(
        ClosedBusiness.objects.filter(touching, confirmed_at__gte=start, confirmed_at__lt=end)
        .order_by("referral_id")
        .values(
            "referral_id", "value", kind=F("referral__kind"), giver=F("referral__giver_company_id")
        )
        .distinct()
    )
    parties: dict[int, list[tuple[int, Decimal]]] = defaultdict(list)
    rows = (
        ReferralParty.objects.filter(referral_id__in=[c["referral_id"] for c in closed])
        .order_by("referral_id", "id")
        .values_list("referral_id", "company_id", "share")
    )
    for referral_id, company_id, share in rows:
        parties[referral_id].append((company_id, share))
    out: list[tuple[int, Decimal, Decimal]] = []
    for row in closed:
        out.extend(_credit(row["kind"], row["value"], row["giver"], parties[row["referral_id"]]))
    return out


def _credit(
    kind: str, value: Decimal, giver: int, parties: list[tuple[int, Decimal]]
) -> list[tuple[int, Decimal, Decimal]]:
    """As `credited_values`: a joint deal's parties are credited (and received) their split
    part; otherwise the giver is credited the value and the receivers received it."""
    if not parties:
        return [(giver, ZERO, value)]
    shares = [share for _company, share in parties]
    if kind == ReferralKind.JOINT_DEAL:
        weights = [Decimal(1)] * len(shares) if shares == equal_shares(len(shares)) else shares
        parts = split(value, weights)
        return [(c, part, part) for (c, _s), part in zip(parties, parts, strict=True)]
    parts = split(value, [Decimal(1)] * len(parties))
    return [(giver, ZERO, value)] + [
        (c, part, ZERO) for (c, _s), part in zip(parties, parts, strict=True)
    ]


def company_value(company: Any, window: Window) -> CompanyValue:
    return company_values([company], window)[company.pk]


def member_companies(group: Group | None = None) -> Any:
    """The active member companies, of a home group or of the whole network."""
    companies = Company.objects.filter(status__in=MEMBER_STATUSES)
    return companies.filter(home_group=group) if group is not None else companies


def aggregate(companies: Iterable[Any], window: Window) -> Aggregate:
    """Figures over the set, or too few to show under MIN_COMPANIES companies."""
    companies = list(companies)
    if len(companies) < MIN_COMPANIES:
        return Aggregate(companies=len(companies), too_few=True)
    return _aggregate_of(companies, company_values(companies, window))


def _aggregate_of(companies: list[Any], values: dict[int, CompanyValue]) -> Aggregate:
    if len(companies) < MIN_COMPANIES:
        return Aggregate(companies=len(companies), too_few=True)
    chosen = [values[c.pk] for c in companies]
    shares = _exact_shares(chosen)
    average = None
    if len(shares) >= MIN_COMPANIES:
        average = (sum(shares, Decimal(0)) / len(shares)).quantize(TENTH, rounding=ROUND_HALF_UP)
    return Aggregate(
        companies=len(companies),
        too_few=False,
        given=sum(v.given for v in chosen),
        received=sum(v.received for v in chosen),
        won=sum(v.won for v in chosen),
        closed_value=sum((v.value_received for v in chosen), ZERO),
        average_share=average,
    )


def _exact_shares(values: list[CompanyValue]) -> list[Decimal]:
    """The unrounded shares of the companies with a known revenue (averaged before rounding)."""
    return [
        v.value_received * HUNDRED / v.company.annual_revenue
        for v in values
        if v.company.annual_revenue
    ]


# ---------------------------------------------------------------- what a viewer sees


@dataclass
class Overview:
    """The value page for one viewer: their company's card (None for the office), the share
    only for its admins, the network's and their home group's aggregates."""

    window: Window
    card: CompanyValue | None
    show_share: bool
    network: Aggregate
    group: Any
    group_aggregate: Aggregate | None


def overview_for(user: Any, window: Window) -> Overview:
    """Checked by the caller: `referrals.view_value`. The card follows the company rules."""
    person = roles_of(user).person
    company = person.company if person is not None else None
    card = None
    if company is not None and user.has_perm("referrals.view_company_value", company):
        card = company_value(company, window)
    group = company.home_group if card is not None and company is not None else None
    return Overview(
        window=window,
        card=card,
        show_share=card is not None and user.has_perm("referrals.view_revenue_share", company),
        network=aggregate(member_companies(), window),
        group=group,
        group_aggregate=aggregate(member_companies(group), window) if group else None,
    )


def group_aggregates(window: Window) -> list[tuple[Group, Aggregate]]:
    """Every group with its home companies' aggregate (too few under MIN_COMPANIES)."""
    companies = list(member_companies())
    by_group: dict[int, list[Any]] = defaultdict(list)
    for company in companies:
        by_group[company.home_group_id].append(company)
    values = company_values(
        [c for members in by_group.values() if len(members) >= MIN_COMPANIES for c in members],
        window,
    )
    return [
        (group, _aggregate_of(by_group.get(group.pk, []), values))
        for group in Group.objects.filter(
            Q(kind=GroupKind.REGIONAL) | Q(pk__in=[g for g in by_group if g is not None])
        ).order_by("name")
    ]
