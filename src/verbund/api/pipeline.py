"""API: the admission pipeline, the figures of the page `/applications/pipeline/`.

Its own router, registered before the admissions router: `/applications/pipeline` must be
matched before `/applications/{code}` would take "pipeline" for an application's code.
"""

from datetime import date

from django.http import HttpRequest
from ninja import Router, Schema

from verbund.admissions.pipeline import FIGURE_KEYS, admission_pipeline
from verbund.common.http import check_perm

router = Router(tags=["admissions"])


class PipelineMonthOut(Schema):
    """One month (`month`: its first day, Europe/Berlin): new candidate guests, guests'
    first attended visits, applications submitted, votes held (closed), cases escalated to
    the advisory board, and applications admitted, rejected and withdrawn in the month."""

    month: date
    new_guests: int
    first_visits: int
    submitted: int
    votes: int
    escalated: int
    admitted: int
    rejected: int
    withdrawn: int


class OpenNowOut(Schema):
    """Applications open right now, per stage."""

    submitted: int
    voting: int
    board: int


class PipelineOut(Schema):
    """`months`: the last twelve, oldest first; `average_submitted`: the serious candidates
    (applications submitted) per month on average over them, to one decimal."""

    months: list[PipelineMonthOut]
    totals: dict[str, int]
    average_submitted: float
    open_now: OpenNowOut


@router.get("/applications/pipeline", response=PipelineOut)
def pipeline(request: HttpRequest):
    """Candidates per stage and month: aggregated figures, no names (the office and the
    advisory board; others 403)."""
    check_perm(request, "admissions.view_pipeline")
    figures = admission_pipeline()
    return {
        "months": [{"month": row.month, **row.figures} for row in figures.rows],
        "totals": {key: figures.totals[key] for key in FIGURE_KEYS},
        "average_submitted": float(figures.average_submitted),
        "open_now": figures.open_now,
    }
