"""Bulk-insert a network of a stated size straight into the database (no services, no audit).

Sizes (SPEC section 12): S is one network like seed 000, M one cooperative like seed 001.
The data is deterministic (a fixed seed) and believable (the demo's name lists), but it
skips the services on purpose: building M through them would take minutes. Meetings and
attendance come from `bench.meetings` (M: ten years of fortnightly breakfasts), referrals and
one-to-ones from `bench.referrals` (M: 50,000 over three years); XL from `bench.xl` and
`bench.xl_referrals` in SQL.

Run it through `python -m bench.run`, which makes a fresh database first. Called on its
own, `generate()` refuses a database that already holds companies unless `force=True`.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from allauth.mfa.totp.internal.auth import TOTP
from django.db import transaction
from django.utils import timezone

from bench.meetings import generate_meetings, meeting_summary
from bench.referrals import generate_referrals, referral_summary
from verbund.accounts.models import User
from verbund.common.codes import ALPHABET
from verbund.common.demo import data
from verbund.common.demo.logins import DEMO_TOTP_SECRET
from verbund.common.demo.plan import Namer, plan_people, random_date
from verbund.common.demo.skills import build_skills
from verbund.directory.models import SearchDocument
from verbund.members.models import Company, CompanyStatus, Offering, Person, VendorPartnership
from verbund.network.models import (
    Group,
    GroupKind,
    GroupMembership,
    GroupRole,
    GroupRoleKind,
    Network,
    NetworkRole,
    NetworkRoleKind,
)

SEED = 12_2026
BENCH_EMAIL = "bench-member@verbund.example"
BENCH_MODERATOR_EMAIL = "bench-moderator@verbund.example"
BENCH_OFFICE_EMAIL = "bench-office@verbund.example"
TERM_START = datetime.date(2025, 1, 1)
Staffed = tuple[Company, list[Person]]  # a company and its people


@dataclass(frozen=True)
class Size:
    """How big a generated network is."""

    companies: int
    people: int
    regional: int
    topic: int  # working groups, focus groups and circles
    years: int  # of fortnightly meetings per group, up to the day of the run
    referrals: int
    referral_days: int  # the referrals are spread over these last days


SIZES = {
    "S": Size(
        companies=60, people=150, regional=5, topic=0, years=1, referrals=2000, referral_days=365
    ),
    "M": Size(
        companies=400,
        people=1200,
        regional=24,
        topic=6,
        years=10,
        referrals=50_000,
        referral_days=3 * 365,
    ),
}


def _pairs(text: str) -> list[tuple[str, str]]:
    """`"Ulm:731 Kiel:431"` → `[("Ulm", "731"), ("Kiel", "431")]` (keeps long lists compact)."""
    return [(name, code) for name, code in (item.split(":") for item in text.split())]


# Regions beyond the demo's five, for the larger sizes: "group name:area code".
MORE_REGIONS = _pairs("""
    Ingolstadt:841 Regensburg:941 Nürnberg:911 Würzburg:931 Landshut:871 Passau:851
    Rosenheim:8031 Kempten:831 Ulm:731 Stuttgart:711 Karlsruhe:721 Frankfurt:69
    Rheinland:221 Düsseldorf:211 Ruhr:201 Hamburg:40 Berlin:30 Leipzig:341 Dresden:351
    Hannover:511 Bremen:421 Münster:251 Mannheim:621 Kiel:431
""")


def _code(rng: random.Random) -> str:
    return "".join(rng.choice(ALPHABET) for _ in range(10))


def _regional_groups(rng: random.Random, count: int) -> list[tuple[Group, list[data.Place]]]:
    """The demo's five groups first, then regions across Germany."""
    groups = []
    for spec in data.REGIONAL_GROUPS[:count]:
        group = Group(
            code=_code(rng),
            name=spec.name,
            kind=GroupKind.REGIONAL,
            region=spec.region,
            description=data.MEETING,
        )
        groups.append((group, list(spec.places)))
    for city, area in MORE_REGIONS[: max(0, count - len(groups))]:
        group = Group(
            code=_code(rng),
            name=f"Regionalgruppe {city}",
            kind=GroupKind.REGIONAL,
            region=city,
            description=data.MEETING,
        )
        groups.append(
            (group, [data.Place(city, f"{rng.randint(10, 99)}{rng.randint(100, 999)}", area)])
        )
    return groups


def _topic_groups(rng: random.Random, count: int) -> list[Group]:
    specs = data.TOPIC_GROUPS[:count]
    return [
        Group(code=_code(rng), name=spec.name, kind=spec.kind, description=spec.description)
        for spec in specs
    ]


def _people_per_company(size: Size) -> list[int]:
    """Spread `size.people` over the companies as evenly as possible."""
    share, extra = divmod(size.people, size.companies)
    return [share + (index < extra) for index in range(size.companies)]


def _companies(
    rng: random.Random, namer: Namer, size: Size, regional: list[tuple[Group, list[data.Place]]]
) -> list[Staffed]:
    """(Company, its people as unsaved Person rows) for every company."""
    result = []
    for index, staff in enumerate(_people_per_company(size)):
        group, places = regional[index % len(regional)]
        place = rng.choice(places)
        name, domain, description = namer.company(index)
        employees = rng.randint(5, 120)
        status = CompanyStatus.ACTIVE if rng.random() < 0.97 else CompanyStatus.CANDIDATE
        company = Company(
            code=_code(rng),
            name=name,
            street=f"Gewerbering {rng.randint(1, 120)}",
            postal_code=place.postal_code,
            city=place.city,
            region=group.region,
            website=f"https://www.{domain}",
            description=description,
            employees=employees,
            annual_revenue=Decimal(employees * rng.randint(70, 125) * 1000),
            status=status,
            member_since=random_date(rng, datetime.date(2008, 3, 1), datetime.date(2026, 10, 30))
            if status == CompanyStatus.ACTIVE
            else None,
            home_group=group,
        )
        plans = plan_people(rng, namer, count=staff, domain=domain, place=place)
        people = [Person(code=_code(rng), company=company, **plan.fields()) for plan in plans]
        result.append((company, people))
    return result


@transaction.atomic
def generate(size: Size, *, force: bool = False) -> User:
    """Insert a network of `size`; return the login of a plain member to benchmark with."""
    if Company.objects.exists() and not force:
        raise RuntimeError("The database already holds companies; use a fresh database.")
    rng = random.Random(SEED)
    Network.objects.all().delete()
    Network.objects.create(**data.NETWORK)
    regional = _regional_groups(rng, size.regional)
    topics = _topic_groups(rng, size.topic)
    Group.objects.bulk_create([group for group, _ in regional] + topics)
    companies = _companies(rng, Namer(rng), size, regional)
    Company.objects.bulk_create([company for company, _ in companies])
    Person.objects.bulk_create([person for _, staff in companies for person in staff])
    # The demo's skills database (taxonomy, skills, offerings, partnerships; bulk), from its
    # own generator so the rest stays as it was; it reindexes every company for the directory.
    build_skills(random.Random(SEED + 2), list(Company.objects.order_by("pk")))
    _memberships(rng, companies, topics)
    moderator, office = _roles(rng, regional, companies)
    member = _bench_login(regional[0][0], companies)
    Person.objects.filter(pk=moderator.pk).update(
        user=User.objects.create(email=BENCH_MODERATOR_EMAIL, password="!")
    )
    _office_login(office)
    generate_meetings(random.Random(SEED + 1), timezone.localdate(), years=size.years)
    generate_referrals(
        random.Random(SEED + 3),
        timezone.now(),
        count=size.referrals,
        days=size.referral_days,
        member_company=Person.objects.get(user=member).company_id,
    )
    return member


def _memberships(rng: random.Random, companies: list[Staffed], topics: list[Group]) -> None:
    """Every person of an active company in its home group; some also in topic groups."""
    rows = []
    members = []
    for company, staff in companies:
        if company.status != CompanyStatus.ACTIVE:
            continue
        for person in staff:
            members.append(person)
            rows.append(
                GroupMembership(
                    group=company.home_group, person=person, joined_on=company.member_since
                )
            )
    for topic in topics:
        for person in rng.sample(members, min(20, len(members))):
            rows.append(GroupMembership(group=topic, person=person, joined_on=TERM_START))
    GroupMembership.objects.bulk_create(rows)


def _roles(
    rng: random.Random, regional: list[tuple[Group, list[data.Place]]], companies: list[Staffed]
) -> tuple[Person, Person]:
    """A moderator and a secretary per regional group, a board of five and one office.

    Returns the first group's moderator and the office."""
    roles = []
    for group, _ in regional:
        local = [
            staff
            for company, staff in companies
            if company.home_group is group and company.status == CompanyStatus.ACTIVE
        ]
        roles.append(
            GroupRole(
                group=group, person=local[0][0], kind=GroupRoleKind.MODERATOR, starts_on=TERM_START
            )
        )
        roles.append(
            GroupRole(
                group=group, person=local[1][-1], kind=GroupRoleKind.SECRETARY, starts_on=TERM_START
            )
        )
    GroupRole.objects.bulk_create(roles)
    active = [staff[0] for company, staff in companies if company.status == CompanyStatus.ACTIVE]
    board = [
        NetworkRole(person=person, kind=NetworkRoleKind.BOARD, starts_on=TERM_START)
        for person in rng.sample(active, 5)
    ]
    office = Person.objects.create(
        code=_code(rng),
        first_name="Büro",
        last_name="Verbund",
        function="Geschäftsstelle",
        email="office@verbund.example",
    )
    NetworkRole.objects.bulk_create(
        [*board, NetworkRole(person=office, kind=NetworkRoleKind.OFFICE, starts_on=TERM_START)]
    )
    return roles[0].person, office


def _office_login(office: Person) -> None:
    """A login for the office (the company matrix), with the TOTP the office must have."""
    user = User.objects.create(email=BENCH_OFFICE_EMAIL, password="!")
    TOTP.activate(user, DEMO_TOTP_SECRET)
    Person.objects.filter(pk=office.pk).update(user=user)


def _bench_login(group: Group, companies: list[Staffed]) -> User:
    """A login for a plain member (the CEO of the last active company of the first group)."""
    staff = [
        staff
        for company, staff in companies
        if company.home_group is group and company.status == CompanyStatus.ACTIVE
    ][-1]
    user = User.objects.create(email=BENCH_EMAIL, password="!")  # unusable: force_login only
    Person.objects.filter(pk=staff[0].pk).update(user=user)
    return user


def summary() -> dict[str, int]:
    """Row counts of what `generate` made."""
    return {
        "companies": Company.objects.count(),
        "people": Person.objects.count(),
        "groups": Group.objects.count(),
        "memberships": GroupMembership.objects.count(),
        "skill links": Company.skills.through.objects.count(),
        "offerings": Offering.objects.count(),
        "partnerships": VendorPartnership.objects.count(),
        "search documents": SearchDocument.objects.count(),
        **meeting_summary(),
        **referral_summary(),
    }
