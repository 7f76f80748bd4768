"""API: the requests customers sent to the caller's company through the public finder,
as the leads pages show them (`directory/views/finder.py`)."""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.pagination import paginate

from verbund.api.pagination import Pagination
from verbund.common.http import get_visible_or_404
from verbund.directory.models import LeadRecipient
from verbund.directory.queries import leads_visible_to
from verbund.directory.services import mark_lead_seen
from verbund.network.queries import roles_of

router = Router(tags=["leads"])


class LeadOut(Schema):
    """A lead sent to the caller's company; `seen_at` is null until one of the company's
    people opened it (`GET /leads/{code}`). Times are local (Europe/Berlin)."""

    code: str
    created_at: datetime
    customer_name: str
    customer_company: str
    customer_email: str
    need: str
    seen_at: datetime | None

    @staticmethod
    def resolve_code(recipient: LeadRecipient) -> str:
        return recipient.lead.code

    @staticmethod
    def resolve_created_at(recipient: LeadRecipient) -> datetime:
        return timezone.localtime(recipient.lead.created_at)

    @staticmethod
    def resolve_customer_name(recipient: LeadRecipient) -> str:
        return recipient.lead.customer_name

    @staticmethod
    def resolve_customer_company(recipient: LeadRecipient) -> str:
        return recipient.lead.customer_company

    @staticmethod
    def resolve_customer_email(recipient: LeadRecipient) -> str:
        return recipient.lead.customer_email

    @staticmethod
    def resolve_need(recipient: LeadRecipient) -> str:
        return recipient.lead.need

    @staticmethod
    def resolve_seen_at(recipient: LeadRecipient) -> datetime | None:
        return None if recipient.seen_at is None else timezone.localtime(recipient.seen_at)


class LeadDetailOut(LeadOut):
    """A lead with all the customer's contact data, as its page shows it."""

    customer_phone: str
    region: str

    @staticmethod
    def resolve_customer_phone(recipient: LeadRecipient) -> str:
        return recipient.lead.customer_phone

    @staticmethod
    def resolve_region(recipient: LeadRecipient) -> str:
        return recipient.lead.region


def _check_member(request: HttpRequest) -> None:
    """As on the pages: only people of an active member company have leads (guests and
    the office get 403); anyone else's company simply has none of this company's."""
    if not roles_of(request.user).is_member:
        raise PermissionDenied("directory.view_leads")


@router.get("/leads", response=list[LeadOut])
@paginate(Pagination)
def lead_list(request: HttpRequest):
    """The leads sent to the caller's company, newest first (members only)."""
    _check_member(request)
    return leads_visible_to(request.user).order_by("-lead__created_at", "-lead__pk")


@router.get("/leads/{code}", response=LeadDetailOut)
def lead_detail(request: HttpRequest, code: str):
    """One lead sent to the caller's company (404 for any other lead); opening it marks it
    seen for the whole company, as the page does."""
    _check_member(request)
    recipient = get_visible_or_404(leads_visible_to(request.user), lead__code=code)
    mark_lead_seen(actor=request.user, recipient=recipient)
    return recipient
