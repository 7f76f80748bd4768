"""The office's group list and group creation."""

import pytest

from tests import factories as f
from tests.office.conftest import errors
from tests.pages.html import de, rows
from verbund.common.models import AuditEntry
from verbund.members.models import CompanyStatus
from verbund.network.models import Group, GroupKind


def test_group_list_shows_every_group_with_sizes(cast, office_client, working_group, group_a):
    group_a.capacity = 20
    group_a.is_closed = True
    group_a.save()
    f.CompanyFactory(home_group=group_a, status=CompanyStatus.CANDIDATE)  # holds no place
    response = office_client.get("/office/groups/")
    assert rows(response, "groups") == [
        ["AK Marketing & Vertrieb", de("Working group"), "", "0", "0", de("open")],
        ["Ortsgruppe Augsburg", de("Regional group"), "Schwaben", "2", "2", de("open")],
        [
            "Ortsgruppe München-Nord",
            de("Regional group"),
            "Oberbayern",
            "3",
            "2 / 20",
            de("closed"),
        ],
    ]


def test_group_list_filters_by_kind(cast, office_client, working_group):
    response = office_client.get("/office/groups/?kind=working")
    assert [row[0] for row in rows(response, "groups")] == ["AK Marketing & Vertrieb"]


def test_group_list_ignores_an_unknown_kind(cast, office_client, working_group):
    response = office_client.get("/office/groups/?kind=secret")
    assert [row[0] for row in rows(response, "groups")] == [
        "AK Marketing & Vertrieb",
        "Ortsgruppe Augsburg",
        "Ortsgruppe München-Nord",
    ]


def test_group_list_without_groups_says_so(office_client):
    response = office_client.get("/office/groups/")
    assert (rows(response, "groups"), de("No groups yet.") in response.content.decode()) == (
        None,
        True,
    )


GROUP = {
    "name": "Fokusgruppe Rechenzentrum",
    "kind": GroupKind.FOCUS,
    "description": "Zweimal im Jahr",
    "region": "",
    "capacity": "",
}


def test_group_create_creates_and_logs(office, office_client):
    response = office_client.post("/office/groups/new/", {**GROUP, "is_closed": "on"})
    group = Group.objects.get()
    assert (response.status_code, response["Location"]) == (302, f"/office/groups/{group.code}/")
    assert (
        group.name,
        group.kind,
        group.description,
        group.region,
        group.capacity,
        group.is_closed,
    ) == ("Fokusgruppe Rechenzentrum", "focus", "Zweimal im Jahr", "", None, True)
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.object_id, entry.changes) == (
        "group.create",
        office,
        group.code,
        {
            "name": "Fokusgruppe Rechenzentrum",
            "kind": "focus",
            "description": "Zweimal im Jahr",
            "region": "",
            "capacity": None,
            "is_closed": True,
        },
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, lambda: de("This field is required.")),
        (
            {"kind": "club"},
            lambda: (
                de("Select a valid choice. %(value)s is not one of the available choices.")
                % {"value": "club"}
            ),
        ),
        (
            {"capacity": "-3"},
            lambda: (
                de("Ensure this value is greater than or equal to %(limit_value)s.")
                % {"limit_value": 0}
            ),
        ),
        (
            {"name": "Ortsgruppe Augsburg"},
            lambda: (
                de("%(model_name)s with this %(field_label)s already exists.")
                % {"model_name": de("group").capitalize(), "field_label": de("name").capitalize()}
            ),
        ),
    ],
    ids=["empty-name", "unknown-kind", "negative-capacity", "duplicate-name"],
)
def test_group_create_bad_input_shows_message_creates_nothing(
    office_client, group_b, changes, message
):
    response = office_client.post("/office/groups/new/", {**GROUP, **changes})
    assert (response.status_code, errors(response)) == (200, [message()])
    assert (list(Group.objects.values_list("name", flat=True)), AuditEntry.objects.count()) == (
        ["Ortsgruppe Augsburg"],
        0,
    )
