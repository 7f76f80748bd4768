"""API: `/leads` and `/leads/{code}`: only the recipient company's people see a lead and
the customer's data; opening one marks it seen, as the page does."""

import datetime

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from tests import factories as f
from tests.api.conftest import (
    API,
    forbidden_body,
    get,
    not_found_body,
    unauthenticated_body,
    warm_client,
)
from verbund.common.models import AuditEntry
from verbund.directory.models import Lead, LeadRecipient
from verbund.directory.services import reindex_company, send_lead
from verbund.members.models import Company


@pytest.fixture
def opted_in(cast, company_a):
    """Alpen IT Service (company_a, the member's and colleague's) offers firewalls publicly."""
    Company.objects.filter(pk=company_a.pk).update(public_finder=True)
    company_a.skills.add(f.SkillFactory(label_de="IT-Sicherheit", synonyms="Firewall"))
    reindex_company(company_a)
    return cast


def _lead(number: int = 1) -> Lead:
    return send_lead(
        customer_name=f"Clara Kundin {number}",
        customer_company="Bäckerei Kundin",
        customer_email=f"clara{number}@kundin.example",
        customer_phone="+49 89 555",
        need="Wir brauchen eine Firewall",
        region="Oberbayern",
        consent=True,
        company_codes=[Company.objects.get(name="Alpen IT Service GmbH").code],
    )


@pytest.fixture
def lead(opted_in):
    return _lead()


def _local(moment: datetime.datetime) -> str:
    """A time as the API writes it: Berlin time with offset, to the millisecond."""
    return DjangoJSONEncoder().default(timezone.localtime(moment))


def _item(lead: Lead, seen_at: datetime.datetime | None = None) -> dict:
    return {
        "code": lead.code,
        "created_at": _local(lead.created_at),
        "customer_name": lead.customer_name,
        "customer_company": "Bäckerei Kundin",
        "customer_email": lead.customer_email,
        "need": "Wir brauchen eine Firewall",
        "seen_at": None if seen_at is None else _local(seen_at),
    }


@pytest.mark.parametrize("who", ["member", "colleague"])
def test_api_lead_list_recipient_company_sees_its_leads(lead, cast, who):
    response = get(cast[who], "/leads")
    assert (response.status_code, response.json()) == (200, {"count": 1, "items": [_item(lead)]})


@pytest.mark.parametrize("who", ["member2", "moderator", "board"])
def test_api_lead_list_other_companies_see_none(lead, cast, who):
    response = get(cast[who], "/leads")
    assert (response.status_code, response.json()) == (200, {"count": 0, "items": []})


@pytest.mark.parametrize("who", ["guest", "office"])
def test_api_lead_list_refuses_who_has_no_company(lead, cast, who):
    response = get(cast[who], "/leads")
    assert (response.status_code, response.json()) == (403, forbidden_body())


def test_api_lead_list_anonymous_unauthenticated(lead):
    response = get(None, "/leads")
    assert (response.status_code, response.json()) == (401, unauthenticated_body())


def test_api_lead_list_newest_first_and_seen(opted_in, member):
    first, second = _lead(1), _lead(2)
    Lead.objects.filter(pk=first.pk).update(created_at=second.created_at - datetime.timedelta(1))
    first.refresh_from_db()
    get(member, f"/leads/{first.code}")
    seen_at = LeadRecipient.objects.get(lead=first).seen_at
    assert get(member, "/leads").json() == {
        "count": 2,
        "items": [_item(second), _item(first, seen_at)],
    }


def test_api_lead_detail_shows_all_and_marks_seen_once(lead, member, colleague):
    response = get(member, f"/leads/{lead.code}")
    recipient = LeadRecipient.objects.get(lead=lead)
    assert recipient.seen_at is not None
    assert (response.status_code, response.json()) == (
        200,
        _item(lead, recipient.seen_at) | {"customer_phone": "+49 89 555", "region": "Oberbayern"},
    )
    entry = AuditEntry.objects.get(action="lead.seen")
    assert (entry.actor, entry.object_id) == (member, lead.code)

    # The colleague opens it later: still seen at the first time, no second audit entry.
    assert get(colleague, f"/leads/{lead.code}").json()["seen_at"] == _local(recipient.seen_at)
    assert AuditEntry.objects.filter(action="lead.seen").count() == 1


@pytest.mark.parametrize("who", ["member2", "moderator", "board"])
def test_api_lead_detail_of_other_company_not_found(lead, cast, who):
    response = get(cast[who], f"/leads/{lead.code}")
    assert (response.status_code, response.json()) == (404, not_found_body())
    assert LeadRecipient.objects.get(lead=lead).seen_at is None


def test_api_lead_detail_unknown_code_not_found(lead, member):
    response = get(member, "/leads/nope")
    assert (response.status_code, response.json()) == (404, not_found_body())


@pytest.mark.parametrize("who", ["guest", "office"])
def test_api_lead_detail_refuses_who_has_no_company(lead, cast, who):
    response = get(cast[who], f"/leads/{lead.code}")
    assert (response.status_code, response.json()) == (403, forbidden_body())
    assert LeadRecipient.objects.get(lead=lead).seen_at is None


def test_api_lead_detail_anonymous_unauthenticated(lead):
    response = get(None, f"/leads/{lead.code}")
    assert (response.status_code, response.json()) == (401, unauthenticated_body())


@pytest.mark.parametrize("count", [1, 3])
def test_api_lead_list_query_count(opted_in, member, count, django_assert_num_queries):
    leads = [_lead(number) for number in range(count)]
    client = warm_client(member)
    with django_assert_num_queries(8):
        response = client.get(API + "/leads")
    assert [item["code"] for item in response.json()["items"]] == [
        lead.code for lead in sorted(leads, key=lambda lead: (lead.created_at, lead.pk))[::-1]
    ]
