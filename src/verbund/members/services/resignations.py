"""A company's resignation (Austritt): given with the network's notice period, withdrawn
before it takes effect, carried out by the periodic job once its last day has passed."""

from __future__ import annotations

import calendar
import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from verbund.accounts.services import end_sessions
from verbund.common.audit import log_action
from verbund.common.permissions import require_perm
from verbund.members.models import SEAT_STATUSES, Company, CompanyStatus, Resignation
from verbund.members.services.companies import change_company_status
from verbund.network.queries import get_network

# Members resign, suspended or not (a candidate withdraws its application instead).
RESIGNABLE = SEAT_STATUSES


def effective_date(today: datetime.date | None = None) -> datetime.date:
    """The last day of membership: the end of the month `resignation_notice_months` on."""
    today = today or timezone.localdate()
    months = today.month - 1 + get_network().resignation_notice_months
    year, month = today.year + months // 12, months % 12 + 1
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def pending_resignation(company: Company) -> Resignation | None:
    """The company's notice that is neither withdrawn nor carried out yet (at most one)."""
    return company.resignations.filter(
        withdrawn_at__isnull=True, carried_out_at__isnull=True
    ).first()


@transaction.atomic
def give_resignation(*, company: Company, reason: str = "", actor: Any) -> Resignation:
    """Give notice for `company` (its company admin or the office); it takes effect after
    its last day, `effective_date()`. Side effect: audit entry (without the reason)."""
    require_perm(actor, "members.give_resignation", company)
    company = Company.objects.select_for_update().get(pk=company.pk)
    if company.status not in RESIGNABLE:
        raise ValidationError(
            {"company": _("%(company)s cannot resign.") % {"company": company.name}}
        )
    if pending_resignation(company) is not None:
        raise ValidationError({"company": _("Notice has already been given for this company.")})
    resignation = Resignation.objects.create(
        company=company,
        given_by=actor if getattr(actor, "is_authenticated", False) else None,
        effective_on=effective_date(),
        reason=reason.strip(),
    )
    log_action(
        actor=actor,
        action="company.resignation",
        obj=company,
        changes={"effective_on": resignation.effective_on},
    )
    return resignation


@transaction.atomic
def withdraw_resignation(*, resignation: Resignation, actor: Any) -> Resignation:
    """Withdraw a notice before it is carried out. Side effect: audit entry."""
    require_perm(actor, "members.give_resignation", resignation.company)
    resignation = Resignation.objects.select_for_update().get(pk=resignation.pk)
    if resignation.withdrawn_at is not None or resignation.carried_out_at is not None:
        raise ValidationError(
            {"resignation": _("This notice has already taken effect or been withdrawn.")}
        )
    resignation.withdrawn_at = timezone.now()
    resignation.save(update_fields=["withdrawn_at"])
    log_action(
        actor=actor,
        action="company.resignation_withdrawn",
        obj=resignation.company,
        changes={"effective_on": resignation.effective_on},
    )
    return resignation


@transaction.atomic
def close_resignation(*, company: Company, actor: Any) -> Resignation | None:
    """Close the company's pending notice because it leaves otherwise (an expulsion by a
    conduct case): it is marked withdrawn so that nothing shows it as pending and the
    periodic job leaves it alone (by the system, within the decision's transaction).
    Returns the closed notice, or None if there was none. Side effect: audit entry."""
    require_perm(actor, "members.give_resignation", company)
    pending = Resignation.objects.select_for_update().filter(
        company=company, withdrawn_at__isnull=True, carried_out_at__isnull=True
    )
    resignation = pending.first()
    if resignation is None:
        return None
    resignation.withdrawn_at = timezone.now()
    resignation.save(update_fields=["withdrawn_at"])
    log_action(
        actor=actor,
        action="company.resignation_closed",
        obj=company,
        changes={"effective_on": resignation.effective_on},
    )
    return resignation


def carry_out_resignations(*, today: datetime.date) -> int:
    """Mark companies as resigned whose notice's last day lies before `today`, and end their
    people's sessions. Idempotent. Returns how many. Side effects: status history, audit."""
    due = Resignation.objects.filter(
        withdrawn_at__isnull=True,
        carried_out_at__isnull=True,
        effective_on__lt=today,
        company__status__in=RESIGNABLE,
    ).order_by("effective_on", "pk")
    return sum(_carry_out(resignation) for resignation in due)


@transaction.atomic
def _carry_out(resignation: Resignation) -> int:
    resignation = (
        Resignation.objects.select_for_update().select_related("company").get(pk=resignation.pk)
    )
    if resignation.carried_out_at is not None or resignation.withdrawn_at is not None:
        return 0
    effective = date_format(resignation.effective_on, "SHORT_DATE_FORMAT")
    change_company_status(
        company=resignation.company,
        status=CompanyStatus.RESIGNED,
        reason=_("Resigned (notice given, member until %(date)s)") % {"date": effective},
        actor=None,
    )
    resignation.carried_out_at = timezone.now()
    resignation.save(update_fields=["carried_out_at"])
    for person in resignation.company.people.filter(user__isnull=False).select_related("user"):
        end_sessions(person.user)
    return 1


def resignation_state(company: Company) -> dict[str, Any]:
    """For the company page: the pending notice, if any, whether notice may be given (the
    company's status allows resigning) and the date a notice given today would take effect
    (2 queries)."""
    return {
        "pending": pending_resignation(company),
        "may_give": company.status in RESIGNABLE,
        "effective_on": effective_date(),
    }
