"""Board and office terms: the list, assigning a term and ending one."""

import datetime

import pytest
from django.utils import timezone

from tests import factories as f
from tests.office.conftest import errors
from tests.pages.html import de, rows
from verbund.common.models import AuditEntry
from verbund.members.models import Person
from verbund.network.models import NetworkRole, NetworkRoleKind

DASH = "\N{EN DASH}"


def _open(start="01.01.2024"):
    return f"{start} {DASH} {de('open-ended')}"


def _roles():
    return list(
        NetworkRole.objects.order_by("pk").values_list(
            "person__last_name", "kind", "starts_on", "ends_on"
        )
    )


def test_role_list_shows_current_and_other_terms(cast, office_client):
    maria = Person.objects.get(user=cast["member"])
    f.NetworkRoleFactory(
        person=maria,
        kind=NetworkRoleKind.BOARD,
        starts_on=datetime.date(2020, 1, 1),
        ends_on=datetime.date(2023, 12, 31),
    )
    upcoming = timezone.localdate() + datetime.timedelta(days=30)
    f.NetworkRoleFactory(person=maria, kind=NetworkRoleKind.OFFICE, starts_on=upcoming)
    response = office_client.get("/office/roles/")
    end = f"{de('Last day')} {de('End')}"
    assert rows(response, "current-roles") == [
        ["Lang, Petra (Donau Datacenter AG)", de("Advisory board"), _open(), end],
        ["Amt, Olga", de("Network office"), _open(), end],
    ]
    assert rows(response, "other-roles") == [
        [
            "Huber, Maria (Alpen IT Service GmbH)",
            de("Advisory board"),
            f"01.01.2020 {DASH} 31.12.2023",
            "",
        ],
        [
            "Huber, Maria (Alpen IT Service GmbH)",
            de("Network office"),
            _open(upcoming.strftime("%d.%m.%Y")),
            end,
        ],
    ]


def test_role_list_offers_everyone_but_guests(cast, office_client):
    response = office_client.get("/office/roles/")
    people = [label for _value, label in response.context["assign_form"]["person"].field.choices][
        1:
    ]
    assert people == [
        f"Amt, Olga ({de('Network office')})",
        "Eich, Stefan (Isar Netzwerke GmbH)",
        "Huber, Klaus (Alpen IT Service GmbH)",
        "Huber, Maria (Alpen IT Service GmbH)",
        "Krenzke, Jonas (Lech Systemhaus GmbH)",
        "Lang, Petra (Donau Datacenter AG)",
    ]


def _assign(person, /, **changes):
    return {
        "person": person.pk,
        "kind": "board",
        "starts_on": "2026-01-01",
        "ends_on": "2027-12-31",
        **changes,
    }


def test_role_list_assign_seats_and_logs(cast, office, office_client):
    maria = Person.objects.get(user=cast["member"])
    response = office_client.post("/office/roles/", _assign(maria))
    assert (response.status_code, response["Location"]) == (302, "/office/roles/")
    assert _roles()[-1] == (
        "Huber",
        "board",
        datetime.date(2026, 1, 1),
        datetime.date(2027, 12, 31),
    )
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.object_id, entry.changes) == (
        "network.role_assign",
        office,
        maria.code,
        {"role": "board", "starts_on": "2026-01-01", "ends_on": "2027-12-31"},
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ends_on": "2025-12-31"}, lambda: de("The term cannot end before it starts.")),
        ({"starts_on": ""}, lambda: de("This field is required.")),
        (
            {"kind": "king"},
            lambda: (
                de("Select a valid choice. %(value)s is not one of the available choices.")
                % {"value": "king"}
            ),
        ),
        (
            {"person": "guest"},
            lambda: de("Select a valid choice. That choice is not one of the available choices."),
        ),
    ],
    ids=["end-before-start", "no-start", "unknown-kind", "guest"],
)
def test_role_list_assign_bad_input_changes_nothing(cast, office_client, changes, message):
    maria = Person.objects.get(user=cast["member"])
    data = _assign(maria, **changes)
    if data["person"] == "guest":
        data["person"] = Person.objects.get(user=cast["guest"]).pk
    before = _roles()
    response = office_client.post("/office/roles/", data)
    assert (response.status_code, errors(response)) == (200, [message()])
    assert (_roles(), AuditEntry.objects.count()) == (before, 0)


def test_network_role_end_ends_and_logs(cast, office, office_client):
    role = NetworkRole.objects.get(kind="board")
    response = office_client.post(f"/office/roles/{role.pk}/end/", {"ends_on": "2026-12-31"})
    assert (response.status_code, response["Location"]) == (302, "/office/roles/")
    role.refresh_from_db()
    assert role.ends_on == datetime.date(2026, 12, 31)
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.object_id, entry.changes) == (
        "network.role_end",
        office,
        role.person.code,
        {"role": "board", "ends_on": [None, "2026-12-31"]},
    )


@pytest.mark.parametrize(
    ("ends_on", "message"),
    [
        ("2023-12-31", lambda: de("The term cannot end before it starts.")),
        ("", lambda: de("This field is required.")),
    ],
    ids=["before-start", "empty"],
)
def test_network_role_end_bad_input_shows_message_in_its_row(cast, office_client, ends_on, message):
    role = NetworkRole.objects.get(kind="board")
    before = _roles()
    response = office_client.post(f"/office/roles/{role.pk}/end/", {"ends_on": ends_on})
    assert (response.status_code, errors(response)) == (200, [message()])
    assert rows(response, "current-roles")[0][3] == f"{de('Last day')} {message()} {de('End')}"
    assert (_roles(), AuditEntry.objects.count()) == (before, 0)
