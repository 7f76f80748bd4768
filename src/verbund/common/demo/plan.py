"""Plans of companies and people drawn from a seeded random generator (no database access).

The demo builder turns a plan into rows through the service functions; the benchmark
generator (`bench/generate.py`) bulk-inserts plans of other sizes.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from verbund.common.demo import data, names

UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", " ": "-", ".": ""})


def slug(text: str) -> str:
    """`Würmtal Software` → `wuermtal-software` (for e-mail addresses and domains)."""
    return text.lower().translate(UMLAUTS)


@dataclass(frozen=True)
class PersonPlan:
    """One person of a member company, ready to become a `members.Person`."""

    first_name: str
    last_name: str
    female: bool
    role: str  # ceo, tech, sales or marketing
    email: str
    phone: str
    mobile: str
    email_visibility: str
    phone_visibility: str
    mobile_visibility: str
    languages: str
    expertise: str
    login_email: str = ""

    @property
    def function(self) -> str:
        return names.FUNCTIONS[self.role][self.female]

    def fields(self) -> dict[str, Any]:
        """The `Person` fields (without the company)."""
        return {
            "first_name": self.first_name,
            "last_name": self.last_name,
            "function": self.function,
            "email": self.email,
            "email_visibility": self.email_visibility,
            "phone": self.phone,
            "phone_visibility": self.phone_visibility,
            "mobile": self.mobile,
            "mobile_visibility": self.mobile_visibility,
            "languages": self.languages,
            "expertise": self.expertise,
            "is_company_admin": self.role == "ceo",
        }

    def renamed(self, first: str, last: str, *, female: bool, login_email: str) -> PersonPlan:
        """The same person under a fixed name with a login (for the demo logins)."""
        return replace(
            self,
            first_name=first,
            last_name=last,
            female=female,
            email=login_email,
            login_email=login_email,
        )


@dataclass(frozen=True)
class CompanyPlan:
    """One member company with its people, ready to become a `members.Company`."""

    name: str
    street: str
    place: data.Place
    region: str
    domain: str
    description: str
    employees: int
    annual_revenue: Decimal
    member_since: datetime.date | None
    status: str
    group: int  # index into the list of regional groups
    people: tuple[PersonPlan, ...] = field(default=())

    def fields(self) -> dict[str, Any]:
        """The `Company` fields (without the home group)."""
        return {
            "name": self.name,
            "street": self.street,
            "postal_code": self.place.postal_code,
            "city": self.place.city,
            "region": self.region,
            "website": f"https://www.{self.domain}",
            "description": self.description,
            "employees": self.employees,
            "annual_revenue": self.annual_revenue,
            "member_since": self.member_since,
            "status": self.status,
        }


class Namer:
    """Hands out person names and company names, never the same one twice."""

    def __init__(self, rng: random.Random, reserved: set[tuple[str, str]] | None = None):
        self.rng = rng
        self.people: set[tuple[str, str]] = set(reserved or ())
        self.companies: set[str] = set()
        self.stems = list(names.COMPANY_STEMS)
        rng.shuffle(self.stems)

    def person(self) -> tuple[str, str, bool]:
        while True:
            female = self.rng.random() < 0.35
            first = self.rng.choice(names.FEMALE_FIRST if female else names.MALE_FIRST)
            last = self.rng.choice(names.LAST_NAMES)
            if (first, last) not in self.people:
                self.people.add((first, last))
                return first, last, female

    def company(self, index: int) -> tuple[str, str, str]:
        """Name, domain and description; stems repeat only past the first len(stems) names."""
        stem = self.stems[index % len(self.stems)]
        while True:
            kind = self.rng.choice(list(names.COMPANY_KINDS))
            if f"{stem} {kind}" not in self.companies:
                break
        self.companies.add(f"{stem} {kind}")
        name = f"{stem} {kind} {self.rng.choice(names.LEGAL_FORMS)}"
        return name, f"{slug(stem)}-{slug(kind)}.example", names.COMPANY_KINDS[kind]


def _visibility(rng: random.Random, weights: tuple[int, int, int]) -> str:
    return rng.choices(("members", "group", "private"), weights=weights)[0]


def plan_person(
    rng: random.Random, namer: Namer, *, role: str, domain: str, phone: str
) -> PersonPlan:
    """One person with invented name, contact data and varied per-field visibility."""
    first, last, female = namer.person()
    mobile = f"+49 {rng.choice(names.MOBILE_PREFIXES)} {rng.randint(1000000, 99999999)}"
    expertise = rng.sample(names.EXPERTISE[role], 2 if role != "tech" else 3)
    return PersonPlan(
        first_name=first,
        last_name=last,
        female=female,
        role=role,
        email=f"{slug(first)}.{slug(last)}@{domain}",
        phone=phone,
        mobile=mobile,
        email_visibility=_visibility(rng, (7, 2, 1)),
        phone_visibility=_visibility(rng, (6, 3, 1)),
        mobile_visibility=_visibility(rng, (2, 5, 3)),
        languages=rng.choice(names.LANGUAGES),
        expertise=", ".join(expertise),
    )


def roles_for(rng: random.Random, count: int) -> list[str]:
    """The CEO first, then a technician, then sales or marketing."""
    return ["ceo", "tech", rng.choice(("sales", "marketing"))][:count]


def plan_people(
    rng: random.Random, namer: Namer, *, count: int, domain: str, place: data.Place
) -> tuple[PersonPlan, ...]:
    """`count` people of one company sharing its switchboard number."""
    base = f"+49 {place.area_code} {rng.randint(200000, 9899999)}"
    return tuple(
        plan_person(rng, namer, role=role, domain=domain, phone=f"{base}-{10 + index * 3}")
        for index, role in enumerate(roles_for(rng, count))
    )


def scale_to_total(values: list[int], total: int, low: int, high: int) -> list[int]:
    """Scale `values` so they add up to exactly `total`, each within [low, high]."""
    factor = total / sum(values)
    scaled = [min(high, max(low, round(value * factor))) for value in values]
    step = 1 if sum(scaled) < total else -1
    index = 0
    while sum(scaled) != total:
        candidate = scaled[index % len(scaled)] + step
        if low <= candidate <= high:
            scaled[index % len(scaled)] = candidate
        index += 1
    return scaled


def revenues_for(rng: random.Random, employees: list[int], total: Decimal) -> list[Decimal]:
    """Revenue per company from 70-125 k EUR per head, scaled to `total` in whole thousands."""
    raw = [Decimal(count * rng.randint(70, 125) * 1000) for count in employees]
    factor = total / sum(raw)
    scaled = [(value * factor / 1000).quantize(Decimal("1")) * 1000 for value in raw]
    biggest = scaled.index(max(scaled))
    scaled[biggest] += total - sum(scaled)  # the rounding remainder goes to the largest
    return [value.quantize(Decimal("0.01")) for value in scaled]


def random_date(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randint(0, (end - start).days))


def people_count(rng: random.Random, employees: int) -> int:
    """Small firms send their CEO; larger ones also a technician and sales or marketing."""
    count = 1 + (employees >= 7) + (employees >= 18)
    return max(1, min(3, count + rng.choice((-1, 0, 0, 0, 1))))


# The newest member joined before this day; candidates have not joined yet.
LAST_JOINED = datetime.date(2026, 10, 30)
# The newest company of these groups is not (or no longer) an active member.
SPECIAL_STATUSES = {0: "candidate", 1: "suspended", 3: "resigned", 4: "candidate"}
FOUNDERS = 3  # companies per group that joined in the year the group was founded


def plan_demo_companies(rng: random.Random, reserved: set[tuple[str, str]]) -> list[CompanyPlan]:
    """The demo's 60 companies: per group oldest member first, with the seed's totals."""
    namer = Namer(rng, reserved)
    slots = [
        (index, position, spec)
        for index, spec in enumerate(data.REGIONAL_GROUPS)
        for position in range(spec.companies)
    ]
    raw = [min(120, max(5, int(rng.lognormvariate(3.0, 0.8)))) for _ in slots]
    employees = scale_to_total(raw, data.TOTAL_EMPLOYEES, 5, 120)
    revenues = revenues_for(rng, employees, data.TOTAL_REVENUE)
    companies = []
    for number, ((group, position, spec), staff, revenue) in enumerate(
        zip(slots, employees, revenues, strict=True)
    ):
        name, domain, description = namer.company(number)
        place = rng.choice(spec.places)
        companies.append(
            CompanyPlan(
                name=name,
                street=f"{rng.choice(names.STREETS)} {rng.randint(1, 120)}",
                place=place,
                region=spec.region,
                domain=domain,
                description=description,
                employees=staff,
                annual_revenue=revenue,
                status="active",
                group=group,
                member_since=_joined(rng, spec.founded, founder=position < FOUNDERS),
                people=plan_people(
                    rng, namer, count=people_count(rng, staff), domain=domain, place=place
                ),
            )
        )
    return _order_and_mark(companies)


def _joined(rng: random.Random, founded: int, *, founder: bool) -> datetime.date:
    start = datetime.date(founded, 3, 1)
    return random_date(rng, start, datetime.date(founded, 12, 31) if founder else LAST_JOINED)


def _seniority(company: CompanyPlan) -> datetime.date:
    return company.member_since or LAST_JOINED


def _order_and_mark(companies: list[CompanyPlan]) -> list[CompanyPlan]:
    """Sort each group by seniority and give its newest company the group's special status."""
    ordered = []
    for group in range(len(data.REGIONAL_GROUPS)):
        members = sorted((c for c in companies if c.group == group), key=_seniority)
        if group in SPECIAL_STATUSES:
            status = SPECIAL_STATUSES[group]
            since = None if status == "candidate" else members[-1].member_since
            members[-1] = replace(members[-1], status=status, member_since=since)
        ordered.extend(members)
    return ordered
