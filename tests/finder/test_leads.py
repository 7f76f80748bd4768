"""Leads in Verbund: only the recipient company's people see them and the customer's data."""

import pytest
from django.utils import formats, timezone, translation

from tests.conftest import client_for
from tests.pages.html import de, definitions, rows, text
from verbund.directory.models import LeadRecipient
from verbund.directory.services import send_lead
from verbund.members.models import Company


def _lead(number=1, need="Wir brauchen eine Firewall"):
    alpen = Company.objects.get(name="Alpen IT Service GmbH")
    return send_lead(
        customer_name=f"Clara Kundin {number}",
        customer_company="Bäckerei Kundin",
        customer_email=f"clara{number}@kundin.example",
        customer_phone="+49 89 555",
        need=need,
        region="",
        consent=True,
        company_codes=[alpen.code],
    )


def _shown(moment, fmt):
    """A time as a German user reads it on the page."""
    with translation.override("de"):
        return formats.date_format(timezone.localtime(moment), fmt)


@pytest.fixture
def lead(finder_data):
    return _lead()


def test_lead_list_shows_recipient_company_its_leads(lead, member):
    response = client_for(member).get("/leads/")
    assert rows(response, "leads") == [
        [
            _shown(lead.created_at, "SHORT_DATE_FORMAT"),
            "Clara Kundin 1 (Bäckerei Kundin)",
            "clara1@kundin.example",
            "Wir brauchen eine Firewall",
            de("new"),
        ]
    ]


def test_lead_list_shows_colleague_of_recipient_company_the_lead(lead, colleague):
    response = client_for(colleague).get("/leads/")
    assert [row[2] for row in rows(response, "leads")] == ["clara1@kundin.example"]


def test_lead_list_shows_member_of_other_company_none(lead, member2):
    response = client_for(member2).get("/leads/")
    assert text(response, "no-leads") == de("No requests yet.")
    assert "clara1@kundin.example" not in response.content.decode()


def test_lead_list_refuses_guest(lead, guest):
    response = client_for(guest).get("/leads/")
    assert response.status_code == 403
    assert "clara1@kundin.example" not in response.content.decode()


def test_lead_list_sends_anonymous_to_login(lead):
    response = client_for(None).get("/leads/")
    assert (response.status_code, response["Location"]) == (302, "/accounts/login/?next=/leads/")


@pytest.mark.parametrize("count", [1, 3])
def test_lead_list_query_count(finder_data, member, django_assert_num_queries, count):
    for number in range(count):
        _lead(number)
    client = client_for(member)
    client.get("/leads/")  # warm the session
    with django_assert_num_queries(9):
        response = client.get("/leads/")
    assert sorted(row[2] for row in rows(response, "leads")) == [
        f"clara{number}@kundin.example" for number in range(count)
    ]


def test_lead_detail_shows_customer_data_and_marks_seen(lead, member):
    response = client_for(member).get(f"/leads/{lead.code}/")
    assert definitions(response, "lead") == {
        de("Received"): _shown(lead.created_at, "DATETIME_FORMAT"),
        de("Name"): "Clara Kundin 1",
        de("Company"): "Bäckerei Kundin",
        de("E-mail"): "clara1@kundin.example",
        de("Phone"): "+49 89 555",
        de("Region"): "—",
        de("Need"): "Wir brauchen eine Firewall",
    }
    recipient = LeadRecipient.objects.get()
    assert recipient.seen_at is not None
    response = client_for(member).get("/leads/")
    assert rows(response, "leads")[0][4] == de("seen")


def test_lead_detail_of_other_company_is_404(lead, member2):
    response = client_for(member2).get(f"/leads/{lead.code}/")
    assert response.status_code == 404
    assert "clara1@kundin.example" not in response.content.decode()
    assert LeadRecipient.objects.get().seen_at is None


def test_lead_detail_refuses_guest(lead, guest):
    response = client_for(guest).get(f"/leads/{lead.code}/")
    assert response.status_code == 403
    assert "clara1@kundin.example" not in response.content.decode()


def test_lead_detail_sends_anonymous_to_login(lead):
    response = client_for(None).get(f"/leads/{lead.code}/")
    assert (response.status_code, response["Location"]) == (
        302,
        f"/accounts/login/?next=/leads/{lead.code}/",
    )


def test_navbar_shows_leads_to_members_only(lead, member, office):
    assert 'href="/leads/"' in client_for(member).get("/").content.decode()
    assert 'href="/leads/"' not in client_for(office).get("/office/").content.decode()
