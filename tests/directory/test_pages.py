"""The directory pages: who may see them, what they show, how many queries they take."""

import pytest

from tests import factories as f
from tests.conftest import client_for
from tests.pages.html import de, definitions, items, text
from verbund.directory.services import reindex_company
from verbund.members.models import CompanyStatus

DIRECTORY = "/directory/"
WHO = "/directory/who-can-help/"


def skill(label: str) -> str:
    return de("%(label)s (skill)") % {"label": label}


def vendor(label: str) -> str:
    return de("%(label)s (vendor)") % {"label": label}


def test_directory_member_finds_with_typo(directory_data):
    response = client_for(directory_data["member"]).get(DIRECTORY, {"q": "Wetpark"})
    assert items(response, "directory-results") == [
        "Westpark IT-Consulting GmbH München · Ortsgruppe München-Nord IT-Sicherheit"
    ]


def test_directory_shows_totals_never_revenue_per_company(directory_data):
    response = client_for(directory_data["member"]).get(DIRECTORY)
    assert definitions(response, "totals") == {
        de("Member companies"): "5",
        de("People"): "5",
        de("Employees"): "100",
        de("Revenue (all together)"): de("about %(millions)s M EUR") % {"millions": 10},
    }
    for shown in ("2500000", "2.500.000", "3000000", "3.000.000", "2,5", "2.5"):
        assert shown not in response.content.decode()


def test_directory_totals_too_few_revenues(directory_data, westpark):
    type(westpark).objects.filter(pk=westpark.pk).update(annual_revenue=None)
    response = client_for(directory_data["member"]).get(DIRECTORY)
    assert definitions(response, "totals")[de("Revenue (all together)")] == de("too few to show")


def test_directory_htmx_swaps_only_results(directory_data):
    response = client_for(directory_data["member"]).get(
        DIRECTORY, {"q": "Netzwerk"}, headers={"HX-Request": "true"}
    )
    assert (text(response, "totals"), items(response, "directory-results")) == (
        None,
        [
            "Isar Netzwerke GmbH München · Ortsgruppe München-Nord IT-Sicherheit",
            "Lech Systemhaus GmbH München · Ortsgruppe Augsburg Netzwerktechnik",
        ],
    )


@pytest.mark.parametrize("who", ["office", "board", "member", "colleague", "member2"])
def test_directory_network_sees_it(directory_data, who):
    response = client_for(directory_data[who]).get(DIRECTORY, {"q": "Sophos"})
    assert items(response, "directory-results") == [
        "Westpark IT-Consulting GmbH München · Ortsgruppe München-Nord IT-Sicherheit"
    ]


@pytest.mark.parametrize("path", [DIRECTORY, WHO])
def test_directory_guest_refused(directory_data, path):
    response = client_for(directory_data["guest"]).get(path, {"q": "Westpark", "need": "Sophos"})
    leaked = "Westpark IT-Consulting" in response.content.decode()
    assert (response.status_code, leaked) == (403, False)


@pytest.mark.parametrize("path", [DIRECTORY, WHO])
def test_directory_inactive_member_refused(directory_data, company_a, path):
    type(company_a).objects.filter(pk=company_a.pk).update(status=CompanyStatus.SUSPENDED)
    response = client_for(directory_data["member"]).get(path, {"q": "Westpark", "need": "Sophos"})
    leaked = "Westpark IT-Consulting" in response.content.decode()
    assert (response.status_code, leaked) == (403, False)


@pytest.mark.parametrize("path", [DIRECTORY, WHO])
def test_directory_anonymous_goes_to_login(directory_data, path):
    response = client_for(None).get(path)
    assert (response.status_code, response["Location"]) == (302, f"/accounts/login/?next={path}")


@pytest.mark.parametrize("extra", [0, 2])
def test_directory_query_count_is_constant(
    directory_data, group_a, extra, django_assert_num_queries
):
    for number in range(extra):
        company = f.CompanyFactory(name=f"Westpark Zwei {number} GmbH", home_group=group_a)
        reindex_company(company)
    client = client_for(directory_data["member"])
    with django_assert_num_queries(16):
        response = client.get(DIRECTORY, {"q": "Westpark"})
    assert [line.split(" München")[0] for line in items(response, "directory-results")] == [
        "Westpark IT-Consulting GmbH",
        *[f"Westpark Zwei {number} GmbH" for number in range(extra)],
    ]


def test_directory_shows_twenty_companies_a_page(directory_data, group_a):
    for number in range(16):  # 21 companies in all
        reindex_company(f.CompanyFactory(name=f"Zirbel {number:02d} GmbH", home_group=group_a))
    client = client_for(directory_data["member"])
    first, second = (client.get(DIRECTORY, {"page": page}) for page in (1, 2))
    assert (len(items(first, "directory-results")), items(second, "directory-results")) == (
        20,
        ["Zirbel 15 GmbH München · Ortsgruppe München-Nord"],
    )


def test_who_can_help_page_reasons(directory_data):
    response = client_for(directory_data["member2"]).get(
        WHO, {"need": "Unser Kunde braucht eine Firewall mit Sophos und IT-Sicherheit"}
    )
    assert items(response, "helpers") == [
        f"Westpark IT-Consulting GmbH München {de('matches:')} Firewall, "
        f"{skill('IT-Sicherheit')}, {vendor('Sophos')}",
        f"Isar Netzwerke GmbH München {de('matches:')} {skill('IT-Sicherheit')}",
    ]


def test_who_can_help_page_without_need_lists_nothing(directory_data):
    response = client_for(directory_data["member"]).get(WHO)
    assert (items(response, "helpers"), text(response, "no-results")) == (None, None)


def test_who_can_help_page_nothing_found(directory_data):
    response = client_for(directory_data["member"]).get(WHO, {"need": "Quantencomputer"})
    assert text(response, "no-results") == de("No company matches this need yet.")
