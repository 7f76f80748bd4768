"""Reads about referrals and one-to-ones: who sees which, and what of it."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q, QuerySet

from verbund.network.queries import roles_of
from verbund.referrals.models import OneToOneMeeting, OneToOneStatus, Referral

# ---------------------------------------------------------------- referrals

# What a viewer sees of a referral: everything (the parties) or their company's record
# without the customer's contact data (company admins of a party's company).
FULL = "full"
COMPANY = "company"


def referral_view(user: Any, referral: Referral) -> str | None:
    """FULL, COMPANY or None (not theirs to see: 404) — the one place this is decided.

    The office and the board get no single referrals (aggregates only): roles do not count
    here, only being a party or a company admin of a party's company.
    """
    roles = roles_of(user)
    person = roles.person
    if person is None or not roles.is_member or referral is None:
        return None
    # From `parties.all()`: a list or an export prefetches them, so no query per referral.
    parties = list(referral.parties.all())
    if person.pk == referral.giver_id or any(p.person_id == person.pk for p in parties):
        return FULL
    companies = {referral.giver_company_id} | {p.company_id for p in parties}
    if person.is_company_admin and person.company_id in companies:
        return COMPANY
    return None


def referrals_visible_to(user: Any) -> QuerySet[Referral]:
    """The referrals `referral_view` does not answer None for."""
    roles = roles_of(user)
    person = roles.person
    if person is None or not roles.is_member:
        return Referral.objects.none()
    mine = Q(giver=person) | Q(parties__person=person)
    if person.is_company_admin:
        mine |= Q(giver_company_id=person.company_id) | Q(parties__company_id=person.company_id)
    # Through a subquery: the join over the parties would repeat a referral once per party.
    return Referral.objects.filter(pk__in=Referral.objects.filter(mine).values("pk"))


def is_receiving_person(person: Any, referral: Referral) -> bool:
    """A receiving party's person (not the giver): the one who keeps the status."""
    return (
        person is not None
        and person.pk != referral.giver_id
        and any(party.person_id == person.pk for party in referral.parties.all())
    )


# ---------------------------------------------------------------- one-to-ones


def one_to_ones_visible_to(user: Any) -> QuerySet[OneToOneMeeting]:
    """The one-to-ones the user is one of the two people of: nobody else sees one, not the
    office, not the board."""
    person = roles_of(user).person
    if person is None:
        return OneToOneMeeting.objects.none()
    return OneToOneMeeting.objects.filter(Q(requested_by=person) | Q(partner=person))


def one_to_ones_of(person: Any) -> QuerySet[OneToOneMeeting]:
    return OneToOneMeeting.objects.filter(Q(requested_by=person) | Q(partner=person))


def one_to_one_counts(person: Any, since: datetime.date) -> int:
    """How many one-to-ones `person` has held since `since` (for the scorecard)."""
    return one_to_ones_of(person).filter(status=OneToOneStatus.HELD, held_on__gte=since).count()
