"""API: the value of membership. One's own company's figures (the share of revenue from
internal contacts for its company admins only), aggregates over at least MIN_COMPANIES
companies (else null with `too_few`), who refers to whom by group (everyone who sees the
network) or by company (office and board, counts only)."""

from datetime import date
from decimal import Decimal
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Router, Schema

from verbund.api.schemas import Ref
from verbund.common.http import check_perm
from verbund.referrals.flows import Matrix, cached_group_matrix, company_matrix
from verbund.referrals.value import Aggregate, checked_window, group_aggregates, overview_for

router = Router(tags=["value"])


class WindowOut(Schema):
    since: date
    until: date


class CompanyValueOut(Schema):
    """`value_received`: closed business the company made through referrals it received;
    `value_credited`: closed business credited for referrals it gave; `revenue_share`: the
    first as a percent of its annual revenue (one decimal), null when the revenue is unknown
    or the caller is not the company's admin (`share_shown` false)."""

    company: Ref
    given: int
    received: int
    won: int
    value_received: Decimal
    value_credited: Decimal
    share_shown: bool
    revenue_share: Decimal | None


class AggregateOut(Schema):
    """Every figure is null with `too_few` true when the set holds fewer than 5 companies,
    or when a group is `held_back`: large enough itself, but hidden so that the network
    minus the groups shown never leaves 1 to 4 companies whose figures could be worked out.
    `average_share` is null also when fewer than 5 of them report a revenue, or when it is
    held back for the same reason."""

    companies: int
    too_few: bool
    held_back: bool
    given: int | None
    received: int | None
    won: int | None
    closed_value: Decimal | None
    average_share: Decimal | None


class ValueOut(Schema):
    window: WindowOut
    company: CompanyValueOut | None
    network: AggregateOut
    group: Ref | None
    group_aggregate: AggregateOut | None


class GroupValueOut(AggregateOut):
    group: Ref


class MatrixRef(Schema):
    """A group or company; `code` null for "Smaller groups", the groups with fewer than 5
    companies pooled."""

    code: str | None
    name: str


class MatrixEntryOut(Schema):
    """Referrals from `giver` to `receiver` (`won` only by group)."""

    giver: MatrixRef
    receiver: MatrixRef
    referrals: int
    won: int | None


class MatrixOut(Schema):
    """`truncated`: only the 30 companies with the most referrals are listed, of `total`.
    `withheld`: referrals of groups with fewer than 5 companies are left out, because even
    pooled they hold fewer than 5 companies (by group, for members)."""

    by: Literal["group", "company"]
    window: WindowOut
    entries: list[MatrixEntryOut]
    total: int
    truncated: bool
    withheld: bool


def _aggregate(result: Aggregate) -> dict:
    return {
        "companies": result.companies,
        "too_few": result.too_few,
        "held_back": result.held_back,
        "given": result.given,
        "received": result.received,
        "won": result.won,
        "closed_value": result.closed_value,
        "average_share": result.average_share,
    }


@router.get("/value", response=ValueOut)
def value(request: HttpRequest, year: int | None = None):
    """My company's value of membership and the aggregates (the last 12 months, or `year`)."""
    check_perm(request, "referrals.view_value")
    seen = overview_for(request.user, checked_window(year))
    card = seen.card
    company = None
    if card is not None:
        company = {
            "company": {"code": card.company.code, "name": card.company.name},
            "given": card.given,
            "received": card.received,
            "won": card.won,
            "value_received": card.value_received,
            "value_credited": card.value_credited,
            "share_shown": seen.show_share,
            "revenue_share": card.share if seen.show_share else None,
        }
    group = seen.group
    return {
        "window": {"since": seen.window.since, "until": seen.window.until},
        "company": company,
        "network": _aggregate(seen.network),
        "group": {"code": group.code, "name": group.name} if group else None,
        "group_aggregate": _aggregate(seen.group_aggregate) if seen.group_aggregate else None,
    }


@router.get("/value/groups", response=list[GroupValueOut])
def value_groups(request: HttpRequest, year: int | None = None):
    """Every group's aggregate over its home companies (too few under 5, or held back)."""
    check_perm(request, "referrals.view_value")
    return [
        {**_aggregate(result), "group": {"code": group.code, "name": group.name}}
        for group, result in group_aggregates(checked_window(year))
    ]


def _entries(matrix: Matrix) -> list[dict]:
    ref = {pk: {"code": matrix.codes[pk], "name": name} for pk, name in matrix.labels}
    return [
        {
            "giver": ref[giver],
            "receiver": ref[receiver],
            "referrals": count,
            "won": matrix.won.get((giver, receiver), 0) if matrix.won is not None else None,
        }
        for (giver, receiver), count in sorted(matrix.counts.items(), key=lambda kv: -kv[1])
    ]


@router.get("/value/matrix", response=MatrixOut)
def value_matrix(
    request: HttpRequest, by: Literal["group", "company"] = "group", year: int | None = None
):
    """Who refers to whom: by group for everyone who sees the network (groups with fewer than
    5 companies pooled, except for the office and the board); by company for the office and
    the board (403 for others)."""
    check_perm(request, "referrals.view_value")
    window = checked_window(year)
    if by == "company":
        if not request.user.has_perm("referrals.view_company_matrix"):
            raise PermissionDenied
        matrix = company_matrix(window)
    else:
        matrix = cached_group_matrix(
            window, pool_small=not request.user.has_perm("referrals.view_company_matrix")
        )
    return {
        "by": by,
        "window": {"since": window.since, "until": window.until},
        "entries": _entries(matrix),
        "total": matrix.total,
        "truncated": matrix.truncated,
        "withheld": matrix.withheld,
    }
