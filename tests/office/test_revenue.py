"""The confidential annual revenue never reaches the office (it belongs to the company alone)."""

from decimal import Decimal

import pytest

from tests import factories as f
from tests.office.test_access import PATHS
from verbund.members.models import Company
from verbund.members.services import update_company

REVENUE_SHAPES = ["2500000", "2.500.000", "2,500,000", "2500000,00", "2 500 000"]


def _shown(response) -> list[str]:
    body = response.content.decode()
    return [shape for shape in REVENUE_SHAPES if shape in body]


@pytest.fixture
def codes(cast, group_a, company_a, member_person):
    assert company_a.annual_revenue == Decimal("2500000.00")
    return {"group": group_a.code, "company": company_a.code, "person": member_person.code}


@pytest.mark.parametrize("path", PATHS)
def test_office_page_never_shows_revenue(office_client, codes, path):
    response = office_client.get(path.format(**codes))
    assert (response.status_code, _shown(response)) == (200, [])


def test_office_company_forms_have_no_revenue_field(office_client, codes):
    create = office_client.get("/office/companies/new/")
    manage = office_client.get(f"/office/companies/{codes['company']}/")
    assert (
        "annual_revenue" in create.context["form"].fields,
        "annual_revenue" in manage.context["profile_form"].fields,
    ) == (False, False)


def test_office_cannot_set_revenue_by_posting_it(office_client, codes, company_a):
    office_client.post(
        f"/office/companies/{company_a.code}/",
        {
            "action": "profile",
            "name": company_a.name,
            "annual_revenue": "1",
            "home_group": company_a.home_group_id,
            "member_since": "2020-01-01",
        },
    )
    assert Company.objects.get(pk=company_a.pk).annual_revenue == Decimal("2500000.00")


def test_audit_log_shows_a_revenue_change_without_its_value(
    office_client, codes, member, company_a
):
    update_company(company=company_a, data={"annual_revenue": Decimal("3100000.00")}, actor=member)
    response = office_client.get("/office/audit/")
    assert [
        shape
        for shape in [*REVENUE_SHAPES, "3100000", "3.100.000"]
        if shape in response.content.decode()
    ] == []


def test_company_list_with_many_revenues_shows_none(office_client, codes):
    f.CompanyFactory(name="Groß AG", annual_revenue=Decimal("2500000.00"))
    response = office_client.get("/office/companies/")
    assert _shown(response) == []
