"""API: one-to-ones between members. Only the two people see one (404 for anyone else, the
office and the board included); the note is visible to both. Addressed by its `code`."""

from datetime import date, datetime

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from verbund.api.admissions import local_time, person_ref
from verbund.api.pagination import Converted, Pagination
from verbund.api.schemas import Ref
from verbund.common.http import check_perm, get_visible_or_404
from verbund.members.queries import people_visible_to
from verbund.referrals.models import OneToOneMeeting, OneToOneStatus
from verbund.referrals.queries import one_to_ones_visible_to
from verbund.referrals.services import (
    answer_one_to_one,
    cancel_one_to_one,
    record_held,
    request_one_to_one,
)

router = Router(tags=["one-to-ones"])


class OneToOneOut(Schema):
    """`held_on` and `note` are set once the one-to-one is held."""

    code: str
    requested_by: Ref
    partner: Ref
    proposed_for: datetime | None
    message: str
    status: OneToOneStatus
    held_on: date | None
    note: str
    created_at: datetime


def _out(one_to_one: OneToOneMeeting) -> dict:
    return {
        "code": one_to_one.code,
        "requested_by": person_ref(one_to_one.requested_by),
        "partner": person_ref(one_to_one.partner),
        "proposed_for": local_time(one_to_one.proposed_for),
        "message": one_to_one.message,
        "status": one_to_one.status,
        "held_on": one_to_one.held_on,
        "note": one_to_one.note,
        "created_at": local_time(one_to_one.created_at),
    }


def _visible(request: HttpRequest):
    return one_to_ones_visible_to(request.user).select_related("requested_by", "partner")


def _one_to_one(request: HttpRequest, code: str) -> OneToOneMeeting:
    one_to_one = get_visible_or_404(_visible(request), code=code)
    check_perm(request, "referrals.view_one_to_one", one_to_one)
    return one_to_one


@router.get("/one-to-ones", response=list[OneToOneOut])
@paginate(Pagination)
def one_to_one_list(request: HttpRequest, status: OneToOneStatus | None = None):
    """My one-to-ones (requested by me or asked of me), newest first; members only."""
    check_perm(request, "referrals.view_own_one_to_ones")
    items = _visible(request)
    if status is not None:
        items = items.filter(status=status)
    return Converted(items, _out)


class OneToOneIn(Schema):
    """`partner`: the code of a person of another active member company."""

    partner: str
    proposed_for: datetime | None = None
    message: str = ""


@router.post("/one-to-ones", response={201: OneToOneOut})
def one_to_one_create(request: HttpRequest, payload: OneToOneIn):
    """Ask a person of another member company for a one-to-one; they are told by e-mail.
    A second open one-to-one between the same two people is refused (422)."""
    check_perm(request, "referrals.request_one_to_one")
    partner = get_object_or_404(people_visible_to(request.user), code=payload.partner)
    one_to_one = request_one_to_one(
        partner=partner,
        proposed_for=payload.proposed_for,
        message=payload.message,
        actor=request.user,
    )
    return Status(201, _out(one_to_one))


@router.get("/one-to-ones/{code}", response=OneToOneOut)
def one_to_one_detail(request: HttpRequest, code: str):
    return _out(_one_to_one(request, code))


class AnswerIn(Schema):
    accept: bool


@router.post("/one-to-ones/{code}/answer", response=OneToOneOut)
def one_to_one_answer(request: HttpRequest, code: str, payload: AnswerIn):
    """The partner accepts or declines a requested one-to-one (the requester: 403)."""
    one_to_one = _one_to_one(request, code)
    return _out(answer_one_to_one(one_to_one=one_to_one, accept=payload.accept, actor=request.user))


@router.post("/one-to-ones/{code}/cancel", response=OneToOneOut)
def one_to_one_cancel(request: HttpRequest, code: str):
    """Either person cancels an open one-to-one (422 once declined, held or cancelled)."""
    one_to_one = _one_to_one(request, code)
    return _out(cancel_one_to_one(one_to_one=one_to_one, actor=request.user))


class HeldIn(Schema):
    held_on: date
    note: str = ""


@router.post("/one-to-ones/{code}/held", response=OneToOneOut)
def one_to_one_held(request: HttpRequest, code: str, payload: HeldIn):
    """Either person records an accepted one-to-one as held (not in the future), with a note."""
    one_to_one = _one_to_one(request, code)
    held = record_held(
        one_to_one=one_to_one, held_on=payload.held_on, note=payload.note, actor=request.user
    )
    return _out(held)
