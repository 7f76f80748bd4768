"""Agenda, minutes, decisions and action items."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from verbund.common.audit import log_action
from verbund.common.mail import queue_mail
from verbund.common.permissions import require_perm
from verbund.meetings.models import (
    ActionItem,
    ActionItemStatus,
    AgendaItem,
    AgendaKind,
    Decision,
    Meeting,
    RegisterState,
)


def _check_agenda_open(meeting: Meeting) -> None:
    """No agenda changes for a cancelled meeting or once its register is completed (the
    meeting's record is final then; reopening the register reopens the agenda)."""
    if meeting.is_cancelled:
        raise ValidationError({"title": _("This meeting was cancelled.")})
    if meeting.register_state != RegisterState.DRAFT:
        raise ValidationError(
            {"title": _("The register is completed; reopen it to change the agenda.")}
        )


def _check_not_cancelled(meeting: Meeting) -> None:
    if meeting.is_cancelled:
        raise ValidationError({"text": _("This meeting was cancelled.")})


@transaction.atomic
def add_agenda_item(*, meeting: Meeting, data: dict[str, Any], actor: Any) -> AgendaItem:
    """Append an item (talk, vendor slot, guest introductions, open exchange …) to the agenda.

    Side effect: audit entry.
    """
    require_perm(actor, "meetings.change_agenda", meeting)
    _check_agenda_open(meeting)
    if data.get("kind") == AgendaKind.TALK and not (
        data.get("speaker") or data.get("speaker_name")
    ):
        raise ValidationError({"speaker": _("A talk needs a speaker.")})
    last = meeting.agenda.aggregate(last=Max("position"))["last"] or 0
    item = AgendaItem(meeting=meeting, position=last + 1, **data)
    item.full_clean()
    item.save()
    log_action(
        actor=actor,
        action="agenda.add",
        obj=meeting,
        changes={"title": item.title, "kind": item.kind},
    )
    return item


@transaction.atomic
def remove_agenda_item(*, item: AgendaItem, actor: Any) -> None:
    """Remove an item and close the gap in the order. Side effect: audit entry."""
    require_perm(actor, "meetings.change_agenda", item.meeting)
    _check_agenda_open(item.meeting)
    log_action(actor=actor, action="agenda.remove", obj=item.meeting, changes={"title": item.title})
    meeting = item.meeting
    item.delete()
    _renumber(meeting, list(meeting.agenda.order_by("position")))


@transaction.atomic
def move_agenda_item(*, item: AgendaItem, up: bool, actor: Any) -> None:
    """Move an item one place up or down. Side effect: audit entry."""
    require_perm(actor, "meetings.change_agenda", item.meeting)
    _check_agenda_open(item.meeting)
    items = list(item.meeting.agenda.order_by("position"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index - 1 if up else index + 1
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
        _renumber(item.meeting, items)
        log_action(
            actor=actor,
            action="agenda.move",
            obj=item.meeting,
            changes={"title": item.title, "position": target + 1},
        )


def _renumber(meeting: Meeting, items: list[AgendaItem]) -> None:
    for position, item in enumerate(items, start=1):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


@transaction.atomic
def write_minutes(*, meeting: Meeting, text: str, actor: Any) -> Meeting:
    """Save the minutes' text (secretary or moderator). Side effect: audit entry."""
    require_perm(actor, "meetings.write_minutes", meeting)
    _check_not_cancelled(meeting)
    if meeting.minutes != text:
        log_action(actor=actor, action="minutes.write", obj=meeting, changes={"length": len(text)})
        meeting.minutes = text
        meeting.save(update_fields=["minutes"])
    return meeting


@transaction.atomic
def add_decision(*, meeting: Meeting, text: str, actor: Any) -> Decision:
    """Record a decision in the minutes. Side effect: audit entry."""
    require_perm(actor, "meetings.write_minutes", meeting)
    _check_not_cancelled(meeting)
    if not text.strip():
        raise ValidationError({"text": _("Please write the decision.")})
    decision = Decision.objects.create(meeting=meeting, text=text.strip())
    log_action(actor=actor, action="decision.add", obj=meeting, changes={"text": decision.text})
    return decision


@transaction.atomic
def add_action_item(*, meeting: Meeting, data: dict[str, Any], actor: Any) -> ActionItem:
    """Record an action item with an owner (a member or an external person by name).

    Side effects: audit entry, e-mail to an owner with a login.
    """
    require_perm(actor, "meetings.write_minutes", meeting)
    _check_not_cancelled(meeting)
    if not (data.get("owner") or (data.get("owner_name") or "").strip()):
        raise ValidationError({"owner": _("Please name who takes care of it.")})
    item = ActionItem(group=meeting.group, meeting=meeting, **data)
    item.full_clean()
    item.save()
    log_action(
        actor=actor,
        action="action_item.add",
        obj=meeting,
        changes={"title": item.title, "owner": str(item.owner or item.owner_name)},
    )
    owner = item.owner
    if owner is not None and owner.user is not None:
        queue_mail(
            to=owner.user.email,
            template="meetings/mail/action_item",
            language=owner.user.language,
            context={"item": item, "meeting": meeting, "person": owner},
        )
    return item


@transaction.atomic
def set_action_item_status(*, item: ActionItem, status: str, actor: Any) -> ActionItem:
    """Mark an action item done or dropped (or open again). Side effect: audit entry."""
    require_perm(actor, "meetings.write_minutes", item.meeting)
    if status not in ActionItemStatus.values:
        raise ValidationError({"status": _("Please choose a status.")})
    if item.status != status:
        log_action(
            actor=actor,
            action="action_item.status",
            obj=item.meeting,
            changes={"title": item.title, "status": [item.status, status]},
        )
        item.status = status
        item.save(update_fields=["status"])
    return item
