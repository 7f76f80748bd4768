"""Reads about companies and people, filtered by what the viewer may see."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from verbund.members.models import (
    MEMBER_STATUSES,
    SEAT_STATUSES,
    Company,
    Person,
    VendorPartnership,
    Visibility,
)
from verbund.network.models import (
    Group,
    GroupMembership,
    NetworkRole,
    NetworkRoleKind,
    current_term,
)
from verbund.network.queries import Roles, roles_of

CONTACT_FIELDS = ("email", "phone", "mobile")


def companies_visible_to(user: Any) -> QuerySet[Company]:
    """Office and board see every company; members see active ones and their own."""
    roles = roles_of(user)
    companies = Company.objects.select_related("home_group")
    if roles.is_office or roles.is_board:
        return companies
    if roles.is_member:
        return companies.filter(Q(status__in=MEMBER_STATUSES) | Q(pk=roles.company_id))
    return companies.none()


def people_visible_to(user: Any) -> QuerySet[Person]:
    """Office and board see everyone; members see people of active companies, the office
    and themselves; anyone else sees only themselves."""
    roles = roles_of(user)
    people = Person.objects.select_related("company", "user").prefetch_related(
        Prefetch("group_memberships", queryset=GroupMembership.objects.select_related("group"))
    )
    if roles.is_office or roles.is_board:
        return people
    if roles.is_member:
        return people.filter(
            Q(company__status__in=MEMBER_STATUSES)
            | Q(pk__in=_current_office_staff())
            | Q(pk=roles.person.pk)
        ).distinct()
    if roles.person is not None:
        return people.filter(pk=roles.person.pk)
    return people.none()


def _current_office_staff() -> QuerySet[NetworkRole, Any]:
    """People in the network office now: members may contact them."""
    return NetworkRole.objects.filter(
        current_term(timezone.localdate()), kind=NetworkRoleKind.OFFICE
    ).values("person_id")


def _group_ids(person: Person) -> set[int]:
    # Uses the prefetched memberships of `people_visible_to`, so lists stay at a fixed query count.
    return {membership.group_id for membership in person.group_memberships.all()}


def may_see_field(person: Person, visibility: str, roles: Roles) -> bool:
    """Whether a viewer with `roles` may see a contact field with `visibility`."""
    if roles.person is not None and roles.person.pk == person.pk:
        return True
    if roles.is_office:
        return True
    if not roles.sees_network or visibility == Visibility.PRIVATE:
        return False
    if visibility == Visibility.MEMBERS:
        return True
    same_company = person.company_id is not None and person.company_id == roles.company_id
    return same_company or bool(_group_ids(person) & roles.group_ids)


def visible_contact(person: Person, user: Any) -> dict[str, str | None]:
    """The person's contact fields as this viewer may see them (None = hidden)."""
    roles = roles_of(user)
    return {
        name: getattr(person, name)
        if may_see_field(person, getattr(person, f"{name}_visibility"), roles)
        else None
        for name in CONTACT_FIELDS
    }


def may_see_revenue(company: Company, user: Any) -> bool:
    """Revenue is confidential: only the company's own people see it."""
    roles = roles_of(user)
    return roles.company_id is not None and roles.company_id == company.pk


def people_of(company: Company, user: Any) -> QuerySet[Person]:
    """The company's people the viewer may see."""
    return people_visible_to(user).filter(company=company)


@dataclass(frozen=True)
class NetworkTotals:
    """The network's size as every member may know it (never revenue)."""

    active_companies: int
    people: int  # of active companies
    groups: int
    places_taken: int  # companies holding a place under the member cap (active, suspended)


def network_totals() -> NetworkTotals:
    """Count active companies, their people, the groups and the places taken (3 queries)."""
    companies = Company.objects.aggregate(
        active=Count("pk", filter=Q(status__in=MEMBER_STATUSES)),
        taken=Count("pk", filter=Q(status__in=SEAT_STATUSES)),
    )
    return NetworkTotals(
        active_companies=companies["active"],
        people=Person.objects.filter(company__status__in=MEMBER_STATUSES).count(),
        groups=Group.objects.count(),
        places_taken=companies["taken"],
    )


def with_skills(companies: QuerySet[Company]) -> QuerySet[Company]:
    """The companies with their skills database prefetched (five queries for any number)."""
    partnerships = VendorPartnership.objects.select_related("vendor")
    return companies.prefetch_related(
        "skills", "industries", "offerings", Prefetch("partnerships", queryset=partnerships)
    )
