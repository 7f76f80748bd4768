"""Writes on referrals: passing one, its status, its closed business, the reminder.

Every function runs in one transaction, checks the actor's permission (`actor=None` is the
system: demo data, commands), and writes the audit log without the customer's data. The
mails leave the system: they carry the need and a link, never the customer's contact data.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Sequence
from decimal import ROUND_DOWN, Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.common.audit import log_action
from verbund.common.checks import length_errors
from verbund.common.mail import queue_mail, render_mail
from verbund.common.permissions import require_perm
from verbund.meetings.models import Meeting
from verbund.members.models import MEMBER_STATUSES, Company, Person
from verbund.network.models import GroupMembership
from verbund.network.queries import roles_of
from verbund.referrals.models import (
    OPEN_STATUSES,
    STATUS_TRANSITIONS,
    ClosedBusiness,
    PartyRole,
    Referral,
    ReferralKind,
    ReferralParty,
    ReferralStatus,
    StatusChange,
)

logger = logging.getLogger(__name__)

HUNDRED = Decimal("100.00")
CENT = Decimal("0.01")
# ClosedBusiness.value has 12 digits, 2 of them cents.
MAX_VALUE = Decimal("1e10")
JOINT_ROLES = (PartyRole.LEAD, PartyRole.SUBCONTRACTOR, PartyRole.SPECIALIST)
# A meeting a referral was passed at: one of the giver's groups, today or in the recent past.
MEETINGS_BACK = datetime.timedelta(weeks=8)
REMIND_AFTER_DAYS = 14

# (person, role, share): the share is None for the default split.
PartySpec = tuple[Person, str, Decimal | None]
# As stored: the company and share decided.
PartyRow = tuple[Person, str, Decimal]


def split(total: Decimal, weights: Sequence[Decimal]) -> list[Decimal]:
    """`total` (in cents, not negative) in parts proportional to `weights` (positive).

    Largest remainder: every part rounded down to cents, then the cents left over go one
    each to the parts that lost the most by rounding (ties: the earlier part). So the parts
    add up to `total` exactly and none is negative (rounding each part half up and giving
    the last the rest made 0.02 over four 0.01/0.01/0.01/-0.01).
    """
    weight_sum = sum(weights, Decimal(0))
    exact = [total * weight / weight_sum for weight in weights]
    parts = [value.quantize(CENT, rounding=ROUND_DOWN) for value in exact]
    leftover = int((total - sum(parts, Decimal(0))) / CENT)
    by_remainder = sorted(range(len(parts)), key=lambda i: (parts[i] - exact[i], i))
    for index in by_remainder[:leftover]:
        parts[index] += CENT
    return parts


def equal_shares(count: int) -> list[Decimal]:
    """The default split of a joint deal: 33.34/33.33/33.33 for three."""
    return split(HUNDRED, [Decimal(1)] * count)


def credited_values(referral: Referral) -> dict[int, Decimal]:
    """The confirmed value per company: a joint deal's parties by their shares, otherwise
    the giver's company (so no receiver's income is exposed). Empty without closed business.

    Parties holding the default equal split get equal parts of the value (10,000.00 over
    three: 3333.34/3333.33/3333.33), not 33.34 % or 33.33 % of it each.
    """
    closed = ClosedBusiness.objects.filter(referral=referral).first()
    if closed is None:
        return {}
    if referral.kind != ReferralKind.JOINT_DEAL:
        return {referral.giver_company_id: closed.value}
    parties = list(referral.parties.order_by("id"))
    shares = [party.share for party in parties]
    weights = [Decimal(1)] * len(shares) if shares == equal_shares(len(shares)) else shares
    values = split(closed.value, weights)
    return {party.company_id: value for party, value in zip(parties, values, strict=True)}


# ---------------------------------------------------------------- passing a referral


@transaction.atomic
def pass_referral(
    *,
    actor: Any,
    kind: str,
    need: str,
    temperature: int,
    customer_name: str,
    parties: Sequence[PartySpec],
    customer_company: str = "",
    customer_email: str = "",
    customer_phone: str = "",
    meeting: Meeting | None = None,
    giver: Person | None = None,
    mail: bool = True,
) -> Referral:
    """Pass a referral from the actor's person (the system names the `giver`) to `parties`.

    Side effects: the referral and its parties, an audit entry, a mail to each receiver.
    """
    require_perm(actor, "referrals.pass_referral")
    giver, giver_company = _check_giver(roles_of(actor).person if actor is not None else giver)
    customer = {
        "customer_name": customer_name,
        "customer_company": customer_company,
        "customer_email": customer_email,
        "customer_phone": customer_phone,
    }
    _check_fields(kind, need, temperature, customer)
    specs = _check_parties(kind, parties, giver)
    _check_meeting(meeting, giver)
    referral = Referral.objects.create(
        kind=kind,
        giver=giver,
        giver_company=giver_company,
        need=need.strip(),
        temperature=temperature,
        customer_name=customer_name.strip(),
        customer_company=customer_company.strip(),
        customer_email=customer_email.strip(),
        customer_phone=customer_phone.strip(),
        meeting=meeting,
    )
    for person, role, share in specs:
        ReferralParty.objects.create(
            referral=referral,
            company=_company(person),
            person=person,
            role=role,
            share=share,
        )
    # The code (object id), the kind and the status only: the parties, the temperature and
    # the meeting are the parties' business, not the audit log readers'.
    changes = {"kind": kind, "status": referral.status}
    log_action(actor=actor, action="referral.pass", obj=referral, changes=changes)
    if mail:
        for person, _role, _share in specs:
            _notify(person, "referrals/mail/referral_new", referral)
    return referral


def _company(person: Person) -> Company:
    """A receiver's company, checked by `_check_parties`."""
    assert person.company is not None
    return person.company


def _check_giver(giver: Person | None) -> tuple[Person, Company]:
    company = giver.company if giver is not None else None
    if giver is None or company is None or company.status not in MEMBER_STATUSES:
        raise ValidationError(_("Only a person of an active member company can pass a referral."))
    return giver, company


def _check_fields(kind: str, need: str, temperature: Any, customer: dict[str, str]) -> None:
    """`customer`: the customer_… fields by name."""
    errors = length_errors(Referral, customer)
    if kind not in ReferralKind.values:
        errors["kind"] = _("Choose a customer introduction, a tip or a joint deal.")
    if not need.strip():
        errors["need"] = _("Describe the customer's need.")
    if not isinstance(temperature, int) or not 1 <= temperature <= 5:
        errors["temperature"] = _("Choose a temperature from 1 to 5.")
    if not customer["customer_name"].strip():
        errors["customer_name"] = _("Name the customer's contact person.")
    email = customer["customer_email"].strip()
    if email and "customer_email" not in errors:
        try:
            validate_email(email)
        except ValidationError:
            errors["customer_email"] = _("Enter a valid e-mail address.")
    if errors:
        raise ValidationError(errors)


def _check_parties(kind: str, parties: Sequence[PartySpec], giver: Person) -> list[PartyRow]:
    """The parties with their roles and shares as stored; refuses what may not be passed."""
    if not parties:
        raise ValidationError({"parties": _("Choose at least one receiver.")})
    if kind != ReferralKind.JOINT_DEAL and len(parties) > 1:
        # Several receivers would share one status and one closed business: one receiver's
        # income would reach the others.
        raise ValidationError(
            {
                "parties": _(
                    "An introduction or tip goes to one partner; "
                    "for several partners choose a joint deal."
                )
            }
        )
    companies = set()
    for person, _role, _share in parties:
        company = person.company
        if company is None or company.status not in MEMBER_STATUSES:
            raise ValidationError(
                {
                    "parties": _("%(person)s is not with an active member company.")
                    % {"person": person}
                }
            )
        if company.pk == giver.company_id:
            raise ValidationError(
                {"parties": _("Referrals go to other companies, not to your own.")}
            )
        if company.pk in companies:
            raise ValidationError({"parties": _("Choose each company only once.")})
        companies.add(company.pk)
    if kind != ReferralKind.JOINT_DEAL:
        # Shares matter only in a joint deal: the one receiver gets the whole referral.
        return [(person, PartyRole.RECEIVER, HUNDRED) for person, _r, _s in parties]
    return _joint_parties(parties)


def _joint_parties(parties: Sequence[PartySpec]) -> list[PartyRow]:
    if len(parties) < 2:
        raise ValidationError({"parties": _("A joint deal needs at least two partners.")})
    if any(role not in JOINT_ROLES for _p, role, _s in parties):
        raise ValidationError(
            {
                "parties": _(
                    "Give each partner of a joint deal a role: lead, subcontractor or specialist."
                )
            }
        )
    given = [share for _p, _r, share in parties]
    if all(share is None for share in given):
        shares = equal_shares(len(parties))
    else:
        shares = [_share(share) for share in given]
        if sum(shares, Decimal(0)) != HUNDRED:
            raise ValidationError({"parties": _("The partners' shares must add up to 100 %.")})
    return [(p, role, share) for (p, role, _s), share in zip(parties, shares, strict=True)]


def _share(value: Any) -> Decimal:
    try:
        share = Decimal(str(value)) if value is not None else None
    except InvalidOperation:
        share = None
    if share is None or not Decimal(0) < share <= HUNDRED or share != share.quantize(CENT):
        raise ValidationError(
            {"parties": _("Give each partner a share above 0 and up to 100 %, in cents.")}
        )
    return share.quantize(CENT)


def _check_meeting(meeting: Meeting | None, giver: Person) -> None:
    if meeting is None:
        return
    today = timezone.localdate()
    in_group = GroupMembership.objects.filter(person=giver, group_id=meeting.group_id).exists()
    recent = today - MEETINGS_BACK <= meeting.occurrence_date <= today
    if not in_group or not recent or meeting.is_cancelled:
        raise ValidationError(
            {"meeting": _("Choose a meeting of your groups from today or the last eight weeks.")}
        )


# ---------------------------------------------------------------- status and closed business


def _lock(referral: Referral) -> Referral:
    return Referral.objects.select_for_update().select_related("giver").get(pk=referral.pk)


@transaction.atomic
def change_status(
    *, referral: Referral, to_status: str, actor: Any, note: str = "", mail: bool = True
) -> Referral:
    """Move the referral along STATUS_TRANSITIONS (a receiver only).

    Locked: of two receivers at once, the second sees the first one's status and is refused
    if the table does not allow its step from there. Side effects: a StatusChange, an audit
    entry, a mail to the giver (the status and a link only).
    """
    require_perm(actor, "referrals.change_referral_status", referral)
    referral = _lock(referral)
    current = referral.status
    if to_status not in STATUS_TRANSITIONS.get(current, set()):
        raise ValidationError(
            {
                "status": _("This referral is “%(current)s”; it cannot become “%(status)s”.")
                % {"current": _label(current), "status": _label(to_status)}
            }
        )
    referral.status = to_status
    referral.status_changed_at = timezone.now()
    referral.save(update_fields=["status", "status_changed_at"])
    user = actor if getattr(actor, "is_authenticated", False) else None
    StatusChange.objects.create(
        referral=referral, from_status=current, to_status=to_status, note=note, changed_by=user
    )
    # The note is the parties' business: it may name the customer, so it stays out of the log.
    log_action(
        actor=actor,
        action="referral.status",
        obj=referral,
        changes={"status": [current, to_status]},
    )
    if mail:
        _notify(referral.giver, "referrals/mail/referral_status", referral)
    return referral


def _label(status: str) -> str:
    return str(ReferralStatus(status).label) if status in ReferralStatus.values else status


@transaction.atomic
def confirm_closed_business(
    *,
    referral: Referral,
    value: Decimal,
    actor: Any,
    thank_you: str = "",
    confirmed_by: Person | None = None,
    mail: bool = True,
) -> ClosedBusiness:
    """Record the value of a won referral once, with a thank-you (a receiver only).

    Side effects: the ClosedBusiness, an audit entry, a mail with the thank-you to the giver.
    """
    require_perm(actor, "referrals.confirm_closed_business", referral)
    referral = _lock(referral)
    if referral.status != ReferralStatus.WON:
        raise ValidationError(
            {"status": _("Closed business can be confirmed only for a won referral.")}
        )
    if ClosedBusiness.objects.filter(referral=referral).exists():
        raise ValidationError(
            {"value": _("The closed business of this referral has already been confirmed.")}
        )
    closed = ClosedBusiness(
        referral=referral,
        value=_value(value),
        thank_you=thank_you.strip(),
        confirmed_by=roles_of(actor).person if actor is not None else confirmed_by,
    )
    try:
        with transaction.atomic():  # a savepoint: the unique referral is the last guard
            closed.save()
    except IntegrityError:
        raise ValidationError(
            {"value": _("The closed business of this referral has already been confirmed.")}
        ) from None
    # That it was confirmed, not the value nor by whom: a receiver's income is not the
    # audit log readers' business.
    log_action(
        actor=actor,
        action="referral.closed_business",
        obj=referral,
        changes={"closed_business": True},
    )
    if mail:
        _notify(referral.giver, "referrals/mail/referral_thanks", referral, closed=closed)
    return closed


def _value(value: Any) -> Decimal:
    """The value in cents; the range is checked before `quantize`, which cannot hold
    more than 28 digits ("1e30" would raise InvalidOperation: a 500)."""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        amount = Decimal("NaN")
    if amount.is_finite() and amount >= MAX_VALUE:
        raise ValidationError({"value": _("Enter a value below 10,000,000,000 EUR.")})
    try:
        in_cents = amount.is_finite() and amount >= CENT and amount == amount.quantize(CENT)
    except InvalidOperation:
        in_cents = False
    if not in_cents:
        raise ValidationError({"value": _("Enter a value of at least 0.01 EUR, in cents.")})
    return amount.quantize(CENT)


# ---------------------------------------------------------------- reminder


def remind_untouched(today: datetime.date | None = None) -> int:
    """Remind the receivers of open referrals whose status has not changed for 14 days.

    Once per referral (reminded_at): running it twice sends nothing the second time. Each
    referral in its own transaction and each mail sent on its own: a failed send is logged
    and does not keep the others from going out; a referral with a failed mail stays
    unreminded, so the next run tries it again. Returns the number of referrals reminded.
    """
    today = today or timezone.localdate()
    # Changed on or before `today` - 14 days (Berlin): before the start of the next day.
    cutoff_day = today - datetime.timedelta(days=REMIND_AFTER_DAYS - 1)
    cutoff = timezone.make_aware(datetime.datetime.combine(cutoff_day, datetime.time.min))
    due = _due(cutoff).order_by("pk").values_list("pk", flat=True)
    return sum(_remind(pk, cutoff) for pk in list(due))


def _due(cutoff: datetime.datetime) -> Any:
    return Referral.objects.filter(
        status__in=OPEN_STATUSES, status_changed_at__lt=cutoff, reminded_at__isnull=True
    )


@transaction.atomic
def _remind(pk: int, cutoff: datetime.datetime) -> bool:
    """Remind one referral's receivers; False if it is no longer due (another run holds or
    reminded it, a receiver moved it) or a mail failed."""
    referral = _due(cutoff).select_for_update(skip_locked=True).filter(pk=pk).first()
    if referral is None:
        return False
    parties = referral.parties.select_related("person__user")
    # A list, not a generator inside all(): every receiver gets their mail even if one fails.
    sent = [
        _send_now(party.person, "referrals/mail/referral_reminder", referral) for party in parties
    ]
    if not all(sent):
        return False
    referral.reminded_at = timezone.now()
    referral.save(update_fields=["reminded_at"])
    log_action(actor=None, action="referral.remind", obj=referral)
    return True


# ---------------------------------------------------------------- mail


def _address(person: Person) -> tuple[str, str]:
    """Where and in which language `person` gets mail; no address: no mail."""
    user = getattr(person, "user", None)
    if user is not None:
        return user.email, user.language
    return person.email, "de"


def _notify(person: Person, template: str, referral: Referral, **extra: Any) -> None:
    """A mail to `person` in their language, sent when the transaction commits."""
    address, language = _address(person)
    if not address:
        return
    queue_mail(
        to=address,
        template=template,
        language=language,
        context={"person": person, "referral": referral, **extra},
    )


def _send_now(person: Person, template: str, referral: Referral) -> bool:
    """Send a mail to `person` at once (the reminder must know whether it went out);
    False, logged, if sending failed."""
    address, language = _address(person)
    if not address:
        return True
    subject, text, html = render_mail(template, {"person": person, "referral": referral}, language)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [address])
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except OSError:  # smtplib.SMTPException and connection errors
        # The person's id, not the address: the log is no place for contact data.
        logger.exception("Reminder of %s to person %s not sent.", referral.code, person.pk)
        return False
    return True
