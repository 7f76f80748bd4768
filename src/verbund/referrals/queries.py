"""Reads about referrals and one-to-ones: who sees which, and what of it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from verbund.directory.matching import matched_words, words_of
from verbund.directory.queries import Hit, Results, directory_companies, search
from verbund.network.queries import roles_of
from verbund.referrals.models import (
    HelpRequest,
    OneToOneMeeting,
    OneToOneStatus,
    Referral,
    ReferralParty,
    ReferralStatus,
)

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


# ---------------------------------------------------------------- help requests ("who can help")

# Each won referral received on the topic counts like one more well-matching word.
WON_BOOST = 1.0
MAX_SUGGESTIONS = 10


@dataclass
class Suggestion:
    """A company suggested for a need: its directory result, boosted by won referrals."""

    company: Any
    score: float
    reasons: list[str]
    won: int = 0


def suggest_helpers(user: Any, need: str, region: str = "") -> list[Suggestion]:
    """The directory's "who can help" ranking boosted by the company's won referrals whose
    need shares words with this one; never the asker's own company; best 10 (6-7 queries)."""
    words = words_of(need, drop_stop_words=True)
    if not words:
        return []
    own = roles_of(user).company_id
    hits = {
        hit.company_id: hit
        for hit in search(
            user,
            need,
            region=region.strip() or None,
            any_word=True,
            drop_stop_words=True,
            exclude_company_id=own,
        ).hits
    }
    won = _won_on_topic(words, own)
    for pk in _in_region(user, set(won) - set(hits), region):
        hits[pk] = Hit(pk, 0.0, ())
    boosted = [
        Hit(
            hit.company_id,
            round(hit.score + WON_BOOST * won.get(hit.company_id, 0), 3),
            hit.matched,
        )
        for hit in hits.values()
    ]
    # The load below orders by name within a score; ids keep equal names stable.
    boosted.sort(key=lambda hit: (-hit.score, hit.company_id))
    results = Results(boosted[: MAX_SUGGESTIONS * 2], with_offerings=True)[:]
    results.sort(key=lambda result: (-result.score, result.company.name.lower(), result.company.pk))
    return [
        Suggestion(
            company=result.company,
            score=result.score,
            reasons=_help_reasons(result, words, region, won.get(result.company.pk, 0)),
            won=won.get(result.company.pk, 0),
        )
        for result in results[:MAX_SUGGESTIONS]
    ]


def _won_on_topic(words: list[str], own: int | None) -> dict[int, int]:
    """Per receiving company, its won referrals whose need shares a word with `words` (one
    query: the engine narrows by substring, the words are compared here)."""
    topic = Q()
    for word in words:
        topic |= Q(referral__need__icontains=word)
    parties = ReferralParty.objects.filter(topic, referral__status=ReferralStatus.WON)
    if own is not None:
        parties = parties.exclude(company_id=own)
    rows = parties.values_list("company_id", "referral__need")
    counts: dict[int, int] = {}
    wanted = set(words)
    for company_id, text in rows:
        if wanted & set(words_of(text, drop_stop_words=True)):
            counts[company_id] = counts.get(company_id, 0) + 1
    return counts


def _in_region(user: Any, ids: set[int], region: str) -> list[int]:
    """Those of `ids` the directory shows `user`, in `region` (their own or served) if given."""
    if not ids:
        return []
    wanted = region.strip().casefold()
    rows = (
        directory_companies(user).filter(pk__in=ids).values_list("pk", "region", "regions_served")
    )
    return [
        pk
        for pk, own, served in rows
        if not wanted or wanted in {place.casefold() for place in {own, *(served or [])}}
    ]


def _help_reasons(result: Any, words: list[str], region: str, won: int) -> list[str]:
    reasons = [str(reason) for reason in result.reasons]
    for offering in result.company.offerings.all():
        if matched_words(words, f"{offering.title} {offering.description}".lower()):
            reasons.append(_("%(title)s (offering)") % {"title": offering.title})
    if region.strip():
        reasons.append(_("serves %(region)s") % {"region": region.strip()})
    if won:
        reasons.append(
            ngettext(
                "won %(count)d referral on this topic",
                "won %(count)d referrals on this topic",
                won,
            )
            % {"count": won}
        )
    return reasons


def help_requests_visible_to(user: Any) -> QuerySet[HelpRequest]:
    """The asker's own requests and those asked of the viewer's company; nobody else's (the
    office and the board included)."""
    roles = roles_of(user)
    person = roles.person
    if person is None or not roles.is_member:
        return HelpRequest.objects.none()
    mine = Q(asked_by=person)
    if person.company_id is not None:
        mine |= Q(answers__company_id=person.company_id)
    return HelpRequest.objects.filter(pk__in=HelpRequest.objects.filter(mine).values("pk"))


def help_request_role(user: Any, help_request: HelpRequest) -> str | None:
    """ "asker", "asked" (a person of an asked company) or None (404)."""
    roles = roles_of(user)
    person = roles.person
    if person is None or not roles.is_member or help_request is None:
        return None
    if person.pk == help_request.asked_by_id:
        return "asker"
    companies = {answer.company_id for answer in help_request.answers.all()}
    if person.company_id is not None and person.company_id in companies:
        return "asked"
    return None
