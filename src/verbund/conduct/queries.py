"""Reading the code of honour and who has accepted it."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from verbund.conduct.models import CodeOfHonour, HonourAcceptance
from verbund.members.models import MEMBER_STATUSES, Person
from verbund.network.queries import roles_of


def current_code() -> CodeOfHonour | None:
    """The newest version, or None before the office has published one (1 query)."""
    return CodeOfHonour.objects.order_by("-version").first()


def must_accept(user: Any) -> bool:
    """Whether the user is a person of a member company who has not yet accepted the
    current version (nobody must accept while there is none) (up to 3 queries)."""
    roles = roles_of(user)
    if not roles.is_member or roles.person is None:
        return False
    code = current_code()
    if code is None:
        return False
    return not HonourAcceptance.objects.filter(person=roles.person, code=code).exists()


def acceptance_of(person: Person | None, code: CodeOfHonour | None) -> HonourAcceptance | None:
    if person is None or code is None:
        return None
    return HonourAcceptance.objects.filter(person=person, code=code).first()


def versions_with_counts() -> QuerySet[CodeOfHonour]:
    """Every version, newest first, with how many people accepted it."""
    return CodeOfHonour.objects.annotate(accepted=Count("acceptances")).order_by("-version")


def people_bound() -> QuerySet[Person]:
    """The people who must accept the code: those of member companies."""
    return Person.objects.filter(company__status__in=MEMBER_STATUSES)
