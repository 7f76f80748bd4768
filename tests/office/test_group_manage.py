"""Managing one group: settings, members (with HTMX) and moderator/secretary terms."""

import datetime

import pytest
from django.utils import timezone

from tests import factories as f
from tests.office.conftest import de_plural, errors, options
from tests.pages.html import de, rows, text
from verbund.common.models import AuditEntry
from verbund.members.models import CompanyStatus, Person
from verbund.network.models import Group, GroupMembership, GroupRole, GroupRoleKind

TODAY = timezone.localdate
DASH = "\N{EN DASH}"  # between a term's first and last day


def _url(group) -> str:
    return f"/office/groups/{group.code}/"


def _memberships(group):
    return sorted(
        GroupMembership.objects.filter(group=group).values_list("person__email", flat=True)
    )


def _roles():
    return list(
        GroupRole.objects.order_by("pk").values_list(
            "person__email", "kind", "starts_on", "ends_on"
        )
    )


MEMBER_ROWS = [
    ["Eich, Stefan", "Isar Netzwerke GmbH", "01.01.2020", "Remove"],
    ["Huber, Klaus", "Alpen IT Service GmbH", "01.01.2020", "Remove"],
    ["Huber, Maria", "Alpen IT Service GmbH", "01.01.2020", "Remove"],
]


def _member_rows():
    return [[*row[:3], de(row[3])] for row in MEMBER_ROWS]


# ---------------------------------------------------------------- the page


def test_group_manage_shows_summary_members_and_roles(cast, office_client, group_a):
    response = office_client.get(_url(group_a))
    assert text(response, "group-summary") == " · ".join(
        [
            de("Regional group"),
            "Oberbayern",
            de_plural("%(people)s person", "%(people)s people", 3, people=3),
            de_plural("%(companies)s company", "%(companies)s companies", 2, companies=2),
        ]
    )
    assert rows(response, "memberships") == _member_rows()
    assert rows(response, "group-roles") == [
        [
            "Eich, Stefan",
            f"{de('Moderator')} {de('current')}",
            f"01.01.2024 {DASH} {de('open-ended')}",
            f"{de('Last day')} {de('End')}",
        ]
    ]


def test_group_manage_offers_only_people_of_active_companies_not_yet_members(
    cast, office_client, group_a
):
    candidate = f.CompanyFactory(name="Kandidat GmbH", status=CompanyStatus.CANDIDATE)
    f.PersonFactory(company=candidate, first_name="Karl", last_name="Kandidat")
    response = office_client.get(_url(group_a))
    assert options(response, "id_member-person") == [
        "---------",
        "Krenzke, Jonas (Lech Systemhaus GmbH)",
        "Lang, Petra (Donau Datacenter AG)",
    ]
    assert options(response, "id_role-person") == [
        "---------",
        "Eich, Stefan (Isar Netzwerke GmbH)",
        "Huber, Klaus (Alpen IT Service GmbH)",
        "Huber, Maria (Alpen IT Service GmbH)",
    ]


def test_group_manage_shows_capacity_and_closed_state(cast, office_client, group_a):
    group_a.capacity = 2
    group_a.is_closed = True
    group_a.save()
    response = office_client.get(_url(group_a))
    assert text(response, "group-summary") == " · ".join(
        [
            de("Regional group"),
            "Oberbayern",
            de_plural("%(people)s person", "%(people)s people", 3, people=3),
            de("%(companies)s of %(capacity)s companies") % {"companies": 2, "capacity": 2},
            de("closed"),
        ]
    )


def test_group_manage_ended_term_cannot_be_ended_again(cast, office_client, group_a):
    colleague = Person.objects.get(user=cast["colleague"])
    f.GroupRoleFactory(
        group=group_a,
        person=colleague,
        kind=GroupRoleKind.SECRETARY,
        starts_on=datetime.date(2022, 1, 1),
        ends_on=datetime.date(2023, 12, 31),
    )
    response = office_client.get(_url(group_a))
    assert rows(response, "group-roles")[1] == [
        "Huber, Klaus",
        de("Secretary"),
        f"01.01.2022 {DASH} 31.12.2023",
        "",
    ]


# ---------------------------------------------------------------- settings

SETTINGS = {
    "action": "settings",
    "name": "Ortsgruppe München-Nord",
    "kind": "regional",
    "description": "",
    "region": "Oberbayern",
    "capacity": "",
}


def test_group_manage_settings_save_and_log(cast, office, office_client, group_a):
    response = office_client.post(
        _url(group_a),
        {
            **SETTINGS,
            "capacity": "25",
            "is_closed": "on",
            "description": "Jeden Dienstag",
        },
    )
    assert (response.status_code, response["Location"]) == (302, _url(group_a))
    group_a.refresh_from_db()
    assert (group_a.capacity, group_a.is_closed, group_a.description) == (
        25,
        True,
        "Jeden Dienstag",
    )
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.object_id, entry.changes) == (
        "group.update",
        office,
        group_a.code,
        {
            "description": ["", "Jeden Dienstag"],
            "capacity": [None, 25],
            "is_closed": [False, True],
        },
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, lambda: de("This field is required.")),
        (
            {"name": "Ortsgruppe Augsburg"},
            lambda: (
                de("%(model_name)s with this %(field_label)s already exists.")
                % {"model_name": de("group").capitalize(), "field_label": de("name").capitalize()}
            ),
        ),
        (
            {"kind": "working"},
            lambda: de("This group is the home group of companies and must stay regional."),
        ),
    ],
    ids=["empty-name", "duplicate-name", "regional-with-companies-to-working"],
)
def test_group_manage_settings_bad_input_changes_nothing(
    cast, office_client, group_a, changes, message
):
    before = list(Group.objects.order_by("pk").values())
    response = office_client.post(_url(group_a), {**SETTINGS, **changes})
    assert (response.status_code, errors(response)) == (200, [message()])
    assert (list(Group.objects.order_by("pk").values()), AuditEntry.objects.count()) == (before, 0)


def test_group_manage_unknown_action_changes_nothing(cast, office_client, group_a):
    before = list(Group.objects.order_by("pk").values())
    response = office_client.post(_url(group_a), {**SETTINGS, "action": "delete", "name": "X"})
    assert (response.status_code, rows(response, "memberships")) == (200, _member_rows())
    assert (list(Group.objects.order_by("pk").values()), AuditEntry.objects.count()) == (before, 0)


# ---------------------------------------------------------------- members


def test_group_manage_add_member_adds_and_logs(cast, office, office_client, group_a):
    jonas = Person.objects.get(user=cast["member2"])
    response = office_client.post(
        _url(group_a), {"action": "add_member", "member-person": jonas.pk}
    )
    assert (response.status_code, response["Location"]) == (302, _url(group_a))
    membership = GroupMembership.objects.get(group=group_a, person=jonas)
    assert membership.joined_on == TODAY()
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.object_id, entry.changes) == (
        "group.member_add",
        office,
        group_a.code,
        {"person": "Jonas Krenzke"},
    )


def test_group_manage_add_member_by_htmx_returns_the_people_section(cast, office_client, group_a):
    jonas = Person.objects.get(user=cast["member2"])
    response = office_client.post(
        _url(group_a),
        {"action": "add_member", "member-person": jonas.pk},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert (
        response.status_code,
        body.lstrip().startswith('<div id="people">'),
        "<html" in body,
    ) == (200, True, False)
    assert [row[0] for row in rows(response, "memberships")] == [
        "Eich, Stefan",
        "Huber, Klaus",
        "Huber, Maria",
        "Krenzke, Jonas",
    ]
    assert options(response, "id_member-person") == [
        "---------",
        "Lang, Petra (Donau Datacenter AG)",
    ]


def test_group_manage_add_member_twice_shows_message_changes_nothing(cast, office_client, group_a):
    maria = Person.objects.get(user=cast["member"])
    before = _memberships(group_a)
    response = office_client.post(
        _url(group_a), {"action": "add_member", "member-person": maria.pk}
    )
    assert (response.status_code, errors(response)) == (
        200,
        [de("%(person)s is already a member of this group.") % {"person": "Maria Huber"}],
    )
    assert (_memberships(group_a), AuditEntry.objects.count()) == (before, 0)


def test_group_manage_add_member_twice_by_htmx_shows_message_in_place(cast, office_client, group_a):
    maria = Person.objects.get(user=cast["member"])
    response = office_client.post(
        _url(group_a),
        {"action": "add_member", "member-person": maria.pk},
        headers={"HX-Request": "true"},
    )
    assert (response.status_code, errors(response), rows(response, "memberships")) == (
        200,
        [de("%(person)s is already a member of this group.") % {"person": "Maria Huber"}],
        _member_rows(),
    )


@pytest.mark.parametrize("who", ["candidate", "nobody", "guest"])
def test_group_manage_add_member_outside_active_companies_is_refused(
    cast, office_client, group_a, who
):
    pk = {
        "candidate": lambda: (
            f.PersonFactory(company=f.CompanyFactory(status=CompanyStatus.CANDIDATE)).pk
        ),
        "nobody": lambda: 999999,
        "guest": lambda: Person.objects.get(user=cast["guest"]).pk,
    }[who]()
    before = _memberships(group_a)
    response = office_client.post(_url(group_a), {"action": "add_member", "member-person": pk})
    assert errors(response) == [
        de("Select a valid choice. That choice is not one of the available choices.")
    ]
    assert (_memberships(group_a), AuditEntry.objects.count()) == (before, 0)


def test_group_manage_remove_member_removes_and_logs(cast, office, office_client, group_a):
    klaus = GroupMembership.objects.get(group=group_a, person__user=cast["colleague"])
    response = office_client.post(f"{_url(group_a)}members/{klaus.pk}/remove/")
    assert (response.status_code, response["Location"]) == (302, _url(group_a))
    assert _memberships(group_a) == ["member@example.org", "moderator@example.org"]
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.object_id, entry.changes) == (
        "group.member_remove",
        office,
        group_a.code,
        {"person": "Klaus Huber"},
    )


def test_group_manage_remove_member_by_htmx_returns_the_people_section(
    cast, office_client, group_a
):
    klaus = GroupMembership.objects.get(group=group_a, person__user=cast["colleague"])
    response = office_client.post(
        f"{_url(group_a)}members/{klaus.pk}/remove/", headers={"HX-Request": "true"}
    )
    assert (response.status_code, "<html" in response.content.decode()) == (200, False)
    assert [row[0] for row in rows(response, "memberships")] == ["Eich, Stefan", "Huber, Maria"]


# ---------------------------------------------------------------- role terms


def _assign(**changes):
    return {
        "action": "assign_role",
        "role-kind": "secretary",
        "role-starts_on": "2026-01-01",
        "role-ends_on": "2027-12-31",
        **changes,
    }


def test_group_manage_assign_role_assigns_and_logs(cast, office, office_client, group_a):
    klaus = Person.objects.get(user=cast["colleague"])
    response = office_client.post(_url(group_a), _assign(**{"role-person": klaus.pk}))
    assert (response.status_code, response["Location"]) == (302, _url(group_a))
    assert _roles()[-1] == (
        "colleague@example.org",
        "secretary",
        datetime.date(2026, 1, 1),
        datetime.date(2027, 12, 31),
    )
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.object_id, entry.changes) == (
        "group.role_assign",
        office,
        group_a.code,
        {
            "person": "Klaus Huber",
            "role": "secretary",
            "starts_on": "2026-01-01",
            "ends_on": "2027-12-31",
        },
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"role-ends_on": "2025-12-31"}, lambda: de("The term cannot end before it starts.")),
        ({"role-starts_on": ""}, lambda: de("This field is required.")),
        ({"role-starts_on": "31.02.2026"}, lambda: de("Enter a valid date.")),
        (
            {"role-kind": "treasurer"},
            lambda: (
                de("Select a valid choice. %(value)s is not one of the available choices.")
                % {"value": "treasurer"}
            ),
        ),
        (
            {"role-person": "jonas"},
            lambda: de("Select a valid choice. That choice is not one of the available choices."),
        ),
    ],
    ids=["end-before-start", "no-start", "bad-date", "unknown-role", "not-a-member"],
)
def test_group_manage_assign_role_bad_input_changes_nothing(
    cast, office_client, group_a, changes, message
):
    klaus = Person.objects.get(user=cast["colleague"])
    jonas = Person.objects.get(user=cast["member2"])
    data = _assign(**{"role-person": klaus.pk, **changes})
    if data["role-person"] == "jonas":
        data["role-person"] = jonas.pk  # a person of another group
    before = _roles()
    response = office_client.post(_url(group_a), data)
    assert (response.status_code, errors(response)) == (200, [message()])
    assert (_roles(), AuditEntry.objects.count()) == (before, 0)


def test_group_manage_end_role_ends_and_logs(cast, office, office_client, group_a):
    role = GroupRole.objects.get(group=group_a)
    response = office_client.post(f"{_url(group_a)}roles/{role.pk}/end/", {"ends_on": "2026-12-31"})
    assert (response.status_code, response["Location"]) == (302, _url(group_a))
    role.refresh_from_db()
    assert role.ends_on == datetime.date(2026, 12, 31)
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.object_id, entry.changes) == (
        "group.role_end",
        office,
        group_a.code,
        {"person": "Stefan Eich", "role": "moderator", "ends_on": [None, "2026-12-31"]},
    )


@pytest.mark.parametrize(
    ("ends_on", "message"),
    [
        ("2023-12-31", lambda: de("The term cannot end before it starts.")),
        ("", lambda: de("This field is required.")),
    ],
    ids=["before-start", "empty"],
)
def test_group_manage_end_role_bad_input_shows_message_in_its_row(
    cast, office_client, group_a, ends_on, message
):
    role = GroupRole.objects.get(group=group_a)
    before = _roles()
    response = office_client.post(f"{_url(group_a)}roles/{role.pk}/end/", {"ends_on": ends_on})
    assert (response.status_code, errors(response)) == (200, [message()])
    assert rows(response, "group-roles")[0][3] == f"{de('Last day')} {message()} {de('End')}"
    assert (_roles(), AuditEntry.objects.count()) == (before, 0)
