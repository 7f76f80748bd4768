"""API: the advisory board's cases — vetoed applications, with the veto reasons, the board's
votes and its decision. The board only; addressed by the application's `code`."""

from datetime import datetime

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from verbund.admissions.models import BoardCase, BoardDecision, BoardVote
from verbund.admissions.queries import applications_visible_to
from verbund.admissions.services import cast_board_vote, decide_board_case
from verbund.api.admissions import (
    BOARD_CASE,
    VetoReasonOut,
    local_time,
    person_ref,
    ref_of,
    veto_reasons,
)
from verbund.api.pagination import Converted, Pagination
from verbund.api.schemas import Ref, enum
from verbund.common.http import check_perm, get_visible_or_404
from verbund.network.queries import roles_of

router = Router(tags=["board cases"])


def _board_vote_out(vote: BoardVote) -> dict:
    return {
        "person": person_ref(vote.person),
        "choice": vote.choice,
        "cast_at": local_time(vote.cast_at),
    }


class BoardCaseOut(Schema):
    """A vetoed application before the advisory board; `decision` is null while open."""

    code: str
    company: Ref
    home_group: Ref
    opened_at: datetime
    decision: BoardDecision | None


class BoardVoteOut(Schema):
    person: Ref
    choice: BoardDecision
    cast_at: datetime


class BoardCaseDetailOut(BoardCaseOut):
    """With the members' veto reasons (the board's eyes only) and the board's votes."""

    rationale: str
    decided_by: Ref | None
    decided_at: datetime | None
    veto_reasons: list[VetoReasonOut]
    votes: list[BoardVoteOut]


def _case_item(case: BoardCase) -> dict:
    application = case.application
    return {
        "code": application.code,
        "company": ref_of(application.company, application.company.name),
        "home_group": ref_of(application.home_group, application.home_group.name),
        "opened_at": local_time(case.opened_at),
        "decision": case.decision or None,
    }


def _case_detail(case: BoardCase, user) -> dict:
    votes = case.votes.select_related("person")
    return _case_item(case) | {
        "rationale": case.rationale,
        "decided_by": person_ref(case.decided_by),
        "decided_at": local_time(case.decided_at),
        "veto_reasons": veto_reasons(case.application, user),
        "votes": [_board_vote_out(vote) for vote in votes],
    }


@router.get("/board-cases", response=list[BoardCaseOut])
@paginate(Pagination)
def board_case_list(request: HttpRequest):
    """The advisory board's cases, newest first (the board only)."""
    check_perm(request, BOARD_CASE)
    cases = BoardCase.objects.select_related("application__company", "application__home_group")
    return Converted(cases, _case_item)


def _case(request: HttpRequest, code: str) -> BoardCase:
    """The case of a visible application (404 otherwise), for the board only (403)."""
    case = get_visible_or_404(
        BoardCase.objects.select_related(
            "application__company", "application__home_group", "decided_by"
        ).filter(application__in=applications_visible_to(request.user)),
        application__code=code,
    )
    check_perm(request, BOARD_CASE, case)
    return case


@router.get("/board-cases/{code}", response=BoardCaseDetailOut)
def board_case_detail(request: HttpRequest, code: str):
    """One case with the veto reasons and the board's votes (the board only)."""
    return _case_detail(_case(request, code), request.user)


class BoardVoteIn(Schema):
    choice: str = Field(..., **enum(BoardDecision.values))


@router.post("/board-cases/{code}/votes", response={200: BoardVoteOut, 201: BoardVoteOut})
def board_vote_create(request: HttpRequest, code: str, payload: BoardVoteIn):
    """Cast one's own board vote; voting again answers the first vote (200). Members from
    the candidate's or a vetoing member's company abstain (422)."""
    case = _case(request, code)
    person = roles_of(request.user).person
    had_voted = case.votes.filter(person=person).exists()
    vote = cast_board_vote(case=case, person=person, choice=payload.choice, actor=request.user)
    return Status(200 if had_voted else 201, _board_vote_out(vote))


class DecisionIn(Schema):
    """The decision must follow the majority of at least a quorum of board votes."""

    decision: str = Field(..., **enum(BoardDecision.values))
    rationale: str


@router.post("/board-cases/{code}/decision", response=BoardCaseDetailOut)
def board_case_decision(request: HttpRequest, code: str, payload: DecisionIn):
    """Record the board's decision: admits (422 if the network or group is full) or rejects."""
    case = _case(request, code)
    check_perm(request, "admissions.decide_board_case", case)
    case = decide_board_case(
        case=case, decision=payload.decision, rationale=payload.rationale, actor=request.user
    )
    return _case_detail(case, request.user)
