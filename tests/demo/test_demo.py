"""`verbund demo` and `verbund demo_logins`: the documented network, its logins, idempotence."""

from decimal import Decimal

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import decrypt
from django.contrib.auth import authenticate
from django.db.models import Count, Sum

from tests.demo.commands import run
from verbund.accounts.models import User
from verbund.admissions.models import GuestVisit, Stage
from verbund.common.demo.logins import DEMO_LOGINS, DEMO_PASSWORD, DEMO_TOTP_SECRET
from verbund.common.models import AuditEntry
from verbund.members.models import Company, Person
from verbund.network.models import Group, GroupMembership, GroupRole, Network, NetworkRole
from verbund.network.queries import roles_of

NORD = "Ortsgruppe München-Nord"


def counts() -> dict[str, object]:
    return {
        "companies": dict(Company.objects.values_list("status").annotate(n=Count("pk"))),
        "groups": dict(Group.objects.values_list("kind").annotate(n=Count("pk"))),
        "people": Person.objects.count(),
        "people_with_company": Person.objects.filter(company__isnull=False).count(),
        "logins": User.objects.count(),
        "memberships": GroupMembership.objects.count(),
        "group_roles": dict(GroupRole.objects.values_list("kind").annotate(n=Count("pk"))),
        "network_roles": dict(NetworkRole.objects.values_list("kind").annotate(n=Count("pk"))),
        "guest_visits": GuestVisit.objects.count(),
    }


DOCUMENTED = {
    # Two candidates' applications are open; six of the year's history were rejected or withdrawn.
    "companies": {"active": 56, "candidate": 8, "suspended": 1, "resigned": 1},
    "groups": {"regional": 5, "working": 3, "focus": 3, "circle": 2},
    "people": 159,  # 132 of companies, 2 of the office, 25 guests
    "people_with_company": 132,
    "logins": 6,
    "memberships": 214,
    "group_roles": {"moderator": 18, "secretary": 5},
    "network_roles": {"board": 5, "office": 2},
    "guest_visits": 41,
}


def test_demo_builds_the_documented_network(db, demo):
    assert counts() == DOCUMENTED
    assert demo == (
        "Demo network created: 57 member companies, 8 candidates, 159 people, 13 groups "
        "(5 regional).\n"
        "145 meetings, 120 of them with a completed register (3072 attendance records).\n"
        "Run `verbund demo_logins` to see the demo logins.\n"
    )


def test_demo_network_has_the_seed_settings_and_totals(db, demo):
    network = Network.objects.values(
        "name",
        "member_cap",
        "guest_visit_limit",
        "admission_rule",
        "recommendation_required",
        "annual_fee",
        "contact_email",
    ).get()
    assert network == {
        "name": "IT-Partnernetz Süd",
        "member_cap": 400,
        "guest_visit_limit": 3,
        "admission_rule": "present_veto_board",
        "recommendation_required": True,
        "annual_fee": Decimal("1200.00"),
        "contact_email": "office@verbund.example",
    }
    # The network's 60 companies, without the history's rejected and withdrawn candidates.
    network = Company.objects.exclude(applications__stage__in=(Stage.REJECTED, Stage.WITHDRAWN))
    totals = network.aggregate(employees=Sum("employees"), revenue=Sum("annual_revenue"))
    assert network.count() == 60
    assert totals == {"employees": 1450, "revenue": Decimal("137400000.00")}


def test_demo_regional_groups_meet_fortnightly_and_one_is_closed(db, demo):
    regional = Group.objects.filter(kind="regional").order_by("name")
    assert list(regional.values_list("name", "capacity", "is_closed")) == [
        ("Ortsgruppe Augsburg", 18, False),
        ("Ortsgruppe Freising/Erding", 15, False),
        ("Ortsgruppe München-Nord", 20, False),
        ("Ortsgruppe München-Ost", 16, False),
        ("Ortsgruppe München-Süd", 15, True),
    ]
    assert {"jeden zweiten Freitag, 07:30 Uhr" in g.description for g in regional} == {True}


def test_demo_history_is_in_the_audit_log_as_system(db, demo):
    actions = dict(AuditEntry.objects.values_list("action").annotate(n=Count("pk")))
    assert actions == {
        "network.update": 1,
        "group.create": 13,
        "company.create": 66,
        "company.status": 2,
        "person.create": 134,
        "group.member_add": 214,
        "group.update": 1,
        "group.role_assign": 23,
        "network.role_assign": 7,
        "guest_consent.publish": 1,
        "guest.walk_in": 39,
        "guest.login": 1,
        "guest.register": 1,
        "guest.invite": 1,
        "holiday.create": 5,
        "series.create": 5,
        "meetings.generate": 5,
        "agenda.add": 350,
        "minutes.write": 120,
        "decision.add": 66,
        "action_item.add": 65,
        "action_item.status": 52,
        "honour.publish": 1,
        "application.submit": 6,
        "application.voting": 5,
        "application.vote": 90,
        "application.board": 4,
        "application.board_case": 4,
        "application.board_vote": 14,
        "application.rejected": 3,
        "application.withdrawn": 3,
        "conduct_case.file": 1,
        "conduct_case.move": 3,
        "conduct_case.statement": 1,
        "conduct_case.decide": 1,
        "one_to_one.request": 29,
        "one_to_one.accepted": 27,
        "one_to_one.declined": 1,
        "one_to_one.held": 26,
        "referral.pass": 92,
        "referral.status": 211,
        "referral.closed_business": 36,
        "help_request.ask": 2,
        "help_request.answer": 3,
        "help_request.accept": 1,
    }
    assert set(AuditEntry.objects.values_list("actor_repr", flat=True)) == {"system"}


def test_demo_logins_authenticate_with_the_demo_password(db, demo):
    for login in DEMO_LOGINS:
        user = authenticate(email=login.email, password=DEMO_PASSWORD)
        assert (login.key, user.email if user else None) == (login.key, login.email)
    assert authenticate(email="member@verbund.example", password="wrong") is None


def _names(group_ids) -> list[str]:
    return sorted(Group.objects.filter(pk__in=group_ids).values_list("name", flat=True))


def _described(email: str) -> tuple:
    roles = roles_of(User.objects.get(email=email))
    return (
        roles.is_office,
        roles.is_board,
        roles.is_member,
        roles.is_guest,
        _names(roles.moderated_group_ids),
        _names(roles.secretary_group_ids),
        _names(roles.visited_group_ids),
        roles.person.is_company_admin,
    )


def test_demo_logins_have_the_described_roles(db, demo):
    assert {login.key: _described(login.email) for login in DEMO_LOGINS} == {
        "office": (True, False, False, False, [], [], [], False),
        "board": (False, True, True, False, [], [], [], True),
        "moderator": (False, False, True, False, [NORD], [], [], True),
        "member": (False, False, True, False, [], [], [], True),
        "member2": (False, False, True, False, [], [], [], True),
        "guest": (False, False, False, True, [], [], [NORD], False),
    }


def test_demo_logins_sit_in_the_described_groups(db, demo):
    home = dict(
        Person.objects.filter(user__isnull=False, company__isnull=False).values_list(
            "user__email", "company__home_group__name"
        )
    )
    assert home == {
        "board@verbund.example": "Ortsgruppe München-Ost",
        "moderator@verbund.example": NORD,
        "member@verbund.example": NORD,
        "member2@verbund.example": "Ortsgruppe Augsburg",
    }
    guest = Person.objects.get(user__email="guest@verbund.example").guest
    assert (guest.company_name, guest.invited_by.user.email) == (
        "Kettner IT-Consulting",
        "member@verbund.example",
    )


def test_demo_office_and_board_have_totp_with_the_demo_secret(db, demo):
    totp = {
        a.user.email: decrypt(a.data["secret"])
        for a in Authenticator.objects.filter(type=Authenticator.Type.TOTP).select_related("user")
    }
    assert totp == {
        "office@verbund.example": DEMO_TOTP_SECRET,
        "board@verbund.example": DEMO_TOTP_SECRET,
    }
    recovery = Authenticator.objects.filter(type=Authenticator.Type.RECOVERY_CODES)
    assert sorted(recovery.values_list("user__email", flat=True)) == [
        "board@verbund.example",
        "office@verbund.example",
    ]


def test_demo_twice_changes_nothing(db, demo):
    before = (counts(), AuditEntry.objects.count())
    assert run("demo") == "The demo network is already in this database; nothing changed.\n"
    assert (counts(), AuditEntry.objects.count()) == before


def test_demo_logins_prints_the_table(db, demo):
    assert run("demo_logins").splitlines() == [
        "Demo logins (password for all: verbund-demo)",
        "Demo login                 Role                                              "
        "TOTP secret     ",
        "office@verbund.example     Network office (no company)                       "
        "VERBUNDDEMOTOTPA",
        "board@verbund.example      Advisory board member (home group München-Ost)    "
        "VERBUNDDEMOTOTPA",
        "moderator@verbund.example  Moderator of Ortsgruppe München-Nord              -"
        "               ",
        "member@verbund.example     Member of Ortsgruppe München-Nord, company admin  -"
        "               ",
        "member2@verbund.example    Member of Ortsgruppe Augsburg, company admin      -"
        "               ",
        "guest@verbund.example      Guest who visited Ortsgruppe München-Nord         -"
        "               ",
        "Office and board log in with a second factor: add the TOTP secret to an "
        "authenticator app.",
    ]
