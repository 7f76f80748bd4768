"""The value of membership: per company, referrals given, received and won, the closed value
made through members and credited for referrals given, and the share of revenue from internal
contacts; aggregates for groups and the network (who refers to whom: `flows.py`).

Need-to-know lives here as much as in the views: a company's figures are its own (the share,
which reveals its revenue, for its admins alone); a set of companies shows figures only when it
holds at least MIN_COMPANIES companies, so no single company's business can be read off it, and
a group large enough may still be held back so that none can be worked out by subtracting the
groups shown from the network (`published_groups`).

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

from verbund.common.cache import until_change
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
# Up to this many companies, their closed business is looked up by company; beyond, the
# window's is read whole.
FEW_COMPANIES = 100
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
    """Figures over a set of companies; all None (too_few) under MIN_COMPANIES, or when the
    group is `held_back` (see `Publication`). The average share is over the companies with
    known revenue, and only when there are enough of those."""

    companies: int
    too_few: bool
    held_back: bool = False
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


def _closed_values(window: Window, ids: list[int]) -> list[tuple[int | None, Decimal, Decimal]]:
    """(company id, value received, value credited) per closed business confirmed in the
    window that touches one of the companies, and for more than FEW_COMPANIES companies
    every one of the window: the caller keeps its companies' rows (2 queries)."""
    start, end = window.bounds()
    closed_in_window = ClosedBusiness.objects.filter(confirmed_at__gte=start, confirmed_at__lt=end)
    if len(ids) <= FEW_COMPANIES:
        # The referrals given UNION those received: each half reads its own index. An OR
        # across the join over the parties read every referral and party (a company's card:
        # 30 ms at M, 0.5 s at XL; bench/README.md); for the whole network, reading the
        # window is cheaper than either.
        given = Referral.objects.filter(giver_company_id__in=ids).order_by().values("pk")
        received = ReferralParty.objects.filter(company_id__in=ids).order_by()
        touching = given.union(received.values("referral_id"))
        closed_in_window = closed_in_window.filter(referral_id__in=touching)
    closed = list(
        closed_in_window.order_by("referral_id").values(
            "referral_id", "value", kind=F("referral__kind"), giver=F("referral__giver_company_id")
        )
    )
    parties: dict[int, list[tuple[int, Decimal]]] = defaultdict(list)
    rows = (
        ReferralParty.objects.filter(referral_id__in=[c["referral_id"] for c in closed])
        .order_by("referral_id", "id")
        .values_list("referral_id", "company_id", "share")
    )
    for referral_id, company_id, share in rows:
        parties[referral_id].append((company_id, share))
    out: list[tuple[int | None, Decimal, Decimal]] = []
    for row in closed:
        out.extend(_credit(row["kind"], row["value"], row["giver"], parties[row["referral_id"]]))
    return out


def _credit(
    kind: str, value: Decimal, giver: int | None, parties: list[tuple[int, Decimal]]
) -> list[tuple[int | None, Decimal, Decimal]]:
    """As `credited_values`: a joint deal's parties are credited (and received) their split
    part; otherwise the giver is credited the value and the receivers received it."""
    if kind == ReferralKind.JOINT_DEAL:
        shares = [share for _company, share in parties]
        weights = [Decimal(1)] * len(shares) if shares == equal_shares(len(shares)) else shares
        parts = split(value, weights)
        return [(c, part, part) for (c, _s), part in zip(parties, parts, strict=True)]
    if not parties:
        return [(giver, ZERO, value)]
    parts = split(value, [Decimal(1)] * len(parties))
    return [(giver, ZERO, value)] + [
        (c, part, ZERO) for (c, _s), part in zip(parties, parts, strict=True)
    ]


def giver_credit(
    kind: str, value: Decimal, giver: int | None, parties: list[tuple[int, Decimal]]
) -> Decimal:
    """What one closed business credits the giver's company (`giver`), as `credited_values`:
    an introduction's or tip's whole value; a joint deal's part of that company when it is
    a party, else nothing. The scorecard's closed value is the same figure."""
    credits = _credit(kind, value, giver, parties)
    return sum((credited for company, _r, credited in credits if company == giver), ZERO)


def company_value(company: Any, window: Window) -> CompanyValue:
    return company_values([company], window)[company.pk]


def counted_companies(window: Window) -> Any:
    """The companies a window's figures cover: the members now, and every company that gave or
    received a referral made in the window, or closed business confirmed in it, whatever its
    status now. So a company leaving changes no figures of a window it was active in (else
    its own would fall out by difference), and the group matrix, which counts every referral
    of the window, covers the same companies as the aggregates."""
    start, end = window.bounds()
    made = Q(created_at__gte=start, created_at__lt=end)
    closed = Q(closed_business__confirmed_at__gte=start, closed_business__confirmed_at__lt=end)
    referrals = Referral.objects.filter(made | closed).order_by()
    return Company.objects.filter(
        Q(status__in=MEMBER_STATUSES)
        | Q(pk__in=referrals.values("giver_company_id"))
        | Q(pk__in=ReferralParty.objects.filter(referral__in=referrals).values("company_id"))
    )


def aggregate(companies: Iterable[Any], window: Window) -> Aggregate:
    """Figures over the set, or too few to show under MIN_COMPANIES companies."""
    companies = list(companies)
    if len(companies) < MIN_COMPANIES:
        return Aggregate(companies=len(companies), too_few=True)
    return _aggregate_of(companies, company_values(companies, window))


def _aggregate_of(
    companies: list[Any], values: dict[int, CompanyValue], *, share: bool = True
) -> Aggregate:
    """`share` false holds the average share back (`Publication.shares`)."""
    if len(companies) < MIN_COMPANIES:
        return Aggregate(companies=len(companies), too_few=True)
    chosen = [values[c.pk] for c in companies]
    shares = _exact_shares(chosen)
    average = None
    if share and len(shares) >= MIN_COMPANIES:
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


# ---------------------------------------------------------------- which groups are shown


@dataclass(frozen=True)
class Publication:
    """Which home groups' aggregates are shown, so that no company's figures fall out of the
    network's by subtraction (complementary suppression): the network minus every group
    shown always leaves 0 or at least MIN_COMPANIES companies, and the same holds for the
    companies with a revenue behind the average shares.

    `companies`: active companies per home group (None: no home group); `groups`: shown;
    `held_back`: groups large enough alone, hidden for the sake of the smaller ones;
    `shares`: the groups shown whose average share is shown too."""

    companies: dict[int | None, int]
    groups: frozenset[int]
    held_back: frozenset[int]
    shares: frozenset[int]

    @property
    def remainder(self) -> int:
        """The active companies in no group shown (small groups, held back, no group)."""
        return sum(self.companies.values()) - sum(self.companies[g] for g in self.groups)


def _shown(sizes: dict[int | None, int], candidates: Iterable[int]) -> frozenset[int]:
    """The candidates of at least MIN_COMPANIES, less the smallest (ties: the lower id) when
    the rest of the network would hold 1 to MIN_COMPANIES - 1. One is enough: it brings at
    least MIN_COMPANIES along, and the network stays shown even when no group is left."""
    shown = {group for group in candidates if sizes[group] >= MIN_COMPANIES}
    rest = sum(sizes.values()) - sum(sizes[group] for group in shown)
    if 0 < rest < MIN_COMPANIES and shown:
        shown.remove(min(shown, key=lambda group: (sizes[group], group)))
    return frozenset(shown)


def decide_publication(counts: dict[int | None, tuple[int, int]]) -> Publication:
    """The decision from (active companies, of them with a known revenue) per home group."""
    companies = {group: n for group, (n, _revenues) in counts.items()}
    revenues = {group: r for group, (_n, r) in counts.items()}
    large = frozenset(g for g in companies if g is not None and companies[g] >= MIN_COMPANIES)
    groups = _shown(companies, large)
    return Publication(
        companies=companies,
        groups=groups,
        held_back=large - groups,
        shares=_shown(revenues, groups),
    )


def published_groups(window: Window) -> Publication:
    """The one decision for every group aggregate and the members' group matrix, over the
    window's `counted_companies` (1 query)."""
    rows = (
        counted_companies(window)
        .order_by()
        .values("home_group_id")
        .annotate(n=Count("pk"), revenues=Count("pk", filter=Q(annual_revenue__gt=0)))
    )
    return decide_publication({r["home_group_id"]: (r["n"], r["revenues"]) for r in rows})


def _group_aggregate(
    group: int, members: list[Any], values: dict[int, CompanyValue], publication: Publication
) -> Aggregate:
    """A home group's aggregate as the publication allows; `values` cover its members."""
    if group not in publication.groups:
        held_back = group in publication.held_back
        count = publication.companies.get(group, 0)
        return Aggregate(companies=count, too_few=True, held_back=held_back)
    return _aggregate_of(members, values, share=group in publication.shares)


@dataclass(frozen=True)
class NetworkFigures:
    """The network's aggregate and every home group's, as the publication allows: the same
    for every reader of a window, so computed once per change (`network_figures`)."""

    network: Aggregate
    groups: dict[int, Aggregate]
    publication: Publication

    def of_group(self, group: int) -> Aggregate:
        return self.groups.get(group) or Aggregate(companies=0, too_few=True)


def network_figures(window: Window) -> NetworkFigures:
    """Cached until the next change of the data (`common.cache`): at 400 companies and
    50,000 referrals the network takes 150 to 300 ms to compute, and every value page needs it."""
    key = f"value:network:{window.since}:{window.until}"
    return until_change(key, lambda: _network_figures(window))


def _network_figures(window: Window) -> NetworkFigures:
    publication = published_groups(window)
    network = list(counted_companies(window))
    values = company_values(network, window) if len(network) >= MIN_COMPANIES else {}
    by_group: dict[int, list[Any]] = defaultdict(list)
    for company in network:
        if company.home_group_id is not None:
            by_group[company.home_group_id].append(company)
    return NetworkFigures(
        network=_aggregate_of(network, values),
        groups={
            group: _group_aggregate(group, members, values, publication)
            for group, members in by_group.items()
        },
        publication=publication,
    )


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
    figures = network_figures(window)
    return Overview(
        window=window,
        card=card,
        show_share=card is not None and user.has_perm("referrals.view_revenue_share", company),
        network=figures.network,
        group=group,
        group_aggregate=figures.of_group(group.pk) if group is not None else None,
    )


def group_aggregates(window: Window) -> list[tuple[Group, Aggregate]]:
    """Every regional group and every group with home companies, with its aggregate as
    `published_groups` allows (too few under MIN_COMPANIES, or held back)."""
    figures = network_figures(window)
    homes = [group for group in figures.publication.companies if group is not None]
    groups = Group.objects.filter(Q(kind=GroupKind.REGIONAL) | Q(pk__in=homes)).order_by("name")
    return [(group, figures.of_group(group.pk)) for group in groups]
