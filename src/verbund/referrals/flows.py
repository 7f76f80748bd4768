"""Who refers to whom: referrals between groups (for everyone in the network) and between
companies (office and board), as a matrix for tables and the API and as a graph for the page.

Need-to-know: counts only, never values or customer data. Members see the groups the value
aggregates show (`value.published_groups`, over the window's `counted_companies`): a group
holding fewer than MIN_COMPANIES of them is not shown on its own, since its row would tell
what those few companies did, and neither is a group held back so that the network minus the
groups shown cannot single them out. The rest are pooled as "Smaller groups"; only when the
pool holds fewer than MIN_COMPANIES companies (a network that small) are their referrals left
out (`withheld`, said whether or not they referred anything). The office and the board, who
see the company matrix anyway, get every group on its own.

Every matrix costs 2 or 3 grouped queries, whatever the number of referrals.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Count, F, IntegerField, Q, Value, When
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from verbund.common.cache import until_change
from verbund.members.models import Company
from verbund.network.models import Group
from verbund.referrals.models import ReferralParty, ReferralStatus
from verbund.referrals.value import MIN_COMPANIES, Window, published_groups

# The company matrix shows the companies with the most referrals, given and received.
MATRIX_TOP = 30
# The key of the pooled smaller groups (no group has the primary key 0).
POOL = 0
Pair = tuple[int, int]


@dataclass
class Matrix:
    """Referrals from a giver (row) to a receiver (column); `won` only by group. `labels` are
    (key, name) in display order, `codes` their public codes (None for the pool);
    `truncated` when only the top companies are shown, `withheld` when small groups' referrals
    are left out; `home_groups` names each company's home group (the graph colours by it)."""

    labels: list[tuple[int, str]]
    counts: dict[Pair, int] = field(default_factory=dict)
    won: dict[Pair, int] | None = None
    total: int = 0
    truncated: bool = False
    codes: dict[int, str | None] = field(default_factory=dict)
    withheld: bool = False
    home_groups: dict[int, str] = field(default_factory=dict)  # company matrix: key → group

    def grid(self) -> list[tuple[str, list[tuple[int, int | None]]]]:
        """Rows for a table: (giver name, [(count, won or None) per receiver])."""
        won = self.won
        return [
            (
                name,
                [
                    (self.counts.get((row, col), 0), won.get((row, col), 0) if won else None)
                    for col, _n in self.labels
                ],
            )
            for row, name in self.labels
        ]

    def graph(self) -> dict[str, Any]:
        """Nodes and links for the page's graph (`static/verbund/referral-graph.js`), with
        their hover texts written here so they are translated like every other string.
        Referrals within one node are a figure of the node, not a link."""
        index = {key: i for i, (key, _name) in enumerate(self.labels)}
        given: dict[int, int] = defaultdict(int)
        received: dict[int, int] = defaultdict(int)
        within: dict[int, int] = defaultdict(int)
        links = []
        for (giver, receiver), count in sorted(self.counts.items(), key=lambda kv: -kv[1]):
            if giver == receiver:
                within[giver] += count
                continue
            given[giver] += count
            received[receiver] += count
            won = self.won.get((giver, receiver), 0) if self.won is not None else None
            links.append(
                {
                    "source": index[giver],
                    "target": index[receiver],
                    "referrals": count,
                    "title": self._link_title(giver, receiver, count, won),
                }
            )
        nodes = [
            {
                "name": name,
                "size": given[key] + received[key] + within[key],
                "title": _node_title(name, given[key], received[key], within[key]),
            }
            | ({"group": self.home_groups.get(key, "")} if self.home_groups else {})
            for key, name in self.labels
        ]
        return {"nodes": nodes, "links": links}

    def _link_title(self, giver: int, receiver: int, count: int, won: int | None) -> str:
        names = dict(self.labels)
        text = ngettext(
            "%(giver)s → %(receiver)s: %(count)d referral",
            "%(giver)s → %(receiver)s: %(count)d referrals",
            count,
        ) % {"giver": names[giver], "receiver": names[receiver], "count": count}
        if won is None:
            return text
        return text + " " + _("(%(won)d won)") % {"won": won}


def _node_title(name: str, given: int, received: int, within: int) -> str:
    return _("%(name)s: %(given)d given, %(received)d received, %(within)d within") % {
        "name": name,
        "given": given,
        "received": received,
        "within": within,
    }


def _pairs(window: Window, giver: Any, receiver: Any) -> Any:
    """(giver key, receiver key, referrals, won) for the window's referrals; the keys are
    expressions over a referral's party (`company`) and the referral (`referral`)."""
    start, end = window.bounds()
    return (
        ReferralParty.objects.filter(referral__created_at__gte=start, referral__created_at__lt=end)
        .annotate(giver_key=giver, receiver_key=receiver)
        .filter(giver_key__isnull=False, receiver_key__isnull=False)
        .order_by()
        .values("giver_key", "receiver_key")
        .annotate(
            n=Count("referral", distinct=True),
            n_won=Count("referral", distinct=True, filter=Q(referral__status=ReferralStatus.WON)),
        )
    )


def _pooled(field_name: str, shown: list[int]) -> Any:
    """The home group's id for a group shown, else POOL (a small group, one held back, one
    without active companies, or no home group)."""
    return Case(
        When(**{f"{field_name}__in": shown}, then=F(field_name)),
        default=Value(POOL),
        output_field=IntegerField(),
    )


def group_matrix(window: Window, *, pool_small: bool = True) -> Matrix:
    """Home group of the giver's company → home group of the receiving company, with the
    groups the aggregates do not show pooled (3 queries) unless `pool_small` is false (office
    and board, 2 queries)."""
    giver_field, receiver_field = "referral__giver_company__home_group_id", "company__home_group_id"
    giver: Any = F(giver_field)
    receiver: Any = F(receiver_field)
    withheld = False
    if pool_small:
        publication = published_groups(window)
        shown = sorted(publication.groups)
        giver, receiver = _pooled(giver_field, shown), _pooled(receiver_field, shown)
        # Said whenever the pool holds companies, not only when they had referrals, which
        # would tell whether a one-company group did anything.
        withheld = 0 < publication.remainder < MIN_COMPANIES
    rows = list(_pairs(window, giver, receiver))
    if withheld:
        rows = [r for r in rows if POOL not in (r["giver_key"], r["receiver_key"])]
    keys = {r["giver_key"] for r in rows} | {r["receiver_key"] for r in rows}
    found = list(
        Group.objects.filter(pk__in=keys).order_by("name").values_list("pk", "name", "code")
    )
    labels = [(pk, name) for pk, name, _code in found]
    codes: dict[int, str | None] = {pk: code for pk, _name, code in found}
    if POOL in keys:
        labels.append((POOL, _("Smaller groups")))
        codes[POOL] = None
    return Matrix(
        labels=labels,
        counts={(r["giver_key"], r["receiver_key"]): r["n"] for r in rows},
        won={(r["giver_key"], r["receiver_key"]): r["n_won"] for r in rows},
        total=len(labels),
        codes=codes,
        withheld=withheld,
    )


def company_matrix(window: Window, top: int = MATRIX_TOP) -> Matrix:
    """Giver company → receiving company, counts only, for the top companies by referrals
    given and received (2 queries)."""
    rows = list(_pairs(window, F("referral__giver_company_id"), F("company_id")))
    activity: dict[int, int] = defaultdict(int)
    for r in rows:
        activity[r["giver_key"]] += r["n"]
        activity[r["receiver_key"]] += r["n"]
    chosen = sorted(activity, key=lambda c: (-activity[c], c))[:top]
    found = list(
        Company.objects.filter(pk__in=chosen).values_list("pk", "name", "code", "home_group__name")
    )
    names = {pk: name for pk, name, _code, _group in found}
    keep = set(chosen)
    return Matrix(
        labels=sorted(((c, names[c]) for c in chosen), key=lambda label: label[1]),
        counts={
            (r["giver_key"], r["receiver_key"]): r["n"]
            for r in rows
            if r["giver_key"] in keep and r["receiver_key"] in keep
        },
        total=len(activity),
        truncated=len(activity) > top,
        codes={pk: code for pk, _name, code, _group in found},
        home_groups={pk: group or "" for pk, _name, _code, group in found},
    )


def cached_group_matrix(window: Window, *, pool_small: bool = True) -> Matrix:
    """`group_matrix`, computed once per change of the data (`common.cache`); its labels are
    in the reader's language, so the language is part of the key."""
    key = f"value:group-matrix:{window.since}:{window.until}:{pool_small}:{get_language()}"
    return until_change(key, lambda: group_matrix(window, pool_small=pool_small))
