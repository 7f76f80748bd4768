"""Directory search: one interface, two engines (PostgreSQL, SQLite), the same results.

A search takes three steps:

1. The engine narrows the candidates to the search documents that hold enough trigrams of
   enough query words (`matching.required_grams`): pg_trgm's GIN index on PostgreSQL, the
   FTS5 trigram table on SQLite. Every real match fulfils that condition.
2. Each candidate's text is scored in Python (`matching`), the same way on both engines, so
   both rank the same companies in the same order; only ids, names, regions and texts are
   read for this, no model instances.
3. `Results` loads the companies with their skills and vendors only for the slice taken (a
   page, the top 20): a page costs the same queries and time whatever the number of hits.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, overload

from django.db import connection
from django.db.models import Count, Prefetch, QuerySet, Sum
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext as _

from verbund.directory.matching import Matcher, matched_words, required_grams, words_of
from verbund.directory.models import LeadRecipient
from verbund.members.labels import label as taxonomy_label
from verbund.members.models import MEMBER_STATUSES, Company, Person, Skill, VendorPartnership
from verbund.members.queries import companies_visible_to
from verbund.network.queries import roles_of

MIN_REVENUE_COMPANIES = 5  # revenue is shown only as a sum over at least this many companies
REVENUE_STEP = Decimal(10_000_000)  # ... and rounded to tens of millions of EUR


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


@dataclass(frozen=True)
class Hit:
    """A company matched and scored, before it is loaded."""

    company_id: int
    score: float
    matched: tuple[str, ...]


class Results(Sequence[Result]):
    """The ranked hits of a search. Taking a slice (or iterating) loads just those companies,
    with home group, skills and vendors, in one go (4 queries, 5 with offerings)."""

    def __init__(self, hits: list[Hit], *, with_offerings: bool = False) -> None:
        self.hits = hits
        self.with_offerings = with_offerings

    def __len__(self) -> int:
        return len(self.hits)

    @overload
    def __getitem__(self, index: int) -> Result: ...

    @overload
    def __getitem__(self, index: slice) -> list[Result]: ...

    def __getitem__(self, index: int | slice) -> Result | list[Result]:
        if isinstance(index, slice):
            return self._load(self.hits[index])
        return self._load([self.hits[index]])[0]

    def __iter__(self) -> Iterator[Result]:
        return iter(self._load(self.hits))  # one load for all, not one per item

    def _load(self, hits: list[Hit]) -> list[Result]:
        if not hits:
            return []
        companies = Company.objects.select_related("home_group").prefetch_related(
            "skills",
            Prefetch("partnerships", queryset=VendorPartnership.objects.select_related("vendor")),
        )
        if self.with_offerings:
            companies = companies.prefetch_related("offerings")
        loaded = companies.in_bulk([hit.company_id for hit in hits])
        return [
            Result(company, hit.score, _reasons(company, hit.matched))
            for hit in hits
            if (company := loaded.get(hit.company_id)) is not None  # deleted meanwhile
        ]


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
) -> Results:
    """Active companies visible to `user` matching the query and facets, best first.

    With several words at least half must match (any one with `any_word`); without words,
    every company the facets leave, by name.
    """
    words = words_of(q or "", drop_stop_words=drop_stop_words)
    companies = _faceted(directory_companies(user), skill=skill, vendor=vendor, group=group)
    if exclude_company_id is not None:
        companies = companies.exclude(pk=exclude_company_id)
    needed = 1 if any_word else (len(words) + 1) // 2
    return Results(_ranked(companies, words, needed, region))


def public_search(need: str, region: str = "") -> Results:
    """Public partner finder: active companies that opted in, matching any word of the need
    (stop words dropped) and serving the region; never depends on who asks."""
    words = words_of(need, drop_stop_words=True)
    if not words:
        return Results([])
    companies = Company.objects.filter(public_finder=True, status__in=MEMBER_STATUSES)
    hits = _ranked(companies, words, 1, region.strip() or None, public=True)
    return Results(hits, with_offerings=True)


def who_can_help(user: Any, need: str) -> Results:
    """The companies best fitting a customer's need in a sentence (not the asker's own)."""
    if not words_of(need, drop_stop_words=True):
        return Results([])
    return search(
        user,
        need,
        any_word=True,
        drop_stop_words=True,
        exclude_company_id=roles_of(user).company_id,
    )


def _ranked(
    companies: QuerySet[Company],
    words: list[str],
    needed: int,
    region: str | None,
    *,
    public: bool = False,
) -> list[Hit]:
    """Score the companies the engine finds for the words, best first (1 query).

    `region` (any case) is the company's own region or one it serves. `public` (the
    finder): match the public fields only (the engine's candidates are a superset either
    way), and a customer's place may also be the company's city."""
    columns = ["pk", "name", "city", "region", "regions_served"]
    if words:
        companies = companies.filter(pk__in=_candidates(words, needed))
        columns.append("search_document__public_text" if public else "search_document__text")
    hits: list[Hit] = []
    names: dict[int, str] = {}
    matcher = Matcher(words)
    wanted = region.casefold() if region else None
    for pk, name, city, own, served, *text in companies.values_list(*columns):
        # JSON lists cannot be searched alike on both engines: the region is checked here.
        places = {own, *(served or [])} | ({city} if public else set())
        if wanted and wanted not in {place.casefold() for place in places}:
            continue
        scores = matcher.scores(text[0]) if words else {}
        if words and len(scores) < max(needed, 1):
            continue
        hits.append(Hit(pk, round(sum(scores.values()), 3), tuple(scores)))
        names[pk] = name.lower()
    hits.sort(key=lambda hit: (-hit.score, names[hit.company_id], hit.company_id))
    return hits


# The ids of the companies whose search documents contain one trigram (the parameter), per
# engine: an index lookup each (pg_trgm's GIN index; the FTS5 trigram table). Texts are
# stored lowercase.
GRAM_LOOKUP = {
    "postgresql": (
        "SELECT company_id AS id FROM directory_searchdocument WHERE text LIKE %s",
        "%{}%",
    ),
    "sqlite": (
        "SELECT company_id AS id FROM directory_searchdocument WHERE id IN "
        "(SELECT rowid FROM directory_fts WHERE directory_fts MATCH %s)",
        '"{}"',
    ),
}


def _candidates(words: list[str], needed: int) -> RawSQL:
    """The ids of the companies whose search documents hold enough trigrams
    (`required_grams`) of at least `needed` of the words: a superset of the matches, found
    through the engine's index. (Company ids, not document ids: filtering the companies by
    document ids made SQLite probe the id list once per company.)"""
    lookup, pattern = GRAM_LOOKUP[connection.vendor]
    per_word: list[str] = []
    params: list[str | int] = []
    for word in words:
        grams, required = required_grams(word)
        union = " UNION ALL ".join([lookup] * len(grams))
        per_word.append(f"SELECT id FROM ({union}) AS g GROUP BY id HAVING COUNT(*) >= %s")
        params += [*(pattern.format(gram) for gram in grams), required]
    union = " UNION ALL ".join(per_word)
    sql = f"SELECT id FROM ({union}) AS w GROUP BY id HAVING COUNT(*) >= %s"
    return RawSQL(sql, [*params, max(needed, 1)])


def _reasons(company: Company, matched: tuple[str, ...]) -> list[Reason]:
    """Skills and vendors the matched words point to; words that point to neither as words."""
    if not matched:
        return []
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


def _hits(words: tuple[str, ...], labels: list[str]) -> set[str]:
    return set(matched_words(words, "\n".join(labels).lower()))


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


def facets(user: Any) -> dict[str, Any]:
    """The facet choices with the number of directory companies for each (3 queries)."""
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
    regions: Counter[str] = Counter()
    groups: dict[str, tuple[str, int]] = {}
    rows = companies.values_list("region", "regions_served", "home_group__code", "home_group__name")
    for own, served, code, name in rows:
        regions.update({own, *(served or [])} - {""})
        if code:
            groups[code] = (name, groups.get(code, (name, 0))[1] + 1)
    return {
        "skills": [(s.code, taxonomy_label(s), s.count) for s in skills],
        "vendors": [(v["vendor__name"], v["vendor__name"], v["count"]) for v in vendors],
        "groups": sorted(
            ((code, name, count) for code, (name, count) in groups.items()),
            key=lambda group: (group[1], group[0]),
        ),
        "regions": [(name, name, regions[name]) for name in sorted(regions)],
    }


@dataclass(frozen=True)
class DirectoryTotals:
    """The network's size; revenue in millions of EUR, rounded to tens, only as a sum over
    enough companies, else None."""

    companies: int
    people: int
    employees: int
    revenue_millions: int | None


def rounded_millions(revenue: Decimal) -> int:
    """A revenue sum in whole millions, rounded to tens (137.4 M → 140).

    Tens, not single millions: anyone may read the total before and after a company joins
    or leaves, and the difference must not tell that company's revenue (members typically
    make a few million a year, so a change mostly stays within the same ten)."""
    return int(round(revenue / REVENUE_STEP) * REVENUE_STEP / 1_000_000)


def network_totals_with_revenue() -> DirectoryTotals:
    """Active companies, their people and employees, and their revenue summed only when at
    least five companies report one, rounded to tens of millions (2 queries)."""
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
        revenue_millions=rounded_millions(sums["revenue"]) if enough else None,
    )


def leads_visible_to(user: Any) -> QuerySet[LeadRecipient]:
    """The leads sent to the viewer's own company (members of an active company only);
    one row per lead, with the lead joined."""
    roles = roles_of(user)
    if not roles.is_member or roles.company_id is None:
        return LeadRecipient.objects.none()
    return LeadRecipient.objects.filter(company_id=roles.company_id).select_related("lead")
