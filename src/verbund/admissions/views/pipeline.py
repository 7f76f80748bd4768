"""The admission pipeline page and its export, for the office and the board (others 403).

Aggregates only, no names. The chart is inline SVG drawn here on the server: no script, no
style attribute (the strict CSP holds), no chart library.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.admissions.models import Stage
from verbund.admissions.pipeline import (
    FIGURE_KEYS,
    FIGURES,
    Pipeline,
    admission_pipeline,
    filename,
    write_csv,
    write_xlsx,
)
from verbund.common.http import check_perm

VIEW_PIPELINE = "admissions.view_pipeline"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORTS = {"csv": (write_csv, "text/csv; charset=utf-8"), "xlsx": (write_xlsx, XLSX)}

# The chart's drawing area in SVG units; the SVG scales to the page's width.
CHART_WIDTH, CHART_HEIGHT, BASELINE, TOP = 600, 200, 170, 20


@dataclass(frozen=True)
class Bar:
    """One month's bar: its box, its label's anchor and the count it shows."""

    x: int
    y: int
    width: int
    height: int
    label_x: int
    count: int
    month: datetime.date


def _scale(value: float, top: int) -> int:
    """`value` as a height in the drawing area, the highest value reaching the top."""
    return round(value * (BASELINE - TOP) / top) if top else 0


def chart(pipeline: Pipeline) -> dict:
    """Bars of the applications submitted per month and the line of their average."""
    counts = [row.figures["submitted"] for row in pipeline.rows]
    top = max(counts, default=0)
    slot = CHART_WIDTH // max(len(counts), 1)
    bars = []
    for index, (row, count) in enumerate(zip(pipeline.rows, counts, strict=True)):
        height = _scale(count, top)
        x = index * slot + slot // 5
        bars.append(
            Bar(x, BASELINE - height, slot * 3 // 5, height, x + slot * 3 // 10, count, row.month)
        )
    average_y = BASELINE - _scale(float(pipeline.average_submitted), top) if top else BASELINE
    return {
        "bars": bars,
        "average_y": average_y,
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "baseline": BASELINE,
        "label_y": BASELINE + 20,
    }


def _open_now(pipeline: Pipeline) -> list[tuple[str, int]]:
    return [(str(Stage(stage).label), count) for stage, count in pipeline.open_now.items()]


@login_required
def pipeline_page(request: HttpRequest) -> HttpResponse:
    """Candidates per stage and month over the last twelve months, with the chart."""
    check_perm(request, VIEW_PIPELINE)
    pipeline = admission_pipeline()
    context = {
        "pipeline": pipeline,
        "titles": [title for _key, title in FIGURES],
        "totals": [pipeline.totals[key] for key in FIGURE_KEYS],
        "average": pipeline.average_submitted,
        "open_now": _open_now(pipeline),
        "chart": chart(pipeline),
    }
    return render(request, "admissions/pipeline.html", context)


@login_required
def pipeline_export(request: HttpRequest) -> HttpResponse:
    """The page's table as CSV (for German Excel) or XLSX: `?format=csv|xlsx`."""
    check_perm(request, VIEW_PIPELINE)
    file_format = request.GET.get("format", "csv")
    if file_format not in EXPORTS:
        return HttpResponse(
            _("Choose the format csv or xlsx."),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    write, content_type = EXPORTS[file_format]
    response = HttpResponse(write(admission_pipeline()), content_type=content_type)
    name = filename(file_format, timezone.localdate())
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
