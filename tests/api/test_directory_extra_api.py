"""API: `/directory/totals` (revenue only over five companies) and `/directory/export`
(the page's file, filtered as the page is)."""

import csv
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from tests import factories as f
from tests.api.conftest import (
    API,
    de,
    forbidden_body,
    get,
    token_client,
    token_for,
    unauthenticated_body,
)
from tests.conftest import client_for
from verbund.directory.services import reindex_company
from verbund.members.models import Company, CompanyStatus

HEADERS = ["Name", "City", "Region", "Home group", "Website", "Skills", "Vendors", "Score"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# ---------------------------------------------------------------- totals


def _totals(companies: int, people: int, employees: int, revenue: int | None) -> dict:
    return {
        "companies": companies,
        "people": people,
        "employees": employees,
        "revenue_millions": revenue,
    }


@pytest.mark.parametrize("who", ["office", "board", "moderator", "member", "member2"])
def test_api_totals_without_revenue_below_five_companies(cast, who):
    # The cast's four active companies (20 employees each) all report revenue: too few.
    response = get(cast[who], "/directory/totals")
    assert (response.status_code, response.json()) == (200, _totals(4, 5, 80, None))


def test_api_totals_with_revenue_from_five_companies(cast, group_a):
    f.CompanyFactory(name="Westpark GmbH", home_group=group_a, annual_revenue=Decimal("3.5e6"))
    # Neither a suspended company nor one without revenue counts towards the revenue.
    f.CompanyFactory(home_group=group_a, status=CompanyStatus.SUSPENDED, employees=99)
    f.CompanyFactory(home_group=group_a, annual_revenue=None, employees=5)
    response = get(cast["member"], "/directory/totals")
    # 4 x 2.5 M + 3.5 M = 13.5 M, shown as the page shows it: rounded to tens of millions.
    assert (response.status_code, response.json()) == (200, _totals(6, 5, 105, 10))


def test_api_totals_guest_forbidden(cast):
    response = get(cast["guest"], "/directory/totals")
    assert (response.status_code, response.json()) == (403, forbidden_body())


def test_api_totals_anonymous_unauthenticated(cast):
    response = get(None, "/directory/totals")
    assert (response.status_code, response.json()) == (401, unauthenticated_body())


# ---------------------------------------------------------------- export


@pytest.fixture
def directory_data(cast, company_a, group_a, group_b):
    """Alpen IT Service (company_a) and Westpark (Sophos partner, with a website and
    revenue) offer IT security; every company indexed."""
    security = f.SkillFactory(label_de="IT-Sicherheit", label_en="IT security")
    westpark = f.CompanyFactory(
        name="Westpark IT-Consulting GmbH",
        home_group=group_a,
        website="https://westpark.example",
        annual_revenue=Decimal("3000000.00"),
    )
    f.VendorPartnershipFactory(company=westpark, vendor=f.VendorFactory(name="Sophos"))
    for company in (company_a, westpark):
        company.skills.add(security)
    for company in Company.objects.all():
        reindex_company(company)
    return cast


def _export(client, **params):
    return client.get(API + "/directory/export", params)


def _csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def _xlsx_rows(response) -> list[list]:
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [
        ["" if cell is None else cell for cell in row] for row in sheet.iter_rows(values_only=True)
    ]


def _disposition(extension: str) -> str:
    return f'attachment; filename="directory-{timezone.localdate().isoformat()}.{extension}"'


def test_api_export_csv_for_query(directory_data):
    response = _export(client_for(directory_data["member"]), format="csv", q="Sicherheit")
    assert (response.status_code, response["Content-Type"], response["Content-Disposition"]) == (
        200,
        "text/csv; charset=utf-8",
        _disposition("csv"),
    )
    assert response.content.startswith(b"\xef\xbb\xbf")  # the BOM German Excel needs
    assert _csv_rows(response) == [
        [de(header) for header in HEADERS],
        ["Alpen IT Service GmbH", "München", "Oberbayern", "Ortsgruppe München-Nord", "",
         "IT-Sicherheit", "", "1,00"],
        ["Westpark IT-Consulting GmbH", "München", "Oberbayern", "Ortsgruppe München-Nord",
         "https://westpark.example", "IT-Sicherheit", "Sophos", "1,00"],
    ]  # fmt: skip


def test_api_export_xlsx_for_query(directory_data):
    response = _export(client_for(directory_data["board"]), format="xlsx", q="Sicherheit")
    assert (response.status_code, response["Content-Type"], response["Content-Disposition"]) == (
        200,
        XLSX,
        _disposition("xlsx"),
    )
    assert _xlsx_rows(response) == [
        [de(header) for header in HEADERS],
        ["Alpen IT Service GmbH", "München", "Oberbayern", "Ortsgruppe München-Nord", "",
         "IT-Sicherheit", "", 1],
        ["Westpark IT-Consulting GmbH", "München", "Oberbayern", "Ortsgruppe München-Nord",
         "https://westpark.example", "IT-Sicherheit", "Sophos", 1],
    ]  # fmt: skip


def test_api_export_csv_by_default_with_a_token(directory_data):
    client = token_client(token_for(directory_data["member2"]))
    response = _export(client, vendor="Sophos")
    assert (response.status_code, response["Content-Type"]) == (200, "text/csv; charset=utf-8")
    assert [row[0] for row in _csv_rows(response)] == [de("Name"), "Westpark IT-Consulting GmbH"]


@pytest.mark.parametrize(
    "filters",
    [{}, {"q": "Sicherheit"}, {"q": " Wetpark "}, {"vendor": "Sophos"},
     {"region": "Oberbayern"}, {"group": "group_b"}],
)  # fmt: skip
def test_api_export_same_file_as_the_page(directory_data, group_b, filters):
    if filters.get("group"):
        filters = {"group": group_b.code}
    client = client_for(directory_data["moderator"])
    page = client.get("/directory/export.csv", filters)
    response = _export(client, format="csv", **filters)
    assert (response.content, response["Content-Disposition"]) == (
        page.content,
        page["Content-Disposition"],
    )
    page = client.get("/directory/export.xlsx", filters)
    response = _export(client, format="xlsx", **filters)
    assert _xlsx_rows(response) == _xlsx_rows(page)


def test_api_export_unknown_format_names_the_field(directory_data):
    response = _export(client_for(directory_data["member"]), format="pdf")
    message = de("Choose the format csv or xlsx.")
    assert (response.status_code, response.json()) == (
        422,
        {"message": message, "errors": [{"field": "format", "message": message}]},
    )


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_api_export_guest_forbidden(directory_data, file_format):
    response = _export(client_for(directory_data["guest"]), format=file_format)
    assert (response.status_code, response.json()) == (403, forbidden_body())


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_api_export_anonymous_unauthenticated(directory_data, file_format):
    response = _export(client_for(None), format=file_format)
    assert (response.status_code, response.json()) == (401, unauthenticated_body())
