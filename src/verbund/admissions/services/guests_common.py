"""What the guest services share: the guest's data, one guest per e-mail address, the visit
limit, a visit to a meeting and the invitation mail. Called inside the services' transactions."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from verbund.admissions.models import OPEN_STAGES, Guest, GuestKind, GuestVisit
from verbund.admissions.queries import counted_visits
from verbund.common.mail import queue_mail
from verbund.meetings.models import Meeting
from verbund.members.models import Person, Visibility
from verbund.members.services.companies import lock_network
from verbund.network.queries import get_network

GUEST_FIELDS = ("first_name", "last_name", "email", "phone", "company_name")
LANGUAGES = ("de", "en")


def guest_data(data: dict[str, Any], errors: dict[str, str] | None = None) -> dict[str, str]:
    """The guest's fields from `data`, stripped and checked; all problems in one refusal."""
    clean = {name: str(data.get(name) or "").strip() for name in GUEST_FIELDS}
    clean["email"] = clean["email"].lower()
    errors = dict(errors or {})
    required = {
        "first_name": _("Please enter the first name."),
        "last_name": _("Please enter the last name."),
        "email": _("Please enter the e-mail address."),
        "company_name": _("Please enter the company."),
    }
    errors |= {name: message for name, message in required.items() if not clean[name]}
    if clean["email"] and "email" not in errors:
        try:
            validate_email(clean["email"])
        except ValidationError:
            errors["email"] = _("Enter a valid email address.")
    if errors:
        raise ValidationError(errors)
    return clean


def check_coming(meeting: Meeting, message: str | None = None) -> None:
    """Guests come to a meeting that lies ahead and is not cancelled."""
    if meeting.is_cancelled or meeting.starts_at <= timezone.now():
        raise ValidationError(
            {
                "meeting": message
                or _("Guests can only be invited to a coming meeting that is not cancelled.")
            }
        )


def belongs_to_someone_else(email: str) -> bool:
    """Whether a person or login that is not a guest uses `email` (a member, the office)."""
    people = Person.objects.filter(email__iexact=email, guest__isnull=True)
    logins = (
        get_user_model().objects.filter(email__iexact=email).exclude(person__guest__isnull=False)
    )
    return people.exists() or logins.exists()


def guest_for(
    clean: dict[str, str],
    *,
    kind: str,
    source: str,
    group: Any,
    invited_by: Person | None,
    taken_message: str,
) -> Guest:
    """The guest with this e-mail address (locked), or a new one: no person twice.

    A guest found keeps their data and their credit: `invited_by` is set on creation only
    (crediting a later inviter would show them the guest's contact data). Refused with
    `taken_message` when a member or the office uses the address.
    """
    # Two invitations of one new address at once would both miss the other's guest: the
    # lock on the network's row makes the second wait for the first one's commit.
    lock_network()
    guest = (
        Guest.objects.select_for_update(of=("self",))
        .select_related("person", "application")
        .filter(person__email__iexact=clean["email"])
        .order_by("pk")
        .first()
    )
    if guest is not None:
        return guest
    if belongs_to_someone_else(clean["email"]):
        raise ValidationError({"email": taken_message})
    person = Person(
        company=None,
        first_name=clean["first_name"],
        last_name=clean["last_name"],
        email=clean["email"],
        phone=clean["phone"],
        function="",
        # Only the office and the guest see the contact data of the person record; the
        # guest pages show it to the group's moderators and the inviter as well.
        email_visibility=Visibility.PRIVATE,
        phone_visibility=Visibility.PRIVATE,
    )
    person.full_clean()
    person.save()
    guest = Guest(
        person=person,
        kind=kind,
        source=source,
        company_name=clean["company_name"],
        group=group,
        invited_by=invited_by,
    )
    guest.full_clean()
    guest.save()
    return guest


def check_visit_limit(guest: Guest, message: str | None = None) -> None:
    """Refuse another visit once a candidate guest's visits attended or coming
    (`counted_visits`) reach the network's limit, unless an application of theirs is open.
    Vendor guests never count."""
    if guest.kind == GuestKind.VENDOR:
        return
    if guest.application is not None and guest.application.stage in OPEN_STAGES:
        return
    counted = counted_visits(guest)
    if counted < get_network().guest_visit_limit:
        return
    if message is None:
        message = ngettext(
            "%(guest)s has visited or is expected at %(count)d meeting; an application is "
            "needed before another invitation.",
            "%(guest)s has visited or is expected at %(count)d meetings; an application is "
            "needed before another invitation.",
            counted,
        ) % {"guest": guest.person, "count": counted}
    raise ValidationError({"guest": message})


def add_visit(
    guest: Guest, meeting: Meeting, status: str, message: str | None = None
) -> GuestVisit:
    """The guest's visit to `meeting`; refused if they are on its guest list already."""
    visits = GuestVisit.objects.filter(
        guest=guest, group_id=meeting.group_id, visited_on=meeting.occurrence_date
    )
    if visits.exists():
        message = message or _("%(guest)s is already on the guest list of this meeting.") % {
            "guest": guest.person
        }
        raise ValidationError({"meeting": message})
    return GuestVisit.objects.create(
        guest=guest,
        group_id=meeting.group_id,
        visited_on=meeting.occurrence_date,
        meeting=meeting,
        status=status,
    )


def send_guest_invitation(visit: GuestVisit, inviter: Person | None, language: str) -> None:
    """The invitation to the guest: when and where, and who invites (on commit)."""
    queue_mail(
        to=visit.guest.person.email,
        template="admissions/mail/guest_invitation",
        language=language if language in LANGUAGES else "de",
        context={
            "guest": visit.guest,
            "meeting": visit.meeting,
            "inviter": inviter,
            "network": get_network(),
        },
    )
