"""The office's audit log leaves out the conduct cases' entries (their actors would let the
office link who filed to the accused company); an office person also on the board sees
them, and the entries stay in the database."""

import pytest

from tests import factories as f
from tests.conduct.conftest import to_stage
from tests.conftest import client_for
from tests.office.conftest import options
from tests.pages.html import de, rows
from verbund.common.models import AuditEntry
from verbund.network.models import NetworkRoleKind

CONDUCT_ACTIONS = {"conduct_case.file", "conduct_case.move", "conduct_case.read"}


@pytest.fixture
def logged(conduct_cast, case):
    """A case filed by a member, moved and read by the board, plus one company entry."""
    to_stage(case, "review", conduct_cast["board"])
    client_for(conduct_cast["board"]).get(f"/conduct-cases/{case.code}/")
    f.AuditEntryFactory(
        actor_repr="office@example.org",
        action="company.update",
        object_type="members.company",
        object_repr="Alpen IT Service GmbH",
        changes={},
    )
    return case


def office_on_board(company, email: str):
    """A person of `company` in the office and on the advisory board."""
    person = f.PersonFactory(company=company, user=f.UserFactory(email=email))
    for kind in (NetworkRoleKind.OFFICE, NetworkRoleKind.BOARD):
        f.NetworkRoleFactory(person=person, kind=kind)
    f.enable_totp(person.user)
    return person.user


@pytest.fixture
def office_board(db):
    return office_on_board(f.CompanyFactory(name="Amt und Rat GmbH"), "office-board@example.org")


def shown(user, query: str = ""):
    response = client_for(user).get(f"/office/audit/{query}")
    table = rows(response, "audit-entries") or []
    return response, [(row[1], row[2]) for row in table]


def test_office_sees_no_conduct_entries_nor_their_filter_choices(conduct_cast, logged):
    response, entries = shown(conduct_cast["office"])
    body = response.content.decode()
    assert (response.status_code, entries) == (200, [("office@example.org", "company.update")])
    assert (options(response, "action"), options(response, "object_type")) == (
        [de("All actions"), "company.update"],
        [de("All object types"), "members.company"],
    )
    assert ["member@example.org" in body, "board@example.org" in body] == [False, False]
    assert AuditEntry.objects.filter(object_type="conduct.conductcase").count() == 3


@pytest.mark.parametrize(
    "query", ["?object_type=conduct.conductcase", "?action=conduct_case.file", "?actor=member@"]
)
def test_office_cannot_filter_its_way_to_them(conduct_cast, logged, query):
    response, entries = shown(conduct_cast["office"], query)
    assert (response.status_code, entries) == (200, [])


def test_office_on_the_board_sees_them(office_board, logged):
    response, entries = shown(office_board, "?object_type=conduct.conductcase")
    assert (response.status_code, sorted(entries)) == (
        200,
        [
            ("board@example.org", "conduct_case.move"),
            ("board@example.org", "conduct_case.read"),
            ("member@example.org", "conduct_case.file"),
        ],
    )
    assert set(options(response, "action")) >= CONDUCT_ACTIONS


def test_office_on_the_board_sees_none_of_a_case_against_its_own_company(logged, company_b):
    user = office_on_board(company_b, "office-board-b@example.org")
    response, entries = shown(user, "?object_type=conduct.conductcase")
    assert (response.status_code, entries) == (200, [])


@pytest.mark.parametrize(("who", "status"), [("board", 403), ("member", 403), ("guest", 403)])
def test_audit_log_stays_the_offices(conduct_cast, logged, who, status):
    assert client_for(conduct_cast[who]).get("/office/audit/").status_code == status
