"""Directory search: one interface, two engines (PostgreSQL, SQLite), the same results.

The engine only narrows the candidates (full-text search and trigrams on PostgreSQL, the FTS5
trigram table on SQLite); every candidate is then scored in Python the same way, so both
engines rank the same companies in the same order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.db import connection
from django.db.models import Count, Prefetch, QuerySet, Sum
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext as _

from verbund.directory.models import LeadRecipient
from verbund.members.labels import label as taxonomy_label
from verbund.members.models import MEMBER_STATUSES, Company, Person, Skill, VendorPartnership
from verbund.members.queries import companies_visible_to
from verbund.network.queries import roles_of

MIN_WORD = 3
SIMILAR = 0.5  # trigram similarity from which a word counts as "meant" (one letter missing)
MIN_REVENUE_COMPANIES = 5  # revenue is shown only as a sum over at least this many companies
WORD_RE = re.compile(r"[^\W_]+")

# German and English words that say nothing about the need.
STOP_WORDS = frozenset(
    """
     aber about alle als also and anyone are auch auf aus bei bin bis bitte brauche braucht
     can could customer customers das dass dem den der des die ein eine einem einen einer
     eines for from für gibt habe haben has hat have helfen help her hier hilfe hilft his ich
     ihr into ist jemand jemanden kann kunde kunden können könnte looking mit nach need needs
     neue neuen neues new nicht noch oder our sich sie sind soll sollte somebody someone
     suchen sucht that the their them this und uns unser unsere vom von vor want wants was
     welche welcher wer what which who wie will wir wird with would zum zur zwischen über
    """.split()  # noqa: SIM905
)


@dataclass(frozen=True)
class Reason:
    """Why a company matched: a query word found in its text, one of its skills or vendors."""

    label: str
    kind: str  # "word", "skill" or "vendor"

    def __str__(self) -> str:
        if self.kind == "skill":
            return _("%(label)s (skill)") % {"label": self.label}
        if self.kind == "vendor":
            return _("%(label)s (vendor)") % {"label": self.label}
        return self.label


@dataclass
class Result:
    """One company found, with its score and the reasons for the match."""

    company: Company
    score: float
    reasons: list[Reason] = field(default_factory=list)

    @property
    def matched_skills(self) -> list[str]:
        return [reason.label for reason in self.reasons if reason.kind == "skill"]

    @property
    def skill_labels(self) -> list[tuple[str, bool]]:
        """All the company's skills (prefetched), each with whether the query matched it."""
        matched = set(self.matched_skills)
        labels = sorted(taxonomy_label(skill) for skill in self.company.skills.all())
        return [(label, label in matched) for label in labels]


def words_of(text: str, *, drop_stop_words: bool = False) -> list[str]:
    """The query's words (at least 3 letters, lowercased, each once, in order)."""
    words: list[str] = []
    for word in WORD_RE.findall(text.lower()):
        stop = drop_stop_words and word in STOP_WORDS
        if len(word) >= MIN_WORD and word not in words and not stop:
            words.append(word)
    return words


@lru_cache(maxsize=65536)
def trigrams(word: str) -> frozenset[str]:
    """pg_trgm's trigrams of one word: padded with two spaces before and one after.

    Cached: the same words recur across documents and requests.
    """
    padded = f"  {word} "
    return frozenset(padded[i : i + 3] for i in range(len(padded) - 2))


def similarity(word: str, other: str) -> float:
    """Trigram similarity of two words, as pg_trgm's `similarity()` computes it."""
    mine, theirs = trigrams(word), trigrams(other)
    return len(mine & theirs) / len(mine | theirs)


def _may_be_similar(word: str, other: str) -> bool:
    # A word has len + 1 trigrams at most; shared / union cannot reach SIMILAR when the
    # sizes differ too much, so such pairs are skipped without building the sets.
    short, long = sorted((len(word) + 1, len(other) + 1))
    return short / long >= SIMILAR


def _enough_shared(word: str, text: str) -> bool:
    """A cheap necessary condition for a similar word somewhere in `text`.

    Similarity >= SIMILAR means at least SIMILAR * (len + 1) of the word's padded trigrams
    are shared; at most three of those are padded at the edges, so the rest are inner
    trigrams that occur in the text as they are. Fewer of them in the text: no match, and
    the word-by-word comparison is skipped (same results, much less work).
    """
    inner = [word[i : i + 3] for i in range(len(word) - 2)]
    needed = SIMILAR * (len(word) + 1) - 3
    return sum(gram in text for gram in inner) >= needed


def word_score(word: str, text: str, text_words: tuple[str, ...]) -> float:
    """1.0 if the word occurs in the text, else the best similarity to one of its words
    (0 below the threshold)."""
    if word in text:
        return 1.0
    if not _enough_shared(word, text):
        return 0.0
    best = max(
        (similarity(word, other) for other in text_words if _may_be_similar(word, other)),
        default=0.0,
    )
    return best if best >= SIMILAR else 0.0


@lru_cache(maxsize=4096)
def _words_of_text(text: str) -> tuple[str, ...]:
    """The distinct words of a document (cached: documents change rarely, searches often)."""
    return tuple(sorted(set(WORD_RE.findall(text))))


def directory_companies(user: Any) -> QuerySet[Company]:
    """The companies the directory shows this viewer: visible and active."""
    return companies_visible_to(user).filter(status__in=MEMBER_STATUSES)


def search(
    user: Any,
    q: str,
    skill: str | None = None,
    region: str | None = None,
    vendor: str | None = None,
    group: str | None = None,
    *,
    any_word: bool = False,
    drop_stop_words: bool = False,
    exclude_company_id: int | None = None,
) -> list[Result]:
    """Active companies visible to `user` matching the query and facets, best first.

    With several words at least half must match (any one with `any_word`); without words,
    every company the facets leave, by name.
    """
    words = words_of(q or "", drop_stop_words=drop_stop_words)
    companies = _faceted(directory_companies(user), skill=skill, vendor=vendor, group=group)
    if exclude_company_id is not None:
        companies = companies.exclude(pk=exclude_company_id)
    needed = 1 if any_word else (len(words) + 1) // 2
    return _ranked(companies, words, needed, region)


def public_search(need: str, region: str = "") -> list[Result]:
    """Public partner finder: active companies that opted in, matching any word of the need
    (stop words dropped) and serving the region; never depends on who asks."""
    words = words_of(need, drop_stop_words=True)
    if not words:
        return []
    companies = Company.objects.filter(public_finder=True, status__in=MEMBER_STATUSES)
    return _ranked(companies.prefetch_related("offerings"), words, 1, region.strip() or None)


def _ranked(
    companies: QuerySet[Company], words: list[str], needed: int, region: str | None
) -> list[Result]:
    """Score the companies the engine finds for the words, best first."""
    if words:
        companies = companies.filter(search_document__in=_candidates(words))
    companies = companies.select_related("search_document").prefetch_related(
        "skills",
        Prefetch("partnerships", queryset=VendorPartnership.objects.select_related("vendor")),
    )
    results = []
    for company in companies:
        if region and region != company.region and region not in (company.regions_served or []):
            continue  # JSON lists cannot be searched alike on both engines: filter here
        result = _scored(company, words, needed)
        if result is not None:
            results.append(result)
    results.sort(key=lambda r: (-r.score, r.company.name.lower(), r.company.pk))
    return results


def who_can_help(user: Any, need: str) -> list[Result]:
    """The companies best fitting a customer's need in a sentence (not the asker's own)."""
    if not words_of(need, drop_stop_words=True):
        return []
    return search(
        user,
        need,
        any_word=True,
        drop_stop_words=True,
        exclude_company_id=roles_of(user).company_id,
    )


def _faceted(
    companies: QuerySet[Company], *, skill: str | None, vendor: str | None, group: str | None
) -> QuerySet[Company]:
    if skill:
        companies = companies.filter(skills__code=skill)
    if vendor:
        companies = companies.filter(partnerships__vendor__name=vendor)
    if group:
        companies = companies.filter(home_group__code=group)
    return companies.distinct() if skill or vendor else companies


def _candidates(words: list[str]) -> RawSQL:
    """Search document ids the engine finds for any of the words (a superset of the matches)."""
    grams = sorted({word[i : i + 3] for word in words for i in range(len(word) - 2)})
    if connection.vendor == "postgresql":
        query = " ".join(words)
        likes = " OR ".join(["text ILIKE %s"] * len(grams))
        return RawSQL(
            "SELECT id FROM directory_searchdocument WHERE "
            "(to_tsvector('german', text) || to_tsvector('english', text)) @@ "
            "(plainto_tsquery('german', %s) || plainto_tsquery('english', %s)) OR " + likes,
            [query, query, *[f"%{gram}%" for gram in grams]],
        )
    match = " OR ".join(f'"{gram}"' for gram in grams)
    return RawSQL("SELECT rowid FROM directory_fts WHERE directory_fts MATCH %s", [match])


def _scored(company: Company, words: list[str], needed: int) -> Result | None:
    if not words:
        return Result(company=company, score=0.0)
    text = company.search_document.text.lower()
    text_words = _words_of_text(text)
    scores = {word: word_score(word, text, text_words) for word in words}
    matched = [word for word in words if scores[word] > 0]
    if len(matched) < max(needed, 1):
        return None
    return Result(
        company=company, score=round(sum(scores.values()), 3), reasons=_reasons(company, matched)
    )


def _reasons(company: Company, matched: list[str]) -> list[Reason]:
    """Skills and vendors the matched words point to; words that point to neither as words."""
    reasons: list[Reason] = []
    explained: set[str] = set()
    for skill in company.skills.all():
        hits = _hits(matched, [skill.label_de, skill.label_en, *skill.synonym_list])
        if hits:
            reasons.append(Reason(taxonomy_label(skill), "skill"))
            explained |= hits
    for partnership in company.partnerships.all():
        hits = _hits(matched, [partnership.vendor.name])
        if hits:
            reasons.append(Reason(partnership.vendor.name, "vendor"))
            explained |= hits
    words = [Reason(word.capitalize(), "word") for word in matched if word not in explained]
    return words + reasons


def _hits(words: list[str], labels: list[str]) -> set[str]:
    text = "\n".join(labels).lower()
    text_words = _words_of_text(text)
    return {word for word in words if word_score(word, text, text_words) > 0}


def facets(user: Any) -> dict[str, Any]:
    """The facet choices with the number of directory companies for each (4 queries)."""
    companies = directory_companies(user)
    ids = companies.values("pk")
    skills = (
        Skill.objects.filter(companies__in=ids)
        .annotate(count=Count("companies", distinct=True))
        .order_by("label_de")
    )
    vendors = (
        VendorPartnership.objects.filter(company__in=ids)
        .values("vendor__name")
        .annotate(count=Count("company", distinct=True))
        .order_by("vendor__name")
    )
    groups = (
        companies.exclude(home_group=None)
        .values("home_group__code", "home_group__name")
        .annotate(count=Count("pk"))
        .order_by("home_group__name")
    )
    regions: dict[str, int] = {}
    for own, served in companies.values_list("region", "regions_served"):
        for name in {own, *(served or [])} - {""}:
            regions[name] = regions.get(name, 0) + 1
    return {
        "skills": [(s.code, taxonomy_label(s), s.count) for s in skills],
        "vendors": [(v["vendor__name"], v["vendor__name"], v["count"]) for v in vendors],
        "groups": [(g["home_group__code"], g["home_group__name"], g["count"]) for g in groups],
        "regions": [(name, name, regions[name]) for name in sorted(regions)],
    }


@dataclass(frozen=True)
class DirectoryTotals:
    """The network's size; revenue only as a sum over enough companies, else None."""

    companies: int
    people: int
    employees: int
    revenue: Decimal | None

    @property
    def revenue_millions(self) -> int | None:
        return None if self.revenue is None else round(self.revenue / 1_000_000)


def network_totals_with_revenue() -> DirectoryTotals:
    """Active companies, their people and employees, and their revenue summed only when at
    least five companies report one (no single company's revenue can be inferred) (2 queries)."""
    active = Company.objects.filter(status__in=MEMBER_STATUSES)
    sums = active.aggregate(
        companies=Count("pk"),
        employees=Sum("employees"),
        revenue=Sum("annual_revenue"),
        with_revenue=Count("annual_revenue"),
    )
    people = Person.objects.filter(company__status__in=MEMBER_STATUSES).count()
    enough = sums["with_revenue"] >= MIN_REVENUE_COMPANIES
    return DirectoryTotals(
        companies=sums["companies"],
        people=people,
        employees=sums["employees"] or 0,
        revenue=sums["revenue"] if enough else None,
    )


def leads_visible_to(user: Any) -> QuerySet[LeadRecipient]:
    """The leads sent to the viewer's own company (members of an active company only);
    one row per lead, with the lead joined."""
    roles = roles_of(user)
    if not roles.is_member or roles.company_id is None:
        return LeadRecipient.objects.none()
    return LeadRecipient.objects.filter(company_id=roles.company_id).select_related("lead")
