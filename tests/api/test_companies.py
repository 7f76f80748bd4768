"""GET /companies and /companies/{code}: visibility, confidential revenue, status history."""

import pytest

from tests import factories as f
from tests.api.conftest import forbidden_body, get, not_found_body, warm_client
from verbund.members.models import CompanyStatus
from verbund.members.services import change_company_status


def _ref(obj) -> dict | None:
    return {"code": obj.code, "name": obj.name} if obj else None


def _company(company, revenue: str | None) -> dict:
    return {
        "code": company.code,
        "name": company.name,
        "city": company.city,
        "region": company.region,
        "website": company.website,
        "employees": company.employees,
        "annual_revenue": revenue,
        "member_since": str(company.member_since) if company.member_since else None,
        "status": company.status,
        "home_group": _ref(company.home_group),
    }


@pytest.fixture
def candidate(group_a):
    return f.CompanyFactory(
        name="Bewerber Bits GmbH",
        status=CompanyStatus.CANDIDATE,
        member_since=None,
        home_group=group_a,
    )


def _names(response) -> list[str]:
    return [item["name"] for item in response.json()["items"]]


def test_companies_member_sees_active_ones_with_only_own_revenue(
    cast, company_a, company_b, candidate
):
    response = get(cast["member"], "/companies")
    board_company = cast["board"].person.company
    moderator_company = cast["moderator"].person.company
    items = [
        _company(company_a, "2500000.00"),
        _company(board_company, None),
        _company(moderator_company, None),
        _company(company_b, None),
    ]
    assert (response.status_code, response.json()) == (200, {"items": items, "count": 4})


@pytest.mark.parametrize(("who", "own"), [("office", None), ("board", "Donau Datacenter AG")])
def test_companies_office_and_board_see_candidates_and_only_own_revenue(cast, candidate, who, own):
    response = get(cast[who], "/companies")
    names = [
        "Alpen IT Service GmbH",
        "Bewerber Bits GmbH",
        "Donau Datacenter AG",
        "Isar Netzwerke GmbH",
        "Lech Systemhaus GmbH",
    ]
    with_revenue = [item["name"] for item in response.json()["items"] if item["annual_revenue"]]
    assert (response.status_code, _names(response), with_revenue) == (
        200,
        names,
        [own] if own else [],
    )


def test_companies_guest_gets_403(cast):
    response = get(cast["guest"], "/companies")
    assert (response.status_code, response.json()) == (403, forbidden_body())


def test_companies_search_by_name_or_city(cast, company_b):
    company_b.city = "Augsburg"
    company_b.save()
    by_name = get(cast["member"], "/companies?q=alpen service")
    by_city = get(cast["member"], "/companies?q=augsburg")
    assert (_names(by_name), _names(by_city)) == (
        ["Alpen IT Service GmbH"],
        ["Lech Systemhaus GmbH"],
    )


def test_companies_filter_by_home_group(cast, group_b):
    response = get(cast["member"], f"/companies?group={group_b.code}")
    assert _names(response) == ["Donau Datacenter AG", "Lech Systemhaus GmbH"]


def test_companies_filter_by_status(cast, candidate):
    response = get(cast["office"], "/companies?status=candidate")
    assert (response.json()["count"], _names(response)) == (1, ["Bewerber Bits GmbH"])


def test_companies_unknown_status_is_422_naming_the_field(cast):
    response = get(cast["office"], "/companies?status=dormant")
    assert (response.status_code, response.json()["errors"][0]["field"]) == (422, "status")


def test_companies_second_page(cast):
    response = get(cast["member"], "/companies?page=2&page_size=3")
    assert (response.json()["count"], _names(response)) == (4, ["Lech Systemhaus GmbH"])


@pytest.mark.parametrize("extra", [0, 2])
def test_companies_query_count(django_assert_num_queries, member, extra):
    for number in range(extra):
        f.CompanyFactory(name=f"Zugspitz IT {number}")
    client = warm_client(member)
    with django_assert_num_queries(8):
        response = client.get("/api/v1/companies")
    expected = [("Alpen IT Service GmbH", "2500000.00")]
    expected += [(f"Zugspitz IT {n}", None) for n in range(extra)]
    rows = [(item["name"], item["annual_revenue"]) for item in response.json()["items"]]
    assert rows == expected


def _detail(company, revenue, people: list, history) -> dict:
    return {
        **_company(company, revenue),
        "street": company.street,
        "postal_code": company.postal_code,
        "description": company.description,
        "people": people,
        "status_history": history,
        "skills": [],
        "offerings": [],
        "partnerships": [],
        "industries": [],
        "customer_sizes": [],
        "regions_served": [],
    }


def _people_of_a(cast) -> list[dict]:
    return [
        {"code": cast["colleague"].person.code, "name": "Klaus Huber"},
        {"code": cast["member"].person.code, "name": "Maria Huber"},
    ]


@pytest.mark.parametrize("who", ["member", "colleague"])
def test_company_detail_own_people_see_revenue(cast, company_a, who):
    response = get(cast[who], f"/companies/{company_a.code}")
    expected = _detail(company_a, "2500000.00", _people_of_a(cast), None)
    assert (response.status_code, response.json()) == (200, expected)


def test_company_detail_other_member_sees_no_revenue(cast, company_a):
    response = get(cast["member2"], f"/companies/{company_a.code}")
    expected = _detail(company_a, None, _people_of_a(cast), None)
    assert (response.status_code, response.json()) == (200, expected)


@pytest.mark.parametrize("who", ["office", "board"])
def test_company_detail_office_and_board_see_history_but_no_revenue(cast, company_a, who):
    change_company_status(
        company=company_a, status=CompanyStatus.SUSPENDED, reason="Beitrag offen", actor=None
    )
    company_a.refresh_from_db()
    response = get(cast[who], f"/companies/{company_a.code}")
    body = response.json()
    history = [(h["from_status"], h["to_status"], h["reason"]) for h in body["status_history"]]
    assert (response.status_code, body["annual_revenue"], body["status"], history) == (
        200,
        None,
        "suspended",
        [("active", "suspended", "Beitrag offen")],
    )


def test_company_detail_guest_gets_404(cast, company_a):
    response = get(cast["guest"], f"/companies/{company_a.code}")
    assert (response.status_code, response.json()) == (404, not_found_body())


def test_company_detail_member_gets_404_for_candidate(cast, candidate):
    response = get(cast["member2"], f"/companies/{candidate.code}")
    assert (response.status_code, response.json()) == (404, not_found_body())


def test_company_detail_candidate_is_visible_to_office(cast, candidate):
    response = get(cast["office"], f"/companies/{candidate.code}")
    assert (response.status_code, response.json()["status"]) == (200, "candidate")


def test_company_detail_shows_the_skills_database(cast, company_a):
    skill = f.SkillFactory(label_de="IT-Sicherheit", label_en="IT security", synonyms="NIS2")
    company_a.skills.add(skill)
    company_a.industries.add(f.IndustryFactory(label_de="Handwerk", label_en="Crafts"))
    company_a.customer_sizes = ["small", "public"]
    company_a.regions_served = ["Oberbayern", "Schwaben"]
    company_a.save()
    f.OfferingFactory(company=company_a, title="Firewall-Check", description="vor Ort")
    f.VendorPartnershipFactory(
        company=company_a, vendor=f.VendorFactory(name="Sophos"), certifications="Sophos CE"
    )
    body = get(cast["member2"], f"/companies/{company_a.code}").json()
    fields = ("skills", "offerings", "partnerships", "industries", "customer_sizes")
    assert {name: body[name] for name in (*fields, "regions_served")} == {
        "skills": [{"code": skill.code, "label_de": "IT-Sicherheit", "label_en": "IT security"}],
        "offerings": [{"title": "Firewall-Check", "description": "vor Ort"}],
        "partnerships": [{"vendor": "Sophos", "level": "gold", "certifications": "Sophos CE"}],
        "industries": [{"label_de": "Handwerk", "label_en": "Crafts"}],
        "customer_sizes": ["small", "public"],
        "regions_served": ["Oberbayern", "Schwaben"],
    }
