"""Writes from the public group page: a guest registers for a visit (no login), with consent
to the processing of their data in the current version of the consent text; the office
publishes those versions.

Registration is a double opt-in: `request_registration` checks the form and e-mails a
confirmation link to the address given, storing nothing; `confirm_registration` (the link's
page, or the API) registers the guest. So only whoever reads the address's mail learns
whether it can be registered, and nobody attaches someone else's address to a group.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.admissions.models import GuestConsent, GuestKind, GuestSource, GuestVisit, VisitStatus
from verbund.admissions.queries import current_consent
from verbund.admissions.services.guests_common import (
    LANGUAGES,
    add_visit,
    check_coming,
    check_visit_limit,
    guest_data,
    guest_for,
)
from verbund.common.audit import log_action
from verbund.common.http import count_request
from verbund.common.mail import queue_mail
from verbund.common.permissions import require_perm
from verbund.meetings.models import Meeting
from verbund.members.services.companies import lock_network
from verbund.network.models import GroupRoleKind
from verbund.network.queries import current_roles, get_network

RATE_LIMIT = 5  # registrations per IP address ...
RATE_WINDOW = 60 * 60  # ... per hour
TOKEN_SALT = "guest-registration"
TOKEN_MAX_AGE = 48 * 60 * 60  # seconds a confirmation link is valid


class TooManyRegistrations(Exception):
    """More registrations from one address than the limit allows (answered with 429)."""

    def __init__(self) -> None:
        super().__init__(_("You have sent too many registrations. Please try again in an hour."))


def count_registration(ip: str) -> None:
    """Count a registration for the sender's IP address; TooManyRegistrations past the limit.

    Called by the page and the API before any service, outside a transaction: a counter
    kept in the database cache would otherwise roll back with a refused registration.
    Counted in the shared cache, so the page and the API count against one limit on every
    app server."""
    if count_request(f"guest-registrations:{ip}", RATE_WINDOW) > RATE_LIMIT:
        raise TooManyRegistrations


def confirmation_sent(email: str) -> str:
    """The answer to every valid registration form, whoever the address belongs to."""
    return _("Please confirm your registration with the link we sent to %(email)s.") % {
        "email": email
    }


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


def request_registration(
    *, data: dict[str, Any], meeting: Meeting, consent: int | None, language: str
) -> str:
    """Check the public form and e-mail a confirmation link to the address given.

    Checks only what the form says (the fields, the current consent version, a coming
    meeting; the caller offers only the group's next ones), never whose the address is:
    the answer must be the same for any address. Stores nothing; the link carries the data
    (signed, valid for 48 hours). Returns the address. Side effect: the mail, in `language`.
    """
    current = current_consent()
    clean = guest_data(data, _consent_errors(consent, current))
    assert current is not None  # _consent_errors refused otherwise
    check_coming(meeting, _("This meeting is no longer open for registration."))
    payload = {
        "data": clean,
        "meeting": meeting.pk,
        "consent": current.version,
        "submitted_at": timezone.now().isoformat(),
    }
    token = signing.dumps(payload, salt=TOKEN_SALT, compress=True)
    queue_mail(
        to=clean["email"],
        template="admissions/mail/guest_confirm",
        language=language if language in LANGUAGES else "de",
        context={
            "data": clean,
            "meeting": meeting,
            "path": reverse("admissions:public_visit_confirm", args=[meeting.group.code, token]),
            "hours": TOKEN_MAX_AGE // 3600,
            "network": get_network(),
        },
    )
    return clean["email"]


@dataclass(frozen=True)
class PendingRegistration:
    """What a confirmation link carries: the form's data, the meeting, the consent version
    agreed to and when the form was sent."""

    data: dict[str, str]
    meeting: Meeting
    consent: int
    submitted_at: datetime.datetime


def read_registration(token: str) -> PendingRegistration:
    """The registration a confirmation link carries; refused if expired, altered or invalid."""
    try:
        payload = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
        meeting = Meeting.objects.select_related("group").filter(pk=payload["meeting"]).first()
        pending = PendingRegistration(
            data={key: str(value) for key, value in dict(payload["data"]).items()},
            meeting=meeting,  # type: ignore[arg-type]  # checked below
            consent=int(payload["consent"]),
            submitted_at=datetime.datetime.fromisoformat(payload["submitted_at"]),
        )
    except signing.SignatureExpired:
        raise ValidationError(
            {"token": _("This confirmation link has expired. Please register again.")}
        ) from None
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        pending = None
    if pending is None or pending.meeting is None:
        raise ValidationError(
            {"token": _("This confirmation link is not valid. Please register again.")}
        )
    return pending


def confirm_registration(*, token: str, mail: bool = True) -> GuestVisit:
    """The person confirms from the link mailed to them: `register_guest` with the link's
    data and consent version. Refusals (the limit, a member's address, registered already,
    the meeting no longer open, the link) are shown to whoever reads that address."""
    pending = read_registration(token)
    return register_guest(
        data=pending.data, meeting=pending.meeting, consent=pending.consent, mail=mail
    )


@transaction.atomic
def register_guest(
    *,
    data: dict[str, Any],
    meeting: Meeting,
    consent: int | None,
    mail: bool = True,
) -> GuestVisit:
    """Register a confirmed visit to a coming meeting from the group's public page.

    `consent` is the version of the consent text the person agreed to when sending the
    form; it is recorded with the time of the confirmation. A person known by e-mail keeps
    their record and their inviter's credit. Side effects: the guest and an expected visit,
    a mail to each of the group's moderators in their language, audit entry.
    """
    agreed = GuestConsent.objects.filter(version=consent).first() if consent else None
    errors = {} if agreed else _consent_errors(None, current_consent())
    clean = guest_data(data, errors)
    assert agreed is not None  # refused above otherwise
    check_coming(meeting, _("This meeting is no longer open for registration."))
    guest = guest_for(
        clean,
        kind=GuestKind.CANDIDATE,
        source=GuestSource.REGISTERED,
        group=meeting.group,
        invited_by=None,
        # Told only to whoever reads the address's mail, yet naming nobody.
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
    guest.consent, guest.consent_at = agreed, timezone.now()
    guest.save(update_fields=["consent", "consent_at"])
    changes = {"group": meeting.group.name, "visited_on": meeting.occurrence_date}
    log_action(
        actor=None,
        action="guest.register",
        obj=guest.person,
        changes=changes | {"consent": agreed.version},
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
    # Two publications at once would take the same number: the lock on the network's row
    # makes the second wait for the first one's commit (n+1, then n+2).
    lock_network()
    latest = GuestConsent.objects.aggregate(Max("version"))["version__max"]
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
