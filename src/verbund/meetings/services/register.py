"""RSVPs, the attendance register (draft → completed → reopened) and self check-in."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.common.audit import log_action
from verbund.common.codes import new_code
from verbund.common.permissions import require_perm
from verbund.meetings.models import (
    REGISTER_TRANSITIONS,
    AttendanceRecord,
    AttendanceStatus,
    Meeting,
    RegisterState,
    Rsvp,
    RsvpAnswer,
)
from verbund.meetings.queries import register_people

# Check-in opens half an hour before the start and closes at the end.
CHECKIN_EARLY = datetime.timedelta(minutes=30)


def _person_of(actor: Any) -> Any:
    person = getattr(actor, "person", None)
    if person is None:
        raise PermissionDenied
    return person


@transaction.atomic
def set_rsvp(*, meeting: Meeting, answer: str, note: str = "", actor: Any) -> Rsvp:
    """Answer for oneself whether one attends; refused once the meeting has begun.

    Side effect: audit entry.
    """
    require_perm(actor, "meetings.rsvp", meeting)
    if answer not in RsvpAnswer.values:
        raise ValidationError({"answer": _("Please answer yes or send your apologies.")})
    if meeting.is_cancelled or meeting.starts_at <= timezone.now():
        raise ValidationError({"answer": _("This meeting takes no more answers.")})
    rsvp, _created = Rsvp.objects.update_or_create(
        meeting=meeting, person=_person_of(actor), defaults={"answer": answer, "note": note[:300]}
    )
    log_action(actor=actor, action="meeting.rsvp", obj=meeting, changes={"answer": answer})
    return rsvp


def _check_open(meeting: Meeting) -> None:
    if meeting.register_state != RegisterState.DRAFT:
        raise ValidationError({"status": _("The register is completed; reopen it to change it.")})
    if meeting.is_cancelled:
        raise ValidationError({"status": _("This meeting was cancelled.")})


def _check_on_register(meeting: Meeting, person: Any) -> None:
    if not register_people(meeting).filter(pk=person.pk).exists():
        raise ValidationError(
            {"person": _("%(person)s is not on this group's register.") % {"person": person}}
        )


@transaction.atomic
def record_attendance(
    *, meeting: Meeting, person: Any, status: str, substitute_name: str = "", actor: Any
) -> AttendanceRecord:
    """Set one person's status in a draft register (one record per person, however many
    moderators tap at once). Side effect: audit entry."""
    require_perm(actor, "meetings.record_attendance", meeting)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _check_open(meeting)
    _check_on_register(meeting, person)
    if status not in AttendanceStatus.values:
        raise ValidationError({"status": _("Please choose an attendance status.")})
    if status == AttendanceStatus.SUBSTITUTE and not substitute_name.strip():
        raise ValidationError({"substitute_name": _("Please name the substitute.")})
    defaults = {
        "status": status,
        "substitute_name": substitute_name.strip() if status == AttendanceStatus.SUBSTITUTE else "",
    }
    try:
        with transaction.atomic():
            record, _created = AttendanceRecord.objects.update_or_create(
                meeting=meeting, person=person, defaults=defaults
            )
    except IntegrityError:  # another moderator created it a moment ago: update theirs
        record = AttendanceRecord.objects.get(meeting=meeting, person=person)
        for key, value in defaults.items():
            setattr(record, key, value)
        record.save()
    log_action(
        actor=actor,
        action="attendance.record",
        obj=meeting,
        changes={"person": str(person), "status": status},
    )
    return record


def _change_register(meeting: Meeting, state: str) -> None:
    if state not in REGISTER_TRANSITIONS[meeting.register_state]:
        raise ValidationError(
            {
                "status": _("The register cannot change from %(old)s to %(new)s.")
                % {"old": meeting.get_register_state_display(), "new": RegisterState(state).label}
            }
        )
    meeting.register_state = state
    meeting.completed_at = timezone.now() if state == RegisterState.COMPLETED else None
    meeting.save(update_fields=["register_state", "completed_at"])


@transaction.atomic
def complete_register(*, meeting: Meeting, actor: Any) -> list[Any]:
    """Complete a draft register: everyone without a record is excused if they sent
    apologies, otherwise absent. Then the attendance rule runs for this meeting.

    Side effects: records for the missing, audit entry, notices (see `evaluate_attendance`).
    Returns the notices sent.
    """
    from verbund.meetings.services.rule import evaluate_attendance

    require_perm(actor, "meetings.record_attendance", meeting)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.starts_at > timezone.now():
        raise ValidationError(
            {"status": _("A register can be completed once the meeting has begun.")}
        )
    _check_open(meeting)
    apologies = set(meeting.rsvps.filter(answer=RsvpAnswer.NO).values_list("person_id", flat=True))
    recorded = set(meeting.attendance.values_list("person_id", flat=True))
    AttendanceRecord.objects.bulk_create(
        [
            AttendanceRecord(
                meeting=meeting,
                person=person,
                status=AttendanceStatus.EXCUSED
                if person.pk in apologies
                else AttendanceStatus.ABSENT,
            )
            for person in register_people(meeting)
            if person.pk not in recorded
        ]
    )
    _change_register(meeting, RegisterState.COMPLETED)
    log_action(
        actor=actor,
        action="register.complete",
        obj=meeting,
        changes={"records": meeting.attendance.count()},
    )
    return evaluate_attendance(meeting=meeting)


@transaction.atomic
def reopen_register(*, meeting: Meeting, reason: str, actor: Any) -> Meeting:
    """Reopen a completed register for corrections (moderator only, with a reason).

    Side effect: audit entry.
    """
    require_perm(actor, "meetings.reopen_register", meeting)
    if not reason.strip():
        raise ValidationError({"reason": _("Please give a reason for reopening the register.")})
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _change_register(meeting, RegisterState.DRAFT)
    log_action(actor=actor, action="register.reopen", obj=meeting, changes={"reason": reason})
    return meeting


@transaction.atomic
def check_in(
    *, meeting: Meeting, code: str, actor: Any, now: datetime.datetime | None = None
) -> AttendanceRecord:
    """Mark the logged-in member present by the code shown at the venue.

    Refused (and nothing changed) outside the meeting's window, with a stale code, or when
    already checked in. Side effect: audit entry.
    """
    require_perm(actor, "meetings.check_in", meeting)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    now = now or timezone.now()
    if code != meeting.checkin_code:
        raise ValidationError({"code": _("This check-in code is no longer valid.")})
    if not (meeting.starts_at - CHECKIN_EARLY <= now <= meeting.ends_at):
        raise ValidationError(
            {
                "code": _(
                    "Check-in is open from 30 minutes before the start "
                    "until the end of the meeting."
                )
            }
        )
    _check_open(meeting)
    person = _person_of(actor)
    _check_on_register(meeting, person)
    record = AttendanceRecord.objects.filter(meeting=meeting, person=person).first()
    if record is not None and record.checked_in:
        raise ValidationError({"code": _("You are already checked in.")})
    late = now > meeting.starts_at + datetime.timedelta(minutes=15)
    status = AttendanceStatus.LATE if late else AttendanceStatus.PRESENT
    record, _created = AttendanceRecord.objects.update_or_create(
        meeting=meeting,
        person=person,
        defaults={"status": status, "checked_in": True, "substitute_name": ""},
    )
    log_action(actor=actor, action="attendance.check_in", obj=meeting, changes={"status": status})
    return record


@transaction.atomic
def regenerate_checkin_code(*, meeting: Meeting, actor: Any) -> Meeting:
    """Make the shown QR code stale (e.g. after a photo of it went round). Side effect: audit."""
    require_perm(actor, "meetings.record_attendance", meeting)
    meeting.checkin_code = new_code()
    meeting.save(update_fields=["checkin_code"])
    log_action(actor=actor, action="meeting.checkin_code", obj=meeting)
    return meeting
