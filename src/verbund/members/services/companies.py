"""Writes on companies and people.

Every function runs in one transaction, checks the actor's permission, writes the audit log
and queues its e-mails for after the commit.
"""

from __future__ import annotations

from typing import Any

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.common.audit import apply_changes, log_action
from verbund.common.mail import queue_mail
from verbund.common.permissions import require_perm
from verbund.directory.services import reindex_company
from verbund.members.models import (
    SEAT_STATUSES,
    STATUS_TRANSITIONS,
    Company,
    CompanyStatus,
    CompanyStatusChange,
    Person,
)
from verbund.network.models import Group, GroupKind, Network
from verbund.network.queries import get_network

COMPANY_PROFILE_FIELDS = {
    "name",
    "street",
    "postal_code",
    "city",
    "region",
    "website",
    "description",
    "employees",
}
COMPANY_SETTINGS_FIELDS = {"status", "home_group", "member_since", "external_key"}  # office only
PERSON_PROFILE_FIELDS = {
    "first_name",
    "last_name",
    "function",
    "email",
    "email_visibility",
    "phone",
    "phone_visibility",
    "mobile",
    "mobile_visibility",
    "languages",
    "expertise",
    "photo",
}
PERSON_OFFICE_FIELDS = {"is_company_admin", "company"}


def lock_network() -> Network:
    # Serialises every change that takes a place under the cap (select_for_update on PostgreSQL;
    # SQLite's IMMEDIATE transactions already serialise writers).
    get_network()
    return Network.objects.select_for_update().order_by("pk").first()  # type: ignore[return-value]


def _check_network_cap(company: Company) -> None:
    network = lock_network()
    if network.member_cap is None:
        return
    taken = Company.objects.filter(status__in=SEAT_STATUSES).exclude(pk=company.pk).count()
    if taken >= network.member_cap:
        raise ValidationError(
            {
                "status": _("The network is full: all %(cap)d places are taken.")
                % {"cap": network.member_cap}
            }
        )


def _check_group_room(company: Company, group: Group | None) -> None:
    """A company may take a home group only if it is regional, open and has room."""
    if group is None:
        return
    group = Group.objects.select_for_update().get(pk=group.pk)
    if group.kind != GroupKind.REGIONAL:
        raise ValidationError({"home_group": _("Only a regional group can be a home group.")})
    if group.is_closed:
        raise ValidationError(
            {"home_group": _("%(group)s is closed to new companies.") % {"group": group.name}}
        )
    if group.capacity is None:
        return
    taken = group.home_companies.filter(status__in=SEAT_STATUSES).exclude(pk=company.pk).count()
    if taken >= group.capacity:
        raise ValidationError(
            {
                "home_group": _("%(group)s is full (%(capacity)d companies).")
                % {"group": group.name, "capacity": group.capacity}
            }
        )


def _takes_seat(company: Company, status: str, home_group: Group | None) -> bool:
    """Whether the change makes the company take a place it did not hold before."""
    return status in SEAT_STATUSES and (
        company.pk is None
        or company.status not in SEAT_STATUSES
        or company.home_group_id != getattr(home_group, "pk", None)
    )


@transaction.atomic
def create_company(*, data: dict[str, Any], actor: Any) -> Company:
    """Create a company (an existing member or a candidate), enforcing cap and group room.

    Side effects: first status-history entry, audit entry.
    """
    require_perm(actor, "members.add_company")
    company = Company(**data)
    company.full_clean()
    if company.status in SEAT_STATUSES:
        _check_network_cap(company)
        _check_group_room(company, company.home_group)
    company.save()
    CompanyStatusChange.objects.create(
        company=company, from_status="", to_status=company.status, changed_by=_user(actor)
    )
    reindex_company(company)
    log_action(actor=actor, action="company.create", obj=company, changes=_public(data))
    return company


@transaction.atomic
def update_company(*, company: Company, data: dict[str, Any], actor: Any) -> Company:
    """Change a company's profile; status goes through `change_company_status` only.

    The office changes everything but the revenue; a company admin changes the profile and
    the revenue of their own company. Side effect: audit entry (revenue changes unlogged
    in value: the log is readable by the office, which must not see revenue).
    """
    require_perm(actor, "members.change_company", company)
    if "status" in data:
        raise ValidationError({"status": _("Use the status change to change the status.")})
    if set(data) & COMPANY_SETTINGS_FIELDS:
        require_perm(actor, "members.change_company_status", company)
    if "annual_revenue" in data:
        require_perm(actor, "members.change_company_revenue", company)
    home_group = data.get("home_group", company.home_group)
    if "home_group" in data and _takes_seat(company, company.status, home_group):
        _check_group_room(company, home_group)
    apply_changes(
        instance=company,
        data=data,
        actor=actor,
        action="company.update",
        allowed=COMPANY_PROFILE_FIELDS | COMPANY_SETTINGS_FIELDS | {"annual_revenue"},
        redact=("annual_revenue",),
    )
    reindex_company(company)
    return company


@transaction.atomic
def change_company_status(
    *, company: Company, status: str, reason: str = "", actor: Any
) -> CompanyStatusChange:
    """Move a company to `status` if the transition table allows it and a place is free.

    Side effects: status-history entry, audit entry.
    """
    require_perm(actor, "members.change_company_status", company)
    company = Company.objects.select_for_update().get(pk=company.pk)
    if status not in STATUS_TRANSITIONS[company.status]:
        raise ValidationError(
            {
                "status": _("A company cannot go from %(old)s to %(new)s.")
                % {"old": company.get_status_display(), "new": CompanyStatus(status).label}
            }
        )
    if _takes_seat(company, status, company.home_group):
        _check_network_cap(company)
        _check_group_room(company, company.home_group)
    change = CompanyStatusChange.objects.create(
        company=company,
        from_status=company.status,
        to_status=status,
        reason=reason,
        changed_by=_user(actor),
    )
    log_action(
        actor=actor,
        action="company.status",
        obj=company,
        changes={"status": [company.status, status], "reason": reason},
    )
    company.status = status
    if status == CompanyStatus.ACTIVE and company.member_since is None:
        company.member_since = timezone.localdate()
    company.save(update_fields=["status", "member_since"])
    return change


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _public(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key != "annual_revenue"}


@transaction.atomic
def create_person(
    *, data: dict[str, Any], actor: Any, login_email: str = "", invite: bool = True
) -> Person:
    """Create a person; with `login_email` also a login, invited by e-mail to set a password.

    Side effects: user and verified e-mail address, invitation mail, audit entry.
    """
    require_perm(actor, "members.add_person")
    person = Person(**data)
    person.full_clean()
    if login_email:
        person.user = _create_login(login_email, field="login_email")
    person.save()
    log_action(
        actor=actor,
        action="person.create",
        obj=person,
        changes={**data, "login_email": login_email},
    )
    if login_email and invite:
        send_invitation(person)
    if person.company_id is not None:
        reindex_company(person.company)
    return person


def _create_login(email: str, *, field: str) -> Any:
    user_model = get_user_model()
    email = email.strip().lower()
    if user_model.objects.filter(email__iexact=email).exists():
        raise ValidationError({field: _("A login with this e-mail address already exists.")})
    user = user_model.objects.create_user(email=email, password=None)
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    return user


def send_invitation(person: Person) -> None:
    """E-mail the person a link to set their password (also used when a candidate company
    is admitted)."""
    user = person.user
    assert user is not None  # only people with a login are invited
    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    queue_mail(
        to=user.email,
        template="members/mail/invitation",
        language=user.language,
        context={"person": person, "network": get_network(), "path": path},
    )


@transaction.atomic
def update_person(*, person: Person, data: dict[str, Any], actor: Any) -> Person:
    """Change a person's profile; only the office grants company-admin rights.

    Side effect: audit entry.
    """
    require_perm(actor, "members.change_person", person)
    if "is_company_admin" in data or "company" in data:
        require_perm(actor, "members.change_person_admin", person)
    apply_changes(
        instance=person,
        data=data,
        actor=actor,
        action="person.update",
        allowed=PERSON_PROFILE_FIELDS | PERSON_OFFICE_FIELDS,
    )
    if person.company_id is not None:
        reindex_company(person.company)
    return person
