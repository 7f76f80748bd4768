"""API: the public partner finder (`/finder`, `/finder/requests`): no login, only opted-in
companies' public fields, and requests refused and limited exactly as on the page."""

import json

import pytest
from django.core.cache import cache
from django.test import Client

from tests import factories as f
from tests.api.conftest import API, de
from tests.conftest import client_for
from verbund.common.models import AuditEntry
from verbund.directory.models import Lead, LeadRecipient
from verbund.directory.services import reindex_company
from verbund.members.models import Company, CompanyStatus

NEED = "Wir brauchen eine Firewall"
TOO_MANY = "You have sent too many requests. Please try again in an hour."


@pytest.fixture(autouse=True)
def _empty_cache():
    # The rate limit counts in the cache; every test starts with none sent.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def finder_data(cast, company_a, company_b):
    """Alpen IT Service (company_a) and Lech Systemhaus (company_b) opted in and offer
    firewalls; Isar Netzwerke (the moderator's) offers them too but did NOT opt in; Donau
    Datacenter (the board's) opted in and does not match."""
    security = f.SkillFactory(label_de="IT-Sicherheit", label_en="IT security", synonyms="Firewall")
    Company.objects.filter(pk=company_a.pk).update(
        public_finder=True, website="https://alpen.example", description="Firewalls und Netze."
    )
    Company.objects.filter(pk=company_b.pk).update(public_finder=True, region="Schwaben")
    Company.objects.filter(name="Donau Datacenter AG").update(public_finder=True)
    for company in Company.objects.filter(
        name__in=["Alpen IT Service GmbH", "Lech Systemhaus GmbH", "Isar Netzwerke GmbH"]
    ):
        company.skills.add(security)
        f.OfferingFactory(company=company, title=f"Firewall-Betreuung {company.name.split()[0]}")
    for company in Company.objects.all():
        reindex_company(company)
    return cast


def _code(name: str) -> str:
    return Company.objects.get(name=name).code


def _find(client: Client, **params):
    return client.get(API + "/finder", params)


def _request(client: Client, *names: str, **extra):
    body = {
        "customer_name": "Clara Kundin",
        "customer_company": "Bäckerei Kundin",
        "customer_email": "clara@kundin.example",
        "customer_phone": "+49 89 555",
        "need": "Wir brauchen eine Firewall für drei Filialen.",
        "region": "",
        "consent": True,
        "companies": [_code(name) for name in names],
        "searched_need": NEED,
        "searched_region": "",
    } | extra
    return client.post(
        API + "/finder/requests", data=json.dumps(body), content_type="application/json"
    )


def _refused(field: str, message: str) -> dict:
    return {"message": message, "errors": [{"field": field, "message": message}]}


def _nothing_stored():
    assert (Lead.objects.count(), LeadRecipient.objects.count()) == (0, 0)
    assert AuditEntry.objects.filter(action="lead.send").count() == 0


def test_finder_api_public_fields_of_opted_in_companies_only(finder_data, company_a, company_b):
    response = _find(client_for(None), need=NEED)
    # Isar Netzwerke matches too, but did not opt in; nobody's revenue, people or contacts.
    assert (response.status_code, response.json()) == (
        200,
        [
            {
                "code": company_a.code,
                "name": "Alpen IT Service GmbH",
                "city": "München",
                "region": "Oberbayern",
                "website": "https://alpen.example",
                "description": "Firewalls und Netze.",
                "skills": [{"label": "IT-Sicherheit", "matched": True}],
                "offerings": ["Firewall-Betreuung Alpen"],
            },
            {
                "code": company_b.code,
                "name": "Lech Systemhaus GmbH",
                "city": "München",
                "region": "Schwaben",
                "website": "",
                "description": "",
                "skills": [{"label": "IT-Sicherheit", "matched": True}],
                "offerings": ["Firewall-Betreuung Lech"],
            },
        ],
    )


def _names(response) -> list[str]:
    return [item["name"] for item in response.json()]


def test_finder_api_filters_by_region(finder_data):
    response = _find(client_for(None), need=NEED, region="Schwaben")
    assert _names(response) == ["Lech Systemhaus GmbH"]


def test_finder_api_hides_opted_in_company_that_is_not_active(finder_data, company_b):
    Company.objects.filter(pk=company_b.pk).update(status=CompanyStatus.SUSPENDED)
    assert _names(_find(client_for(None), need=NEED)) == ["Alpen IT Service GmbH"]


def test_finder_api_no_match_empty_list(finder_data):
    response = _find(client_for(None), need="Quantencomputer")
    assert (response.status_code, response.json()) == (200, [])


def test_finder_api_same_for_members_and_a_bad_token(finder_data):
    # No authentication at all: a logged-in member and a wrong token see what anyone sees.
    expected = ["Alpen IT Service GmbH", "Lech Systemhaus GmbH"]
    assert _names(_find(client_for(finder_data["member2"]), need=NEED)) == expected
    anyone = Client(HTTP_AUTHORIZATION="Bearer vb_wrong")
    assert _names(_find(anyone, need=NEED)) == expected


def test_finder_api_without_need_names_the_field(finder_data):
    response = _find(client_for(None), region="Schwaben")
    assert (response.status_code, response.json()) == (
        422,
        _refused("need", de("This field is required.")),
    )


def test_finder_api_request_reaches_the_chosen_companys_admins(
    finder_data, company_a, mailoutbox, django_capture_on_commit_callbacks
):
    # Company A has a second admin without a login and a non-admin colleague: neither is mailed.
    f.PersonFactory(
        company=company_a, user=None, email="nologin@example.org", is_company_admin=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = _request(client_for(None), "Alpen IT Service GmbH")
    lead = Lead.objects.get()
    assert (response.status_code, response.json()) == (201, {"code": lead.code})
    assert (
        lead.customer_name,
        lead.customer_company,
        lead.customer_email,
        lead.customer_phone,
        lead.need,
        lead.region,
        lead.language,
    ) == (
        "Clara Kundin",
        "Bäckerei Kundin",
        "clara@kundin.example",
        "+49 89 555",
        "Wir brauchen eine Firewall für drei Filialen.",
        "",
        "de",
    )
    assert lead.consent_at is not None
    assert [r.company.name for r in lead.recipients.all()] == ["Alpen IT Service GmbH"]
    assert [mail.to for mail in mailoutbox] == [["member@example.org"]]
    assert mailoutbox[0].subject == de("New request from the partner finder: %(name)s").replace(
        "%(name)s", "Clara Kundin"
    )
    assert f"/leads/{lead.code}/" in mailoutbox[0].body
    entry = AuditEntry.objects.get(action="lead.send")
    assert (entry.actor, entry.object_id) == (None, lead.code)


def test_finder_api_request_to_two_companies_mails_each_admin(
    finder_data, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _request(client_for(None), "Alpen IT Service GmbH", "Lech Systemhaus GmbH")
    assert response.status_code == 201
    assert sorted(mail.to[0] for mail in mailoutbox) == [
        "member2@example.org",
        "member@example.org",
    ]
    assert sorted(r.company.name for r in LeadRecipient.objects.all()) == [
        "Alpen IT Service GmbH",
        "Lech Systemhaus GmbH",
    ]


def test_finder_api_request_matches_need_and_region_when_nothing_searched(finder_data):
    # Without `searched_*`, the companies must match the request's own need and region.
    client = client_for(None)
    extra = {"need": NEED, "region": "Schwaben", "searched_need": None, "searched_region": None}
    response = _request(client, "Alpen IT Service GmbH", **extra)
    alpen = _code("Alpen IT Service GmbH")
    message = de("Select a valid choice. %(value)s is not one of the available choices.")
    assert (response.status_code, response.json()) == (
        422,
        _refused("companies", message % {"value": alpen}),
    )
    response = _request(client, "Lech Systemhaus GmbH", **extra)
    assert response.status_code == 201
    assert [r.company.name for r in LeadRecipient.objects.all()] == ["Lech Systemhaus GmbH"]


def test_finder_api_request_needs_no_csrf_token(finder_data, member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    response = _request(client, "Alpen IT Service GmbH")
    assert (response.status_code, response.json()) == (201, {"code": Lead.objects.get().code})


def test_finder_api_request_without_consent_refused(finder_data, mailoutbox):
    response = _request(client_for(None), "Alpen IT Service GmbH", consent=False)
    assert (response.status_code, response.json()) == (
        422,
        _refused("consent", de("Please agree that we pass on your details.")),
    )
    _nothing_stored()
    assert mailoutbox == []


def test_finder_api_request_to_company_not_opted_in_refused(finder_data):
    response = _request(client_for(None), "Alpen IT Service GmbH", "Isar Netzwerke GmbH")
    message = de("Select a valid choice. %(value)s is not one of the available choices.")
    assert (response.status_code, response.json()) == (
        422,
        _refused("companies", message % {"value": _code("Isar Netzwerke GmbH")}),
    )
    _nothing_stored()


def test_finder_api_request_to_company_not_matched_refused(finder_data):
    # Donau Datacenter opted in but does not match the need searched.
    response = _request(client_for(None), "Donau Datacenter AG")
    message = de("Select a valid choice. %(value)s is not one of the available choices.")
    assert (response.status_code, response.json()) == (
        422,
        _refused("companies", message % {"value": _code("Donau Datacenter AG")}),
    )
    _nothing_stored()


def test_finder_api_request_to_more_than_five_companies_refused(finder_data):
    for number in range(6):
        reindex_company(f.CompanyFactory(name=f"Firewall Haus {number}", public_finder=True))
    response = _request(client_for(None), *[f"Firewall Haus {number}" for number in range(6)])
    message = de("Please choose at most %(max)d companies.") % {"max": 5}
    assert (response.status_code, response.json()) == (422, _refused("companies", message))
    _nothing_stored()


def test_finder_api_request_names_every_bad_field(finder_data):
    response = _request(client_for(None), customer_name=" ", customer_email="clara@", companies=[])
    required = de("This field is required.")
    assert (response.status_code, response.json()) == (
        422,
        {
            "message": required,
            "errors": [
                {"field": "companies", "message": required},
                {"field": "customer_name", "message": required},
                {"field": "customer_email", "message": de("Enter a valid email address.")},
            ],
        },
    )
    _nothing_stored()


def test_finder_api_sixth_request_from_one_address_refused(
    finder_data, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for(None)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):
            assert _request(client, "Alpen IT Service GmbH").status_code == 201
        response = _request(client, "Alpen IT Service GmbH")
    assert (response.status_code, response.json()) == (429, {"message": de(TOO_MANY)})
    assert (Lead.objects.count(), len(mailoutbox)) == (5, 5)


def test_finder_api_shares_the_pages_rate_limit(finder_data):
    client = client_for(None)
    for _ in range(5):
        client.post("/finder/", {})  # even refused requests count, as on the page
    response = _request(client, "Alpen IT Service GmbH")
    assert (response.status_code, response.json()) == (429, {"message": de(TOO_MANY)})
    _nothing_stored()


def test_finder_api_rate_limit_counts_per_address(finder_data):
    client = client_for(None)
    for _ in range(5):
        client.post(API + "/finder/requests", {}, content_type="application/json",
                    REMOTE_ADDR="10.0.0.1")  # fmt: skip
    assert _request(client, "Alpen IT Service GmbH").status_code == 201  # from 127.0.0.1


def test_finder_api_answers_in_the_callers_language(finder_data):
    response = client_for(None).post(
        API + "/finder/requests",
        data=json.dumps({"companies": [_code("Alpen IT Service GmbH")], "need": NEED}),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert (response.status_code, response.json()["errors"]) == (
        422,
        [
            {"field": "customer_name", "message": "This field is required."},
            {"field": "customer_email", "message": "This field is required."},
            {"field": "consent", "message": "Please agree that we pass on your details."},
        ],
    )


@pytest.mark.parametrize("extra", [0, 2])
def test_finder_api_query_count(finder_data, extra, django_assert_num_queries):
    for number in range(extra):
        company = f.CompanyFactory(name=f"Firewall Haus {number}", public_finder=True)
        f.OfferingFactory(company=company, title="Firewall")
        reindex_company(company)
    with django_assert_num_queries(5):
        response = _find(Client(), need=NEED)
    # Equal scores, so by name.
    assert _names(response) == [
        "Alpen IT Service GmbH",
        *[f"Firewall Haus {number}" for number in range(extra)],
        "Lech Systemhaus GmbH",
    ]
