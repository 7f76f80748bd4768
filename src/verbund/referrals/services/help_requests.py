"""Writes on "who can help" requests: asking, answering, accepting an answer, closing.

Every function runs in one transaction under a row lock on the request, checks the actor's
permission and writes the audit log with codes and statuses only: the need describes a
customer and stays out of the log. Mails carry the need, the asker's name and company and a
link, no contact data.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.common.audit import log_action
from verbund.common.mail import queue_mail
from verbund.common.permissions import require_perm
from verbund.members.models import MEMBER_STATUSES, Company, Person
from verbund.network.queries import get_network, roles_of
from verbund.referrals.models import (
    AnswerStatus,
    HelpAnswer,
    HelpRequest,
    HelpRequestStatus,
    Referral,
    ReferralKind,
)
from verbund.referrals.queries import suggest_helpers
from verbund.referrals.services.referrals import pass_referral

MAX_ASKED = 5
# How an asked company's answer may change while the request is open: it may change its mind
# until the asker accepts; an accepted answer is final.
ANSWER_TRANSITIONS: dict[str, set[str]] = {
    AnswerStatus.ASKED: {AnswerStatus.OFFERED, AnswerStatus.DECLINED},
    AnswerStatus.OFFERED: {AnswerStatus.DECLINED},
    AnswerStatus.DECLINED: {AnswerStatus.OFFERED},
    AnswerStatus.ACCEPTED: set(),
}


@transaction.atomic
def ask_for_help(
    *,
    need: str,
    region: str = "",
    companies: Sequence[Company],
    actor: Any,
    asked_by: Person | None = None,
    mail: bool = True,
) -> HelpRequest:
    """The actor (a person of an active member company) asks 1-5 other active member
    companies whether they can help with a customer's need. `asked_by` is for the system
    (demo data) alone. Side effects: the request, one answer per company (with the reason it
    was suggested), an audit entry, a mail to each company's admins.
    """
    require_perm(actor, "referrals.ask_for_help")
    asker = roles_of(actor).person if actor is not None else asked_by
    chosen = _check_request(asker, need, companies)
    assert asker is not None  # checked above
    reasons = _reasons(actor, asker, need, region)
    help_request = HelpRequest.objects.create(
        asked_by=asker, need=need.strip(), region=region.strip()
    )
    for company in chosen:
        HelpAnswer.objects.create(
            request=help_request, company=company, reason=reasons.get(company.pk, "")
        )
    log_action(
        actor=actor,
        action="help_request.ask",
        obj=help_request,
        changes={"status": help_request.status, "asked": len(chosen)},
    )
    if mail:
        for company in chosen:
            _mail_company(help_request, company)
    return help_request


def _check_request(asker: Person | None, need: str, companies: Sequence[Company]) -> list[Company]:
    if asker is None or asker.company is None or asker.company.status not in MEMBER_STATUSES:
        raise ValidationError(_("Only a person of an active member company can ask for help."))
    errors: dict[str, str] = {}
    if not need.strip():
        errors["need"] = _("Describe the customer's need.")
    chosen = list({company.pk: company for company in companies}.values())
    if not 1 <= len(chosen) <= MAX_ASKED:
        errors["companies"] = _("Choose one to five companies to ask.")
    elif any(company.pk == asker.company_id for company in chosen):
        errors["companies"] = _("Ask other companies, not your own.")
    elif any(company.status not in MEMBER_STATUSES for company in chosen):
        errors["companies"] = _("Ask active member companies only.")
    if errors:
        raise ValidationError(errors)
    return chosen


def _reasons(actor: Any, asker: Person, need: str, region: str) -> dict[int, str]:
    """Why each suggested company was suggested, as the asker saw it."""
    user = actor if actor is not None else asker.user
    return {
        suggestion.company.pk: "; ".join(suggestion.reasons)
        for suggestion in suggest_helpers(user, need, region)
    }


@transaction.atomic
def answer_help(
    *,
    answer: HelpAnswer,
    can_help: bool,
    message: str = "",
    actor: Any,
    answered_by: Person | None = None,
    mail: bool = True,
) -> HelpAnswer:
    """A person of the asked company answers: can help (offered) or cannot (declined).
    `answered_by` is for the system (demo data) alone.
    Side effects: audit entry, a mail to the asker (the company and its answer, a link)."""
    require_perm(actor, "referrals.answer_help", answer)
    person = roles_of(actor).person if actor is not None else answered_by
    if person is None or person.company_id != answer.company_id:
        raise ValidationError(_("Only a person of the asked company can answer."))
    help_request = _lock(answer.request)
    answer = HelpAnswer.objects.select_for_update(of=("self",)).get(pk=answer.pk)
    _check_open(help_request)
    to_status = AnswerStatus.OFFERED if can_help else AnswerStatus.DECLINED
    if to_status not in ANSWER_TRANSITIONS[answer.status]:
        raise ValidationError(
            {
                "status": _("This answer is “%(status)s” and cannot be changed so.")
                % {"status": answer.get_status_display()}
            }
        )
    current = answer.status
    answer.status = to_status
    answer.message = message.strip()
    answer.answered_by = person
    answer.answered_at = timezone.now()
    answer.save(update_fields=["status", "message", "answered_by", "answered_at"])
    log_action(
        actor=actor,
        action="help_request.answer",
        obj=help_request,
        changes={"company": answer.company.code, "answer": [current, to_status]},
    )
    if mail:
        _mail_asker(help_request, answer)
    return answer


@transaction.atomic
def accept_answer(
    *,
    answer: HelpAnswer,
    customer_name: str,
    temperature: int,
    actor: Any,
    customer_company: str = "",
    customer_email: str = "",
    customer_phone: str = "",
    mail: bool = True,
) -> Referral:
    """The asker accepts an offered answer: in one step it becomes a customer introduction
    from the asker to the answering person, the answer is accepted and the request referred.
    The system (demo data) accepts in the asker's name.
    Side effects: those of `pass_referral` (the receiver's mail) and an audit entry."""
    require_perm(actor, "referrals.accept_help_answer", answer.request)
    help_request = _lock(answer.request)
    answer = (
        HelpAnswer.objects.select_for_update(of=("self",))
        .select_related("answered_by")
        .get(pk=answer.pk)
    )
    _check_open(help_request)
    if answer.status != AnswerStatus.OFFERED or answer.answered_by is None:
        raise ValidationError({"answer": _("Only an answer that offers help can be accepted.")})
    referral = pass_referral(
        actor=actor,
        kind=ReferralKind.INTRODUCTION,
        need=help_request.need,
        temperature=temperature,
        customer_name=customer_name,
        customer_company=customer_company,
        customer_email=customer_email,
        customer_phone=customer_phone,
        parties=[(answer.answered_by, "receiver", None)],
        giver=help_request.asked_by,
        mail=mail,
    )
    answer.status = AnswerStatus.ACCEPTED
    answer.save(update_fields=["status"])
    help_request.status = HelpRequestStatus.REFERRED
    help_request.referral = referral
    help_request.save(update_fields=["status", "referral"])
    log_action(
        actor=actor,
        action="help_request.accept",
        obj=help_request,
        changes={
            "status": [HelpRequestStatus.OPEN, HelpRequestStatus.REFERRED],
            "company": answer.company.code,
            "referral": referral.code,
        },
    )
    return referral


@transaction.atomic
def close_help_request(*, help_request: HelpRequest, actor: Any) -> HelpRequest:
    """The asker closes an open request without a referral (found help elsewhere)."""
    require_perm(actor, "referrals.close_help_request", help_request)
    help_request = _lock(help_request)
    _check_open(help_request)
    help_request.status = HelpRequestStatus.CLOSED
    help_request.save(update_fields=["status"])
    log_action(
        actor=actor,
        action="help_request.close",
        obj=help_request,
        changes={"status": [HelpRequestStatus.OPEN, HelpRequestStatus.CLOSED]},
    )
    return help_request


def _lock(help_request: HelpRequest) -> HelpRequest:
    return (
        HelpRequest.objects.select_for_update(of=("self",))
        .select_related("asked_by__company")
        .get(pk=help_request.pk)
    )


def _check_open(help_request: HelpRequest) -> None:
    if help_request.status != HelpRequestStatus.OPEN:
        raise ValidationError(
            {
                "status": _("This help request is “%(status)s”; it can no longer be changed.")
                % {"status": help_request.get_status_display()}
            }
        )


# ---------------------------------------------------------------- mail


def recipients(company: Company) -> list[Person]:
    """Who hears of a request to `company`: its admins, or its people with a login if it has
    no admin."""
    people = list(company.people.select_related("user").order_by("pk"))
    admins = [person for person in people if person.is_company_admin]
    if admins:
        return admins
    return [person for person in people if person.user is not None and person.user.is_active]


def _address(person: Person) -> tuple[str, str]:
    user = person.user
    if user is not None:
        return user.email, user.language
    return person.email, "de"


def _mail_company(help_request: HelpRequest, company: Company) -> None:
    context = {
        "help_request": help_request,
        "asker": help_request.asked_by,
        "company": company,
        "path": reverse("referrals:help_request_detail", args=[help_request.code]),
        "network": get_network(),
    }
    for person in recipients(company):
        address, language = _address(person)
        if address:
            queue_mail(
                to=address,
                template="referrals/mail/help_request_new",
                language=language,
                context={**context, "person": person},
            )


def _mail_asker(help_request: HelpRequest, answer: HelpAnswer) -> None:
    address, language = _address(help_request.asked_by)
    if not address:
        return
    queue_mail(
        to=address,
        template="referrals/mail/help_answer",
        language=language,
        context={
            "help_request": help_request,
            "person": help_request.asked_by,
            "answer": answer,
            "path": reverse("referrals:help_request_detail", args=[help_request.code]),
            "network": get_network(),
        },
    )
