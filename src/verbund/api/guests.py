"""API: guests (invited, self-registered, vendor guests), their visits and the consent text.

Guests are addressed by their person's `code`. The same services and rules as the pages:
`guests_visible_to` for lists and details, e-mail and phone only for the office, the
moderators and secretaries of the groups visited and the inviter (null for others).
"""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from verbund.admissions.models import (
    Guest,
    GuestKind,
    GuestSource,
    GuestVisit,
    Stage,
    VisitStatus,
)
from verbund.admissions.queries import (
    current_consent,
    guests_visible_to,
    next_public_meetings,
    with_contact_visibility,
    with_visit_counts,
)
from verbund.admissions.services import (
    TooManyRegistrations,
    confirm_registration,
    count_registration,
    invite_guest,
    invite_vendor_guest,
    record_visit,
    request_registration,
)
from verbund.admissions.services.guests_public import confirmation_sent
from verbund.api.pagination import Converted, Pagination
from verbund.api.schemas import Ref, enum
from verbund.common.http import check_perm, client_ip, get_visible_or_404
from verbund.meetings.queries import meetings_visible_to
from verbund.network.models import Group
from verbund.network.queries import get_network

router = Router(tags=["guests"])


class ApplicationRef(Schema):
    code: str
    stage: Stage


class GuestOut(Schema):
    """A guest. `attended_visits` and the `expected_visits` to coming meetings count against
    `visit_limit` (not for vendor guests);
    `email` and `phone` are null unless the caller may see them; `application` is the
    guest's company's application, if any."""

    code: str
    first_name: str
    last_name: str
    company_name: str
    kind: GuestKind
    source: GuestSource
    group: Ref | None
    invited_by: str | None
    attended_visits: int
    expected_visits: int
    visit_limit: int
    application: ApplicationRef | None
    email: str | None
    phone: str | None


class VisitOut(Schema):
    id: int
    group: Ref
    meeting: str | None
    visited_on: date
    status: VisitStatus


class GuestDetailOut(GuestOut):
    """With the visits and the consent given (version and time, null if none)."""

    visits: list[VisitOut]
    consent_version: int | None
    consent_at: datetime | None


def _counted(guest: Guest, name: str, status: str) -> int:
    if hasattr(guest, name):
        return getattr(guest, name)
    return guest.visits.filter(status=status).count()


def _item(guest: Guest, user, limit: int) -> dict:
    person = guest.person
    # A list annotates it in its one query (`with_contact_visibility`); a detail asks the rule.
    contact = getattr(guest, "contact_visible", None)
    if contact is None:
        contact = user.has_perm("admissions.view_guest_contact", guest)
    application = guest.application
    return {
        "code": person.code,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "company_name": guest.company_name,
        "kind": guest.kind,
        "source": guest.source,
        "group": {"code": guest.group.code, "name": guest.group.name} if guest.group else None,
        "invited_by": guest.invited_by.full_name if guest.invited_by else None,
        "attended_visits": _counted(guest, "attended", VisitStatus.ATTENDED),
        "expected_visits": _counted(guest, "expected", VisitStatus.EXPECTED),
        "visit_limit": limit,
        "application": {"code": application.code, "stage": application.stage}
        if application
        else None,
        "email": person.email if contact else None,
        "phone": person.phone if contact else None,
    }


def _visit_out(visit: GuestVisit) -> dict:
    return {
        "id": visit.pk,
        "group": {"code": visit.group.code, "name": visit.group.name},
        "meeting": visit.meeting.code if visit.meeting else None,
        "visited_on": visit.visited_on,
        "status": visit.status,
    }


def _detail(guest: Guest, user) -> dict:
    visits = guest.visits.select_related("group", "meeting")
    return _item(guest, user, get_network().guest_visit_limit) | {
        "visits": [_visit_out(visit) for visit in visits],
        "consent_version": guest.consent.version if guest.consent else None,
        "consent_at": timezone.localtime(guest.consent_at) if guest.consent_at else None,
    }


def _guest(request: HttpRequest, code: str) -> Guest:
    return get_visible_or_404(guests_visible_to(request.user), person__code=code)


def _found(queryset: QuerySet, code: str, field: str):
    """The object with `code` among those the caller sees, else a 422 naming `field`."""
    found = queryset.filter(code=code).first()
    if found is None:
        raise ValidationError({field: _("There is nothing with this code.")})
    return found


@router.get("/guests", response=list[GuestOut])
@paginate(Pagination)
def guest_list(request: HttpRequest, group: str | None = None):
    """Guests the caller may see: the office and the board all; the people of a group the
    guests visiting it (and those they invited); a guest only themself. `group`: a code."""
    guests = guests_visible_to(request.user)
    if group is not None:
        visits = GuestVisit.objects.filter(group__code=group).values("guest_id")
        guests = guests.filter(pk__in=visits)
    guests = with_visit_counts(guests)
    guests = with_contact_visibility(guests, request.user).order_by("person__last_name", "pk")
    limit = get_network().guest_visit_limit
    return Converted(guests, lambda guest: _item(guest, request.user, limit))


class GuestIn(Schema):
    first_name: str
    last_name: str
    email: str
    phone: str = ""
    company_name: str


class InviteIn(GuestIn):
    """`meeting`: the code of a coming meeting of one of your groups; `language` of the
    invitation mail."""

    meeting: str
    language: str = Field("de", **enum(["de", "en"]))


def _guest_data(payload: GuestIn) -> dict:
    return payload.model_dump(include={"first_name", "last_name", "email", "phone", "company_name"})


@router.post("/guests", response={201: GuestDetailOut})
def guest_create(request: HttpRequest, payload: InviteIn):
    """Invite a guest to a meeting (members of its group, its moderator or secretary, the
    office); refused (422) past the visit limit without an open application."""
    check_perm(request, "admissions.invite_guests")
    meeting = _found(meetings_visible_to(request.user), payload.meeting, "meeting")
    data = _guest_data(payload) | {"language": payload.language}
    visit = invite_guest(data=data, meeting=meeting, actor=request.user)
    return Status(201, _detail(visit.guest, request.user))


@router.get("/guests/{code}", response=GuestDetailOut)
def guest_detail(request: HttpRequest, code: str):
    """One guest with their visits (404 unless the caller may see them)."""
    return _detail(_guest(request, code), request.user)


class VisitIn(Schema):
    status: str = Field(..., **enum(VisitStatus.values))


@router.post("/guests/{code}/visits/{visit_id}", response=VisitOut)
def visit_record(request: HttpRequest, code: str, visit_id: int, payload: VisitIn):
    """Mark a visit attended or no-show (the group's moderator or secretary, the office)."""
    guest = _guest(request, code)
    visit = get_object_or_404(guest.visits.select_related("meeting", "group"), pk=visit_id)
    visit = record_visit(visit=visit, status=payload.status, actor=request.user)
    return _visit_out(visit)


class VendorGuestIn(GuestIn):
    """`title`: the topic of the vendor slot added to the agenda."""

    title: str
    language: str = Field("de", **enum(["de", "en"]))


@router.post("/meetings/{code}/vendor-guests", response={201: GuestDetailOut})
def vendor_guest_create(request: HttpRequest, code: str, payload: VendorGuestIn):
    """Invite a vendor guest to the meeting's vendor slot (moderator, secretary, office)."""
    meeting = get_visible_or_404(meetings_visible_to(request.user), code=code)
    check_perm(request, "admissions.invite_vendor_guest", meeting)
    data = _guest_data(payload) | {"language": payload.language}
    visit = invite_vendor_guest(data=data, meeting=meeting, title=payload.title, actor=request.user)
    return Status(201, _detail(visit.guest, request.user))


class RegistrationIn(GuestIn):
    """`meeting`: the code of one of the group's next four meetings; `consent`: the version
    of the consent text (`GET /guest-consent`) the person agrees to."""

    meeting: str
    consent: int | None = None


class RegistrationSentOut(Schema):
    message: str


@router.post("/groups/{code}/guest-registrations", response={202: RegistrationSentOut}, auth=None)
def guest_registration(request: HttpRequest, code: str, payload: RegistrationIn):
    """Public, no login: ask to register for a visit to one of the group's next meetings,
    with consent to the current consent text. Nothing is stored yet: a link to confirm
    (valid 48 hours, `POST /guest-registrations/confirm`) is mailed to `email`, in the
    language of `Accept-Language` (German by default), and the answer (202) is the same
    whoever the address belongs to. 422 for a bad form; at most five an hour from one
    address, counted together with the group's page (429)."""
    group = get_object_or_404(Group, code=code)
    shown = [meeting.pk for meeting in next_public_meetings(group)]
    meeting = _found(group.meetings.filter(pk__in=shown), payload.meeting, "meeting")
    try:
        # Counted before the service, outside any transaction: refusals count too.
        count_registration(client_ip(request))
    except TooManyRegistrations as refused:
        raise HttpError(429, str(refused)) from None
    email = request_registration(
        data=_guest_data(payload),
        meeting=meeting,
        consent=payload.consent,
        language=get_language() or "de",
    )
    return Status(202, {"message": confirmation_sent(email)})


class ConfirmationIn(Schema):
    """`token`: the last part of the confirmation link mailed to the guest."""

    token: str


class RegistrationOut(Schema):
    group: Ref
    meeting: str
    visited_on: date


@router.post("/guest-registrations/confirm", response={201: RegistrationOut}, auth=None)
def guest_registration_confirm(request: HttpRequest, payload: ConfirmationIn):
    """Public, no login: confirm a registration with the token of the link mailed to the
    guest; registers the visit and tells the group's moderators. 422 (field `token`) for an
    expired, altered or invalid token; 422 when the visit cannot be registered (the visit
    limit, an address not a guest's, registered already, the meeting no longer open)."""
    visit = confirm_registration(token=payload.token)
    group, meeting = visit.group, visit.meeting
    assert meeting is not None  # a registration is for a meeting
    out = {"group": {"code": group.code, "name": group.name}, "meeting": meeting.code}
    return Status(201, out | {"visited_on": visit.visited_on})


class ConsentOut(Schema):
    version: int
    text: str
    text_de: str
    text_en: str
    published_at: datetime


@router.get("/guest-consent", response={200: ConsentOut}, auth=None)
def guest_consent(request: HttpRequest):
    """Public: the current consent text (`text` in the caller's language); 404 if none."""
    consent = current_consent()
    if consent is None:
        raise HttpError(404, _("No consent text is published yet."))
    return {
        "version": consent.version,
        "text": consent.text,
        "text_de": consent.text_de,
        "text_en": consent.text_en,
        "published_at": timezone.localtime(consent.published_at),
    }
