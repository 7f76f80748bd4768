"""The directory export: CSV and XLSX, filtered as the page is, never the revenue."""

import csv
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from tests import factories as f
from tests.conftest import client_for
from tests.pages.html import de, items, links
from verbund.directory.services import reindex_company

CSV = "/directory/export.csv"
XLSX = "/directory/export.xlsx"
HEADERS = ["Name", "City", "Region", "Home group", "Website", "Skills", "Vendors", "Score"]
WESTPARK = "Westpark IT-Consulting GmbH"


def csv_rows(response) -> list[list[str]]:
    assert response.content.startswith(b"\xef\xbb\xbf")  # the BOM German Excel needs
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def xlsx_rows(response) -> list[list]:
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [
        ["" if cell is None else cell for cell in row] for row in sheet.iter_rows(values_only=True)
    ]


@pytest.fixture
def with_website(westpark):
    type(westpark).objects.filter(pk=westpark.pk).update(website="https://westpark.example")


def test_export_csv_rows_for_query(directory_data, with_website):
    response = client_for(directory_data["member"]).get(CSV, {"q": "Sicherheit"})
    day = timezone.localdate().isoformat()
    assert (response["Content-Type"], response["Content-Disposition"]) == (
        "text/csv; charset=utf-8",
        f'attachment; filename="directory-{day}.csv"',
    )
    assert csv_rows(response) == [
        [de(header) for header in HEADERS],
        ["Isar Netzwerke GmbH", "München", "Oberbayern", "Ortsgruppe München-Nord", "",
         "IT-Sicherheit", "", "1,00"],
        [WESTPARK, "München", "Oberbayern", "Ortsgruppe München-Nord",
         "https://westpark.example", "IT-Sicherheit", "Sophos", "1,00"],
    ]  # fmt: skip


def test_export_xlsx_rows_for_query(directory_data, with_website):
    response = client_for(directory_data["member"]).get(XLSX, {"q": "Sicherheit"})
    day = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="directory-{day}.xlsx"'
    assert xlsx_rows(response) == [
        [de(header) for header in HEADERS],
        ["Isar Netzwerke GmbH", "München", "Oberbayern", "Ortsgruppe München-Nord", "",
         "IT-Sicherheit", "", 1],
        [WESTPARK, "München", "Oberbayern", "Ortsgruppe München-Nord",
         "https://westpark.example", "IT-Sicherheit", "Sophos", 1],
    ]  # fmt: skip


@pytest.mark.parametrize(
    "filters",
    [{}, {"q": "Netzwerk"}, {"skill": "network-code"}, {"region": "Oberbayern"},
     {"vendor": "Sophos"}, {"q": "Wetpark"}],
)  # fmt: skip
def test_export_same_companies_as_page(directory_data, skills, filters):
    if filters.get("skill"):
        filters = {"skill": skills["network"].code}
    client = client_for(directory_data["member"])
    page = items(client.get("/directory/", filters), "directory-results") or []
    names = [row[0] for row in csv_rows(client.get(CSV, filters))[1:]]
    assert names == [line.split(" München")[0] for line in page]
    assert names == [row[0] for row in xlsx_rows(client.get(XLSX, filters))[1:]]


def test_export_many_companies_beyond_one_page(directory_data, group_a):
    for number in range(30):
        reindex_company(f.CompanyFactory(name=f"Westpark {number:02} GmbH", home_group=group_a))
    rows = csv_rows(client_for(directory_data["member"]).get(CSV, {"q": "Westpark"}))
    assert len(rows) == 1 + 31  # the header and every match, not just the page's 25


@pytest.mark.parametrize("path", [CSV, XLSX])
def test_export_never_revenue(directory_data, path):
    content = client_for(directory_data["member"]).get(path).content
    text = content.decode("utf-8-sig") if path == CSV else str(xlsx_rows_raw(content))
    for shown in ("2500000", "2.500.000", "3000000", "3.000.000", "2500000.00"):
        assert shown not in text


def xlsx_rows_raw(content: bytes) -> list:
    return list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))


@pytest.mark.parametrize("path", [CSV, XLSX])
def test_export_never_contact_data(directory_data, path):
    people = type(directory_data["member"].person).objects.all()
    people.update(phone="+49 89 123456", email="geheim@alpen.example")
    content = client_for(directory_data["member"]).get(path).content
    text = content.decode("utf-8-sig") if path == CSV else str(xlsx_rows_raw(content))
    assert ("123456" in text, "geheim@" in text) == (False, False)


@pytest.mark.parametrize("path", [CSV, XLSX])
@pytest.mark.parametrize("who", ["office", "board", "member", "colleague", "member2"])
def test_export_network_may(directory_data, path, who):
    response = client_for(directory_data[who]).get(path, {"q": "Sophos"})
    rows = csv_rows(response) if path == CSV else xlsx_rows(response)
    assert (response.status_code, [row[0] for row in rows[1:]]) == (200, [WESTPARK])


@pytest.mark.parametrize("path", [CSV, XLSX])
def test_export_guest_refused(directory_data, path):
    response = client_for(directory_data["guest"]).get(path, {"q": "Westpark"})
    leaked = b"Westpark IT-Consulting" in response.content
    assert (response.status_code, leaked) == (403, False)


@pytest.mark.parametrize("path", [CSV, XLSX])
def test_export_anonymous_goes_to_login(directory_data, path):
    response = client_for(None).get(path)
    assert (response.status_code, response["Location"]) == (302, f"/accounts/login/?next={path}")


@pytest.mark.parametrize("path", [CSV, XLSX])
@pytest.mark.parametrize("extra", [0, 2])
def test_export_query_count_is_constant(
    directory_data, group_a, path, extra, django_assert_num_queries
):
    for number in range(extra):
        company = f.CompanyFactory(name=f"Westpark Zwei {number} GmbH", home_group=group_a)
        reindex_company(company)
    client = client_for(directory_data["member"])
    with django_assert_num_queries(10):
        response = client.get(path, {"q": "Westpark"})
    rows = csv_rows(response) if path == CSV else xlsx_rows(response)
    assert [row[0] for row in rows[1:]] == [
        WESTPARK,
        *[f"Westpark Zwei {number} GmbH" for number in range(extra)],
    ]


def test_directory_page_links_export_with_query(directory_data):
    response = client_for(directory_data["member"]).get("/directory/", {"q": "Netz", "page": "1"})
    assert links(response, "export-links") == [
        "/directory/export.csv?q=Netz",
        "/directory/export.xlsx?q=Netz",
    ]


def test_a_formula_in_a_company_field_is_exported_as_text(directory_data, westpark):
    type(westpark).objects.filter(pk=westpark.pk).update(city='=HYPERLINK("http://x.example")')
    client = client_for(directory_data["member"])
    csv_cities = [row[1] for row in csv_rows(client.get(CSV, {"q": "Westpark"}))[1:]]
    xlsx_cities = [row[1] for row in xlsx_rows(client.get(XLSX, {"q": "Westpark"}))[1:]]
    assert csv_cities == xlsx_cities == ['\'=HYPERLINK("http://x.example")']
