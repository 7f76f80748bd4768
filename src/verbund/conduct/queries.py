"""Reading the code of honour and who has accepted it; who sees which conduct case, how much."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.utils import timezone

from verbund.conduct.models import (
    CaseOutcome,
    CaseStage,
    CaseStep,
    CodeOfHonour,
    ConductCase,
    HonourAcceptance,
)
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


# ---------------------------------------------------------------- conduct cases


class ViewLevel(StrEnum):
    """How much of a conduct case a caller sees; pages and API both ask `view_level`."""

    FULL = "full"  # the advisory board: everything, the filer and the history too
    ACCUSED = "accused"  # the accused company's admins, the person concerned: from the hearing
    FILER = "filer"  # who filed it: the status only, never the contents


def _hearing_step() -> Exists:
    """Whether the case ever went to the hearing (a CaseStep to it); for `had_hearing`."""
    return Exists(CaseStep.objects.filter(case=OuterRef("pk"), to_stage=CaseStage.HEARING))


def had_hearing(case: ConductCase) -> bool:
    """Whether the accused were heard: the case is at the hearing or went through it. A case
    dismissed straight from filed or review never reached them (0 queries when the case
    comes from `cases_visible_to`, which annotates it; else 1)."""
    if case.stage == CaseStage.HEARING:
        return True
    if case.stage != CaseStage.DECIDED:
        return False
    annotated = getattr(case, "had_hearing", None)
    if annotated is not None:
        return bool(annotated)
    return case.steps.filter(to_stage=CaseStage.HEARING).exists()


def view_level(user: Any, case: ConductCase) -> ViewLevel | None:
    """What `user` may see of `case` (None: nothing, a 404). A board member of the accused
    company sees it as the accused do: the board seat gives no view of one's own case.
    The accused see it only once it reached the hearing (`had_hearing`)."""
    roles = roles_of(user)
    person = roles.person
    if person is None:
        return None
    accused = roles.company_id == case.company_id
    if roles.is_board and not accused:
        return ViewLevel.FULL
    if ((accused and person.is_company_admin) or case.person_id == person.pk) and had_hearing(case):
        return ViewLevel.ACCUSED
    if case.filed_by_id == person.pk:
        return ViewLevel.FILER
    return None


def cases_visible_to(user: Any) -> QuerySet[ConductCase]:
    """The cases `user` may see at any level, the same set `view_level` allows (newest first);
    each annotated with `had_hearing`, so that `view_level` needs no query per case."""
    roles = roles_of(user)
    cases = ConductCase.objects.select_related("company", "person").annotate(
        had_hearing=_hearing_step()
    )
    person = roles.person
    if person is None:
        return cases.none()
    heard = Q(stage=CaseStage.HEARING) | Q(stage=CaseStage.DECIDED, had_hearing=True)
    accused = Q(person=person)
    if person.is_company_admin and roles.company_id is not None:
        accused |= Q(company_id=roles.company_id)
    visible = Q(filed_by=person) | (heard & accused)
    if roles.is_board:
        visible |= ~Q(company_id=roles.company_id)  # a board seat needs an active company
    return cases.filter(visible)


def is_overdue(case: ConductCase, today: date | None = None) -> bool:
    """An open case whose stage's deadline has passed."""
    today = today or timezone.localdate()
    return case.stage != CaseStage.DECIDED and case.deadline < today


def yearly_figures() -> list[dict[str, Any]]:
    """Per calendar year (Europe/Berlin), newest first: cases filed, decided by outcome,
    resignations carried out, expulsions (a conduct case's outcome)."""
    from verbund.members.models import Resignation

    years: dict[int, dict[str, Any]] = {}

    def row(year: int) -> dict[str, Any]:
        empty = {"year": year, "filed": 0, "decided": dict.fromkeys(CaseOutcome.values, 0)}
        return years.setdefault(year, empty | {"resignations": 0})

    filed = ConductCase.objects.annotate(year=ExtractYear("filed_at")).values("year")
    for item in filed.annotate(n=Count("pk")).order_by():
        row(item["year"])["filed"] += item["n"]
    decided = ConductCase.objects.filter(decided_at__isnull=False).annotate(
        year=ExtractYear("decided_at")
    )
    for item in decided.values("year", "outcome").annotate(n=Count("pk")).order_by():
        row(item["year"])["decided"][item["outcome"]] += item["n"]
    resigned = Resignation.objects.filter(carried_out_at__isnull=False).annotate(
        year=ExtractYear("carried_out_at")
    )
    for item in resigned.values("year").annotate(n=Count("pk")).order_by():
        row(item["year"])["resignations"] += item["n"]
    for entry in years.values():
        entry["expulsions"] = entry["decided"][CaseOutcome.EXPULSION]
        entry["decided_counts"] = list(entry["decided"].values())  # in CaseOutcome's order
    return [years[year] for year in sorted(years, reverse=True)]
