"""API: the network and its groups."""

from dataclasses import asdict
from datetime import date
from decimal import Decimal

from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.pagination import paginate

from verbund.api.pagination import Pagination
from verbund.api.schemas import Ref
from verbund.common.http import check_perm, get_visible_or_404
from verbund.members.models import Company
from verbund.members.queries import network_totals, people_visible_to
from verbund.network.models import (
    NETWORK_SETTINGS_FIELDS,
    Group,
    GroupKind,
    GroupMembership,
    GroupRole,
    GroupRoleKind,
    Network,
    current_term,
)
from verbund.network.queries import current_roles, get_network, groups_visible_to, with_sizes

router = Router(tags=["network"])


class NetworkTotalsOut(Schema):
    active_companies: int
    people: int
    groups: int
    places_taken: int
    places_free: int | None


class NetworkOut(Schema):
    """The network. Office, board and members get every field; anyone else (e.g. a guest)
    gets only `name`, with every other field null."""

    name: str
    contact_email: str | None = None
    member_cap: int | None = None
    guest_visit_limit: int | None = None
    admission_rule: str | None = None
    recommendation_required: bool | None = None
    board_quorum: int | None = None
    attendance_max_unexcused: int | None = None
    attendance_window_months: int | None = None
    substitute_counts_present: bool | None = None
    late_counts_present: bool | None = None
    conduct_stage_days: int | None = None
    resignation_notice_months: int | None = None
    retention_months: int | None = None
    scorecard_attendance_green: int | None = None
    scorecard_attendance_amber: int | None = None
    scorecard_referrals_green: int | None = None
    scorecard_referrals_amber: int | None = None
    scorecard_one_to_ones_green: int | None = None
    scorecard_one_to_ones_amber: int | None = None
    scorecard_guests_green: int | None = None
    scorecard_guests_amber: int | None = None
    annual_fee: Decimal | None = None
    totals: NetworkTotalsOut | None = None


def _totals(network: Network) -> dict:
    """Companies, people and groups, and the places under the cap (people of active ones)."""
    totals = network_totals()
    cap = network.member_cap
    places_free = None if cap is None else max(cap - totals.places_taken, 0)
    return {**asdict(totals), "places_free": places_free}


@router.get("/network", response=NetworkOut)
def network_detail(request: HttpRequest):
    """The network's settings visible to the caller, with totals."""
    network = get_network()
    if not request.user.has_perm("network.view_network"):
        return {"name": network.name}
    settings = {field: getattr(network, field) for field in NETWORK_SETTINGS_FIELDS}
    return {"name": network.name, **settings, "totals": _totals(network)}


class GroupOut(Schema):
    """A group. `people_count` is null for callers who may not see the group's members
    (a guest who visited it), as on the page."""

    code: str
    name: str
    kind: GroupKind
    region: str
    capacity: int | None
    is_closed: bool
    people_count: int | None
    company_count: int

    @staticmethod
    def resolve_people_count(group: Group, context: dict) -> int | None:
        user = context["request"].user
        return group.people_count if user.has_perm("network.view_group_members", group) else None


class GroupRoleOut(Schema):
    kind: GroupRoleKind
    person: Ref
    starts_on: date
    ends_on: date | None

    @staticmethod
    def resolve_person(role: GroupRole) -> dict:
        return {"code": role.person.code, "name": role.person.full_name}


class GroupDetailOut(GroupOut):
    description: str
    roles: list[GroupRoleOut]

    @staticmethod
    def resolve_roles(group: Group) -> list[GroupRole]:
        return list(current_roles(group))


class GroupMemberOut(Schema):
    """A person in a group: their company and their current roles in this group."""

    code: str
    first_name: str
    last_name: str
    function: str
    company: Ref | None
    roles: list[GroupRoleKind]
    joined_on: date

    @staticmethod
    def resolve_code(membership: GroupMembership) -> str:
        return membership.person.code

    @staticmethod
    def resolve_first_name(membership: GroupMembership) -> str:
        return membership.person.first_name

    @staticmethod
    def resolve_last_name(membership: GroupMembership) -> str:
        return membership.person.last_name

    @staticmethod
    def resolve_function(membership: GroupMembership) -> str:
        return membership.person.function

    @staticmethod
    def resolve_company(membership: GroupMembership) -> Company | None:
        return membership.person.company

    @staticmethod
    def resolve_roles(membership: GroupMembership) -> list[str]:
        kinds = [(GroupRoleKind.MODERATOR, membership.is_moderator)]
        kinds.append((GroupRoleKind.SECRETARY, membership.is_secretary))
        return [kind for kind, holds in kinds if holds]


@router.get("/groups", response=list[GroupOut])
@paginate(Pagination)
def group_list(request: HttpRequest, kind: GroupKind | None = None):
    """Groups the caller may see (a guest: the groups they visited), by name."""
    groups = with_sizes(groups_visible_to(request.user))
    if kind is not None:
        groups = groups.filter(kind=kind)
    return groups.order_by("name", "pk")


def _visible_group(request: HttpRequest, code: str) -> Group:
    group = get_visible_or_404(with_sizes(groups_visible_to(request.user)), code=code)
    check_perm(request, "network.view_group", group)
    return group


@router.get("/groups/{code}", response=GroupDetailOut)
def group_detail(request: HttpRequest, code: str):
    """One group with its current moderators and secretaries."""
    return _visible_group(request, code)


def _holds_role(group: Group, kind: str) -> Exists:
    roles = GroupRole.objects.filter(
        current_term(timezone.localdate()), group=group, kind=kind, person=OuterRef("person")
    )
    return Exists(roles)


def _members_of(group: Group, user) -> QuerySet[GroupMembership]:
    return (
        group.memberships.filter(person__in=people_visible_to(user))
        .select_related("person__company")
        .annotate(
            is_moderator=_holds_role(group, GroupRoleKind.MODERATOR),
            is_secretary=_holds_role(group, GroupRoleKind.SECRETARY),
        )
        .order_by("person__last_name", "person__first_name", "pk")
    )


@router.get("/groups/{code}/members", response=list[GroupMemberOut])
@paginate(Pagination)
def group_members(request: HttpRequest, code: str):
    """The group's people the caller may see, with company and roles in the group."""
    group = get_visible_or_404(groups_visible_to(request.user), code=code)
    check_perm(request, "network.view_group_members", group)
    return _members_of(group, request.user)
