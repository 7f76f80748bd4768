"""Writes on conduct cases: filing one, moving it through its stages, the accused's statement,
the board's decision (which changes the company's status) and the end of a suspension.

The stages' allowed moves are the one table `CASE_TRANSITIONS`; `_move` is the only writer of
a stage. The audit log (which the office reads) never holds what a case is about: no
allegation, statement or rationale.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from verbund.accounts.services import end_sessions
from verbund.common.audit import log_action
from verbund.common.permissions import require_perm
from verbund.conduct.models import (
    CASE_TRANSITIONS,
    CaseOutcome,
    CaseStage,
    CaseStep,
    ConductCase,
)
from verbund.conduct.queries import ViewLevel, had_hearing, view_level
from verbund.conduct.services import notices
from verbund.members.models import SEAT_STATUSES, Company, CompanyStatus, Person
from verbund.members.services import change_company_status
from verbund.members.services.resignations import close_resignation
from verbund.network.queries import get_network, roles_of

# Outcomes that are sanctions: the accused must have been heard first.
SANCTIONS = (CaseOutcome.WARNING, CaseOutcome.SUSPENSION, CaseOutcome.EXPULSION)
# The company status a sanction puts into effect.
STATUS_OF_OUTCOME: dict[str, str] = {
    CaseOutcome.SUSPENSION: CompanyStatus.SUSPENDED,
    CaseOutcome.EXPULSION: CompanyStatus.EXPELLED,
}


def stage_deadline(today: datetime.date | None = None) -> datetime.date:
    """The deadline a stage gets by default: the network's `conduct_stage_days` from today."""
    today = today or timezone.localdate()
    return today + datetime.timedelta(days=get_network().conduct_stage_days)


def _lock(case: ConductCase) -> ConductCase:
    """Reload the case under a row lock so two board members cannot move it at once."""
    return (
        ConductCase.objects.select_for_update(of=("self",))
        .select_related("company", "person", "filed_by")
        .get(pk=case.pk)
    )


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


@transaction.atomic
def file_case(
    *,
    company: Company,
    allegation: str,
    person: Person | None = None,
    actor: Any,
    mail: bool = True,
) -> ConductCase:
    """File a case against a member company (a member, not against their own company, or the
    office). Side effects: audit entry; unless `mail` is False, a mail to the board that
    names only the case's code."""
    require_perm(actor, "conduct.file_case")
    filer = roles_of(actor).person if actor is not None else None
    allegation = allegation.strip()
    errors = {}
    if company.status not in SEAT_STATUSES:
        errors["company"] = _("A case can only be filed against a member company.")
    elif filer is not None and filer.company_id == company.pk:
        errors["company"] = _("You cannot file a case against your own company.")
    if person is not None and person.company_id != company.pk:
        errors["person"] = _("The person concerned must belong to the company.")
    if not allegation:
        errors["allegation"] = _("Please describe what happened.")
    if errors:
        raise ValidationError(errors)
    case = ConductCase.objects.create(
        company=company,
        person=person,
        filed_by=filer,
        allegation=allegation,
        deadline=stage_deadline(),
    )
    log_action(actor=actor, action="conduct_case.file", obj=case, changes={"stage": case.stage})
    if mail:
        notices.notify_board_of_filing(case)
    return case


def _check_conflict(case: ConductCase, actor: Any, field: str) -> None:
    """A board member who filed the case abstains (one of the accused company does not see
    it fully and is refused by the permission already)."""
    person = roles_of(actor).person if actor is not None else None
    if person is not None and case.filed_by_id == person.pk:
        raise ValidationError(
            {field: _("You have a conflict of interest in this case and abstain.")}
        )


def _move(
    case: ConductCase, to_stage: str, *, actor: Any, deadline: datetime.date | None
) -> CaseStep:
    """Move `case` to `to_stage` if CASE_TRANSITIONS allows it; the one writer of a stage.
    Side effects: a CaseStep, audit entry."""
    if to_stage not in CaseStage.values:
        raise ValidationError({"stage": _("Please choose a stage.")})
    if to_stage not in CASE_TRANSITIONS[case.stage]:
        raise ValidationError(
            {
                "stage": _("A conduct case cannot go from %(old)s to %(new)s.")
                % {"old": case.get_stage_display(), "new": CaseStage(to_stage).label}
            }
        )
    step = CaseStep.objects.create(
        case=case,
        from_stage=case.stage,
        to_stage=to_stage,
        deadline=deadline,
        moved_by=_user(actor),
    )
    case.stage = to_stage
    if deadline is not None:
        case.deadline = deadline
    case.save()
    log_action(
        actor=actor,
        action="conduct_case.move",
        obj=case,
        changes={"stage": [step.from_stage, to_stage], "deadline": deadline},
    )
    return step


@transaction.atomic
def move_case(
    *,
    case: ConductCase,
    to_stage: str,
    actor: Any,
    deadline: datetime.date | None = None,
    mail: bool = True,
) -> ConductCase:
    """Move an open case to review or hearing with a new deadline (default: the network's
    days for a stage); deciding goes through `decide_case`. The board only.
    Side effects: a CaseStep, audit entry; unless `mail` is False, the filer learns the new
    stage and, for the hearing, the accused company's admins and the person concerned."""
    require_perm(actor, "conduct.manage_case", case)
    case = _lock(case)
    _check_conflict(case, actor, "stage")
    if to_stage == CaseStage.DECIDED:
        raise ValidationError({"stage": _("Please record a decision to decide the case.")})
    today = timezone.localdate()
    if deadline is not None and deadline < today:
        raise ValidationError({"deadline": _("The deadline cannot lie in the past.")})
    _move(case, to_stage, actor=actor, deadline=deadline or stage_deadline(today))
    if mail:
        notices.notify_filer(case)
        if case.stage == CaseStage.HEARING:
            notices.notify_accused_of_hearing(case)
    return case


@transaction.atomic
def give_statement(*, case: ConductCase, text: str, actor: Any) -> ConductCase:
    """The accused company's admin (or the person concerned) answers during the hearing; a
    later statement replaces the earlier one until the board decides. The deadline is
    shown, not enforced: the board decides what a late answer is worth.
    Side effect: audit entry (without the text)."""
    require_perm(actor, "conduct.give_statement", case)
    case = _lock(case)
    if case.stage != CaseStage.HEARING:
        raise ValidationError({"statement": _("A statement can only be given during the hearing.")})
    text = text.strip()
    if not text:
        raise ValidationError({"statement": _("Please write your statement.")})
    case.statement = text
    case.statement_at = timezone.now()
    case.save(update_fields=["statement", "statement_at"])
    log_action(actor=actor, action="conduct_case.statement", obj=case)
    return case


def _check_decision(
    case: ConductCase, outcome: str, rationale: str, suspended_until: datetime.date | None
) -> None:
    errors = {}
    if case.stage == CaseStage.DECIDED:
        raise ValidationError({"outcome": _("This case has already been decided.")})
    if outcome not in CaseOutcome.values:
        errors["outcome"] = _("Please choose an outcome.")
    elif outcome in SANCTIONS and case.stage != CaseStage.HEARING:
        errors["outcome"] = _(
            "A warning, suspension or expulsion needs a hearing first: "
            "move the case to the hearing."
        )
    if outcome == CaseOutcome.SUSPENSION and (
        suspended_until is None or suspended_until <= timezone.localdate()
    ):
        errors["suspended_until"] = _("A suspension needs its last day, in the future.")
    if not rationale:
        errors["rationale"] = _("Please write down the board's rationale.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def decide_case(
    *,
    case: ConductCase,
    outcome: str,
    rationale: str,
    actor: Any,
    suspended_until: datetime.date | None = None,
    mail: bool = True,
) -> ConductCase:
    """Record the board's decision with its rationale. A suspension or an expulsion changes
    the company's status (through `change_company_status`, naming the case's code only) and
    ends its people's sessions; a company already suspended stays so (the decision is
    recorded, the status unchanged); an expulsion closes a pending resignation. Nothing is
    deleted. Side effects: a CaseStep, status history, audit entries; unless `mail` is False,
    the filer learns that the case is decided and, if there was a hearing, the accused too."""
    require_perm(actor, "conduct.manage_case", case)
    case = _lock(case)
    _check_conflict(case, actor, "outcome")
    rationale = rationale.strip()
    _check_decision(case, outcome, rationale, suspended_until)
    heard = had_hearing(case)  # before the move: a sanction always had one, a dismissal not
    case.outcome = outcome
    case.rationale = rationale
    case.suspended_until = suspended_until if outcome == CaseOutcome.SUSPENSION else None
    case.decided_at = timezone.now()
    _move(case, CaseStage.DECIDED, actor=actor, deadline=None)
    changes: dict[str, Any] = {"outcome": outcome, "suspended_until": case.suspended_until}
    if outcome in STATUS_OF_OUTCOME:
        changes["company_status"] = _sanction(case)
    log_action(actor=actor, action="conduct_case.decide", obj=case, changes=changes)
    if mail:
        notices.notify_filer(case)
        if heard:
            notices.notify_accused_of_decision(case)
    return case


def _sanction(case: ConductCase) -> list[str]:
    """Put a suspension or expulsion into effect: the company's status, and its people's
    sessions end (their next login finds the non-member view). A company already in that
    status (suspended by the office or another case) keeps it: the status table has no
    "suspended → suspended", and `end_suspensions` waits for the latest last day.
    Returns the company's status `[before, after]` for the audit entry."""
    company = Company.objects.select_for_update().get(pk=case.company_id)
    before, status = company.status, STATUS_OF_OUTCOME[case.outcome]
    if case.outcome == CaseOutcome.EXPULSION:
        close_resignation(company=company, actor=None)  # an expelled company does not resign
    if before == status:
        return [before, status]
    if case.outcome == CaseOutcome.SUSPENSION:
        assert case.suspended_until is not None  # checked by _check_decision
        reason = _("Suspended until %(date)s (conduct case %(code)s)") % {
            "date": date_format(case.suspended_until, "SHORT_DATE_FORMAT"),
            "code": case.code,
        }
    else:
        reason = _("Expelled (conduct case %(code)s)") % {"code": case.code}
    # The board decided; the status change is the system carrying it out.
    change_company_status(company=company, status=status, reason=reason, actor=None)
    for person in company.people.filter(user__isnull=False).select_related("user"):
        end_sessions(person.user)
    return [before, status]


def end_suspensions(*, today: datetime.date) -> int:
    """Make companies active again whose suspension by conduct cases ended before `today`:
    the latest last day (`suspended_until`) over all their suspension cases has passed. A
    company suspended by the office, or again since, stays as it is. Idempotent. Returns
    how many were made active. Side effects: status history, audit entries."""
    due = (
        ConductCase.objects.filter(
            outcome=CaseOutcome.SUSPENSION, company__status=CompanyStatus.SUSPENDED
        )
        .values("company_id")
        .annotate(last_day=Max("suspended_until"))
        .filter(last_day__lt=today)
        .order_by("company_id")
    )
    return sum(_end_suspension(row["company_id"], today) for row in due)


@transaction.atomic
def _end_suspension(company_id: int, today: datetime.date) -> int:
    company = Company.objects.select_for_update().get(pk=company_id)
    cases = ConductCase.objects.filter(company=company, outcome=CaseOutcome.SUSPENSION)
    last = cases.order_by(F("suspended_until").desc(nulls_last=True), "-decided_at").first()
    if company.status != CompanyStatus.SUSPENDED or last is None:
        return 0  # changed meanwhile
    if last.suspended_until is None or last.suspended_until >= today:
        return 0  # another suspension decided meanwhile
    if not _suspended_by_a_case(company, cases):
        return 0
    reason = _("Suspension ended (conduct case %(code)s)") % {"code": last.code}
    change_company_status(company=company, status=CompanyStatus.ACTIVE, reason=reason, actor=None)
    return 1


def _suspended_by_a_case(company: Company, cases: QuerySet[ConductCase]) -> bool:
    """Whether the suspension in force was put by a conduct case and nothing changed since:
    the company's latest status change is the one of the latest case decided before it (a
    case decides first, then changes the status), and the only change since that decision."""
    change = company.status_changes.first()  # newest first
    if change is None or change.to_status != CompanyStatus.SUSPENDED:
        return False
    cause = cases.filter(decided_at__lte=change.changed_at).order_by("-decided_at").first()
    if cause is None:
        return False  # suspended by the office before any case
    return company.status_changes.filter(changed_at__gte=cause.decided_at).count() == 1


def read_case(case: ConductCase, *, actor: Any) -> ViewLevel | None:
    """How much of `case` the actor sees; a board member's read of the contents is a
    sensitive read and goes into the audit log (who read which case, not what it says)."""
    level = view_level(actor, case)
    if level == ViewLevel.FULL:
        log_action(actor=actor, action="conduct_case.read", obj=case)
    return level
