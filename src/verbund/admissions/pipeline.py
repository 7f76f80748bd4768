"""The admission pipeline: candidates per stage and month ("fünf ernsthafte Kandidaten pro
Monat", seed 001), for the office and the board.

Aggregates only, never a name. Each figure is one query grouped by the month (Europe/Berlin
month boundaries), so the cost does not grow with the number of months shown.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, DateField, Min, OuterRef, QuerySet, Subquery
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook

from verbund.admissions.models import (
    OPEN_STAGES,
    Application,
    BoardCase,
    Guest,
    GuestKind,
    GuestVisit,
    Stage,
    VisitStatus,
)

MONTHS = 12
DECIDED = (Stage.ADMITTED, Stage.REJECTED, Stage.WITHDRAWN)

# The figures of one month, in the order of the table's columns, with their titles.
FIGURES: list[tuple[str, Any]] = [
    ("new_guests", _("New guests")),
    ("first_visits", _("First visits")),
    ("submitted", _("Applications submitted")),
    ("votes", _("Votes held")),
    ("escalated", _("To the advisory board")),
    ("admitted", _("Admitted")),
    ("rejected", _("Rejected")),
    ("withdrawn", _("Withdrawn")),
]
FIGURE_KEYS = [key for key, _title in FIGURES]


@dataclass(frozen=True)
class MonthRow:
    """One month's figures; `month` is its first day."""

    month: datetime.date
    figures: dict[str, int]

    def values(self) -> list[int]:
        return [self.figures[key] for key in FIGURE_KEYS]


@dataclass(frozen=True)
class Pipeline:
    """The last months, oldest first; the totals; the open applications per stage now."""

    rows: list[MonthRow]
    totals: dict[str, int]
    open_now: dict[str, int]

    @property
    def average_submitted(self) -> Decimal:
        """Serious candidates (applications submitted) per month, to one decimal."""
        average = Decimal(self.totals["submitted"]) / len(self.rows)
        return average.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def month_starts(today: datetime.date, count: int = MONTHS) -> list[datetime.date]:
    """The first days of the `count` months up to and including `today`'s, oldest first."""
    index = today.year * 12 + today.month - 1
    return [
        datetime.date(month // 12, month % 12 + 1, 1)
        for month in range(index - count + 1, index + 1)
    ]


def _next_month(day: datetime.date) -> datetime.date:
    return datetime.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _midnight(day: datetime.date) -> datetime.datetime:
    """The start of `day` in the network's time zone (Europe/Berlin)."""
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time()), timezone.get_default_timezone()
    )


def _first_day(value: datetime.date | datetime.datetime) -> datetime.date:
    """A truncated month as a date: PostgreSQL and SQLite hand back dates or datetimes."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value, timezone.get_default_timezone())
        return value.date()
    return value


def _per_month(queryset: QuerySet, field: str, *extra: str) -> list[dict[str, Any]]:
    """`queryset` counted per month of `field` (and of the `extra` fields)."""
    return list(
        queryset.annotate(month=TruncMonth(field, tzinfo=timezone.get_default_timezone()))
        .values("month", *extra)
        .annotate(count=Count("pk"))
        .order_by()
    )


def _first_visits(start: datetime.date, end: datetime.date) -> list[dict[str, Any]]:
    """Candidate guests per month of their first attended visit (a date, no time zone)."""
    first = (
        GuestVisit.objects.filter(guest=OuterRef("pk"), status=VisitStatus.ATTENDED)
        .order_by()
        .values("guest")
        .annotate(first=Min("visited_on"))
        .values("first")
    )
    guests = Guest.objects.filter(kind=GuestKind.CANDIDATE).annotate(
        first=Subquery(first, output_field=DateField())
    )
    guests = guests.filter(first__gte=start, first__lt=end)
    return list(
        guests.annotate(month=TruncMonth("first", output_field=DateField()))
        .values("month")
        .annotate(count=Count("pk"))
        .order_by()
    )


def _counts(start: datetime.date, end: datetime.date) -> dict[tuple[str, datetime.date], int]:
    """`{(figure, month): count}` for every figure: seven queries in all."""
    since, until = _midnight(start), _midnight(end)
    applications = Application.objects.all()
    sources = {
        "new_guests": _per_month(
            Guest.objects.filter(
                kind=GuestKind.CANDIDATE, created_at__gte=since, created_at__lt=until
            ),
            "created_at",
        ),
        "first_visits": _first_visits(start, end),
        "submitted": _per_month(
            applications.filter(created_at__gte=since, created_at__lt=until), "created_at"
        ),
        "votes": _per_month(
            applications.filter(vote_closed_at__gte=since, vote_closed_at__lt=until),
            "vote_closed_at",
        ),
        "escalated": _per_month(
            BoardCase.objects.filter(opened_at__gte=since, opened_at__lt=until), "opened_at"
        ),
    }
    counts = {
        (figure, _first_day(row["month"])): row["count"]
        for figure, rows in sources.items()
        for row in rows
    }
    decided = applications.filter(stage__in=DECIDED, decided_at__gte=since, decided_at__lt=until)
    for row in _per_month(decided, "decided_at", "stage"):
        counts[(row["stage"], _first_day(row["month"]))] = row["count"]
    return counts


def open_now() -> dict[str, int]:
    """Open applications per stage right now (submitted, voting, board)."""
    rows = (
        Application.objects.filter(stage__in=OPEN_STAGES)
        .values("stage")
        .annotate(count=Count("pk"))
        .order_by()
    )
    found = {row["stage"]: row["count"] for row in rows}
    return {str(stage): found.get(stage, 0) for stage in OPEN_STAGES}


def admission_pipeline(today: datetime.date | None = None, months: int = MONTHS) -> Pipeline:
    """The pipeline's figures for the `months` months up to `today`'s (default: now).

    Withdrawn applications count in the month they were withdrawn (`decided_at`); a guest's
    first visit is their first attended one. Vendor guests are no candidates: not counted.
    Read-only; who may see it is the caller's check (`admissions.view_pipeline`).
    """
    starts = month_starts(today or timezone.localdate(), months)
    counts = _counts(starts[0], _next_month(starts[-1]))
    rows = [
        MonthRow(month, {key: counts.get((key, month), 0) for key in FIGURE_KEYS})
        for month in starts
    ]
    totals = {key: sum(row.figures[key] for row in rows) for key in FIGURE_KEYS}
    return Pipeline(rows=rows, totals=totals, open_now=open_now())


# ---------------------------------------------------------------- the table as a file


def table(pipeline: Pipeline) -> list[list[str | int]]:
    """The table as the page shows it: a header, one line per month ("2026-11"), the total."""
    header: list[str | int] = [pgettext("pipeline", "Month"), *(str(t) for _k, t in FIGURES)]
    lines: list[list[str | int]] = [header]
    lines += [[row.month.strftime("%Y-%m"), *row.values()] for row in pipeline.rows]
    lines.append([gettext("Total"), *(pipeline.totals[key] for key in FIGURE_KEYS)])
    return lines


def filename(extension: str, day: datetime.date) -> str:
    """`admission-pipeline-2026-11-25.csv`: the date tells apart exports of different days."""
    return f"admission-pipeline-{day.isoformat()}.{extension}"


def write_csv(pipeline: Pipeline) -> bytes:
    """The table as CSV for German Excel: UTF-8 with a byte order mark, ";" between fields
    (as the directory's export, see `directory.exports.write_csv`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows(table(pipeline))
    return buffer.getvalue().encode("utf-8-sig")


def write_xlsx(pipeline: Pipeline) -> bytes:
    """The table as an Excel workbook with one sheet; the counts stay numbers."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has its first sheet
    sheet.title = gettext("Admission pipeline")[:31]  # Excel allows at most 31 characters
    for line in table(pipeline):
        sheet.append(line)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
