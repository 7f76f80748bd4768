"""The value of membership: one's own company card (the share for its admins), the network's
and one's group's aggregates, the matrix by group; the matrix by company for the office and
the board. Same reads as the API (`referrals/value.py`)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.common.http import check_perm
from verbund.referrals.flows import MATRIX_TOP, cached_group_matrix, company_matrix
from verbund.referrals.value import (
    FIRST_YEAR,
    MIN_COMPANIES,
    Window,
    checked_window,
    overview_for,
    window_for,
)


def chosen_window(request: HttpRequest) -> tuple[Window, int | None]:
    """`?year=2025` picks a calendar year, none the last 12 months; any other year gets the
    last 12 months with a warning, so nobody takes them for the year they asked for (the
    API refuses it with 422). The range is `checked_window`'s."""
    raw = request.GET.get("year", "")
    if not raw:
        return window_for(None), None
    # isdecimal, not isdigit: int() refuses "²"; four digits, so int() never sees a huge one.
    # Anything else is year 0, which `checked_window` refuses like any year out of range.
    year = int(raw) if raw.isdecimal() and len(raw) <= 4 else 0
    try:
        return checked_window(year), year
    except ValidationError:
        warning = _("Choose a year from %(first)d to this year. Shown instead: the last 12 months.")
        messages.warning(request, warning % {"first": FIRST_YEAR})
        return window_for(None), None


def _years() -> list[int]:
    this_year = timezone.localdate().year
    return list(range(this_year, this_year - 5, -1))


@login_required
def value_overview(request: HttpRequest) -> HttpResponse:
    check_perm(request, "referrals.view_value")
    window, year = chosen_window(request)
    sees_companies = request.user.has_perm("referrals.view_company_matrix")
    matrix = cached_group_matrix(window, pool_small=not sees_companies)
    context = {
        "overview": overview_for(request.user, window),
        "matrix": matrix,
        "graph": matrix.graph(),
        "year": year,
        "years": _years(),
        "min_companies": MIN_COMPANIES,
        "sees_company_matrix": sees_companies,
    }
    return render(request, "referrals/value.html", context)


@login_required
def value_matrix(request: HttpRequest) -> HttpResponse:
    check_perm(request, "referrals.view_company_matrix")
    window, year = chosen_window(request)
    matrix = company_matrix(window)
    context = {
        "window": window,
        "matrix": matrix,
        "graph": matrix.graph(),
        "year": year,
        "years": _years(),
        "top": MATRIX_TOP,
    }
    return render(request, "referrals/value_matrix.html", context)
