"""API: /api/v1/directory and /api/v1/directory/who-can-help."""

import pytest

from tests import factories as f
from tests.api.conftest import API, de, forbidden_body, unauthenticated_body, warm_client
from tests.conftest import client_for
from verbund.directory.services import reindex_company


def _skill(label: str) -> str:
    return de("%(label)s (skill)") % {"label": label}


def test_api_directory_item_shape_without_revenue(directory_data, skills, group_a):
    response = client_for(directory_data["member"]).get(API + "/directory", {"q": "Wetpark"})
    company = response.json()["items"][0]
    assert response.json() == {
        "count": 1,
        "items": [
            {
                "code": company["code"],
                "name": "Westpark IT-Consulting GmbH",
                "city": "München",
                "region": "Oberbayern",
                "home_group": {"code": group_a.code, "name": "Ortsgruppe München-Nord"},
                "skills": [{"code": skills["security"].code, "label": "IT-Sicherheit"}],
                "score": 0.545,
                "reasons": ["Wetpark"],
            }
        ],
    }


def test_api_directory_facets(directory_data, skills):
    response = client_for(directory_data["member"]).get(
        API + "/directory", {"skill": skills["network"].code, "region": "Oberbayern"}
    )
    assert [item["name"] for item in response.json()["items"]] == ["Lech Systemhaus GmbH"]


def test_api_who_can_help(directory_data):
    response = client_for(directory_data["member2"]).get(
        API + "/directory/who-can-help",
        {"need": "Unser Kunde braucht eine Firewall mit Sophos und IT-Sicherheit"},
    )
    assert [(item["name"], item["reasons"]) for item in response.json()] == [
        (
            "Westpark IT-Consulting GmbH",
            ["Firewall", _skill("IT-Sicherheit"), de("%(label)s (vendor)") % {"label": "Sophos"}],
        ),
        ("Isar Netzwerke GmbH", [_skill("IT-Sicherheit")]),
    ]


@pytest.mark.parametrize("path", ["/directory", "/directory/who-can-help"])
def test_api_directory_guest_forbidden(directory_data, path):
    response = client_for(directory_data["guest"]).get(API + path, {"q": "Westpark"})
    assert (response.status_code, response.json()) == (403, forbidden_body())


@pytest.mark.parametrize("path", ["/directory", "/directory/who-can-help"])
def test_api_directory_anonymous_unauthenticated(directory_data, path):
    response = client_for(None).get(API + path, {"q": "Westpark"})
    assert (response.status_code, response.json()) == (401, unauthenticated_body())


@pytest.mark.parametrize("extra", [0, 2])
def test_api_directory_query_count(directory_data, group_a, extra, django_assert_num_queries):
    for number in range(extra):
        reindex_company(f.CompanyFactory(name=f"Westpark Zwei {number} GmbH", home_group=group_a))
    client = warm_client(directory_data["member"])
    with django_assert_num_queries(10):
        response = client.get(API + "/directory", {"q": "Westpark"})
    assert [item["name"] for item in response.json()["items"]] == [
        "Westpark IT-Consulting GmbH",
        *[f"Westpark Zwei {number} GmbH" for number in range(extra)],
    ]
