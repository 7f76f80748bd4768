"""Writes on one-to-ones: requesting, answering, cancelling and recording one as held.

Every function runs in one transaction, checks the actor's permission, changes the status only
through `_move` (the ONE_TO_ONE_TRANSITIONS table) under a row lock and writes the audit log.
The audit log holds the code and the status only: who meets whom, when, the message and the
note are the two people's alone.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.common.audit import log_action
from verbund.common.mail import queue_mail
from verbund.common.permissions import require_perm
from verbund.members.models import MEMBER_STATUSES, Person
from verbund.network.queries import get_network, roles_of
from verbund.referrals.models import ONE_TO_ONE_TRANSITIONS, OneToOneMeeting, OneToOneStatus

OPEN_ONE_TO_ONE = (OneToOneStatus.REQUESTED, OneToOneStatus.ACCEPTED)


@transaction.atomic
def request_one_to_one(
    *,
    partner: Person,
    proposed_for: datetime.datetime | None = None,
    message: str = "",
    actor: Any,
    requested_by: Person | None = None,
    mail: bool = True,
) -> OneToOneMeeting:
    """The actor (a member) asks `partner`, a person of another member company, for a
    one-to-one. `requested_by` is for the system (demo data) alone; a user requests for
    themself. Side effects: audit entry; unless `mail` is False, a mail to the partner.
    """
    require_perm(actor, "referrals.request_one_to_one")
    requester = _requester(requested_by, actor)
    _check_people(requester, partner)
    # Lock both people's rows in a fixed order so two crossing requests cannot both pass
    # the duplicate check.
    list(
        Person.objects.select_for_update().filter(pk__in=[requester.pk, partner.pk]).order_by("pk")
    )
    if _open_between(requester, partner).exists():
        raise ValidationError(
            {
                "partner": _("You already have an open one-to-one with %(person)s.")
                % {"person": partner.full_name}
            }
        )
    one_to_one = OneToOneMeeting.objects.create(
        requested_by=requester, partner=partner, proposed_for=proposed_for, message=message
    )
    log_action(
        actor=actor,
        action="one_to_one.request",
        obj=one_to_one,
        changes={"status": one_to_one.status},
    )
    if mail:
        _mail_partner(one_to_one)
    return one_to_one


def _requester(requested_by: Person | None, actor: Any) -> Person:
    if actor is None:
        if requested_by is None:
            raise ValidationError({"requested_by": _("Name who requests the one-to-one.")})
        return requested_by
    person = roles_of(actor).person
    if requested_by is not None and requested_by != person:
        raise ValidationError({"requested_by": _("You can only request one-to-ones yourself.")})
    return person


def _check_people(requester: Person, partner: Person) -> None:
    for person in (requester, partner):
        if person.company is None or person.company.status not in MEMBER_STATUSES:
            raise ValidationError(
                {"partner": _("One-to-ones are between people of active member companies.")}
            )
    if requester.company_id == partner.company_id:
        raise ValidationError(
            {"partner": _("Colleagues of the same company do not need a one-to-one.")}
        )


def _open_between(one: Person, other: Person):
    pair = Q(requested_by=one, partner=other) | Q(requested_by=other, partner=one)
    return OneToOneMeeting.objects.filter(pair, status__in=OPEN_ONE_TO_ONE)


def _mail_partner(one_to_one: OneToOneMeeting) -> None:
    """Tell the partner in their language; the mail names the requester and links the page,
    the message stays in Verbund."""
    partner = one_to_one.partner
    user = partner.user
    address = user.email if user is not None else partner.email
    if not address:
        return
    queue_mail(
        to=address,
        template="referrals/mail/one_to_one_request",
        language=user.language if user is not None else "de",
        context={
            "one_to_one": one_to_one,
            "partner": partner,
            "requester": one_to_one.requested_by,
            "path": reverse("referrals:one_to_one_detail", args=[one_to_one.code]),
            "network": get_network(),
        },
    )


def _lock(one_to_one: OneToOneMeeting) -> OneToOneMeeting:
    return (
        OneToOneMeeting.objects.select_for_update(of=("self",))
        .select_related("requested_by", "partner")
        .get(pk=one_to_one.pk)
    )


def _move(one_to_one: OneToOneMeeting, status: str, *, actor: Any) -> OneToOneMeeting:
    """The one place the status changes: refused unless the table allows the step."""
    if status not in ONE_TO_ONE_TRANSITIONS[one_to_one.status]:
        raise ValidationError(
            {
                "status": _("A one-to-one that is %(status)s cannot become %(new)s.")
                % {
                    "status": one_to_one.get_status_display(),
                    "new": OneToOneStatus(status).label,
                }
            }
        )
    old = one_to_one.status
    one_to_one.status = status
    one_to_one.save()
    log_action(
        actor=actor,
        action=f"one_to_one.{status}",
        obj=one_to_one,
        changes={"status": [old, status]},
    )
    return one_to_one


@transaction.atomic
def answer_one_to_one(*, one_to_one: OneToOneMeeting, accept: bool, actor: Any) -> OneToOneMeeting:
    """The partner accepts or declines a requested one-to-one. Side effect: audit entry."""
    require_perm(actor, "referrals.answer_one_to_one", one_to_one)
    one_to_one = _lock(one_to_one)
    status = OneToOneStatus.ACCEPTED if accept else OneToOneStatus.DECLINED
    return _move(one_to_one, status, actor=actor)


@transaction.atomic
def cancel_one_to_one(*, one_to_one: OneToOneMeeting, actor: Any) -> OneToOneMeeting:
    """Either person calls off an open one-to-one. Side effect: audit entry."""
    require_perm(actor, "referrals.change_one_to_one", one_to_one)
    one_to_one = _lock(one_to_one)
    return _move(one_to_one, OneToOneStatus.CANCELLED, actor=actor)


@transaction.atomic
def record_held(
    *, one_to_one: OneToOneMeeting, held_on: datetime.date, note: str = "", actor: Any
) -> OneToOneMeeting:
    """Either person records an accepted one-to-one as held, with a note both of them see.

    Side effect: audit entry (the status only: neither the date nor the note).
    """
    require_perm(actor, "referrals.change_one_to_one", one_to_one)
    one_to_one = _lock(one_to_one)
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("A one-to-one cannot be held in the future.")})
    one_to_one.held_on = held_on
    one_to_one.note = note
    return _move(one_to_one, OneToOneStatus.HELD, actor=actor)
