"""The retention run: pseudonymise guests and rejected or withdrawn candidates after the
network's retention period (`Network.retention_months`, SPEC 10 "retention jobs").

Pseudonymised, not deleted: the rows stay, so visits, applications and votes still count in
the pipeline and the registers, but no name, contact data or free text about the person or
candidate is left — in the audit log neither: older entries about a pseudonymised person,
company or application keep who did what when, but name only the pseudonym. Running it again
changes nothing (each row carries `pseudonymised_at`).
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import models, transaction
from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone, translation
from django.utils.translation import ngettext, pgettext

from verbund.accounts.models import ApiToken
from verbund.accounts.services import end_sessions
from verbund.admissions.models import OPEN_STAGES, Application, Guest, Stage
from verbund.common.audit import log_action
from verbund.common.models import AuditEntry
from verbund.common.permissions import require_perm
from verbund.directory.services import reindex_company
from verbund.members.models import Company, CompanyStatus, Person
from verbund.network.models import GroupRole, NetworkRole, current_term
from verbund.network.queries import get_network

# Outcomes whose candidate data goes after the period; an admitted company is a member.
CLOSED_UNSUCCESSFUL = (Stage.REJECTED, Stage.WITHDRAWN)
# What an older audit entry about a pseudonymised object keeps of its change.
AUDIT_CLEARED = {"pseudonymised": True}
PERSON_CLEARED = ("function", "email", "phone", "mobile", "languages", "expertise")
COMPANY_CLEARED = ("external_key", "street", "postal_code", "city", "region", "website")


@dataclass(frozen=True)
class RetentionResult:
    """How many guests and applications this run pseudonymised."""

    guests: int
    applications: int

    def __str__(self) -> str:
        guests = ngettext("%(count)d guest", "%(count)d guests", self.guests) % {
            "count": self.guests
        }
        applications = ngettext(
            "%(count)d application", "%(count)d applications", self.applications
        ) % {"count": self.applications}
        return pgettext("retention", "%(guests)s, %(applications)s pseudonymised") % {
            "guests": guests,
            "applications": applications,
        }


def months_before(day: datetime.date, months: int) -> datetime.date:
    """`day` moved back by `months` calendar months (the 31st becomes the month's last day)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


def _local_date(field: str) -> TruncDate:
    """The day of a moment in the network's time zone (Europe/Berlin)."""
    return TruncDate(field, tzinfo=timezone.get_default_timezone())


def _open_application(company_ref: str) -> Exists:
    return Exists(
        Application.objects.filter(company_id=OuterRef(company_ref), stage__in=OPEN_STAGES)
    )


def _holds_role(person_ref: str, today: datetime.date) -> Q:
    """The person holds a network role (office, board) or a group role on `today`."""
    return Q(
        Exists(NetworkRole.objects.filter(current_term(today), person_id=OuterRef(person_ref)))
    ) | Q(Exists(GroupRole.objects.filter(current_term(today), person_id=OuterRef(person_ref))))


def guests_due(cutoff: datetime.date, today: datetime.date) -> QuerySet[Guest]:
    """Guests whose last visit (or registration, without visits) lies before `cutoff`.

    Kept: guests whose application or company's application is open, guests who are (now)
    people of a company other than a candidate, i.e. members or former members, and guests
    who now hold a role (staff of the office, board, moderators: never locked out).
    """
    guests = Guest.objects.filter(pseudonymised_at__isnull=True).annotate(
        last_seen=Coalesce(Max("visits__visited_on"), _local_date("created_at"))
    )
    return (
        guests.filter(last_seen__lt=cutoff)
        .filter(
            Q(person__company__isnull=True) | Q(person__company__status=CompanyStatus.CANDIDATE)
        )
        .exclude(application__stage__in=OPEN_STAGES)
        .exclude(_open_application("person__company_id"))
        .exclude(_holds_role("person_id", today))
    )


def applications_due(cutoff: datetime.date) -> QuerySet[Application]:
    """Rejected and withdrawn applications decided before `cutoff`; not while the company
    has another application open (its people are candidates again)."""
    decided = Application.objects.filter(
        pseudonymised_at__isnull=True, stage__in=CLOSED_UNSUCCESSFUL, decided_at__isnull=False
    ).annotate(decided_on=_local_date("decided_at"))
    return decided.filter(decided_on__lt=cutoff).exclude(_open_application("company_id"))


def _decided_recently(company: Company, cutoff: datetime.date) -> bool:
    """Whether one of the company's unsuccessful applications was decided on or after
    `cutoff`, i.e. is still within the period."""
    decided = Application.objects.filter(
        company=company, stage__in=CLOSED_UNSUCCESSFUL, decided_at__isnull=False
    ).annotate(decided_on=_local_date("decided_at"))
    return decided.filter(decided_on__gte=cutoff).exists()


@transaction.atomic
def apply_retention(*, today: datetime.date | None = None, actor: Any = None) -> RetentionResult:
    """Pseudonymise every guest and unsuccessful application past the retention period.

    Idempotent: what is pseudonymised is not touched again. Side effects: names, contact
    data and free texts replaced or cleared; logins deactivated, their e-mail addresses
    released (they may register again); search documents rebuilt; one audit entry per
    guest and per application, naming neither the person nor the company.
    """
    require_perm(actor, "admissions.apply_retention")
    network = get_network()
    today = today or timezone.localdate()
    run = _Run(
        today=today,
        cutoff=months_before(today, network.retention_months),
        now=timezone.now(),
        months=network.retention_months,
        actor=actor,
    )
    # The network's language names the pseudonyms ("Gelöschter Gast …"): they are data.
    with translation.override(settings.LANGUAGE_CODE):
        guests = _pseudonymise_guests(run)
        applications = _pseudonymise_applications(run)
    return RetentionResult(guests=guests, applications=applications)


@dataclass(frozen=True)
class _Run:
    """One retention run: its day, the cut-off, its moment, the period and who runs it."""

    today: datetime.date
    cutoff: datetime.date
    now: datetime.datetime
    months: int
    actor: Any


def _pseudonymise_guests(run: _Run) -> int:
    due = list(guests_due(run.cutoff, run.today).values_list("pk", flat=True))
    # Locked and checked again: a second run at the same moment skips what this one does.
    guests = Guest.objects.select_for_update(of=("self",)).filter(
        pk__in=due, pseudonymised_at__isnull=True
    )
    count = 0
    for guest in guests.select_related("person__user", "application").order_by("pk"):
        pseudonymise_person(guest.person, pgettext("pseudonym", "Guest %(code)s"))
        guest.company_name = ""
        guest.pseudonymised_at = run.now
        guest.save(update_fields=["company_name", "pseudonymised_at"])
        if guest.application is not None:
            _rename_guest_in_audit(guest.application, guest.person)
        log_action(
            actor=run.actor,
            action="guest.pseudonymise",
            obj=guest.person,
            changes={"retention_months": run.months},
        )
        count += 1
    return count


def _pseudonymise_applications(run: _Run) -> int:
    due = list(applications_due(run.cutoff).values_list("pk", flat=True))
    applications = Application.objects.select_for_update(of=("self",)).filter(
        pk__in=due, pseudonymised_at__isnull=True
    )
    count = 0
    for application in applications.select_related("company").order_by("pk"):
        people = _pseudonymise_candidate(application.company, run)
        application.votes.update(reason="")
        if hasattr(application, "board_case"):
            # The board's rationale for a rejection names the candidate as the vetoes do.
            application.board_case.rationale = ""
            application.board_case.save(update_fields=["rationale"])
        application.note = ""
        application.pseudonymised_at = run.now
        application.save(update_fields=["note", "pseudonymised_at"])
        clear_audit(application)
        log_action(
            actor=run.actor,
            action="application.pseudonymise",
            obj=application,
            changes={"retention_months": run.months, "people": people},
        )
        count += 1
    return count


def _pseudonymise_candidate(company: Company, run: _Run) -> int:
    """Clear a candidate company and its people; returns how many people were cleared.

    A company that is (or was) a member, or was admitted by another application, keeps its
    data: only the unsuccessful application's own texts go. So does a candidate while any
    of its unsuccessful applications was decided within the period: the company goes with
    its last one. People who now hold a role are never pseudonymised.
    """
    if (
        company.status != CompanyStatus.CANDIDATE
        or company.applications.filter(stage=Stage.ADMITTED).exists()
        or _decided_recently(company, run.cutoff)
    ):
        return 0
    company.name = pgettext("pseudonym", "Deleted candidate %(code)s") % {"code": company.code}
    for field in COMPANY_CLEARED:
        setattr(company, field, "")
    company.description = ""
    company.employees = None
    company.annual_revenue = None
    company.public_finder = False
    company.save()
    company.offerings.all().delete()
    clear_audit(company)
    # Its earlier applications are logged under the company's name too.
    for application in company.applications.all():
        clear_audit(application)
    people = company.people.select_related("user").exclude(_holds_role("pk", run.today))
    for person in people:
        pseudonymise_person(person, pgettext("pseudonym", "Candidate %(code)s"))
    reindex_company(company)
    return len(people)


def pseudonymise_person(person: Person, last_name: str) -> None:
    """Replace a person's name, clear their contact data and close their login.

    `last_name` has a `%(code)s` for the person's code, so pseudonyms stay told apart.
    """
    person.first_name = pgettext("pseudonym", "Deleted")
    person.last_name = last_name % {"code": person.code}
    for field in PERSON_CLEARED:
        setattr(person, field, "")
    person.is_company_admin = False
    if person.photo:
        name, storage = person.photo.name, person.photo.storage
        # The file goes only once the change is committed.
        transaction.on_commit(lambda: storage.delete(name))
        person.photo = ""
    person.save()
    clear_audit(person)
    if person.user is not None:
        _close_login(person.user)


def _audit_of(obj: models.Model) -> QuerySet[AuditEntry]:
    """The entries about `obj`, found as `log_action` files them (by code where it has one)."""
    return AuditEntry.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(getattr(obj, "code", obj.pk))
    )


def clear_audit(obj: models.Model) -> None:
    """Let the older entries about a pseudonymised object name only its pseudonym.

    Action, actor and time stay (who did what when); the change, which may hold names,
    addresses or websites, goes. The retention run's own entries hold none: they keep theirs.
    """
    entries = _audit_of(obj)
    entries.update(object_repr=str(obj)[:255])
    entries.exclude(action__endswith=".pseudonymise").update(changes=AUDIT_CLEARED)


def _rename_guest_in_audit(application: Application, person: Person) -> None:
    """An application submitted with a guest names the guest in its entry; the application
    itself may stay for longer (decided later), so only the name is replaced there."""
    for entry in _audit_of(application).filter(changes__has_key="guest"):
        entry.changes["guest"] = str(person)
        entry.save(update_fields=["changes"])


def _close_login(user: Any) -> None:
    """Deactivate the login and free its e-mail address for a new registration."""
    end_sessions(user)
    EmailAddress.objects.filter(user=user).delete()
    ApiToken.objects.filter(user=user).delete()
    user.email = f"pseudonymised-{user.pk}@deleted.invalid"  # .invalid: never deliverable
    user.first_name = user.last_name = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    # The entries they wrote stay theirs (the actor), shown without the old address.
    clear_audit(user)
    AuditEntry.objects.filter(actor=user).update(actor_repr=user.email)
