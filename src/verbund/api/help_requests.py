"""API: "who can help" requests. The asker sees the request and every answer; people of an
asked company see the request and their own company's answer only; anyone else gets 404 (the
office and the board included). Addressed by the request's `code`, answers by the company's."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from verbund.api.admissions import local_time, person_ref, ref_of
from verbund.api.pagination import Converted, Pagination
from verbund.api.referrals import max_length_of
from verbund.api.schemas import Ref
from verbund.common.http import check_perm, get_visible_or_404
from verbund.directory.queries import directory_companies
from verbund.members.models import MEMBER_STATUSES
from verbund.network.queries import roles_of
from verbund.referrals.models import (
    AnswerStatus,
    HelpAnswer,
    HelpRequest,
    HelpRequestStatus,
    Referral,
)
from verbund.referrals.queries import help_request_role, help_requests_visible_to, suggest_helpers
from verbund.referrals.services import (
    accept_answer,
    answer_help,
    ask_for_help,
    close_help_request,
)

router = Router(tags=["help-requests"])


class AnswerOut(Schema):
    """`reason` (why the company was suggested) is the asker's alone: null for the others."""

    company: Ref
    status: AnswerStatus
    reason: str | None
    message: str
    answered_by: Ref | None
    answered_at: datetime | None


class HelpRequestOut(Schema):
    """`answers`: all for the asker, the own company's only for an asked company.
    `referral`: the code of the referral an accepted answer became (the asker's only)."""

    code: str
    asked_by: Ref
    asked_by_company: Ref
    need: str
    region: str
    status: HelpRequestStatus
    referral: str | None
    created_at: datetime
    answers: list[AnswerOut]


def _answer_out(answer: HelpAnswer, asker: bool) -> dict:
    return {
        "company": ref_of(answer.company, answer.company.name),
        "status": answer.status,
        "reason": answer.reason if asker else None,
        "message": answer.message,
        "answered_by": person_ref(answer.answered_by),
        "answered_at": local_time(answer.answered_at),
    }


def _out(request: HttpRequest, help_request: HelpRequest) -> dict:
    asker = help_request_role(request.user, help_request) == "asker"
    company_id = roles_of(request.user).company_id
    answers = [a for a in help_request.answers.all() if asker or a.company_id == company_id]
    person = help_request.asked_by
    return {
        "code": help_request.code,
        "asked_by": person_ref(person),
        "asked_by_company": ref_of(person.company, person.company.name),
        "need": help_request.need,
        "region": help_request.region,
        "status": help_request.status,
        "referral": help_request.referral.code if asker and help_request.referral else None,
        "created_at": local_time(help_request.created_at),
        "answers": [_answer_out(answer, asker) for answer in answers],
    }


def _visible(request: HttpRequest):
    return (
        help_requests_visible_to(request.user)
        .select_related("asked_by__company", "referral")
        .prefetch_related("answers__company", "answers__answered_by")
    )


def _help_request(request: HttpRequest, code: str) -> HelpRequest:
    help_request = get_visible_or_404(_visible(request), code=code)
    check_perm(request, "referrals.view_help_request", help_request)
    return help_request


@router.get("/help-requests", response=list[HelpRequestOut])
@paginate(Pagination)
def help_request_list(request: HttpRequest, status: HelpRequestStatus | None = None):
    """Asked by me and asked of my company, newest first; members only."""
    check_perm(request, "referrals.view_own_help_requests")
    items = _visible(request)
    if status is not None:
        items = items.filter(status=status)
    return Converted(items, lambda item: _out(request, item))


class SuggestionOut(Schema):
    company: Ref
    score: float
    reasons: list[str]


@router.get("/help-requests/suggestions", response=list[SuggestionOut])
def help_request_suggestions(request: HttpRequest, need: str, region: str = ""):
    """The best-fitting member companies for a need (at most 10, never your own), each with
    the reasons: skills, offerings, region, won referrals on the topic."""
    check_perm(request, "referrals.ask_for_help")
    return [
        {
            "company": ref_of(s.company, s.company.name),
            "score": s.score,
            "reasons": s.reasons,
        }
        for s in suggest_helpers(request.user, need, region)
    ]


class HelpRequestIn(Schema):
    """`companies`: 1-5 codes of other active member companies (e.g. from the suggestions)."""

    need: str
    region: str = Field("", max_length=max_length_of(HelpRequest, "region"))
    companies: list[str]


@router.post("/help-requests", response={201: HelpRequestOut})
def help_request_create(request: HttpRequest, payload: HelpRequestIn):
    """Ask member companies whether they can help; their admins are told by e-mail. An unknown
    company code: 422."""
    check_perm(request, "referrals.ask_for_help")
    companies = list(
        directory_companies(request.user).filter(
            code__in=payload.companies, status__in=MEMBER_STATUSES
        )
    )
    if len({*payload.companies}) != len(companies):
        raise ValidationError({"companies": _("Ask active member companies only, by their codes.")})
    help_request = ask_for_help(
        need=payload.need, region=payload.region, companies=companies, actor=request.user
    )
    return Status(201, _out(request, _help_request(request, help_request.code)))


@router.get("/help-requests/{code}", response=HelpRequestOut)
def help_request_detail(request: HttpRequest, code: str):
    return _out(request, _help_request(request, code))


class AnswerIn(Schema):
    can_help: bool
    message: str = ""


@router.post("/help-requests/{code}/answers/{company}", response=HelpRequestOut)
def help_request_answer(request: HttpRequest, code: str, company: str, payload: AnswerIn):
    """A person of the asked company answers for it (the asker: 403; another company: 404)."""
    help_request = _help_request(request, code)
    answer = _answer(request, help_request, company)
    check_perm(request, "referrals.answer_help", answer)
    answer_help(
        answer=answer, can_help=payload.can_help, message=payload.message, actor=request.user
    )
    return _out(request, _help_request(request, code))


def _answer(request: HttpRequest, help_request: HelpRequest, company: str) -> HelpAnswer:
    """An answer the viewer may see (the asker: any; an asked company: its own), else 404."""
    answers = help_request.answers.select_related("company", "answered_by", "request")
    if help_request_role(request.user, help_request) != "asker":
        answers = answers.filter(company_id=roles_of(request.user).company_id)
    return get_object_or_404(answers, company__code=company)


class AcceptIn(Schema):
    """`company`: the code of the company whose offered answer is accepted."""

    company: str
    customer_name: str = Field(max_length=max_length_of(Referral, "customer_name"))
    temperature: int = 3
    customer_company: str = Field("", max_length=max_length_of(Referral, "customer_company"))
    customer_email: str = Field("", max_length=max_length_of(Referral, "customer_email"))
    customer_phone: str = Field("", max_length=max_length_of(Referral, "customer_phone"))


class AcceptOut(Schema):
    referral: str


@router.post("/help-requests/{code}/accept", response={201: AcceptOut})
def help_request_accept(request: HttpRequest, code: str, payload: AcceptIn):
    """The asker accepts an offered answer: it becomes a customer introduction to the person
    who answered, in one step (422 unless the answer offers help and the request is open)."""
    help_request = _help_request(request, code)
    check_perm(request, "referrals.accept_help_answer", help_request)
    answer = _answer(request, help_request, payload.company)
    fields = payload.dict(exclude={"company"})
    referral = accept_answer(answer=answer, actor=request.user, **fields)
    return Status(201, {"referral": referral.code})


@router.post("/help-requests/{code}/close", response=HelpRequestOut)
def help_request_close(request: HttpRequest, code: str):
    """The asker closes an open request without a referral."""
    help_request = _help_request(request, code)
    close_help_request(help_request=help_request, actor=request.user)
    return _out(request, _help_request(request, code))
