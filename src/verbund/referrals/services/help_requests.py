"""Writes on "who can help" requests: asking, answering, accepting an answer, closing.

Every function runs in one transaction under a row lock on the request, checks the actor's
permission and writes the audit log with codes and statuses only: the need describes a
customer and stays out of the log. Mails carry the need, the asker's name and company and a
link, no contact data.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.common.audit import log_action
from verbund.common.checks import length_errors
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
from verbund.referrals.queries import Suggestion, suggest_helpers
from verbund.referrals.services.referrals import pass_referral

MAX_ASKED = 5
# The same request again within this time while it is open is a double click, not a new need.
REPEAT_WINDOW = datetime.timedelta(minutes=10)
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
    reasons: Mapping[int, str] | None = None,
    mail: bool = True,
) -> HelpRequest:
    """The actor (a person of an active member company) asks 1-5 other active member
    companies whether they can help with a customer's need. `asked_by` is for the system
    (demo data) alone. `reasons`: why each company was suggested (`suggested_reasons`), if
    the caller ranked them for this need and region already; else they are ranked here.
    The same open request (asker, need, companies) within 10 minutes is refused.
    Side effects: the request, one answer per company (with the reason it was suggested), an
    audit entry, a mail to each company's admins.
    """
    require_perm(actor, "referrals.ask_for_help")
    asker = roles_of(actor).person if actor is not None else asked_by
    chosen = _check_request(asker, need, region, companies)
    assert asker is not None  # checked above
    if reasons is None:
        reasons = _reasons(actor, asker, need, region)
    _refuse_repeat(asker, need, chosen)
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


def _check_request(
    asker: Person | None, need: str, region: str, companies: Sequence[Company]
) -> list[Company]:
    if asker is None or asker.company is None or asker.company.status not in MEMBER_STATUSES:
        raise ValidationError(_("Only a person of an active member company can ask for help."))
    errors = length_errors(HelpRequest, {"region": region})
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


def suggested_reasons(suggestions: Iterable[Suggestion]) -> dict[int, str]:
    """Why each suggested company was suggested, as its answer keeps it."""
    return {suggestion.company.pk: "; ".join(suggestion.reasons) for suggestion in suggestions}


def _reasons(actor: Any, asker: Person, need: str, region: str) -> dict[int, str]:
    """The reasons as the asker saw them (ranked again: the caller did not pass them)."""
    user = actor if actor is not None else asker.user
    return suggested_reasons(suggest_helpers(user, need, region))


def _refuse_repeat(asker: Person, need: str, chosen: list[Company]) -> None:
    """Refuse the same open request (asker, need, companies) made within REPEAT_WINDOW: a
    double click sends the form twice. The lock on the asker's row makes two requests at the
    same moment check one after the other, so the second sees the first."""
    Person.objects.select_for_update().only("pk").get(pk=asker.pk)
    recent = HelpRequest.objects.filter(
        asked_by=asker,
        need=need.strip(),
        status=HelpRequestStatus.OPEN,
        created_at__gte=timezone.now() - REPEAT_WINDOW,
    ).prefetch_related("answers")
    wanted = {company.pk for company in chosen}
    if any({answer.company_id for answer in item.answers.all()} == wanted for item in recent):
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "You sent this help request to the same companies a few minutes ago; it "
                    "has not been sent again. You find it under your help requests."
                )
            }
        )


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
    if to_status == answer.status:
        return _answer_again(help_request, answer, message, person, actor)
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


def _answer_again(
    help_request: HelpRequest, answer: HelpAnswer, message: str, person: Person, actor: Any
) -> HelpAnswer:
    """The same answer again: its message (and who stands behind it) replaced, audited; the
    asker knows the answer already and is not mailed again. Nothing new: nothing changes."""
    message = message.strip()
    if message == answer.message and person.pk == answer.answered_by_id:
        return answer
    answer.message = message
    answer.answered_by = person
    answer.answered_at = timezone.now()
    answer.save(update_fields=["message", "answered_by", "answered_at"])
    log_action(
        actor=actor,
        action="help_request.answer_again",
        obj=help_request,
        changes={"company": answer.company.code, "answer": answer.status},
    )
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
        .select_related("answered_by__user", "company")
        .get(pk=answer.pk)
    )
    _check_open(help_request)
    if answer.status != AnswerStatus.OFFERED or answer.answered_by is None:
        raise ValidationError({"answer": _("Only an answer that offers help can be accepted.")})
    _check_answering_person(answer, answer.answered_by, system=actor is None)
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


def _check_answering_person(answer: HelpAnswer, person: Person, *, system: bool) -> None:
    """The referral goes to the person who answered: they must still be with the company and
    able to log in (people leave; their logins are switched off or deleted). The system (demo
    data) answers and accepts in the name of people who never had a login."""
    user = person.user
    no_login = (user is None and not system) or (user is not None and not user.is_active)
    if person.company_id != answer.company_id or no_login:
        raise ValidationError(
            {
                "answer": _(
                    "The person who answered for %(company)s can no longer take the referral. "
                    "Please ask the company to answer again."
                )
                % {"company": answer.company.name}
            }
        )


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
    """Who hears of a request to `company`: its admins who can log in, or, without such an
    admin, its people who can (an address without a login could not answer)."""
    people = [
        person
        for person in company.people.select_related("user").order_by("pk")
        if person.user is not None and person.user.is_active
    ]
    return [person for person in people if person.is_company_admin] or people


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
