"""The company pages: list, profile and the company admin's edit, for the whole cast."""

from decimal import Decimal

import pytest

from tests import factories as f
from tests.conftest import client_for
from tests.pages.html import de, element, items, rows, text
from verbund.common.models import AuditEntry
from verbund.members.models import Company, CompanyStatus
from verbund.members.services import change_company_status

REVENUE = "2.500.000,00 €"  # the factory's Decimal("2500000.00"), as a German reader sees it

# ---------------------------------------------------------------- list


def test_company_list_member_sees_active_companies_without_status_or_revenue(cast, candidate):
    response = client_for(cast["member"]).get("/companies/")
    assert rows(response, "companies") == [
        [
            "Alpen IT Service GmbH",
            "München",
            "Oberbayern",
            "Ortsgruppe München-Nord",
            "20",
            "1. Januar 2020",
        ],
        [
            "Donau Datacenter AG",
            "München",
            "Oberbayern",
            "Ortsgruppe Augsburg",
            "20",
            "1. Januar 2020",
        ],
        [
            "Isar Netzwerke GmbH",
            "München",
            "Oberbayern",
            "Ortsgruppe München-Nord",
            "20",
            "1. Januar 2020",
        ],
        [
            "Lech Systemhaus GmbH",
            "München",
            "Oberbayern",
            "Ortsgruppe Augsburg",
            "20",
            "1. Januar 2020",
        ],
    ]
    assert "2.500.000" not in response.content.decode()


@pytest.mark.parametrize("who", ["office", "board"])
def test_company_list_office_and_board_see_every_status(cast, candidate, who):
    response = client_for(cast[who]).get("/companies/?group=" + candidate.home_group.code)
    assert rows(response, "companies") == [
        [
            "Donau Datacenter AG",
            "München",
            "Oberbayern",
            "Ortsgruppe Augsburg",
            "20",
            "1. Januar 2020",
            de("Active"),
        ],
        [
            "Kandidat Bits GmbH",
            "München",
            "Oberbayern",
            "Ortsgruppe Augsburg",
            "20",
            "1. Januar 2020",
            de("Candidate"),
        ],
        [
            "Lech Systemhaus GmbH",
            "München",
            "Oberbayern",
            "Ortsgruppe Augsburg",
            "20",
            "1. Januar 2020",
            de("Active"),
        ],
    ]
    assert "2.500.000" not in response.content.decode()


def test_company_list_searches_by_name(cast):
    response = client_for(cast["member2"]).get("/companies/?q=alpen")
    assert [row[0] for row in rows(response, "companies")] == ["Alpen IT Service GmbH"]
    assert element(response, "q").attrs["value"] == "alpen"


def test_company_list_filters_by_home_group(cast, group_b):
    response = client_for(cast["member"]).get(f"/companies/?group={group_b.code}")
    assert [row[0] for row in rows(response, "companies")] == [
        "Donau Datacenter AG",
        "Lech Systemhaus GmbH",
    ]


def test_company_list_filters_by_region(cast, company_b):
    company_b.region = "Schwaben"
    company_b.save()
    response = client_for(cast["member"]).get("/companies/?region=Schwaben")
    assert [row[0] for row in rows(response, "companies")] == ["Lech Systemhaus GmbH"]
    options = element(response, "region").find_all("option")
    assert [option.text() for option in options] == [de("All regions"), "Oberbayern", "Schwaben"]


def test_company_list_finds_nothing_and_says_so(cast):
    response = client_for(cast["member"]).get("/companies/?q=gibtesnicht")
    assert (rows(response, "companies"), text(response, "no-companies")) == (
        None,
        de("No companies match."),
    )


def test_company_list_htmx_gets_the_results_only(cast):
    response = client_for(cast["member"]).get("/companies/?q=lech", headers={"HX-Request": "true"})
    body = response.content.decode()
    assert (body.lstrip().startswith('<div id="results"'), "<html" in body) == (True, False)
    assert [row[0] for row in rows(response, "companies")] == ["Lech Systemhaus GmbH"]


def test_company_list_paginates_by_50(member, company_a):
    for number in range(50):
        f.CompanyFactory(name=f"Zulu {number:02d} GmbH")
    first = client_for(member).get("/companies/")
    second = client_for(member).get("/companies/?page=2")
    assert (len(rows(first, "companies")), rows(second, "companies")[0][0]) == (50, "Zulu 49 GmbH")


def test_company_list_guest_gets_403(cast):
    response = client_for(cast["guest"]).get("/companies/")
    assert (response.status_code, "Alpen IT" in response.content.decode()) == (403, False)


def test_company_list_anonymous_goes_to_login(company_a):
    response = client_for(None).get("/companies/")
    assert (response.status_code, response["Location"]) == (
        302,
        "/accounts/login/?next=/companies/",
    )


@pytest.mark.parametrize("extra", [0, 2])
def test_company_list_query_count_is_constant(member, company_a, extra, django_assert_num_queries):
    for number in range(extra):
        f.CompanyFactory(name=f"Zusatz {number} GmbH")
    client = client_for(member)
    with django_assert_num_queries(11):
        response = client.get("/companies/")
    assert [row[0] for row in rows(response, "companies")] == ["Alpen IT Service GmbH"] + [
        f"Zusatz {number} GmbH" for number in range(extra)
    ]


# ---------------------------------------------------------------- detail


@pytest.mark.parametrize("who", ["member", "colleague"])
def test_company_detail_own_people_see_the_revenue(cast, company_a, who):
    response = client_for(cast[who]).get(f"/companies/{company_a.code}/")
    assert text(response, "revenue") == REVENUE
    assert response.content.decode().count("2.500.000,00") == 1


@pytest.mark.parametrize("who", ["office", "board", "member2", "moderator"])
def test_company_detail_others_never_see_the_revenue(cast, company_a, who):
    response = client_for(cast[who]).get(f"/companies/{company_a.code}/")
    assert (response.status_code, text(response, "company-name")) == (200, "Alpen IT Service GmbH")
    assert (text(response, "revenue"), "2.500.000" in response.content.decode()) == (None, False)


def test_company_detail_shows_the_profile(cast, company_a):
    Company.objects.filter(pk=company_a.pk).update(
        street="Leopoldstraße 1",
        postal_code="80802",
        website="https://alpen-it.example",
        description="Netzwerke und Server.",
    )
    response = client_for(cast["member2"]).get(f"/companies/{company_a.code}/")
    assert (
        text(response, "address"),
        text(response, "region"),
        text(response, "website"),
        text(response, "home-group"),
        text(response, "employees"),
        text(response, "member-since"),
        text(response, "description"),
    ) == (
        "Leopoldstraße 1 80802 München",
        "Oberbayern",
        "https://alpen-it.example",
        "Ortsgruppe München-Nord",
        "20",
        "1. Januar 2020",
        "Netzwerke und Server.",
    )
    assert items(response, "people") == [
        "Klaus Huber · Geschäftsführer",
        "Maria Huber · Geschäftsführer",
    ]
    assert (element(response, "edit"), element(response, "history")) == (None, None)


def test_company_detail_admin_gets_edit_link(cast, company_a):
    response = client_for(cast["member"]).get(f"/companies/{company_a.code}/")
    assert element(response, "edit").attrs["href"] == f"/companies/{company_a.code}/edit/"


def test_company_detail_colleague_gets_no_edit_link(cast, company_a):
    response = client_for(cast["colleague"]).get(f"/companies/{company_a.code}/")
    assert (text(response, "company-name"), element(response, "edit")) == (
        "Alpen IT Service GmbH",
        None,
    )


@pytest.mark.parametrize("who", ["office", "board"])
def test_company_detail_office_and_board_see_status_history(cast, company_a, who):
    change_company_status(
        company=company_a, status=CompanyStatus.SUSPENDED, reason="Beitrag offen", actor=None
    )
    response = client_for(cast[who]).get(f"/companies/{company_a.code}/")
    assert text(response, "status") == de("Suspended")
    assert [row[1:] for row in rows(response, "history")] == [
        [de("Active"), de("Suspended"), "Beitrag offen"]
    ]


def test_company_detail_only_office_of_the_two_gets_edit_link(cast, company_a):
    office = client_for(cast["office"]).get(f"/companies/{company_a.code}/")
    board = client_for(cast["board"]).get(f"/companies/{company_a.code}/")
    assert (element(office, "edit").attrs["href"], element(board, "edit")) == (
        f"/companies/{company_a.code}/edit/",
        None,
    )


def test_company_detail_member_cannot_see_a_candidate(cast, candidate):
    response = client_for(cast["member"]).get(f"/companies/{candidate.code}/")
    assert (response.status_code, "Kandidat Bits" in response.content.decode()) == (404, False)


def test_company_detail_office_sees_a_candidate_and_its_people(cast, candidate):
    response = client_for(cast["office"]).get(f"/companies/{candidate.code}/")
    assert (text(response, "status"), items(response, "people")) == (
        de("Candidate"),
        ["Karl Kandidat · Geschäftsführer"],
    )


def test_company_detail_guest_gets_404(cast, company_a):
    response = client_for(cast["guest"]).get(f"/companies/{company_a.code}/")
    assert (response.status_code, "Alpen IT" in response.content.decode()) == (404, False)


def test_company_detail_anonymous_goes_to_login(company_a):
    response = client_for(None).get(f"/companies/{company_a.code}/")
    assert (response.status_code, response["Location"]) == (
        302,
        f"/accounts/login/?next=/companies/{company_a.code}/",
    )


# ---------------------------------------------------------------- edit

VALID = {
    "name": "Alpen IT Service GmbH & Co. KG",
    "street": "Leopoldstraße 1",
    "postal_code": "80802",
    "city": "München",
    "region": "Oberbayern",
    "website": "https://alpen-it.example",
    "description": "Netzwerke, Server, Sicherheit.",
    "employees": "24",
}


def _profile(company):
    company.refresh_from_db()
    return (company.name, company.website, company.employees, company.annual_revenue)


UNCHANGED = ("Alpen IT Service GmbH", "", 20, Decimal("2500000.00"))


def test_company_edit_admin_sees_the_form_with_revenue(cast, company_a):
    response = client_for(cast["member"]).get(f"/companies/{company_a.code}/edit/")
    assert list(response.context["form"].fields) == [
        "name",
        "street",
        "postal_code",
        "city",
        "region",
        "website",
        "description",
        "employees",
        "annual_revenue",
    ]
    assert element(response, "id_annual_revenue").attrs["value"] == "2500000.00"


def test_company_edit_admin_saves_profile_and_revenue(cast, company_a):
    data = {**VALID, "annual_revenue": "2750000.50"}
    response = client_for(cast["member"]).post(
        f"/companies/{company_a.code}/edit/", data, follow=True
    )
    assert _profile(company_a) == (
        "Alpen IT Service GmbH & Co. KG",
        "https://alpen-it.example",
        24,
        Decimal("2750000.50"),
    )
    assert response.redirect_chain == [(f"/companies/{company_a.code}/", 302)]
    assert text(response, "revenue") == "2.750.000,50 €"
    message = de("The profile of %(company)s was saved.") % {
        "company": "Alpen IT Service GmbH & Co. KG"
    }
    assert [str(m) for m in response.context["messages"]] == [message]
    entry = AuditEntry.objects.get(action="company.update")
    assert (entry.changes["employees"], entry.changes["annual_revenue"]) == (
        [20, 24],
        ["•••", "•••"],
    )


def test_company_edit_admin_may_clear_the_revenue(cast, company_a):
    client_for(cast["member"]).post(
        f"/companies/{company_a.code}/edit/", {**VALID, "annual_revenue": ""}
    )
    assert _profile(company_a)[3] is None


def test_company_edit_office_works_without_revenue(cast, company_a):
    client = client_for(cast["office"])
    form = client.get(f"/companies/{company_a.code}/edit/")
    assert (element(form, "id_annual_revenue"), "2500000" in form.content.decode()) == (None, False)
    response = client.post(
        f"/companies/{company_a.code}/edit/", {**VALID, "annual_revenue": "1.00"}
    )
    assert (response.status_code, response["Location"]) == (302, f"/companies/{company_a.code}/")
    assert _profile(company_a) == (
        "Alpen IT Service GmbH & Co. KG",
        "https://alpen-it.example",
        24,
        Decimal("2500000.00"),
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("employees", "-3", "Dieser Wert muss größer oder gleich 0 sein."),
        ("website", "keine url", "Bitte eine gültige Adresse eingeben."),
        ("annual_revenue", "-1", "Dieser Wert muss größer oder gleich 0 sein."),
        ("annual_revenue", "abc", "Bitte eine Zahl eingeben."),
        ("name", "", "Dieses Feld ist zwingend erforderlich."),
        (
            "postal_code",
            "12345678901",
            "Bitte sicherstellen, dass der Wert aus höchstens 10 Zeichen "
            "besteht. (Er besteht aus 11 Zeichen.)",
        ),
    ],
)
def test_company_edit_bad_input_changes_nothing(cast, company_a, field, value, message):
    data = {**VALID, "annual_revenue": "2600000", field: value}
    response = client_for(cast["member"]).post(f"/companies/{company_a.code}/edit/", data)
    assert (response.status_code, response.context["form"].errors) == (200, {field: [message]})
    assert element(response, f"id_{field}").attrs.get("value", "") == value
    assert text(response, f"id_{field}_error") == message
    assert _profile(company_a) == UNCHANGED
    assert AuditEntry.objects.filter(action="company.update").count() == 0


@pytest.mark.parametrize("who", ["colleague", "member2", "board", "moderator"])
def test_company_edit_others_who_see_the_company_get_403(cast, company_a, who):
    client = client_for(cast[who])
    get = client.get(f"/companies/{company_a.code}/edit/")
    post = client.post(f"/companies/{company_a.code}/edit/", {**VALID, "annual_revenue": "1"})
    assert (get.status_code, post.status_code, element(get, "id_name")) == (403, 403, None)
    assert _profile(company_a) == UNCHANGED


def test_company_edit_guest_gets_404(cast, company_a):
    response = client_for(cast["guest"]).post(f"/companies/{company_a.code}/edit/", VALID)
    assert (response.status_code, "Alpen IT" in response.content.decode()) == (404, False)
    assert _profile(company_a) == UNCHANGED


def test_company_edit_member_gets_404_for_a_candidate(cast, candidate):
    response = client_for(cast["member"]).post(f"/companies/{candidate.code}/edit/", VALID)
    candidate.refresh_from_db()
    assert (response.status_code, candidate.name) == (404, "Kandidat Bits GmbH")


def test_company_edit_anonymous_goes_to_login(company_a):
    response = client_for(None).post(f"/companies/{company_a.code}/edit/", VALID)
    assert (response.status_code, response["Location"]) == (
        302,
        f"/accounts/login/?next=/companies/{company_a.code}/edit/",
    )
    assert _profile(company_a) == UNCHANGED
