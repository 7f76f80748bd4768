"""The demo's year of referrals: about three per member company (given or received), mostly
within the regional group, some across; about 40 % won with closed business, some lost or no
fit, some open. One joint deal of three partners is won. member@verbund.example has given and
received a known set, one of them won with a thank-you. Everything goes through the services
as the system, without mail; the services stamp "now", so the dates are set back afterwards.
Open referrals older than the reminder's 14 days count as reminded: `remind_referrals` sends
nothing on the fresh demo."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from verbund.common.demo.logins import LOGINS_BY_KEY
from verbund.members.models import MEMBER_STATUSES, Person
from verbund.referrals.models import (
    OPEN_STATUSES,
    ClosedBusiness,
    PartyRole,
    Referral,
    ReferralStatus,
    StatusChange,
)
from verbund.referrals.services import change_status, confirm_closed_business, pass_referral
from verbund.referrals.services.referrals import REMIND_AFTER_DAYS, PartySpec

BERLIN = ZoneInfo("Europe/Berlin")
DAYS = 365
# Referrals given per company a year: each company then takes part in about three.
GIVEN_PER_COMPANY = Decimal("1.5")
WITHIN_GROUP = 0.8
OUTCOMES = ["won", "lost", "no_fit", "open"]
OUTCOME_WEIGHTS = [40, 12, 8, 40]
WAY: list[str] = [ReferralStatus.CONTACTED, ReferralStatus.IN_TALKS, ReferralStatus.OFFER]
NEEDS = [
    "Sucht einen Partner für die Migration von 30 Arbeitsplätzen in die Cloud.",
    "Braucht eine neue Telefonanlage für zwei Standorte.",
    "Möchte die Firewall und das WLAN im Lager erneuern lassen.",
    "Sucht Unterstützung bei der Datensicherung nach einem Festplattenausfall.",
    "Plant ein neues ERP-System und braucht eine unabhängige Beratung.",
    "Braucht einen Wartungsvertrag für 15 Drucker und Multifunktionsgeräte.",
    "Möchte Microsoft 365 einführen und die Mitarbeiter schulen lassen.",
    "Sucht einen Dienstleister für die IT-Sicherheitsprüfung nach NIS2.",
    "Eröffnet eine Filiale und braucht die komplette Netzwerkverkabelung.",
    "Will die Webseite mit einem Online-Shop neu aufsetzen.",
]
FIRST = ["Anna", "Thomas", "Sabine", "Michael", "Julia", "Stefan", "Claudia", "Andreas"]
LAST = ["Bauer", "Wagner", "Hofmann", "Schäfer", "Koch", "Richter", "Wolf", "Lang"]
CUSTOMERS = [
    "Bäckerei Sonnenschein",
    "Autohaus Lechner GmbH",
    "Steuerkanzlei Berger & Partner",
    "Zahnarztpraxis Dr. Maier",
    "Schreinerei Holzmann",
    "Hotel Alpenblick",
    "Physiotherapie am Markt",
    "Spedition Krämer KG",
]
THANKS = [
    "Herzlichen Dank für die tolle Empfehlung!",
    "Vielen Dank, der Kunde war bestens vorbereitet.",
    "Danke für das Vertrauen, das Projekt läuft hervorragend.",
    "Tausend Dank: daraus ist ein langfristiger Wartungsvertrag geworden.",
    "Vielen Dank für die Vermittlung, gerne wieder!",
]
NOTES = ["Erstes Telefonat geführt.", "Termin vor Ort vereinbart.", "Angebot verschickt.", ""]


def build_referrals(rng: random.Random, *, today: datetime.date) -> None:
    """Create the year of referrals; member@ (the demo login) has a known set of them."""
    member = Person.objects.select_related("company").get(user__email=LOGINS_BY_KEY["member"].email)
    companies = _people_by_company(exclude=member)
    ids = sorted(companies)
    for _ in range(int(len(ids) * GIVEN_PER_COMPANY)):
        giver_company = rng.choice(ids)
        receiver = rng.choice(companies[_receiving_company(rng, giver_company, ids, companies)])
        outcome = rng.choices(OUTCOMES, weights=OUTCOME_WEIGHTS)[0]
        day = today - datetime.timedelta(days=rng.randint(1, DAYS))
        _referral(rng, rng.choice(companies[giver_company]), [receiver], day, outcome, today)
    _joint_deal(rng, companies, ids, today)
    _member_set(rng, member, companies, ids, today)


def _people_by_company(exclude: Person) -> dict[int, list[Person]]:
    """The people of each active member company, the login left out so its referrals stay
    the known set."""
    people = (
        Person.objects.filter(company__status__in=MEMBER_STATUSES)
        .exclude(pk=exclude.pk)
        .select_related("company")
        .order_by("pk")
    )
    companies: dict[int, list[Person]] = {}
    for person in people:
        companies.setdefault(person.company_id or 0, []).append(person)
    return companies


def _receiving_company(
    rng: random.Random, giver: int, ids: list[int], companies: dict[int, list[Person]]
) -> int:
    """Mostly a company of the giver's home group, sometimes one of another group."""
    home = companies[giver][0].company.home_group_id  # type: ignore[union-attr]
    near = [c for c in ids if c != giver and companies[c][0].company.home_group_id == home]  # type: ignore[union-attr]
    others = [c for c in ids if c != giver]
    return rng.choice(near if near and rng.random() < WITHIN_GROUP else others)


def _referral(
    rng: random.Random,
    giver: Person,
    receivers: list[Person],
    day: datetime.date,
    outcome: str,
    today: datetime.date,
    *,
    kind: str = "introduction",
    parties: list[PartySpec] | None = None,
    value: Decimal | None = None,
    thank_you: str | None = None,
) -> Referral:
    """One referral passed on `day` and moved along to `outcome`, dates set back."""
    first, last = rng.choice(FIRST), rng.choice(LAST)
    referral = pass_referral(
        actor=None,
        giver=giver,
        kind=kind,
        need=rng.choice(NEEDS),
        temperature=rng.randint(1, 5),
        customer_name=f"{first} {last}",
        customer_company=rng.choice(CUSTOMERS),
        customer_email=f"{first.lower()}.{last.lower()}@kunde.example".replace("ä", "ae"),
        customer_phone=f"+49 89 {rng.randint(100000, 999999)}",
        parties=parties or [(person, PartyRole.RECEIVER, None) for person in receivers],
        mail=False,
    )
    steps = steps_to(rng, outcome)
    end = _end(today)
    moment = _at(day, rng)
    stamps = [moment]
    for status in steps:
        moment = min(moment + datetime.timedelta(days=rng.randint(2, 20)), end)
        stamps.append(moment)
        change_status(
            referral=referral, to_status=status, actor=None, note=rng.choice(NOTES), mail=False
        )
    if outcome == "won":
        confirm_closed_business(
            referral=referral,
            value=value or Decimal(rng.randrange(1500, 80001, 50)),
            thank_you=thank_you or rng.choice(THANKS),
            actor=None,
            confirmed_by=receivers[0],
            mail=False,
        )
    _backdate(referral, stamps, today)
    return referral


def steps_to(rng: random.Random, outcome: str) -> list[str]:
    """The statuses a referral went through to its outcome (skipping a step now and then;
    an open one stops somewhere on the way). The bench walks them the same way."""
    way = [status for status in WAY if rng.random() < 0.7]
    if outcome == "open":
        return way[: rng.randint(0, len(way))]
    if outcome == "no_fit":
        return [*way[:1], ReferralStatus.NO_FIT]
    return [*way, outcome]


def _at(day: datetime.date, rng: random.Random) -> datetime.datetime:
    """A working-hours moment of `day` in Berlin."""
    when = datetime.time(rng.randint(8, 17), rng.choice([0, 15, 30, 45]))
    return datetime.datetime.combine(day, when, tzinfo=BERLIN)


def _end(today: datetime.date) -> datetime.datetime:
    """The latest moment a date may take: the end of `today`'s working day, never the future."""
    evening = datetime.datetime.combine(today, datetime.time(18), tzinfo=BERLIN)
    return min(evening, timezone.now())


def _backdate(referral: Referral, stamps: list[datetime.datetime], today: datetime.date) -> None:
    """Set the dates the services stamped "now" back to the story's days."""
    changed, end = stamps[-1], _end(today)
    due = changed + datetime.timedelta(days=REMIND_AFTER_DAYS)
    # An old open referral was reminded at the time: the reminder owes it nothing today.
    open_and_due = referral.status in OPEN_STATUSES and due.date() <= today
    reminded = min(due, end) if open_and_due else None
    Referral.objects.filter(pk=referral.pk).update(
        created_at=stamps[0], status_changed_at=changed, reminded_at=reminded
    )
    changes = StatusChange.objects.filter(referral=referral).order_by("pk")
    for change, stamp in zip(changes, stamps[1:], strict=True):
        StatusChange.objects.filter(pk=change.pk).update(changed_at=stamp)
    ClosedBusiness.objects.filter(referral=referral).update(
        confirmed_at=min(changed + datetime.timedelta(hours=2), end)
    )


def _joint_deal(
    rng: random.Random, companies: dict[int, list[Person]], ids: list[int], today: datetime.date
) -> None:
    """Three partners (lead, subcontractor, specialist) won a deal together: 50/30/20."""
    giver, lead, sub, specialist = (companies[c][0] for c in rng.sample(ids, 4))
    parties: list[PartySpec] = [
        (lead, PartyRole.LEAD, Decimal("50.00")),
        (sub, PartyRole.SUBCONTRACTOR, Decimal("30.00")),
        (specialist, PartyRole.SPECIALIST, Decimal("20.00")),
    ]
    _referral(
        rng,
        giver,
        [lead, sub, specialist],
        today - datetime.timedelta(days=120),
        "won",
        today,
        kind="joint_deal",
        parties=parties,
        value=Decimal("64000.00"),
        thank_you="Danke für das gemeinsame Projekt: ein Paradebeispiel für unser Netzwerk!",
    )


def _member_set(
    rng: random.Random,
    member: Person,
    companies: dict[int, list[Person]],
    ids: list[int],
    today: datetime.date,
) -> None:
    """member@: three given (one won with thanks, one lost, one open) and three received (one
    in talks, one won, one new)."""
    others = [companies[c][0] for c in ids if c != member.company_id]
    near = [p for p in others if p.company.home_group_id == member.company.home_group_id]  # type: ignore[union-attr]
    pool = near or others
    given = [("won", 200), ("lost", 90), ("open", 10)]
    for (outcome, days), receiver in zip(given, rng.sample(pool, 3), strict=True):
        _referral(
            rng,
            member,
            [receiver],
            today - datetime.timedelta(days=days),
            outcome,
            today,
            value=Decimal("12500.00") if outcome == "won" else None,
            thank_you="Herzlichen Dank! Der Kunde hat direkt unterschrieben!",
        )
    received = [("open", 40), ("won", 150), ("open", 3)]
    for (outcome, days), giver in zip(received, rng.sample(pool, 3), strict=True):
        _referral(rng, giver, [member], today - datetime.timedelta(days=days), outcome, today)
