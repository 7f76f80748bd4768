"""Writes on guests: invitations by members, vendor guests, walk-ins and recorded visits.

Every function runs in one transaction, checks the actor's permission and writes the audit
log. The network's visit limit counts a candidate guest's visits attended and coming
(`counted_visits`); an open application lifts it, and vendor guests never count.
Self-registration on the public group page is in `guests_public`.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.admissions.models import (
    Guest,
    GuestKind,
    GuestSource,
    GuestVisit,
    VisitStatus,
)
from verbund.admissions.services.guests_common import (
    add_visit,
    check_coming,
    check_visit_limit,
    guest_data,
    guest_for,
    send_guest_invitation,
)
from verbund.common.audit import log_action
from verbund.common.permissions import require_perm
from verbund.meetings.models import AgendaKind, Meeting
from verbund.meetings.services import add_agenda_item
from verbund.members.models import MEMBER_STATUSES, Person
from verbund.members.services.companies import _create_login, send_invitation
from verbund.network.queries import roles_of


def _person_of(actor: Any) -> Person | None:
    return roles_of(actor).person if actor is not None else None


def _visit_changes(visit: GuestVisit, **extra: Any) -> dict[str, Any]:
    return {"group": visit.group.name, "visited_on": visit.visited_on, **extra}


@transaction.atomic
def invite_guest(
    *,
    data: dict[str, Any],
    meeting: Meeting,
    actor: Any,
    kind: str = GuestKind.CANDIDATE,
    mail: bool = True,
) -> GuestVisit:
    """A member invites a person (no company, no login) to a coming meeting of their group.

    The inviter of a new guest is credited; a known guest (same e-mail) keeps their data
    and their first inviter. Refused past the visit limit, for a past or cancelled meeting
    and for a member's e-mail address. `data["language"]` (de/en) is the mail's language.
    Side effects: the guest and an expected visit, the invitation mail, audit entry.
    """
    require_perm(actor, "admissions.invite_guest", meeting)
    clean = guest_data(data)
    check_coming(meeting)
    inviter = _person_of(actor)
    guest = guest_for(
        clean,
        kind=kind,
        source=GuestSource.INVITED,
        group=meeting.group,
        invited_by=inviter,
        taken_message=_("This e-mail address belongs to a member of the network."),
    )
    check_visit_limit(guest)
    visit = add_visit(guest, meeting, VisitStatus.EXPECTED)
    log_action(actor=actor, action="guest.invite", obj=guest.person, changes=_visit_changes(visit))
    if mail:
        send_guest_invitation(visit, inviter, str(data.get("language") or "de"))
    return visit


@transaction.atomic
def invite_vendor_guest(
    *, data: dict[str, Any], meeting: Meeting, title: str, actor: Any, mail: bool = True
) -> GuestVisit:
    """The moderator, secretary or office invites a vendor guest (e.g. a manufacturer's
    partner manager) to the meeting's vendor slot; vendor visits never count against the
    limit. Side effects: the guest, an expected visit, the agenda's vendor slot, the
    invitation mail, audit entry."""
    require_perm(actor, "admissions.invite_vendor_guest", meeting)
    title = title.strip()
    clean = guest_data(
        data, {"title": _("Please give the vendor slot a title.")} if not title else None
    )
    check_coming(meeting)
    inviter = _person_of(actor)
    guest = guest_for(
        clean,
        kind=GuestKind.VENDOR,
        source=GuestSource.INVITED,
        group=meeting.group,
        invited_by=inviter,
        taken_message=_("This e-mail address belongs to a member of the network."),
    )
    if guest.kind != GuestKind.VENDOR:
        raise ValidationError(
            {
                "email": _(
                    "This e-mail address belongs to a guest who visits as a possible "
                    "candidate; a vendor guest needs an address of their own."
                )
            }
        )
    visit = add_visit(guest, meeting, VisitStatus.EXPECTED)
    # The permission to invite was checked above; the agenda is the system's consequence
    # (the secretary and the office may invite, though only the moderator edits agendas).
    slot = {"kind": AgendaKind.VENDOR, "title": title, "speaker": guest.person}
    add_agenda_item(meeting=meeting, data=slot, actor=None)
    changes = _visit_changes(visit, kind=GuestKind.VENDOR, title=title)
    log_action(actor=actor, action="guest.invite", obj=guest.person, changes=changes)
    if mail:
        send_guest_invitation(visit, inviter, str(data.get("language") or "de"))
    return visit


@transaction.atomic
def add_walk_in(
    *,
    meeting: Meeting,
    data: dict[str, Any],
    actor: Any,
    invited_by: Person | None = None,
) -> GuestVisit:
    """Record a guest who came unannounced (attended: the visit counts, the limit applies).

    `invited_by` credits the member who brought them (the demo's history). Side effects:
    the guest (unless known by e-mail), an attended visit, audit entry.
    """
    require_perm(actor, "admissions.record_guest_visit", meeting)
    clean = guest_data(data)
    if meeting.is_cancelled or meeting.occurrence_date > timezone.localdate():
        raise ValidationError(
            {"meeting": _("A walk-in guest is recorded on the day of the meeting or later.")}
        )
    if invited_by is not None and (
        invited_by.company is None or invited_by.company.status not in MEMBER_STATUSES
    ):
        raise ValidationError({"invited_by": _("Only a member can bring a guest.")})
    guest = guest_for(
        clean,
        kind=GuestKind.CANDIDATE,
        source=GuestSource.INVITED,
        group=meeting.group,
        invited_by=invited_by,
        taken_message=_("This e-mail address belongs to a member of the network."),
    )
    check_visit_limit(guest)
    visit = add_visit(guest, meeting, VisitStatus.ATTENDED)
    log_action(actor=actor, action="guest.walk_in", obj=guest.person, changes=_visit_changes(visit))
    return visit


@transaction.atomic
def record_visit(*, visit: GuestVisit, status: str, actor: Any) -> GuestVisit:
    """The moderator, secretary or office marks a visit attended or no-show (or expected
    again), also after the register is completed. Side effect: audit entry on a change."""
    require_perm(actor, "admissions.record_guest_visit", visit.meeting)
    visit = (
        GuestVisit.objects.select_for_update(of=("self",))
        .select_related("meeting", "group", "guest__person")
        .get(pk=visit.pk)
    )
    if status not in VisitStatus.values:
        raise ValidationError({"status": _("Please choose a status.")})
    if visit.meeting is not None and visit.meeting.is_cancelled:
        raise ValidationError({"status": _("This meeting was cancelled.")})
    if status != VisitStatus.EXPECTED and visit.visited_on > timezone.localdate():
        raise ValidationError(
            {"status": _("A visit is recorded on the day of the meeting or later.")}
        )
    if visit.status != status:
        changes = _visit_changes(visit, status=[visit.status, status])
        log_action(actor=actor, action="guest.visit", obj=visit.guest.person, changes=changes)
        visit.status = status
        visit.save(update_fields=["status"])
    return visit


@transaction.atomic
def give_guest_login(*, guest: Guest, actor: Any, invite: bool = True) -> Guest:
    """The office gives a guest a login (guests get none by default) so that they see the
    meetings they visit. Side effects: the login, the invitation mail, audit entry."""
    require_perm(actor, "admissions.give_guest_login", guest)
    person = guest.person
    if person.user_id is not None:
        raise ValidationError({"guest": _("%(guest)s already has a login.") % {"guest": person}})
    person.user = _create_login(person.email, field="guest")
    person.save(update_fields=["user"])
    log_action(actor=actor, action="guest.login", obj=person)
    if invite:
        send_invitation(person)
    return guest
