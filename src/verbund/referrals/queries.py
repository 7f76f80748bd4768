"""Reads about referrals and one-to-ones: who sees which, and what of it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet, Value
from django.utils.translation import gettext as _

from verbund.directory.matching import WORD_RE, matched_words, words_of
from verbund.directory.queries import Hit, Results, directory_companies, search
from verbund.members.models import Skill, Vendor
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
    given = Q(giver=person)
    received = Q(person=person)
    if person.is_company_admin:
        given |= Q(giver_company_id=person.company_id)
        received |= Q(company_id=person.company_id)
    # The ids given UNION the ids received: each half reads its own indexes. One OR across
    # the join over the parties made both engines read every referral and party (30 ms on
    # PostgreSQL, 50 ms on SQLite for 50,000 referrals; bench/README.md), and a join would
    # repeat a referral once per party.
    ids = (
        Referral.objects.filter(given)
        .order_by()
        .values("pk")
        .union(ReferralParty.objects.filter(received).order_by().values("referral_id"))
    )
    return Referral.objects.filter(pk__in=ids)


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

# Each won referral received on one of the need's terms counts like one more well-matching word.
WON_BOOST = 1.0
# Won referrals count only on the directory's own terms found in the need (skill labels and
# synonyms, vendor names, offering titles), and only from two on one term up: a free word
# (a customer's name) would let anyone test whether a won referral's need held it, and a
# single referral on a term would point at one deal.
MIN_WON = 2
MAX_TERMS = 12
MAX_SUGGESTIONS = 10


@dataclass
class Suggestion:
    """A company suggested for a need: its directory result, boosted by won referrals."""

    company: Any
    score: float
    reasons: list[str]
    won: int = 0  # won referrals on `won_on`, each counted once
    won_on: list[str] = field(default_factory=list)


def suggest_helpers(user: Any, need: str, region: str = "") -> list[Suggestion]:
    """The directory's "who can help" ranking boosted by the company's won referrals on the
    directory's terms in this need; never the asker's own company; best 10 (6-8 queries)."""
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
    won = _won_on_terms(_terms_in(need), own)
    for pk in _in_region(user, set(won) - set(hits), region):
        hits[pk] = Hit(pk, 0.0, ())
    boosted = [
        Hit(
            hit.company_id,
            round(hit.score + WON_BOOST * won.get(hit.company_id, (0, []))[0], 3),
            hit.matched,
        )
        for hit in hits.values()
    ]
    # The load below orders by name within a score; ids keep equal names stable.
    boosted.sort(key=lambda hit: (-hit.score, hit.company_id))
    results = Results(boosted[: MAX_SUGGESTIONS * 2], with_offerings=True)[:]
    results.sort(key=lambda result: (-result.score, result.company.name.lower(), result.company.pk))
    suggestions = []
    for result in results[:MAX_SUGGESTIONS]:
        count, terms = won.get(result.company.pk, (0, []))
        reasons = _help_reasons(result, words, region, terms)
        suggestions.append(Suggestion(result.company, result.score, reasons, count, terms))
    return suggestions


class _Words:
    """A text's words (casefolded), to find a term's words in it in sequence."""

    def __init__(self, text: str) -> None:
        self.words = WORD_RE.findall(text.casefold())
        self.starts: dict[str, list[int]] = {}
        for at, word in enumerate(self.words):
            self.starts.setdefault(word, []).append(at)

    def find(self, term: tuple[str, ...]) -> int | None:
        """Where the term's words stand in sequence in the text (whole words), else None."""
        for at in self.starts.get(term[0], []) if term else []:
            if tuple(self.words[at : at + len(term)]) == term:
                return at
        return None


def _key(term: str) -> tuple[str, ...]:
    return tuple(WORD_RE.findall(term.casefold()))


def _probe(word: str) -> str:
    """What the engine looks for to narrow by `word`: without its first letter if it is long
    enough, as SQLite compares only ASCII letters regardless of case and a noun's capital may
    be an umlaut ("Überwachung" for "überwachung"); Python checks the whole word after."""
    return word[1:] if len(word) > 3 else word


def _terms_in(need: str) -> list[str]:
    """The directory's terms that occur in `need` as whole words, as the directory spells
    them, in the order they occur (at most 12; 1 query, none without words)."""
    words = words_of(need, drop_stop_words=True)
    if not words:
        return []
    text = _Words(need)
    found: dict[tuple[str, ...], tuple[int, str]] = {}
    for entry, is_list in _vocabulary():
        for term in entry.split(",") if is_list else [entry]:
            key = _key(term)
            at = text.find(key)
            if at is not None:  # one spelling of a term, the same whatever the rows' order
                found[key] = min(found.get(key, (at, term.strip())), (at, term.strip()))
    return [term for _at, term in sorted(found.values())][:MAX_TERMS]


def _vocabulary() -> QuerySet:
    """(entry, is a comma-separated list) for the skills' labels and synonyms and the vendors:
    the office's taxonomy only. Offering titles are free text any company admin writes, so
    one titled like a customer would let its author probe other companies' won referrals."""
    return (
        Skill.objects.order_by()
        .values_list("label_de", Value(False))
        .union(
            Skill.objects.order_by().values_list("label_en", Value(False)),
            Skill.objects.order_by().exclude(synonyms="").values_list("synonyms", Value(True)),
            Vendor.objects.order_by().values_list("name", Value(False)),
            all=True,
        )
    )


def _won_on_terms(terms: list[str], own: int | None) -> dict[int, tuple[int, list[str]]]:
    """Per receiving company (not `own`): how many of its won referrals are on the terms it
    has at least MIN_WON won referrals on, and those terms (1 query, none without terms)."""
    if not terms:
        return {}
    narrow = Q()
    for term in terms:
        # The engine narrows by the term's longest word; whether the need holds the term's
        # words in sequence is checked here.
        longest = max(WORD_RE.findall(term.lower()), key=len)
        narrow |= Q(referral__need__icontains=_probe(longest))
    parties = ReferralParty.objects.filter(narrow, referral__status=ReferralStatus.WON)
    if own is not None:
        parties = parties.exclude(company_id=own)
    on: dict[int, dict[str, set[int]]] = {}
    keys = {term: _key(term) for term in terms}
    for company_id, referral_id, need in parties.values_list(
        "company_id", "referral_id", "referral__need"
    ):
        text = _Words(need)
        for term, key in keys.items():
            if text.find(key) is not None:
                on.setdefault(company_id, {}).setdefault(term, set()).add(referral_id)
    won: dict[int, tuple[int, list[str]]] = {}
    for company_id, by_term in on.items():
        kept = [term for term in terms if len(by_term.get(term, ())) >= MIN_WON]
        if kept:
            won[company_id] = (len(set().union(*(by_term[term] for term in kept))), kept)
    return won


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


def _help_reasons(result: Any, words: list[str], region: str, won_on: list[str]) -> list[str]:
    reasons = [str(reason) for reason in result.reasons]
    for offering in result.company.offerings.all():
        if matched_words(words, f"{offering.title} {offering.description}".lower()):
            reasons.append(_("%(title)s (offering)") % {"title": offering.title})
    if region.strip():
        reasons.append(_("serves %(region)s") % {"region": region.strip()})
    for term in won_on:
        reasons.append(_("won referrals on “%(term)s”") % {"term": term})
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
