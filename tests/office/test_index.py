"""The office's overview: counts and links."""

from tests import factories as f
from tests.pages.html import de, items, links, text
from verbund.members.models import CompanyStatus


def test_office_index_counts_companies_people_groups_and_places(cast, office_client, working_group):
    f.CompanyFactory(name="Kandidat GmbH", status=CompanyStatus.CANDIDATE, home_group=None)
    f.CompanyFactory(name="Raus GmbH", status=CompanyStatus.EXPELLED, home_group=None)
    f.CompanyFactory(name="Pause GmbH", status=CompanyStatus.SUSPENDED, home_group=None)
    response = office_client.get("/office/")
    assert items(response, "companies") == [
        f"{de('Candidate')}: 1",
        f"{de('Active')}: 4",
        f"{de('Suspended')}: 1",
        f"{de('Resigned')}: 0",
        f"{de('Expelled')}: 1",
    ]
    assert items(response, "groups") == [
        f"{de('Regional group')}: 2",
        f"{de('Working group')}: 1",
        f"{de('Focus group')}: 0",
        f"{de('Circle')}: 0",
    ]
    assert text(response, "people") == f"{de('People')} 7"
    assert text(response, "places") == (
        f"{de('Places taken')} 5 / 400 {de('Active and suspended companies of the member cap')}"
    )


def test_office_index_without_cap_shows_places_taken_only(cast, office_client, network):
    network.member_cap = None
    network.save()
    response = office_client.get("/office/")
    assert text(response, "places") == f"{de('Places taken')} 4 {de('No member cap')}"


def test_office_index_links_lead_to_filtered_lists(cast, office_client):
    response = office_client.get("/office/")
    assert links(response, "companies") == [
        "/office/companies/",
        "/office/companies/?status=candidate",
        "/office/companies/?status=active",
        "/office/companies/?status=suspended",
        "/office/companies/?status=resigned",
        "/office/companies/?status=expelled",
    ]
    assert links(response, "groups") == [
        "/office/groups/",
        "/office/groups/?kind=regional",
        "/office/groups/?kind=working",
        "/office/groups/?kind=focus",
        "/office/groups/?kind=circle",
    ]
