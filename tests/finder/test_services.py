"""`send_lead` refuses by itself what the form should already have refused."""

import pytest
from django.core.exceptions import ValidationError

from tests.pages.html import de
from verbund.common.models import AuditEntry
from verbund.directory.models import Lead, LeadRecipient
from verbund.directory.services import send_lead
from verbund.members.models import Company


def _send(*names, **extra):
    data = {
        "customer_name": "Clara Kundin",
        "customer_company": "",
        "customer_email": "clara@kundin.example",
        "customer_phone": "",
        "need": "Wir brauchen eine Firewall",
        "region": "",
        "consent": True,
        "company_codes": [Company.objects.get(name=name).code for name in names],
    } | extra
    return send_lead(**data)


def _nothing_stored():
    assert (Lead.objects.count(), LeadRecipient.objects.count()) == (0, 0)
    assert AuditEntry.objects.filter(action="lead.send").count() == 0


def test_send_lead_refuses_company_not_opted_in(finder_data):
    with pytest.raises(ValidationError) as error:
        _send("Isar Netzwerke GmbH")
    assert error.value.message_dict == {
        "companies": [de("Please choose among the companies found.")]
    }
    _nothing_stored()


def test_send_lead_refuses_without_consent(finder_data):
    with pytest.raises(ValidationError) as error:
        _send("Alpen IT Service GmbH", consent=False)
    assert error.value.message_dict == {
        "consent": [de("Please agree that we pass on your details.")]
    }
    _nothing_stored()


def test_send_lead_matches_on_the_need_searched(finder_data):
    lead = _send(
        "Alpen IT Service GmbH",
        need="Bitte rufen Sie mich an.",
        searched_need="Wir brauchen eine Firewall",
        searched_region="",
    )
    assert [r.company.name for r in lead.recipients.all()] == ["Alpen IT Service GmbH"]
    assert str(lead) == lead.code
    assert AuditEntry.objects.get(action="lead.send").object_repr == lead.code
