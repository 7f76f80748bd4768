"""The audit log browser: readable entries in Berlin time, filters, pages."""

import datetime

import pytest

from tests import factories as f
from tests.office.conftest import options
from tests.pages.html import de, element, rows
from verbund.common.models import AuditEntry

UTC = datetime.UTC


def _entry(when, **fields):
    entry = f.AuditEntryFactory(**fields)
    AuditEntry.objects.filter(pk=entry.pk).update(created_at=when)
    return entry


@pytest.fixture
def entries(db):
    _entry(
        datetime.datetime(2026, 3, 1, 12, 0, tzinfo=UTC),
        actor_repr="office@example.org",
        action="company.update",
        object_type="members.company",
        object_repr="Alpen IT Service GmbH",
        changes={
            "city": ["München", "Freising"],
            "employees": [20, None],
            "annual_revenue": ["•••", "•••"],
        },
    )
    _entry(
        datetime.datetime(2026, 7, 1, 12, 0, tzinfo=UTC),
        actor_repr="buero@example.org",
        action="group.member_add",
        object_type="network.group",
        object_repr="Ortsgruppe Augsburg",
        changes={"person": "Jonas Krenzke"},
    )
    _entry(
        datetime.datetime(2026, 7, 2, 6, 30, tzinfo=UTC),
        actor_repr="system",
        action="group.update",
        object_type="network.group",
        object_repr="Ortsgruppe Augsburg",
        changes={"is_closed": [False, True], "region": ["", "Schwaben"]},
    )


ROW_GROUP_UPDATE = [
    "02.07.2026 08:30",
    "system",
    "group.update",
    "Ortsgruppe Augsburg (network.group)",
    "is_closed: {no} → {yes} region: — → Schwaben",
]
ROW_MEMBER_ADD = [
    "01.07.2026 14:00",
    "buero@example.org",
    "group.member_add",
    "Ortsgruppe Augsburg (network.group)",
    "person: Jonas Krenzke",
]
ROW_COMPANY_UPDATE = [
    "01.03.2026 13:00",
    "office@example.org",
    "company.update",
    "Alpen IT Service GmbH (members.company)",
    "annual_revenue: ••• → ••• city: München → Freising employees: 20 → —",
]


def _localised(*table):
    return [[cell.format(yes=de("yes"), no=de("no")) for cell in row] for row in table]


def test_audit_log_shows_entries_newest_first_in_berlin_time(office_client, entries):
    response = office_client.get("/office/audit/")
    assert rows(response, "audit-entries") == _localised(
        ROW_GROUP_UPDATE, ROW_MEMBER_ADD, ROW_COMPANY_UPDATE
    )


def test_audit_log_filter_choices_are_the_logged_values(office_client, entries):
    response = office_client.get("/office/audit/")
    assert (options(response, "action"), options(response, "object_type")) == (
        [de("All actions"), "company.update", "group.member_add", "group.update"],
        [de("All object types"), "members.company", "network.group"],
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("action=group.update", [ROW_GROUP_UPDATE]),
        ("action=group", []),  # the action filter is exact
        ("object_type=network.group", [ROW_GROUP_UPDATE, ROW_MEMBER_ADD]),
        ("actor=OFFICE@", [ROW_COMPANY_UPDATE]),
        ("q=augsburg", [ROW_GROUP_UPDATE, ROW_MEMBER_ADD]),
        ("object_type=network.group&actor=buero", [ROW_MEMBER_ADD]),
    ],
)
def test_audit_log_filters(office_client, entries, query, expected):
    response = office_client.get(f"/office/audit/?{query}")
    assert rows(response, "audit-entries") == (_localised(*expected) if expected else None)


def test_audit_log_without_match_says_so(office_client, entries):
    response = office_client.get("/office/audit/?q=nirgendwo")
    assert (
        rows(response, "audit-entries"),
        de("No entries match.") in response.content.decode(),
    ) == (None, True)


def test_audit_log_pages_keep_the_filter(office_client):
    for minute in range(51):
        _entry(
            datetime.datetime(2026, 1, 1, 10, minute, tzinfo=UTC),
            action="group.update",
            object_repr=f"Gruppe {minute:02}",
        )
    first = office_client.get("/office/audit/?action=group.update")
    second = office_client.get("/office/audit/?action=group.update&page=2")
    next_link = element(first, "main").find_all("nav")[-1].find_all("a")[0].attrs["href"]
    assert (len(rows(first, "audit-entries")), next_link) == (50, "?action=group.update&page=2")
    assert [row[3] for row in rows(second, "audit-entries")] == ["Gruppe 00 (members.company)"]


def test_audit_log_records_office_actions(office, office_client, network):
    """An office page's change turns up in the log with the office's address."""
    office_client.post("/office/groups/new/", {"name": "Kreis CEOs", "kind": "circle"})
    response = office_client.get("/office/audit/")
    assert rows(response, "audit-entries")[0][1:4] == [
        "office@example.org",
        "group.create",
        "Kreis CEOs (network.group)",
    ]
