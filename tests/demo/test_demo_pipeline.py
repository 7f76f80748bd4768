"""The demo's year of admissions: the pipeline's figures per month, the history's applications
(none admitted) and the retention run, which finds nothing old enough to pseudonymise."""

import datetime
from collections import Counter
from decimal import Decimal

from django.utils import timezone

from tests.demo.commands import run
from verbund.admissions.models import (
    Application,
    BoardCase,
    BoardVote,
    Guest,
    Stage,
    Vote,
    VoteChoice,
)
from verbund.admissions.pipeline import admission_pipeline
from verbund.common.demo.history import GUEST_SURNAMES
from verbund.members.models import Company, CompanyStatus

HISTORY = (Stage.REJECTED, Stage.WITHDRAWN)


def _local(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


def test_demo_pipeline_shows_a_year_of_guests_and_applications(db, demo):
    pipeline = admission_pipeline()
    # new guests, first visits, submitted, votes, to the board, admitted, rejected, withdrawn
    assert [(row.month.isoformat(), row.values()) for row in pipeline.rows] == [
        ("2025-12-01", [3, 3, 0, 0, 0, 0, 0, 0]),
        ("2026-01-01", [1, 1, 1, 0, 0, 0, 0, 0]),
        ("2026-02-01", [3, 3, 1, 1, 1, 0, 1, 0]),
        ("2026-03-01", [2, 2, 0, 0, 0, 0, 0, 1]),
        ("2026-04-01", [1, 1, 0, 0, 0, 0, 0, 0]),
        ("2026-05-01", [2, 2, 1, 0, 0, 0, 0, 0]),
        ("2026-06-01", [2, 2, 1, 1, 1, 0, 1, 0]),
        ("2026-07-01", [1, 1, 1, 0, 0, 0, 0, 1]),
        ("2026-08-01", [2, 2, 0, 1, 1, 0, 0, 0]),
        ("2026-09-01", [2, 2, 1, 0, 0, 0, 1, 0]),
        # The demo guest first came on 30 October; he and Sabine Loibl are recorded now.
        ("2026-10-01", [3, 4, 0, 0, 0, 0, 0, 1]),
        ("2026-11-01", [2, 0, 2, 1, 1, 0, 0, 0]),
    ]
    assert pipeline.totals == {
        "new_guests": 24,
        "first_visits": 23,
        "submitted": 8,
        "votes": 4,
        "escalated": 4,
        "admitted": 0,
        "rejected": 3,
        "withdrawn": 3,
    }
    assert (pipeline.open_now, pipeline.average_submitted) == (
        {"submitted": 0, "voting": 1, "board": 1},
        Decimal("0.7"),
    )


def test_demo_history_adds_no_member(db, demo):
    history = Application.objects.filter(stage__in=HISTORY)
    candidates = Company.objects.filter(applications__in=history)
    assert (history.count(), set(candidates.values_list("status", flat=True))) == (
        6,
        {CompanyStatus.CANDIDATE},
    )
    assert Company.objects.filter(status=CompanyStatus.ACTIVE).count() == 56


def test_demo_history_guests_visited_before_their_company_applied(db, demo):
    for application in Application.objects.filter(stage__in=HISTORY):
        guest = Guest.objects.get(application=application)
        visits = sorted(guest.visits.values_list("visited_on", "group_id"))
        assert (
            guest.company_name,
            guest.invited_by,
            [group for _day, group in visits],
            visits[-1][0] < _local(application.created_at),
        ) == (
            application.company.name,
            application.recommended_by,
            [application.home_group_id] * 2,
            True,
        )


def _course(application: Application) -> tuple:
    """Submitted, the vote's meeting with its votes and vetoes, the board's votes, decided."""
    meeting, case = application.vote_meeting, getattr(application, "board_case", None)
    board = Counter(case.votes.values_list("choice", flat=True)) if case else None
    return (
        application.company.name,
        application.stage,
        _local(application.created_at).isoformat(),
        meeting.occurrence_date.isoformat() if meeting else None,
        application.votes.count(),
        application.votes.filter(choice=VoteChoice.VETO).count(),
        dict(board) if board else None,
        _local(application.decided_at).isoformat(),
    )


def test_demo_history_applications_were_vetoed_or_withdrawn(db, demo):
    history = Application.objects.filter(stage__in=HISTORY).order_by("created_at")
    assert [_course(application) for application in history] == [
        (
            "Gmeiner Systemhaus GmbH & Co. KG",
            "rejected",
            "2026-01-12",
            "2026-02-06",
            22,
            1,
            {"reject": 3, "admit": 1},
            "2026-02-19",
        ),
        ("Lanzinger IT-Security e.K.", "withdrawn", "2026-02-23", None, 0, 0, None, "2026-03-19"),
        (
            "Aschenbrenner Cloud Services e.K.",
            "rejected",
            "2026-05-18",
            "2026-06-12",
            19,
            1,
            {"reject": 4, "admit": 1},
            "2026-06-25",
        ),
        ("Straßer Software GmbH", "withdrawn", "2026-06-29", None, 0, 0, None, "2026-07-23"),
        (
            "Schwarzhuber Informationstechnik GmbH & Co. KG",
            "rejected",
            "2026-07-27",
            "2026-08-21",
            18,
            1,
            {"reject": 4, "admit": 1},
            "2026-09-03",
        ),
        ("Tremmel Software GmbH", "withdrawn", "2026-09-21", None, 0, 0, None, "2026-10-15"),
    ]
    for application in history.filter(stage=Stage.REJECTED).select_related("board_case"):
        case, meeting = application.board_case, application.vote_meeting
        # The vote was held (and closed) at a breakfast of the home group, the board decided.
        assert (
            meeting.group_id,
            meeting.register_state,
            _local(application.vote_closed_at),
            _local(case.opened_at),
            case.decision,
            case.decided_at,
        ) == (
            application.home_group_id,
            "completed",
            meeting.occurrence_date,
            meeting.occurrence_date,
            "reject",
            application.decided_at,
        )


def test_demo_history_lies_in_the_eleven_months_before_this_one(db, demo):
    """The services stamped "now"; every stamp was set back, none into this month."""
    history = Application.objects.filter(stage__in=HISTORY)
    guests = Guest.objects.filter(person__last_name__in=GUEST_SURNAMES)
    moments = [
        *history.values_list("created_at", flat=True),
        *history.exclude(vote_closed_at=None).values_list("vote_closed_at", flat=True),
        *history.values_list("decided_at", flat=True),
        *Vote.objects.filter(application__in=history).values_list("cast_at", flat=True),
        *BoardCase.objects.filter(application__in=history).values_list("opened_at", flat=True),
        *BoardCase.objects.filter(application__in=history).values_list("decided_at", flat=True),
        *BoardVote.objects.filter(case__application__in=history).values_list("cast_at", flat=True),
        *guests.values_list("created_at", flat=True),
        *guests.values_list("person__created_at", flat=True),
    ]
    days = [_local(moment) for moment in moments]
    assert (guests.count(), len(days), min(days), max(days)) == (
        22,
        # 6 applications submitted and decided, 3 votes closed with 59 votes, 3 board cases
        # opened and decided with 14 board votes, 22 guests (and their person records)
        2 * 6 + 3 + 59 + 2 * 3 + 14 + 2 * 22,
        datetime.date(2025, 12, 12),
        datetime.date(2026, 10, 16),
    )


def test_retention_on_the_demo_pseudonymises_nothing(db, demo):
    assert run("apply_retention") == "0 guests, 0 applications pseudonymised.\n"
    assert (
        Guest.objects.filter(pseudonymised_at__isnull=False).count(),
        Application.objects.filter(pseudonymised_at__isnull=False).count(),
    ) == (0, 0)
