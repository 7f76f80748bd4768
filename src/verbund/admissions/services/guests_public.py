"""Writes from the public group page: a guest registers for a visit (no login), with consent
to the processing of their data in the current version of the consent text; the office
publishes those versions."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.admissions.models import GuestConsent, GuestKind, GuestSource, GuestVisit, VisitStatus
from verbund.admissions.queries import current_consent
from verbund.admissions.services.guests_common import (
    add_visit,
    check_coming,
    check_visit_limit,
    guest_data,
    guest_for,
)
from verbund.common.audit import log_action
from verbund.common.mail import queue_mail
from verbund.common.permissions import require_perm
from verbund.meetings.models import Meeting
from verbund.network.models import GroupRoleKind
from verbund.network.queries import current_roles, get_network

RATE_LIMIT = 5  # registrations per IP address ...
RATE_WINDOW = 60 * 60  # ... per hour


class TooManyRegistrations(Exception):
    """More registrations from one address than the limit allows (answered with 429)."""

    def __init__(self) -> None:
        super().__init__(_("You have sent too many registrations. Please try again in an hour."))


def over_rate_limit(ip: str) -> bool:
    """Count this registration for the sender's IP address; True once past the limit.

    Counted in the shared cache, so the page and the API count against one limit on every
    app server."""
    key = f"guest-registrations:{ip}"
    cache.add(key, 0, RATE_WINDOW)  # starts the window on the first request only
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, RATE_WINDOW)
        count = 1
    return count > RATE_LIMIT


def _consent_errors(consent: int | None, current: GuestConsent | None) -> dict[str, str]:
    if current is None:
        return {"consent": _("Registration is not open yet: no consent text is published.")}
    if consent is None:
        return {"consent": _("Please agree to the processing of your data.")}
    if consent != current.version:
        return {
            "consent": _("A newer version of the consent text has been published; please read it.")
        }
    return {}


@transaction.atomic
def register_guest(
    *,
    data: dict[str, Any],
    meeting: Meeting,
    consent: int | None,
    ip: str | None,
    mail: bool = True,
) -> GuestVisit:
    """Register a visit to a coming meeting from the group's public page (no login).

    `consent` is the version of the consent text the person agreed to; it must be the
    current one, and is recorded with the time. A person known by e-mail keeps their record
    and their inviter's credit. At most RATE_LIMIT registrations an hour per `ip` (None:
    the system). Side effects: the guest and an expected visit, a mail to each of the
    group's moderators in their language, audit entry.
    """
    if ip is not None and over_rate_limit(ip):
        raise TooManyRegistrations
    current = current_consent()
    clean = guest_data(data, _consent_errors(consent, current))
    assert current is not None  # _consent_errors refused otherwise
    check_coming(meeting)
    guest = guest_for(
        clean,
        kind=GuestKind.CANDIDATE,
        source=GuestSource.REGISTERED,
        group=meeting.group,
        invited_by=None,
        # Told to anyone: it must not say whose address it is.
        taken_message=_(
            "This e-mail address cannot be registered as a guest's. Please contact the "
            "network office."
        ),
    )
    # The messages to an anonymous visitor name no visit counts.
    check_visit_limit(
        guest, _("Another visit needs an application first. Please contact the network office.")
    )
    visit = add_visit(
        guest,
        meeting,
        VisitStatus.EXPECTED,
        _("This e-mail address is already registered for this meeting."),
    )
    guest.consent, guest.consent_at = current, timezone.now()
    guest.save(update_fields=["consent", "consent_at"])
    changes = {"group": meeting.group.name, "visited_on": meeting.occurrence_date}
    log_action(
        actor=None,
        action="guest.register",
        obj=guest.person,
        changes=changes | {"consent": current.version},
    )
    if mail:
        _notify_moderators(visit)
    return visit


def _notify_moderators(visit: GuestVisit) -> None:
    """Each current moderator of the group hears of the registration, in their language."""
    moderators = current_roles(visit.group).filter(kind=GroupRoleKind.MODERATOR)
    for role in moderators.filter(person__user__isnull=False).select_related("person__user"):
        user = role.person.user
        assert user is not None  # filtered above
        queue_mail(
            to=user.email,
            template="admissions/mail/guest_registered",
            language=user.language,
            context={
                "person": role.person,
                "guest": visit.guest,
                "meeting": visit.meeting,
                "network": get_network(),
            },
        )


@transaction.atomic
def publish_consent(*, text_de: str, text_en: str, actor: Any) -> GuestConsent:
    """Publish the next version of the consent text (office only); registrations from now on
    agree to it. Side effect: audit entry."""
    require_perm(actor, "admissions.publish_guest_consent")
    text_de, text_en = text_de.strip(), text_en.strip()
    errors = {}
    if not text_de:
        errors["text_de"] = _("Please enter the German text.")
    if not text_en:
        errors["text_en"] = _("Please enter the English text.")
    if errors:
        raise ValidationError(errors)
    # The lock on the versions keeps two publications from taking the same number.
    latest = GuestConsent.objects.select_for_update().aggregate(Max("version"))["version__max"]
    consent = GuestConsent.objects.create(
        version=(latest or 0) + 1, text_de=text_de, text_en=text_en
    )
    log_action(
        actor=actor,
        action="guest_consent.publish",
        obj=consent,
        changes={"version": consent.version},
    )
    return consent
