"""The start page for each role: member, company admin, moderator, board, office, guest."""

import datetime
from decimal import Decimal

from tests import factories as f
from tests.conftest import client_for
from tests.pages.html import de, element, items, links, text
from verbund.members.models import CompanyStatus
from verbund.network.models import GroupRoleKind, NetworkRoleKind


def _welcome(name: str) -> str:
    return de("Welcome, %(name)s") % {"name": name}


def test_home_member_sees_company_groups_links_and_totals(cast, company_a, group_a, candidate):
    response = client_for(cast["member"]).get("/")
    assert text(response, "greeting") == _welcome("Maria Huber")
    assert links(response, "my-company")[0] == f"/companies/{company_a.code}/"
    assert items(response, "my-groups") == ["Ortsgruppe München-Nord"]
    assert links(response, "quick-links") == [
        "/groups/",
        "/companies/",
        "/people/",
        "/profile/",
        f"/companies/{company_a.code}/edit/",
    ]
    # 4 active companies with 5 people; the candidate, the office and the guest do not count.
    # Revenue needs five companies reporting one: four are too few.
    assert (
        text(response, "total-companies"),
        text(response, "total-people"),
        text(response, "total-employees"),
        text(response, "total-revenue"),
        text(response, "total-groups"),
    ) == ("4", "5", "80", de("too few to show"), "2")
    assert (
        element(response, "office"),
        element(response, "board-term"),
        element(response, "guest"),
    ) == (None, None, None)


def test_home_groups_the_thousands_of_employees(cast, group_a):
    f.CompanyFactory(home_group=group_a, employees=1320)
    response = client_for(cast["member"]).get("/")
    assert text(response, "total-employees") == "1.400"  # 4 x 20 + 1,320, in German


def test_home_shows_revenue_rounded_to_tens_over_five_companies(cast, group_a):
    f.CompanyFactory(home_group=group_a, annual_revenue=Decimal("4100000.00"))
    response = client_for(cast["member"]).get("/")
    # 4 x 2.5 M + 4.1 M = 14.1 M EUR, shown as about 10 M EUR.
    assert (text(response, "total-employees"), text(response, "total-revenue")) == (
        "100",
        de("about %(millions)s M EUR") % {"millions": 10},
    )


def test_home_colleague_gets_no_company_edit_link(cast):
    response = client_for(cast["colleague"]).get("/")
    assert links(response, "quick-links") == ["/groups/", "/companies/", "/people/", "/profile/"]


def test_home_moderator_sees_role_in_group(cast, working_group):
    person = cast["moderator"].person
    f.GroupRoleFactory(group=working_group, person=person, kind=GroupRoleKind.SECRETARY)
    response = client_for(cast["moderator"]).get("/")
    assert items(response, "my-groups") == [
        f"AK Marketing & Vertrieb {de('Secretary')}",
        f"Ortsgruppe München-Nord {de('Moderator')}",
    ]


def test_home_board_sees_member_page_and_board_term(cast, group_b):
    response = client_for(cast["board"]).get("/")
    assert text(response, "board-term") == de(
        "You serve on the advisory board since %(start)s."
    ) % {"start": "1. Januar 2024"}
    assert items(response, "my-groups") == ["Ortsgruppe Augsburg"]
    assert text(response, "total-companies") == "4"


def test_home_board_term_with_end(cast):
    role = cast["board"].person.network_roles.get(kind=NetworkRoleKind.BOARD)
    role.ends_on = datetime.date(2099, 12, 31)
    role.save()
    response = client_for(cast["board"]).get("/")
    assert text(response, "board-term") == de(
        "You serve on the advisory board from %(start)s until %(end)s."
    ) % {"start": "1. Januar 2024", "end": "31. Dezember 2099"}


def test_home_office_sees_counts_and_office_links(cast, candidate):
    response = client_for(cast["office"]).get("/")
    assert text(response, "greeting") == _welcome("Olga Amt")
    assert (
        text(response, "office-active"),
        text(response, "office-candidates"),
        text(response, "office-suspended"),
        text(response, "office-people"),
        text(response, "office-groups"),
    ) == ("4", "1", "0", "8", "2")
    assert links(response, "office-links") == [
        "/office/",
        "/office/groups/",
        "/office/companies/",
        "/office/people/",
        "/office/network/",
        "/office/audit/",
    ]
    assert (element(response, "my-company"), element(response, "totals")) == (None, None)


def test_home_guest_sees_visited_groups_and_explanation(cast, group_a, group_b):
    response = client_for(cast["guest"]).get("/")
    assert items(response, "visited-groups") == ["Ortsgruppe München-Nord"]
    assert links(response, "visited-groups") == [f"/groups/{group_a.code}/"]
    assert (element(response, "my-company"), element(response, "office")) == (None, None)
    assert "Ortsgruppe Augsburg" not in response.content.decode()


def test_home_user_without_person_gets_a_friendly_page(network):
    response = client_for(f.UserFactory(email="neu@example.org")).get("/")
    assert (response.status_code, text(response, "inactive").startswith(de("Welcome"))) == (
        200,
        True,
    )
    assert element(response, "greeting") is None


def test_home_person_of_resigned_company_gets_a_friendly_page(cast, company_a):
    company_a.status = CompanyStatus.RESIGNED
    company_a.save()
    response = client_for(cast["colleague"]).get("/")
    assert element(response, "inactive").find_all("h1")[0].text() == _welcome("Klaus Huber")
    assert (element(response, "my-company"), element(response, "totals")) == (None, None)


def test_home_friendly_page_names_the_office_address(db):
    f.NetworkFactory(contact_email="buero@testnetz.example")
    response = client_for(f.UserFactory()).get("/")
    assert links(response, "inactive") == ["mailto:buero@testnetz.example"]


def test_home_anonymous_goes_to_login(db):
    response = client_for(None).get("/")
    assert (response.status_code, response["Location"]) == (302, "/accounts/login/?next=/")
