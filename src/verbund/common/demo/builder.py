"""Builds the demo network through the service functions, as the system (actor=None).

Going through the services keeps the demo honest: every row passes the same validation as
an office user's input, and the audit log tells the demo's history.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, replace

from django.db import transaction
from django.utils import timezone

from verbund.admissions.services import (
    add_walk_in,
    give_guest_login,
    invite_vendor_guest,
    publish_consent,
    register_guest,
)
from verbund.common.demo import data
from verbund.common.demo.admissions import build_admissions
from verbund.common.demo.agendas import NEXT_WITH_AGENDA, build_agendas
from verbund.common.demo.conduct import build_conduct
from verbund.common.demo.help_requests import build_help_requests
from verbund.common.demo.history import build_history
from verbund.common.demo.honour import build_code_of_honour
from verbund.common.demo.logins import DEMO_LOGINS, LOGINS_BY_KEY, RESERVED_NAMES, secure_logins
from verbund.common.demo.meetings import GroupMeetings, build_meetings
from verbund.common.demo.one_to_ones import build_one_to_ones
from verbund.common.demo.plan import CompanyPlan, PersonPlan, plan_demo_companies
from verbund.common.demo.referrals import build_referrals
from verbund.common.demo.skills import build_skills
from verbund.meetings.services import evaluate_all_groups
from verbund.members.models import Company, CompanyStatus, Person
from verbund.members.services import change_company_status, create_company, create_person
from verbund.network.models import Group, GroupKind, GroupRoleKind, Network, NetworkRoleKind
from verbund.network.queries import get_network
from verbund.network.services import (
    add_group_member,
    assign_group_role,
    assign_network_role,
    create_group,
    update_group,
    update_network,
)

DEMO_SEED = 1450
LEAVING_REASONS: dict[str, str] = {
    CompanyStatus.SUSPENDED: "Mehrfach unentschuldigt beim Frühstück gefehlt; ruht bis zur "
    "Entscheidung des Beirats.",
    CompanyStatus.RESIGNED: "Zum Jahresende ausgetreten (Geschäftsaufgabe).",
}


@dataclass
class Built:
    """What the builder created so far: groups and, per planned company, its people."""

    regional: list[Group]
    topics: list[Group]
    people: list[tuple[CompanyPlan, list[Person]]]

    def in_group(self, group: int) -> list[tuple[CompanyPlan, list[Person]]]:
        return [entry for entry in self.people if entry[0].group == group]

    def entries(self) -> list[tuple[CompanyPlan, Person, PersonPlan]]:
        """Every company person with their company's plan and their own plan."""
        return [
            (plan, person, person_plan)
            for plan, people in self.people
            for person, person_plan in zip(people, plan.people, strict=True)
        ]

    def person(self, email: str) -> Person:
        return Person.objects.get(user__email=email)


def build_demo(*, today: datetime.date | None = None) -> None:
    """Create the whole demo network in one transaction (the database must hold no company)."""
    today = today or timezone.localdate()
    rng = random.Random(DEMO_SEED)
    plans = _with_login_names(plan_demo_companies(rng, RESERVED_NAMES))
    with transaction.atomic():
        update_network(network=get_network(), data=dict(data.NETWORK), actor=None)
        built = Built(
            regional=[_create_regional(spec) for spec in data.REGIONAL_GROUPS],
            topics=[_create_topic(spec) for spec in data.TOPIC_GROUPS],
            people=[],
        )
        built.people = [(plan, _create_company(plan, built.regional)) for plan in plans]
        for spec, group in zip(data.REGIONAL_GROUPS, built.regional, strict=True):
            if spec.closed:  # closed once full: "einige Regionen sind bereits dicht" (001)
                update_group(group=group, data={"is_closed": True}, actor=None)
        _create_office(today)
        _assign_group_roles(built, today)
        _assign_board(built, today)
        _fill_topic_groups(rng, built, today)
        # The skills database draws from its own generator, like the meetings below.
        build_skills(random.Random(f"{DEMO_SEED}-skills"), list(Company.objects.order_by("pk")))
        # The meetings draw from their own generator: the network above stays as it was.
        meetings_rng = random.Random(f"{DEMO_SEED}-meetings")
        schedule = build_meetings(meetings_rng, built.regional, today)
        guest_visits = _create_guest(built, schedule)
        roles = {person.pk: plan.role for _, person, plan in built.entries()}
        build_agendas(meetings_rng, schedule, roles, guest_visits, today)
        build_admissions(schedule, recommender=built.person(LOGINS_BY_KEY["member"].email))
        build_referrals(random.Random(f"{DEMO_SEED}-referrals"), today=today)
        build_help_requests(random.Random(f"{DEMO_SEED}-help"), today=today)
        build_history(random.Random(f"{DEMO_SEED}-history"), schedule, today)
        # The members were told at the time; the demo sends no mail.
        evaluate_all_groups(on=today, mail=False)
        build_code_of_honour()
        build_conduct(
            today=today,
            filer=built.person(LOGINS_BY_KEY["member"].email),
            accused=built.person(LOGINS_BY_KEY["member2"].email),
        )
        build_one_to_ones(
            random.Random(f"{DEMO_SEED}-one-to-ones"),
            member=built.person(LOGINS_BY_KEY["member"].email),
            today=today,
        )
        secure_logins()


def _with_login_names(plans: list[CompanyPlan]) -> list[CompanyPlan]:
    """Give the CEOs in the login slots the demo logins' fixed names and e-mail addresses."""
    plans = list(plans)
    for login in DEMO_LOGINS:
        if login.slot is None:
            continue
        group, seniority = login.slot
        index = [i for i, plan in enumerate(plans) if plan.group == group][seniority]
        ceo, *others = plans[index].people
        ceo = ceo.renamed(
            login.first_name, login.last_name, female=login.female, login_email=login.email
        )
        plans[index] = replace(plans[index], people=(ceo, *others))
    return plans


def _create_regional(spec: data.RegionalGroupSpec) -> Group:
    description = f"{data.MEETING} {spec.venue}."
    if spec.closed:
        description += (
            " Die Gruppe ist voll; neue Unternehmen nimmt sie erst wieder auf, "
            "wenn ein Platz frei wird."
        )
    return create_group(
        data={
            "name": spec.name,
            "kind": GroupKind.REGIONAL,
            "region": spec.region,
            "capacity": spec.capacity,
            "description": description,
        },
        actor=None,
    )


def _create_topic(spec: data.TopicGroupSpec) -> Group:
    return create_group(
        data={"name": spec.name, "kind": spec.kind, "description": spec.description}, actor=None
    )


def _create_company(plan: CompanyPlan, regional: list[Group]) -> list[Person]:
    """The company, its people and (for members) their home-group memberships."""
    leaving = plan.status in LEAVING_REASONS
    fields = {**plan.fields(), "home_group": regional[plan.group]}
    if leaving:
        fields["status"] = CompanyStatus.ACTIVE
    company = create_company(data=fields, actor=None)
    if leaving:
        change_company_status(
            company=company, status=plan.status, reason=LEAVING_REASONS[plan.status], actor=None
        )
    people = [
        create_person(
            data={**person.fields(), "company": company},
            actor=None,
            login_email=person.login_email,
            invite=False,
        )
        for person in plan.people
    ]
    if plan.status in (CompanyStatus.ACTIVE, CompanyStatus.SUSPENDED):
        for person in people:
            add_group_member(
                group=regional[plan.group], person=person, joined_on=plan.member_since, actor=None
            )
    return people


def _create_office(today: datetime.date) -> None:
    """The office: its head (a demo login) and an assistant without a login."""
    login = LOGINS_BY_KEY["office"]
    head = create_person(
        data={
            "first_name": login.first_name,
            "last_name": login.last_name,
            "company": None,
            "function": "Leiterin der Geschäftsstelle",
            "email": login.email,
            "phone": "+49 89 4521870-0",
            "languages": "Deutsch, Englisch",
        },
        login_email=login.email,
        invite=False,
        actor=None,
    )
    assistant = create_person(
        data={
            "first_name": "Tobias",
            "last_name": "Seidl",
            "company": None,
            "function": "Referent der Geschäftsstelle",
            "email": "tobias.seidl@verbund.example",
            "phone": "+49 89 4521870-12",
            "languages": "Deutsch, Englisch",
        },
        invite=False,
        actor=None,
    )
    assign_network_role(
        person=head, kind=NetworkRoleKind.OFFICE, starts_on=datetime.date(2019, 1, 1), actor=None
    )
    assign_network_role(
        person=assistant,
        kind=NetworkRoleKind.OFFICE,
        starts_on=datetime.date(today.year - 2, 9, 1),
        actor=None,
    )


def _assign_group_roles(built: Built, today: datetime.date) -> None:
    """Per regional group by seniority: moderator (0), secretary (1), former moderator (2)."""
    term = {
        "starts_on": datetime.date(today.year - 1, 1, 1),
        "ends_on": datetime.date(today.year, 12, 31),
    }
    past = {
        "starts_on": datetime.date(today.year - 3, 1, 1),
        "ends_on": datetime.date(today.year - 2, 12, 31),
    }
    for index, group in enumerate(built.regional):
        companies = built.in_group(index)
        assign_group_role(
            group=group, person=companies[0][1][0], kind=GroupRoleKind.MODERATOR, actor=None, **term
        )
        assign_group_role(
            group=group,
            person=companies[1][1][-1],
            kind=GroupRoleKind.SECRETARY,
            actor=None,
            **term,
        )
        former, people = companies[2]
        assert former.member_since is not None
        starts_on = max(past["starts_on"], former.member_since)
        if starts_on <= past["ends_on"]:
            assign_group_role(
                group=group,
                person=people[0],
                kind=GroupRoleKind.MODERATOR,
                starts_on=starts_on,
                ends_on=past["ends_on"],
                actor=None,
            )


def _assign_board(built: Built, today: datetime.date) -> None:
    """Five elected board members, one per regional group (the fourth-oldest member each)."""
    for index in range(len(built.regional)):
        assign_network_role(
            person=built.in_group(index)[3][1][0],
            kind=NetworkRoleKind.BOARD,
            starts_on=datetime.date(today.year - 1, 3, 1),
            ends_on=datetime.date(today.year + 1, 2, 28),
            actor=None,
        )


def _fill_topic_groups(rng: random.Random, built: Built, today: datetime.date) -> None:
    """Working groups, focus groups and circles draw active members by function."""
    active = [entry for entry in built.entries() if entry[0].status == CompanyStatus.ACTIVE]
    member = built.person(LOGINS_BY_KEY["member"].email)
    busy: set[int] = set()
    for spec, group in zip(data.TOPIC_GROUPS, built.topics, strict=True):
        pool = [entry for entry in active if entry[2].role in spec.roles]
        chosen = rng.sample(pool, min(spec.size, len(pool)))
        if spec.name == "Arbeitsgruppe Marketing & Vertrieb":  # so the demo member sees one
            chosen.append(next(entry for entry in active if entry[1].pk == member.pk))
        founded = datetime.date(spec.founded, 1, 15)
        for plan, person, _ in chosen:
            joined_on = max(founded, plan.member_since or founded)
            add_group_member(group=group, person=person, joined_on=joined_on, actor=None)
        # The demo logins keep exactly the roles `verbund demo_logins` lists; nobody runs two.
        moderator = next(p for _, p, _ in chosen if p.user_id is None and p.pk not in busy)
        busy.add(moderator.pk)
        assign_group_role(
            group=group,
            person=moderator,
            kind=GroupRoleKind.MODERATOR,
            starts_on=datetime.date(today.year - 1, 1, 1),
            actor=None,
        )


def _create_guest(built: Built, schedule: list[GroupMeetings]) -> dict[int, str]:
    """The guests, through the guest services: the consent text; the demo guest, brought by
    the demo member to München-Nord's last two breakfasts (with a login to see them); a
    guest registered for its next one; a vendor guest booked for a coming vendor slot.

    Returns meeting pk → how the demo guest is introduced on that meeting's agenda.
    """
    consent = publish_consent(
        text_de=data.GUEST_CONSENT_DE, text_en=data.GUEST_CONSENT_EN, actor=None
    )
    login = LOGINS_BY_KEY["guest"]
    host = built.person(LOGINS_BY_KEY["member"].email)
    visited = schedule[0].past[-2:]
    guest_data = {
        "first_name": login.first_name,
        "last_name": login.last_name,
        "email": login.email,
        "phone": "+49 89 7821455",
        "company_name": "Kettner IT-Consulting",
    }
    for meeting in visited:
        visit = add_walk_in(meeting=meeting, data=guest_data, actor=None, invited_by=host)
    give_guest_login(guest=visit.guest, actor=None, invite=False)
    # The demo sends no mail: the moderators were told at the time.
    register_guest(
        data=data.REGISTERED_GUEST,
        meeting=schedule[0].upcoming[0],
        consent=consent.version,
        mail=False,
    )
    # A meeting after those whose agenda is planned, so the slot is its first item.
    slot = next(m for m in schedule[1].upcoming[NEXT_WITH_AGENDA:] if not m.is_cancelled)
    invite_vendor_guest(
        data=data.VENDOR_GUEST, meeting=slot, title=data.VENDOR_GUEST_TOPIC, actor=None, mail=False
    )
    introduced = (
        f"{login.first_name} {login.last_name} ({guest_data['company_name']}), "
        f"eingeladen von {host.first_name} {host.last_name}"
    )
    return {meeting.pk: introduced for meeting in visited}


def demo_exists() -> bool:
    """Whether the demo network is already in this database."""
    return (
        Network.objects.filter(name=data.NETWORK["name"]).exists()
        or Person.objects.filter(user__email=LOGINS_BY_KEY["office"].email).exists()
    )


def database_has_companies() -> bool:
    return Company.objects.exists()
