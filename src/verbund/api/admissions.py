"""API: applications for admission, the members' vote on them and the advisory board's cases.

Applications and board cases are both addressed by the application's `code`. Veto reasons
are the board's alone: they appear only in `GET …/votes` for the board and in a board case.
"""

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from verbund.admissions.models import (
    Application,
    Stage,
    Vote,
    VoteChoice,
)
from verbund.admissions.queries import (
    applications_visible_to,
    eligible_voters,
    guests_visible_to,
    skill_overlap,
)
from verbund.admissions.services import (
    cast_vote,
    close_vote,
    open_vote,
    read_veto_reasons,
    submit_application,
    withdraw_application,
)
from verbund.api.pagination import Converted, Pagination
from verbund.api.schemas import Ref, enum
from verbund.common.http import check_perm, get_visible_or_404
from verbund.meetings.queries import meetings_visible_to
from verbund.members.models import Person
from verbund.members.queries import people_visible_to
from verbund.network.queries import groups_visible_to, roles_of

router = Router(tags=["admissions"])

DETAILS = "admissions.view_application_details"
VETO_REASONS = "admissions.view_veto_reasons"
MANAGE_VOTE = "admissions.manage_vote"
BOARD_CASE = "admissions.view_board_case"


def local_time(moment: datetime | None) -> datetime | None:
    return None if moment is None else timezone.localtime(moment)


def ref_of(obj, name: str) -> dict:
    return {"code": obj.code, "name": name}


def person_ref(person: Person | None) -> dict | None:
    return None if person is None else ref_of(person, person.full_name)


# ---------------------------------------------------------------- applications


class SkillOverlapOut(Schema):
    """A skill the candidate shares with active companies of the home group."""

    skill: str
    companies: list[str]


class ApplicationOut(Schema):
    """An application. The candidate's own people see only `code` and `stage`; the other
    fields are null for them. `vote_meeting` is the code of the meeting voting on it."""

    code: str
    stage: Stage
    company: Ref | None
    home_group: Ref | None
    recommended_by: str | None
    created_at: datetime | None
    vote_meeting: str | None


class ApplicationDetailOut(ApplicationOut):
    """`skill_overlap`: the skills shared with the home group's active companies, by name
    (information for the vote, never a reason to refuse); null for the candidate."""

    skill_overlap: list[SkillOverlapOut] | None


def _item(application: Application, user) -> dict:
    """One application as `user` may see it (the same rule as the pages)."""
    out: dict = {"code": application.code, "stage": application.stage}
    if not user.has_perm(DETAILS, application):
        return out | dict.fromkeys(
            ("company", "home_group", "recommended_by", "created_at", "vote_meeting")
        )
    recommender = application.recommended_by
    meeting = application.vote_meeting
    return out | {
        "company": ref_of(application.company, application.company.name),
        "home_group": ref_of(application.home_group, application.home_group.name),
        "recommended_by": recommender.full_name if recommender else None,
        "created_at": local_time(application.created_at),
        "vote_meeting": meeting.code if meeting else None,
    }


def _detail(application: Application, user) -> dict:
    out = _item(application, user)
    overlap = None
    if user.has_perm(DETAILS, application):
        overlap = [
            {"skill": skill.label_de, "companies": names}
            for skill, names in skill_overlap(application)
        ]
    return out | {"skill_overlap": overlap}


def _visible(user) -> QuerySet[Application]:
    return applications_visible_to(user).select_related("recommended_by", "vote_meeting")


def _application(request: HttpRequest, code: str) -> Application:
    return get_visible_or_404(_visible(request.user), code=code)


@router.get("/applications", response=list[ApplicationOut])
@paginate(Pagination)
def application_list(request: HttpRequest, stage: Stage | None = None):
    """Applications the caller may see, newest first: office and board all, members their
    groups' and their own company's, a candidate its own; `stage` filters."""
    applications = _visible(request.user)
    if stage is not None:
        applications = applications.filter(stage=stage)
    return Converted(applications, lambda application: _item(application, request.user))


@router.get("/applications/{code}", response=ApplicationDetailOut)
def application_detail(request: HttpRequest, code: str):
    """One application with the skill overlap (404 unless the caller may see it)."""
    return _detail(_application(request, code), request.user)


class CompanyIn(Schema):
    name: str
    city: str = ""
    region: str = ""
    website: str = ""
    description: str = ""
    employees: int | None = None


class ApplicationIn(Schema):
    """`home_group`: a regional group's code; `recommended_by`: a member's person code
    (a member submits the candidate they recommend themself)."""

    company: CompanyIn
    home_group: str
    recommended_by: str | None = None
    guest: str | None = Field(
        None,
        description="A guest's person code: the guest's company applies and the guest "
        "follows the application's status.",
    )


def _found(queryset: QuerySet, code: str, field: str):
    """The object with `code` among those the caller sees, else a 422 naming `field`."""
    found = queryset.filter(code=code).first()
    if found is None:
        raise ValidationError({field: _("There is nothing with this code.")})
    return found


@router.post("/applications", response={201: ApplicationDetailOut})
def application_create(request: HttpRequest, payload: ApplicationIn):
    """Submit a candidate company's application (the office, or a recommending member)."""
    check_perm(request, "admissions.submit_application")
    home_group = _found(groups_visible_to(request.user), payload.home_group, "home_group")
    recommender = None
    if payload.recommended_by is not None:
        recommender = _found(
            people_visible_to(request.user), payload.recommended_by, "recommended_by"
        )
    guest = None
    if payload.guest is not None:
        guest = guests_visible_to(request.user).filter(person__code=payload.guest).first()
        if guest is None:
            raise ValidationError({"guest": _("There is nothing with this code.")})
    application = submit_application(
        company_data=payload.company.model_dump(),
        home_group=home_group,
        recommended_by=recommender,
        guest=guest,
        actor=request.user,
    )
    return Status(201, _detail(application, request.user))


class VoteOpeningIn(Schema):
    """`meeting`: the code of a meeting of the home group."""

    meeting: str


@router.post("/applications/{code}/vote-opening", response=ApplicationDetailOut)
def vote_opening(request: HttpRequest, code: str, payload: VoteOpeningIn):
    """Put the application to the vote at a meeting (the home group's moderator, the office)."""
    application = _application(request, code)
    check_perm(request, MANAGE_VOTE, application)
    meeting = _found(meetings_visible_to(request.user), payload.meeting, "meeting")
    application = open_vote(application=application, meeting=meeting, actor=request.user)
    return _detail(application, request.user)


@router.post("/applications/{code}/vote-closing", response=ApplicationDetailOut)
def vote_closing(request: HttpRequest, code: str):
    """Count the votes and carry out the result; `stage` tells it (admitted, board or
    rejected). Refused (422) while the result is unclear or the network or group is full."""
    application = _application(request, code)
    check_perm(request, MANAGE_VOTE, application)
    application = close_vote(application=application, actor=request.user)
    return _detail(application, request.user)


@router.post("/applications/{code}/withdrawal", response=ApplicationDetailOut)
def withdrawal(request: HttpRequest, code: str):
    """Withdraw an open application (the office, or the recommending member)."""
    application = _application(request, code)
    check_perm(request, "admissions.withdraw_application", application)
    application = withdraw_application(application=application, actor=request.user)
    return _detail(application, request.user)


# ---------------------------------------------------------------- the members' vote


class VoteIn(Schema):
    """A veto needs a reason, which only the advisory board reads."""

    choice: str = Field(..., **enum(VoteChoice.values))
    reason: str = ""


class VoteOut(Schema):
    """The caller's own vote."""

    choice: VoteChoice
    reason: str
    cast_at: datetime


def _vote_out(vote: Vote) -> dict:
    return {"choice": vote.choice, "reason": vote.reason, "cast_at": local_time(vote.cast_at)}


@router.post("/applications/{code}/votes", response={200: VoteOut, 201: VoteOut})
def vote_create(request: HttpRequest, code: str, payload: VoteIn):
    """Cast one's own vote (members present at the vote meeting). Voting again changes
    nothing and answers the first vote (200)."""
    application = _application(request, code)
    check_perm(request, DETAILS, application)
    person = roles_of(request.user).person
    had_voted = application.votes.filter(person=person).exists()
    vote = cast_vote(
        application=application,
        person=person,
        choice=payload.choice,
        reason=payload.reason,
        actor=request.user,
    )
    return Status(200 if had_voted else 201, _vote_out(vote))


class VetoReasonOut(Schema):
    person: Ref
    reason: str


class VoteCountsOut(Schema):
    """The count of the vote; `veto_reasons` is null for all but the advisory board."""

    yes: int
    veto: int
    eligible: int
    not_yet_voted: int
    veto_reasons: list[VetoReasonOut] | None


def veto_reasons(application: Application, user: Any) -> list[dict]:
    vetoes = read_veto_reasons(application, actor=user)
    return [{"person": person_ref(vote.person), "reason": vote.reason} for vote in vetoes]


@router.get("/applications/{code}/votes", response=VoteCountsOut)
def vote_counts(request: HttpRequest, code: str):
    """The count (who manages the vote: the home group's moderator, the office; and the
    board, which alone also reads the veto reasons)."""
    application = _application(request, code)
    user = request.user
    if not user.has_perm(MANAGE_VOTE, application):
        check_perm(request, VETO_REASONS, application)
    choices = list(application.votes.values_list("choice", flat=True))
    eligible = eligible_voters(application)
    return {
        "yes": choices.count(VoteChoice.YES),
        "veto": choices.count(VoteChoice.VETO),
        "eligible": eligible.count(),
        "not_yet_voted": eligible.exclude(votes__application=application).count(),
        "veto_reasons": (
            veto_reasons(application, user) if user.has_perm(VETO_REASONS, application) else None
        ),
    }
