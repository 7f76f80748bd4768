"""Reads about the network: who holds which role, which groups a user may see."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from verbund.network.models import (
    Group,
    GroupKind,
    GroupMembership,
    GroupRole,
    GroupRoleKind,
    Network,
    NetworkRole,
    NetworkRoleKind,
    current_term,
)

ROLES_CACHE_ATTR = "_verbund_roles"


@dataclass(frozen=True)
class Roles:
    """Everything the permission rules need to know about one user, loaded once per request."""

    person: Any = None
    is_office: bool = False
    is_board: bool = False
    is_member: bool = False
    is_guest: bool = False
    group_ids: frozenset[int] = field(default_factory=frozenset)
    moderated_group_ids: frozenset[int] = field(default_factory=frozenset)
    secretary_group_ids: frozenset[int] = field(default_factory=frozenset)
    visited_group_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def company_id(self) -> int | None:
        return self.person.company_id if self.person else None

    @property
    def sees_network(self) -> bool:
        """Office, board and active members see the network's internal pages."""
        return self.is_office or self.is_board or self.is_member


NOBODY = Roles()


def roles_of(user: Any) -> Roles:
    """Return the user's current roles, cached on the user object for this request."""
    if user is None or not user.is_authenticated or not user.is_active:
        return NOBODY
    cached = getattr(user, ROLES_CACHE_ATTR, None)
    if cached is None:
        cached = _load_roles(user)
        setattr(user, ROLES_CACHE_ATTR, cached)
    return cached


def forget_roles(user: Any) -> None:
    """Drop the cached roles after a change of role within the same request."""
    if hasattr(user, ROLES_CACHE_ATTR):
        delattr(user, ROLES_CACHE_ATTR)


def _load_roles(user: Any) -> Roles:
    from verbund.members.models import MEMBER_STATUSES, Person

    person = Person.objects.select_related("company").filter(user=user).first()
    if person is None:
        return NOBODY
    today = timezone.localdate()
    network_kinds = set(
        NetworkRole.objects.filter(current_term(today), person=person).values_list(
            "kind", flat=True
        )
    )
    group_roles = list(
        GroupRole.objects.filter(current_term(today), person=person).values_list("kind", "group_id")
    )
    # A group role is exercised only by people of an active company (or without one):
    # a suspended moderator keeps the term on paper but not the rights.
    if person.company is not None and person.company.status not in MEMBER_STATUSES:
        group_roles = []
    is_member = person.company is not None and person.company.status in MEMBER_STATUSES
    visited: frozenset[int] = frozenset()
    guest = getattr(person, "guest", None) if person.company_id is None else None
    if guest is not None:
        visited = frozenset(guest.visits.values_list("group_id", flat=True))
    return Roles(
        person=person,
        is_office=NetworkRoleKind.OFFICE in network_kinds,
        is_board=NetworkRoleKind.BOARD in network_kinds and is_member,
        is_member=is_member,
        is_guest=guest is not None,
        group_ids=frozenset(person.group_memberships.values_list("group_id", flat=True))
        if is_member
        else frozenset(),
        moderated_group_ids=frozenset(g for k, g in group_roles if k == GroupRoleKind.MODERATOR),
        secretary_group_ids=frozenset(g for k, g in group_roles if k == GroupRoleKind.SECRETARY),
        visited_group_ids=visited,
    )


def get_network() -> Network:
    """Return the network's settings row, creating a default one on a fresh database."""
    network = Network.objects.order_by("pk").first()
    if network is None:
        network = Network.objects.create(name="Verbund")
    return network


def groups_visible_to(user: Any) -> QuerySet[Group]:
    """Groups the user may see: all for office, board and members; visited ones for a guest."""
    roles = roles_of(user)
    groups = Group.objects.all()
    if roles.sees_network:
        return groups
    if roles.is_guest:
        return groups.filter(pk__in=roles.visited_group_ids)
    return groups.none()


def with_sizes(groups: QuerySet[Group]) -> QuerySet[Group]:
    """Annotate member people and home companies (holding a place) for lists and capacity.

    Counted in correlated subqueries: two joins in one query would multiply the rows.
    """
    from verbund.members.models import SEAT_STATUSES, Company

    people = (
        GroupMembership.objects.filter(group=OuterRef("pk"))
        .order_by()
        .values("group")
        .annotate(n=Count("pk"))
        .values("n")
    )
    companies = (
        Company.objects.filter(home_group=OuterRef("pk"), status__in=SEAT_STATUSES)
        .order_by()
        .values("home_group")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return groups.annotate(
        people_count=Coalesce(Subquery(people), 0),
        company_count=Coalesce(Subquery(companies), 0),
    )


def current_roles(group: Group) -> QuerySet[GroupRole]:
    """The group's moderators and secretaries whose term includes today (people of a company
    that is not active are left out: their profiles are not visible to members)."""
    from verbund.members.models import MEMBER_STATUSES

    return (
        group.roles.filter(current_term(timezone.localdate()))
        .filter(Q(person__company__status__in=MEMBER_STATUSES) | Q(person__company__isnull=True))
        .select_related("person__company")
        .order_by("kind", "person__last_name")
    )


def regional_groups() -> QuerySet[Group]:
    return Group.objects.filter(kind=GroupKind.REGIONAL)
