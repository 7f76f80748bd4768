"""The personal calendar secret and the day-before reminders."""

from __future__ import annotations

import datetime
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone

from verbund.common.audit import log_action
from verbund.common.mail import queue_mail
from verbund.meetings.models import CalendarToken, Meeting, RsvpAnswer
from verbund.meetings.queries import register_people
from verbund.members.models import MEMBER_STATUSES


@transaction.atomic
def regenerate_calendar_token(*, person: Any, actor: Any) -> CalendarToken:
    """Give the person a new feed secret; the old feed URL stops working at once.

    Side effect: audit entry.
    """
    token, _created = CalendarToken.objects.update_or_create(
        person=person, defaults={"token": secrets.token_urlsafe(24)}
    )
    log_action(actor=actor, action="calendar.token", obj=person)
    return token


def calendar_token_for(person: Any) -> CalendarToken:
    """The person's feed secret, made on first use."""
    token = CalendarToken.objects.filter(person=person).first()
    return token or regenerate_calendar_token(person=person, actor=None)


def _can_open(person: Any) -> bool:
    """Only people who can open the meeting get its reminder: an active login of an active
    company (a suspended company's people stay on the register but not in the members' area)."""
    user = person.user
    active_company = person.company is None or person.company.status in MEMBER_STATUSES
    return user is not None and user.is_active and active_company


def send_reminders(*, now: datetime.datetime | None = None) -> int:
    """E-mail tomorrow's meetings to their members (not to those who sent apologies), once.

    Idempotent: a meeting's reminders are marked sent in the same transaction.
    Returns the number of e-mails queued.
    """
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + datetime.timedelta(days=1)
    queued = 0
    for meeting in Meeting.objects.filter(
        occurrence_date=tomorrow, is_cancelled=False, reminder_sent_at__isnull=True
    ).select_related("group"):
        with transaction.atomic():
            locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
            if locked.reminder_sent_at is not None:
                continue
            apologies = set(
                locked.rsvps.filter(answer=RsvpAnswer.NO).values_list("person_id", flat=True)
            )
            for person in register_people(locked).select_related("user"):
                if person.pk in apologies or not _can_open(person):
                    continue
                queue_mail(
                    to=person.user.email,
                    template="meetings/mail/reminder",
                    language=person.user.language,
                    context={"meeting": locked, "person": person},
                )
                queued += 1
            locked.reminder_sent_at = now
            locked.save(update_fields=["reminder_sent_at"])
    return queued
