"""The application's state machine: the one function that moves a stage, and the outcomes."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.accounts.services import end_sessions
from verbund.admissions.models import TRANSITIONS, Application, Stage
from verbund.common.audit import log_action
from verbund.members.models import CompanyStatus
from verbund.members.services import change_company_status, update_company
from verbund.members.services.companies import send_invitation


def lock(application: Application) -> Application:
    """Reload the application under a row lock so concurrent votes and decisions serialise."""
    return Application.objects.select_for_update().select_related("company").get(pk=application.pk)


def move(
    application: Application, stage: str, *, actor: Any, changes: dict[str, Any] | None = None
) -> None:
    """Move `application` to `stage` if TRANSITIONS allows it. Side effect: audit entry."""
    if stage not in TRANSITIONS[application.stage]:
        raise ValidationError(
            {
                "stage": _("An application cannot go from %(old)s to %(new)s.")
                % {"old": application.get_stage_display(), "new": Stage(stage).label}
            }
        )
    old = application.stage
    application.stage = stage
    if stage in (Stage.ADMITTED, Stage.REJECTED, Stage.WITHDRAWN):
        application.decided_at = timezone.now()
    application.save()
    log_action(
        actor=actor,
        action=f"application.{stage}",
        obj=application,
        changes={"stage": [old, stage], **(changes or {})},
    )


@transaction.atomic
def admit(application: Application, *, actor: Any) -> None:
    """Make the candidate an active member of its home group and invite its people.

    The company's status change enforces the network cap and the group's room under a lock;
    when either is full its ValidationError leaves the application in its stage.
    Side effects: status history, invitation mails (on commit), audit entries.
    """
    move(application, Stage.ADMITTED, actor=actor)
    company = application.company
    if company.home_group_id != application.home_group_id:
        # The company joins the group that voted, even if its record was changed meanwhile.
        update_company(company=company, data={"home_group": application.home_group}, actor=None)
    # The vote or the board decided; the status change is the system carrying it out.
    change_company_status(
        company=application.company,
        status=CompanyStatus.ACTIVE,
        reason=_("Admitted (application %(code)s)") % {"code": application.code},
        actor=None,
    )
    for person in application.company.people.filter(user__isnull=False).select_related("user"):
        # Their sessions end: the next login asks for the code of honour before anything else.
        end_sessions(person.user)
        send_invitation(person)


@transaction.atomic
def reject(application: Application, *, actor: Any) -> None:
    """Close the application as rejected; the candidate company stays a candidate on record
    until the retention job removes it. Side effect: audit entry."""
    move(application, Stage.REJECTED, actor=actor)
