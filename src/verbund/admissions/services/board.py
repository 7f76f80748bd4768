"""Writes on board cases: opening one after a veto, the board's votes and its decision."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.admissions.models import (
    Application,
    BoardCase,
    BoardDecision,
    BoardVote,
    Stage,
    Vote,
    VoteChoice,
)
from verbund.admissions.queries import board_members, conflicted_company_ids
from verbund.admissions.services.stages import admit, lock, reject
from verbund.common.audit import log_action
from verbund.common.mail import queue_mail
from verbund.common.permissions import require_perm
from verbund.members.models import Person
from verbund.network.queries import get_network, roles_of


def read_veto_reasons(application: Application, *, actor: Any) -> list[Vote]:
    """The vetoes with who cast them and why: the board's eyes only, and a sensitive read, so
    each read that shows a reason is in the audit log (who read, how many vetoes, not what)."""
    require_perm(actor, "admissions.view_veto_reasons", application)
    vetoes = list(application.votes.filter(choice=VoteChoice.VETO).select_related("person"))
    if vetoes:
        log_action(
            actor=actor,
            action="application.veto_reasons_read",
            obj=application,
            changes={"vetoes": len(vetoes)},
        )
    return vetoes


def open_board_case(application: Application, *, actor: Any, mail: bool = True) -> BoardCase:
    """Hand a vetoed application to the board (called by `close_vote` in its transaction).

    Side effects: audit entry; unless `mail` is False (the demo's history), a mail to each
    board member that names neither the vetoing member nor the reason (mail leaves the
    system: the board reads those in Verbund).
    """
    case = BoardCase.objects.create(application=application)
    log_action(actor=actor, action="application.board_case", obj=application)
    if not mail:
        return case
    network = get_network()
    for person in board_members().filter(user__isnull=False).select_related("user"):
        user = person.user
        assert user is not None  # filtered above
        queue_mail(
            to=user.email,
            template="admissions/mail/board_case",
            language=user.language,
            context={"person": person, "application": application, "network": network},
        )
    return case


def _lock_case(case: BoardCase) -> BoardCase:
    application = lock(case.application)
    case = BoardCase.objects.select_for_update().get(pk=case.pk)
    case.application = application
    return case


def _check_open(case: BoardCase) -> None:
    if case.decision or case.application.stage != Stage.BOARD:
        raise ValidationError({"case": _("The board has already decided this case.")})


@transaction.atomic
def cast_board_vote(*, case: BoardCase, person: Person, choice: str, actor: Any) -> BoardVote:
    """Record a board member's vote; a second vote returns the first unchanged.

    Board members from the candidate's company or from a vetoing member's company abstain.
    Side effect: audit entry.
    """
    require_perm(actor, "admissions.decide_board_case", case)
    if actor is not None and roles_of(actor).person != person:
        raise ValidationError({"person": _("You can only cast your own vote.")})
    case = _lock_case(case)
    existing = case.votes.filter(person=person).first()
    if existing is not None:
        return existing
    _check_open(case)
    if not board_members().filter(pk=person.pk).exists():
        raise ValidationError({"person": _("Only members of the advisory board vote here.")})
    if person.company_id in conflicted_company_ids(case):
        raise ValidationError(
            {"person": _("You have a conflict of interest in this case and abstain.")}
        )
    vote = BoardVote(case=case, person=person, choice=choice)
    vote.full_clean()
    vote.save()
    # Who voted, not how: the office reads the audit log, the board's votes are its own.
    changes = {"person": person}
    log_action(actor=actor, action="application.board_vote", obj=case.application, changes=changes)
    return vote


@transaction.atomic
def decide_board_case(*, case: BoardCase, decision: str, rationale: str, actor: Any) -> BoardCase:
    """Record the board's decision, which must be the majority of at least a quorum of votes.

    Side effects: admission (invitations) or rejection; audit entries.
    """
    require_perm(actor, "admissions.decide_board_case", case)
    case = _lock_case(case)
    _check_open(case)
    deciding = roles_of(actor).person if actor is not None else None
    if deciding is not None and deciding.company_id in conflicted_company_ids(case):
        raise ValidationError(
            {"decision": _("You have a conflict of interest in this case and abstain.")}
        )
    rationale = rationale.strip()
    if not rationale:
        raise ValidationError({"rationale": _("Please write down the board's rationale.")})
    _check_majority(case, decision)
    case.decision = decision
    case.rationale = rationale
    case.decided_by = roles_of(actor).person
    case.decided_at = timezone.now()
    case.full_clean()
    case.save()
    if decision == BoardDecision.ADMIT:
        admit(case.application, actor=actor)
    else:
        reject(case.application, actor=actor)
    return case


def _check_majority(case: BoardCase, decision: str) -> None:
    counts = Counter(case.votes.values_list("choice", flat=True))
    quorum = get_network().board_quorum
    total = sum(counts.values())
    if total < quorum:
        raise ValidationError(
            {
                "decision": _("The board needs %(quorum)d votes to decide; %(total)d cast so far.")
                % {"quorum": quorum, "total": total}
            }
        )
    admit_votes, reject_votes = counts[BoardDecision.ADMIT], counts[BoardDecision.REJECT]
    if admit_votes == reject_votes:
        raise ValidationError({"decision": _("The board's votes are tied; it cannot decide yet.")})
    majority = BoardDecision.ADMIT if admit_votes > reject_votes else BoardDecision.REJECT
    if decision != majority:
        raise ValidationError(
            {
                "decision": _("The decision must follow the board's majority: %(majority)s.")
                % {"majority": BoardDecision(majority).label}
            }
        )
