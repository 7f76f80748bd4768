"""What the public finder matches: the public fields only, and a place in any case."""

import pytest

from verbund.directory.queries import public_search, search
from verbund.directory.services import reindex_company
from verbund.members.models import Company


def names(results) -> list[str]:
    return [result.company.name for result in results]


def test_finder_does_not_match_members_only_fields(finder_data, company_a):
    person = finder_data["member"].person
    person.expertise = "Restrukturierung Insolvenzplan"
    person.save()
    reindex_company(Company.objects.get(pk=company_a.pk))
    # Members find the company by its people's expertise; customers do not.
    assert (
        names(search(finder_data["member2"], "Insolvenzplan")),
        names(public_search("Insolvenzplan")),
    ) == (["Alpen IT Service GmbH"], [])


@pytest.mark.parametrize(
    ("region", "expected"),
    [
        ("Schwaben", ["Lech Systemhaus GmbH"]),
        ("schwaben", ["Lech Systemhaus GmbH"]),
        ("OBERBAYERN", ["Alpen IT Service GmbH"]),
        ("münchen", ["Alpen IT Service GmbH", "Lech Systemhaus GmbH"]),  # their city
        ("Hamburg", []),
    ],
)
def test_finder_region_in_any_case_or_the_city(finder_data, region, expected):
    assert names(public_search("Firewall", region)) == expected


def test_directory_region_facet_is_not_a_city(finder_data):
    assert names(search(finder_data["member"], "Firewall", region="München")) == []
