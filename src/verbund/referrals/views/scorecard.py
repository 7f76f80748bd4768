"""Scorecard pages: "My record" (one's own card, with the closed value) and a regional
group's table for its moderator and secretary (rated figures and colours only, never a
member's closed value; attendance at that group's meetings), with a CSV/XLSX export of that
table. Same reads and rules as the API (`scorecard.py`, `rules.py`)."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from verbund.common.exports import safe_cell
from verbund.common.http import check_perm, get_visible_or_404
from verbund.network.models import Group
from verbund.network.queries import get_network, groups_visible_to, roles_of
from verbund.referrals.scorecard import (
    COLOUR_LABELS,
    MONTHS,
    Scorecard,
    group_scorecards,
    scorecard_of,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def own_scorecard(request: HttpRequest) -> HttpResponse:
    check_perm(request, "referrals.view_own_scorecard")
    card = scorecard_of(roles_of(request.user).person)
    context = {"card": card, "rows": _rows(card), "months": MONTHS, "network": get_network()}
    return render(request, "referrals/scorecard.html", context)


def _group(request: HttpRequest, code: str) -> Group:
    group = get_visible_or_404(groups_visible_to(request.user), code=code)
    check_perm(request, "referrals.view_group_scorecard", group)
    return group


@login_required
def group_scorecard(request: HttpRequest, code: str) -> HttpResponse:
    group = _group(request, code)
    cards = group_scorecards(group)
    context = {"group": group, "cards": [(c, _rows(c)) for c in cards], "months": MONTHS}
    return render(request, "referrals/scorecard_group.html", context)


@login_required
def group_scorecard_export(request: HttpRequest, code: str) -> HttpResponse:
    """The group's table as CSV (German Excel) or XLSX; unknown formats are 404."""
    group = _group(request, code)
    file_format = request.GET.get("format", "csv")
    if file_format not in ("csv", "xlsx"):
        raise Http404
    lines = [_headers(), *(_line(card) for card in group_scorecards(group))]
    if file_format == "csv":
        body, content_type = _csv(lines), "text/csv; charset=utf-8"
    else:
        body, content_type = _xlsx(lines), XLSX
    response = HttpResponse(body, content_type=content_type)
    name = f"scorecard-{group.code}-{timezone.localdate().isoformat()}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _rows(card: Scorecard) -> list[dict[str, Any]]:
    """The rated figures for a template: label, shown value, colour and its text label."""
    attendance = "-" if card.attendance is None else f"{card.attendance} %"
    figures = [
        ("attendance", _("Attendance"), attendance),
        ("referrals_given", _("Referrals given"), card.referrals_given),
        ("one_to_ones", _("One-to-ones held"), card.one_to_ones),
        ("guests_brought", _("Guests brought"), card.guests_brought),
    ]
    return [
        {
            "metric": metric,
            "label": label,
            "value": value,
            "colour": card.colours.get(metric),
            "colour_label": card.colour_label(metric) or _("Not rated"),
        }
        for metric, label, value in figures
    ]


def _headers() -> list[str]:
    return [
        _("Name"),
        _("Company"),
        _("Attendance (%)"),
        _("Referrals given"),
        _("One-to-ones held"),
        _("Guests brought"),
        _("Overall"),
    ]


def _line(card: Scorecard) -> list[Any]:
    person = card.person
    overall = str(COLOUR_LABELS[card.overall]) if card.overall else ""
    cells = [
        person.full_name,
        person.company.name if person.company else "",
        card.attendance,
        card.referrals_given,
        card.one_to_ones,
        card.guests_brought,
        overall,
    ]
    return [safe_cell(cell) for cell in cells]


def _csv(lines: list[list[Any]]) -> bytes:
    """UTF-8 with a byte order mark and ";": what German Excel reads."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows([["" if cell is None else cell for cell in line] for line in lines])
    return buffer.getvalue().encode("utf-8-sig")


def _xlsx(lines: list[list[Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has its first sheet
    sheet.title = _("Scorecard")[:31]
    for line in lines:
        sheet.append(line)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
