"""API: the network and its groups."""

from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from verbund.network.queries import get_network

router = Router(tags=["network"])


class NetworkOut(Schema):
    name: str
    contact_email: str
    member_cap: int | None
    guest_visit_limit: int
    admission_rule: str
    recommendation_required: bool
    annual_fee: Decimal


@router.get("/network", response=NetworkOut)
def network_detail(request):
    """The network's settings visible to the caller."""
    from verbund.common.permissions import require_perm

    require_perm(request.user, "network.view_network")
    return get_network()


__all__ = ["router", "get_object_or_404", "PageNumberPagination", "paginate"]
