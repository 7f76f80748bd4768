"""The demo's "who can help?" requests, both asked by member@verbund.example: an open one
for a customer in Augsburg to three suggested companies (member2@'s company offers help with a
message, one declines, one has not answered yet), and one from about three months ago whose
offered answer was accepted and became a referral won with closed business.

Everything goes through the services as the system, without mail; the services stamp "now",
so the dates are set back afterwards."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from verbund.common.demo.logins import LOGINS_BY_KEY
from verbund.common.demo.referrals import _at, _backdate, _end
from verbund.members.models import Company, Person
from verbund.referrals.models import HelpAnswer, HelpRequest, ReferralStatus
from verbund.referrals.queries import suggest_helpers
from verbund.referrals.services import (
    accept_answer,
    answer_help,
    ask_for_help,
    change_status,
    confirm_closed_business,
)

OPEN_NEED = (
    "Kunde in Augsburg sucht Unterstützung bei der Migration von 40 Arbeitsplätzen auf "
    "Microsoft 365 und Intune."
)
OPEN_REGION = "Augsburg"
OFFER = (
    "Gerne! Wir haben dieses Jahr drei vergleichbare Intune-Einführungen in Augsburg "
    "umgesetzt. Ich rufe Sie an, um einen Termin mit dem Kunden abzustimmen."
)
DECLINE = "Leider sind wir bis Ende Januar ausgelastet; danach gerne wieder."
OLD_NEED = (
    "Kunde sucht einen Partner für die Firewall und das VPN seiner drei Standorte "
    "im Münchner Norden."
)
OLD_OFFER = "Das machen wir häufig; ich kümmere mich gerne persönlich darum."
OLD_DAYS = 92
OLD_VALUE = Decimal("18400.00")
OLD_THANKS = "Vielen Dank für die Anfrage: der Kunde hat den Wartungsvertrag gleich mit bestellt."
OLD_WAY = [ReferralStatus.CONTACTED, ReferralStatus.IN_TALKS, ReferralStatus.OFFER]


def build_help_requests(rng: random.Random, *, today: datetime.date) -> None:
    """Create member@'s two help requests (the open one and the referred one)."""
    member = Person.objects.select_related("company").get(user__email=LOGINS_BY_KEY["member"].email)
    offering = Person.objects.select_related("company").get(
        user__email=LOGINS_BY_KEY["member2"].email
    )
    _open_request(rng, member, offering, today)
    _referred_request(rng, member, exclude={offering.company_id}, today=today)


def _suggested(member: Person, need: str, region: str, exclude: set[int | None]) -> list[Company]:
    """The companies the directory suggests to member@ for `need`, best first: those of the
    region, then the others (the region alone holds few fitting companies)."""
    suggestions = [*suggest_helpers(member.user, need, region), *suggest_helpers(member.user, need)]
    companies = {s.company.pk: s.company for s in suggestions if s.company.pk not in exclude}
    return list(companies.values())


def _open_request(
    rng: random.Random, member: Person, offering: Person, today: datetime.date
) -> None:
    """Asked two days ago; member2@'s company offered, the second declined, the third not yet."""
    assert offering.company is not None
    others = _suggested(member, OPEN_NEED, OPEN_REGION, {member.company_id, offering.company_id})
    companies = [offering.company, *others[:2]]
    help_request = ask_for_help(
        need=OPEN_NEED,
        region=OPEN_REGION,
        companies=companies,
        actor=None,
        asked_by=member,
        mail=False,
    )
    answers = list(help_request.answers.order_by("pk"))
    asked_at = _at(today - datetime.timedelta(days=2), rng)
    _answer(answers[0], offering, OFFER, asked_at + datetime.timedelta(hours=3))
    declining = _admin(answers[1].company)
    _answer(answers[1], declining, DECLINE, asked_at + datetime.timedelta(days=1), can_help=False)
    HelpRequest.objects.filter(pk=help_request.pk).update(created_at=asked_at)


def _answer(
    answer: HelpAnswer,
    person: Person,
    message: str,
    at: datetime.datetime,
    *,
    can_help: bool = True,
) -> None:
    """The answer as `person` gave it at `at`."""
    answer_help(
        answer=answer,
        can_help=can_help,
        message=message,
        actor=None,
        answered_by=person,
        mail=False,
    )
    HelpAnswer.objects.filter(pk=answer.pk).update(answered_at=at)


def _admin(company: Company) -> Person:
    """Who answers for a company: its first admin (the CEO in the demo), else its first person."""
    people = company.people.order_by("-is_company_admin", "pk")
    return people.first()  # type: ignore[return-value]


def _referred_request(
    rng: random.Random, member: Person, *, exclude: set[int | None], today: datetime.date
) -> None:
    """About three months ago: two companies asked, the first offered and was accepted; the
    referral went its way to won with closed business. The second never answered."""
    companies = _suggested(member, OLD_NEED, "", exclude | {member.company_id})[:2]
    help_request = ask_for_help(
        need=OLD_NEED, companies=companies, actor=None, asked_by=member, mail=False
    )
    answer = help_request.answers.order_by("pk").first()
    assert answer is not None
    helper = _admin(answer.company)
    asked_at = _at(today - datetime.timedelta(days=OLD_DAYS), rng)
    _answer(answer, helper, OLD_OFFER, asked_at + datetime.timedelta(hours=5))
    referral = accept_answer(
        answer=answer,
        customer_name="Thomas Berger",
        customer_company="Berger Logistik GmbH",
        customer_email="thomas.berger@kunde.example",
        temperature=4,
        actor=None,
        mail=False,
    )
    stamps = [asked_at + datetime.timedelta(days=1)]
    for status in [*OLD_WAY, ReferralStatus.WON]:
        stamps.append(min(stamps[-1] + datetime.timedelta(days=rng.randint(5, 20)), _end(today)))
        change_status(referral=referral, to_status=status, actor=None, mail=False)
    confirm_closed_business(
        referral=referral,
        value=OLD_VALUE,
        thank_you=OLD_THANKS,
        actor=None,
        confirmed_by=helper,
        mail=False,
    )
    _backdate(referral, stamps, today)
    HelpRequest.objects.filter(pk=help_request.pk).update(created_at=asked_at)
