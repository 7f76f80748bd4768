"""The skills services refuse what the forms cannot stop: bad values and the wrong actor."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from verbund.common.models import AuditEntry
from verbund.members.services import (
    create_vendor,
    set_company_markets,
    set_company_skills,
    set_partnership,
)


@pytest.fixture(autouse=True)
def _english():
    """Service messages are asserted in English here; the pages test the German ones."""
    with translation.override("en"):
        yield


def test_set_company_markets_unknown_size_changes_nothing(member, company_a):
    with pytest.raises(ValidationError) as error:
        set_company_markets(
            company=company_a,
            industries=[],
            customer_sizes=["huge"],
            regions_served=["Oberbayern"],
            actor=member,
        )
    company_a.refresh_from_db()
    assert (error.value.message_dict, company_a.regions_served) == (
        {"customer_sizes": ["Unknown customer size: huge."]},
        [],
    )


def test_set_partnership_unknown_level_is_refused(member, company_a, taxonomy):
    with pytest.raises(ValidationError) as error:
        set_partnership(company=company_a, vendor=taxonomy["hp"], level="diamond", actor=member)
    assert error.value.message_dict == {"level": ["Choose a partner level from the list."]}


@pytest.mark.parametrize("who", ["colleague", "member2"])
def test_set_company_skills_others_are_refused(cast, company_a, taxonomy, who):
    with pytest.raises(PermissionDenied):
        set_company_skills(company=company_a, skills=[taxonomy["cloud"]], actor=cast[who])
    assert (list(company_a.skills.all()), AuditEntry.objects.count()) == ([], 0)


def test_create_vendor_needs_the_office(member, taxonomy):
    with pytest.raises(PermissionDenied):
        create_vendor(name="Cisco", actor=member)


def test_create_vendor_ignores_case_for_duplicates(office, taxonomy):
    with pytest.raises(ValidationError) as error:
        create_vendor(name="hp", actor=office)
    assert error.value.message_dict == {"name": ["“hp” is already in the list."]}
