"""Writes on applications: submitting, the members' vote, withdrawing.

Every function runs in one transaction, checks the actor's permission, moves the stage only
through `stages.move` (the TRANSITIONS table) and writes the audit log.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from verbund.admissions.models import OPEN_STAGES, Application, Guest, Stage, Vote, VoteChoice
from verbund.admissions.queries import eligible_voters
from verbund.admissions.services.board import open_board_case
from verbund.admissions.services.stages import admit, lock, move, reject
from verbund.common.audit import log_action
from verbund.common.permissions import require_perm
from verbund.meetings.models import Meeting
from verbund.members.models import MEMBER_STATUSES, CompanyStatus, Person
from verbund.members.services import create_company
from verbund.network.models import AdmissionRule, Group, GroupKind
from verbund.network.queries import get_network, roles_of


@transaction.atomic
def submit_application(
    *,
    company_data: dict[str, Any],
    home_group: Group,
    recommended_by: Person | None,
    actor: Any,
    guest: Guest | None = None,
) -> Application:
    """Register a candidate company and its application for `home_group`.

    The office submits for anyone; a member submits the candidate they recommend. A `guest`
    whose company applies is linked to the application (which lifts their visit limit).
    Side effects: the candidate company (status candidate), audit entries.
    """
    require_perm(actor, "admissions.submit_application")
    if guest is not None:
        _check_guest(guest)
    _check_recommender(recommended_by, actor)
    _check_home_group(home_group)
    # The office's permission to create companies is not the member's: the application is
    # what the actor is allowed to do, the company is its consequence.
    data = {**company_data, "status": CompanyStatus.CANDIDATE, "home_group": home_group}
    company = create_company(data=data, actor=None)
    application = Application.objects.create(
        company=company,
        home_group=home_group,
        recommended_by=recommended_by,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    changes = {
        "company": company.name,
        "home_group": home_group.name,
        "recommended_by": recommended_by,
    }
    if guest is not None:
        guest.application = application
        guest.save(update_fields=["application"])
        changes["guest"] = guest.person
    log_action(actor=actor, action="application.submit", obj=application, changes=changes)
    return application


def _check_guest(guest: Guest) -> None:
    """A guest's company applies once at a time: their open application stays linked."""
    locked = Guest.objects.select_for_update(of=("self",)).select_related("application")
    guest = locked.get(pk=guest.pk)
    if guest.application is not None and guest.application.stage in OPEN_STAGES:
        raise ValidationError({"guest": _("This guest's company has already applied.")})


def _check_recommender(recommended_by: Person | None, actor: Any) -> None:
    if recommended_by is None:
        if get_network().recommendation_required:
            raise ValidationError(
                {"recommended_by": _("The network requires a member's recommendation.")}
            )
        return
    company = recommended_by.company
    if company is None or company.status not in MEMBER_STATUSES:
        raise ValidationError(
            {"recommended_by": _("Only a person of an active member company can recommend.")}
        )
    roles = roles_of(actor)
    if actor is not None and not roles.is_office and roles.person != recommended_by:
        raise ValidationError(
            {"recommended_by": _("Members can only submit candidates they recommend themselves.")}
        )


def _check_home_group(group: Group) -> None:
    if group.kind != GroupKind.REGIONAL:
        raise ValidationError({"home_group": _("Only a regional group can be a home group.")})
    if group.is_closed:
        raise ValidationError(
            {"home_group": _("%(group)s is closed to new companies.") % {"group": group.name}}
        )


# A vote takes place at a meeting of the recent past (a register completed after the fact)
# or of the next months; not at one held years ago.
VOTE_MEETINGS_BACK = datetime.timedelta(weeks=8)
VOTE_MEETINGS_AHEAD = datetime.timedelta(weeks=16)


@transaction.atomic
def open_vote(*, application: Application, meeting: Meeting, actor: Any) -> Application:
    """Put the application to the vote at a meeting of its home group.

    Side effect: audit entry.
    """
    require_perm(actor, "admissions.manage_vote", application)
    application = lock(application)
    if meeting.group_id != application.home_group_id or meeting.is_cancelled:
        raise ValidationError(
            {
                "meeting": _("The vote takes place at a meeting of %(group)s.")
                % {"group": application.home_group.name}
            }
        )
    today = timezone.localdate()
    if not today - VOTE_MEETINGS_BACK <= meeting.occurrence_date <= today + VOTE_MEETINGS_AHEAD:
        raise ValidationError(
            {"meeting": _("Choose a meeting from the last eight weeks or the next four months.")}
        )
    application.vote_meeting = meeting
    move(application, Stage.VOTING, actor=actor, changes={"meeting": meeting})
    return application


@transaction.atomic
def cast_vote(
    *, application: Application, person: Person, choice: str, reason: str = "", actor: Any
) -> Vote:
    """Record `person`'s vote; a second vote by the same person returns the first unchanged.

    Side effect: audit entry (naming the voter, not the choice or the reason: the office
    reads the log, and veto reasons are for the board).
    """
    _check_voter_is_actor(person, actor)
    application = lock(application)
    existing = application.votes.filter(person=person).first()
    if existing is not None:
        return existing
    if application.stage != Stage.VOTING:
        raise ValidationError({"application": _("This application is not being voted on.")})
    if not eligible_voters(application).filter(pk=person.pk).exists():
        raise ValidationError(
            {"person": _("%(person)s may not vote on this application.") % {"person": person}}
        )
    reason = reason.strip()
    if choice == VoteChoice.VETO and not reason:
        raise ValidationError({"reason": _("A veto needs a reason (only the board reads it).")})
    vote = Vote(
        application=application,
        person=person,
        choice=choice,
        reason=reason if choice == VoteChoice.VETO else "",
    )
    vote.full_clean()
    vote.save()
    log_action(actor=actor, action="application.vote", obj=application, changes={"person": person})
    return vote


def _check_voter_is_actor(person: Person, actor: Any) -> None:
    """Everyone casts their own vote: nobody else may enter a veto or its reason."""
    if actor is None:
        return
    if roles_of(actor).person != person:
        raise ValidationError({"person": _("You can only cast your own vote.")})


@transaction.atomic
def close_vote(*, application: Application, actor: Any, mail: bool = True) -> Application:
    """Count the votes and carry out the result under the network's admission rule.

    Side effects: admission (invitations), a board case (mail to the board, unless `mail`
    is False) or rejection; audit entries. Refused while the result is not yet clear.
    """
    require_perm(actor, "admissions.manage_vote", application)
    application = lock(application)
    if application.stage != Stage.VOTING:
        raise ValidationError({"application": _("This application is not being voted on.")})
    application.vote_closed_at = timezone.now()
    outcome = _result(application)
    if outcome == Stage.BOARD:
        move(application, Stage.BOARD, actor=actor)
        open_board_case(application, actor=actor, mail=mail)
    elif outcome == Stage.ADMITTED:
        admit(application, actor=actor)
    else:
        reject(application, actor=actor)
    return application


def _result(application: Application) -> str:
    """The one place that turns votes into an outcome (a stage), or refuses to close."""
    choices = list(application.votes.values_list("choice", flat=True))
    vetoed = VoteChoice.VETO in choices
    if not choices:
        raise ValidationError({"application": _("Nobody has voted yet.")})
    if get_network().admission_rule == AdmissionRule.ALL_MEMBERS:
        if vetoed:
            return Stage.REJECTED
        missing = eligible_voters(application).exclude(votes__application=application).count()
        if missing:
            raise ValidationError(
                {
                    "application": ngettext(
                        "%(count)d member has not voted yet.",
                        "%(count)d members have not voted yet.",
                        missing,
                    )
                    % {"count": missing}
                }
            )
        return Stage.ADMITTED
    return Stage.BOARD if vetoed else Stage.ADMITTED


@transaction.atomic
def withdraw_application(*, application: Application, actor: Any) -> Application:
    """Withdraw an open application (the candidate changed their mind). Side effect: audit."""
    require_perm(actor, "admissions.withdraw_application", application)
    application = lock(application)
    move(application, Stage.WITHDRAWN, actor=actor)
    return application
