"""API: referrals between member companies, their status and closed business.

Need-to-know as on the pages (`referral_view`): the giver and the receiving persons see
everything; company admins of a party's company see their company's record with the
customer's contact data, the closed value, the thank-you and the status notes null; everyone
else gets 404.
"""

from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from verbund.api.admissions import local_time, person_ref, ref_of
from verbund.api.pagination import Converted, Pagination
from verbund.api.schemas import Ref, enum
from verbund.common.http import check_perm, get_visible_or_404
from verbund.meetings.models import Meeting
from verbund.members.models import MEMBER_STATUSES, Person
from verbund.network.queries import roles_of
from verbund.referrals.exports import EXPORTS, filename, for_export
from verbund.referrals.models import (
    STATUS_TRANSITIONS,
    PartyRole,
    Referral,
    ReferralKind,
    ReferralStatus,
)
from verbund.referrals.queries import FULL, is_receiving_person, referral_view, referrals_visible_to
from verbund.referrals.services import change_status, confirm_closed_business, pass_referral

router = Router(tags=["referrals"])

OWN = "referrals.view_own_referrals"


class PartyOut(Schema):
    company: Ref
    person: Ref
    role: PartyRole
    share: Decimal


class ClosedBusinessOut(Schema):
    """`value` and `thank_you` are null for a company admin who is no party (a receiver's
    income is the parties' business)."""

    value: Decimal | None
    thank_you: str | None
    confirmed_by: Ref | None
    confirmed_at: datetime


class ReferralOut(Schema):
    """A referral; the customer's fields are null unless you are a party (`view` "full")."""

    code: str
    view: str = Field(..., json_schema_extra={"enum": ["full", "company"]})
    kind: ReferralKind
    status: ReferralStatus
    need: str
    temperature: int
    giver: Ref
    giver_company: Ref
    parties: list[PartyOut]
    meeting: Ref | None
    customer_name: str | None
    customer_company: str | None
    customer_email: str | None
    customer_phone: str | None
    created_at: datetime
    status_changed_at: datetime
    closed_business: ClosedBusinessOut | None
    next_statuses: list[ReferralStatus]


class StatusChangeOut(Schema):
    from_status: ReferralStatus
    to_status: ReferralStatus
    note: str
    changed_at: datetime


class ReferralDetailOut(ReferralOut):
    """With the status history (null for a company admin who is no party)."""

    status_history: list[StatusChangeOut] | None


def _closed_out(referral: Referral, full: bool) -> dict | None:
    closed = getattr(referral, "closed_business", None)
    if closed is None:
        return None
    return {
        "value": closed.value if full else None,
        "thank_you": closed.thank_you if full else None,
        "confirmed_by": person_ref(closed.confirmed_by),
        "confirmed_at": local_time(closed.confirmed_at),
    }


def referral_out(referral: Referral, user) -> dict:
    view = referral_view(user, referral)
    full = view == FULL
    receiving = is_receiving_person(roles_of(user).person, referral)
    return {
        "code": referral.code,
        "view": view,
        "kind": referral.kind,
        "status": referral.status,
        "need": referral.need,
        "temperature": referral.temperature,
        "giver": person_ref(referral.giver),
        "giver_company": ref_of(referral.giver_company, referral.giver_company.name),
        "parties": [
            {
                "company": ref_of(party.company, party.company.name),
                "person": person_ref(party.person),
                "role": party.role,
                "share": party.share,
            }
            for party in referral.parties.all()
        ],
        "meeting": ref_of(referral.meeting, str(referral.meeting)) if referral.meeting else None,
        "customer_name": referral.customer_name if full else None,
        "customer_company": referral.customer_company if full else None,
        "customer_email": referral.customer_email if full else None,
        "customer_phone": referral.customer_phone if full else None,
        "created_at": local_time(referral.created_at),
        "status_changed_at": local_time(referral.status_changed_at),
        "closed_business": _closed_out(referral, full),
        "next_statuses": sorted(STATUS_TRANSITIONS[referral.status]) if receiving else [],
    }


def _detail(referral: Referral, user) -> dict:
    full = referral_view(user, referral) == FULL
    history = [
        {
            "from_status": change.from_status,
            "to_status": change.to_status,
            "note": change.note,
            "changed_at": local_time(change.changed_at),
        }
        for change in referral.status_changes.all()
    ]
    return referral_out(referral, user) | {"status_history": history if full else None}


def _loaded(referrals: QuerySet[Referral]) -> QuerySet[Referral]:
    return referrals.select_related(
        "giver", "giver_company", "meeting", "closed_business__confirmed_by"
    ).prefetch_related("parties__company", "parties__person")


def own_referrals(user, direction: str = "", status: str = "") -> QuerySet[Referral]:
    """The user's referrals, given (by their company) or received, by status; for the
    list and the export."""
    referrals = referrals_visible_to(user)
    company_id = roles_of(user).company_id
    if direction == "given":
        referrals = referrals.filter(giver_company_id=company_id)
    elif direction == "received":
        referrals = referrals.filter(parties__company_id=company_id)
    elif direction:
        raise ValidationError({"direction": _("Choose given or received.")})
    if status:
        if status not in ReferralStatus.values:
            raise ValidationError({"status": _("Choose one of the statuses.")})
        referrals = referrals.filter(status=status)
    return referrals


@router.get("/referrals", response=list[ReferralOut])
@paginate(Pagination)
def referral_list(
    request: HttpRequest,
    direction: str = Query("", description="`given` or `received`; empty for both"),
    status: str = "",
):
    """Your referrals (and, for a company admin, your company's), newest first."""
    check_perm(request, OWN)
    referrals = _loaded(own_referrals(request.user, direction, status))
    return Converted(referrals, lambda referral: referral_out(referral, request.user))


EXPORT_RESPONSES = {
    200: {
        "description": "Your referrals as a file; the customer's data only where you are a party.",
        "content": {
            media_type: {"schema": {"type": "string", "format": "binary"}}
            for media_type in ("text/csv", EXPORTS["xlsx"][1])
        },
    }
}


@router.get("/referrals/export", openapi_extra={"responses": EXPORT_RESPONSES})
def referral_export(
    request: HttpRequest,
    file_format: str = Query("csv", alias="format", description="`csv` or `xlsx`"),
    direction: str = "",
    status: str = "",
):
    """What `GET /referrals` lists for the same filters, as CSV (for German Excel) or XLSX."""
    check_perm(request, OWN)
    if file_format not in EXPORTS:
        raise ValidationError({"format": _("Choose the format csv or xlsx.")})
    write, content_type = EXPORTS[file_format]
    referrals = for_export(own_referrals(request.user, direction, status))
    response = HttpResponse(write(referrals, request.user), content_type=content_type)
    name = filename(file_format, timezone.localdate())
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


class PartyIn(Schema):
    """`person`: the code of a person of an active member company (not your own)."""

    person: str
    role: str = Field(PartyRole.RECEIVER, **enum(PartyRole.values))
    share: Decimal | None = None


def max_length_of(model: type[Model], name: str) -> int | None:
    """A model field's max_length, for a schema's: refused with the field named (422)."""
    return getattr(model._meta.get_field(name), "max_length", None)


class ReferralIn(Schema):
    """A joint deal needs two or more partners with roles (lead, subcontractor, specialist);
    without shares they split equally."""

    kind: str = Field(ReferralKind.INTRODUCTION, **enum(ReferralKind.values))
    need: str
    temperature: int = 3
    customer_name: str = Field(max_length=max_length_of(Referral, "customer_name"))
    customer_company: str = Field("", max_length=max_length_of(Referral, "customer_company"))
    customer_email: str = Field("", max_length=max_length_of(Referral, "customer_email"))
    customer_phone: str = Field("", max_length=max_length_of(Referral, "customer_phone"))
    parties: list[PartyIn]
    meeting: str | None = None


def _party_person(code: str) -> Person:
    person = (
        Person.objects.select_related("company")
        .filter(code=code, company__status__in=MEMBER_STATUSES)
        .first()
    )
    if person is None:
        raise ValidationError({"parties": _("There is nothing with this code.")})
    return person


@router.post("/referrals", response={201: ReferralDetailOut})
def referral_create(request: HttpRequest, payload: ReferralIn):
    """Pass a referral (active members); each receiver gets an e-mail without the customer's
    contact data."""
    check_perm(request, "referrals.pass_referral")
    meeting = None
    if payload.meeting is not None:
        meeting = Meeting.objects.filter(code=payload.meeting).first()
        if meeting is None:
            raise ValidationError({"meeting": _("There is nothing with this code.")})
    referral = pass_referral(
        actor=request.user,
        kind=payload.kind,
        need=payload.need,
        temperature=payload.temperature,
        customer_name=payload.customer_name,
        customer_company=payload.customer_company,
        customer_email=payload.customer_email,
        customer_phone=payload.customer_phone,
        parties=[(_party_person(p.person), p.role, p.share) for p in payload.parties],
        meeting=meeting,
    )
    return Status(201, _detail(_referral(request, referral.code), request.user))


def _referral(request: HttpRequest, code: str) -> Referral:
    return get_visible_or_404(_loaded(referrals_visible_to(request.user)), code=code)


@router.get("/referrals/{code}", response=ReferralDetailOut)
def referral_detail(request: HttpRequest, code: str):
    """One referral; 404 unless you are a party or a company admin of a party's company."""
    return _detail(_referral(request, code), request.user)


class StatusIn(Schema):
    status: str = Field(..., **enum(ReferralStatus.values))
    note: str = ""


@router.post("/referrals/{code}/status", response=ReferralDetailOut)
def referral_status(request: HttpRequest, code: str, payload: StatusIn):
    """Move the status (receivers only, 403 otherwise); a step the table does not allow is
    refused (422). The giver is told by e-mail."""
    referral = _referral(request, code)
    check_perm(request, "referrals.change_referral_status", referral)
    change_status(
        referral=referral, to_status=payload.status, note=payload.note, actor=request.user
    )
    return _detail(_referral(request, code), request.user)


class ClosedBusinessIn(Schema):
    value: Decimal
    thank_you: str = ""


@router.post("/referrals/{code}/closed-business", response={201: ReferralDetailOut})
def referral_closed_business(request: HttpRequest, code: str, payload: ClosedBusinessIn):
    """Confirm the value (EUR) of a won referral with a thank-you (receivers only), once:
    a second confirmation is refused (422)."""
    referral = _referral(request, code)
    check_perm(request, "referrals.confirm_closed_business", referral)
    confirm_closed_business(
        referral=referral, value=payload.value, thank_you=payload.thank_you, actor=request.user
    )
    return Status(201, _detail(_referral(request, code), request.user))
