"""The office's import page: who reaches it, upload → preview → confirm, bad uploads."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.conftest import client_for
from tests.imports.conftest import csv_bytes, member_rows, xlsx_bytes
from tests.office.conftest import errors, headings
from tests.pages.html import de, element, rows
from verbund.common.models import AuditEntry
from verbund.members.models import Company

URL = "/office/import/"


def upload(client, content: bytes, name: str = "members.csv"):
    return client.post(URL, {"file": SimpleUploadedFile(name, content)})


def test_import_page_office_sees_it(office):
    response = client_for(office).get(URL)
    assert (response.status_code, headings(response)) == (200, [de("Import members")])
    assert [
        field.attrs["name"] for field in element(response, "import-upload").find_all("input")
    ] == ["csrfmiddlewaretoken", "file"]


@pytest.mark.parametrize("who", ["board", "member"])
def test_import_page_others_refused(cast, who, group_a):
    response = client_for(cast[who]).get(URL)
    assert response.status_code == 403
    assert de("Show preview") not in response.content.decode()
    response = client_for(cast[who]).post(URL, {"confirm": "1"})
    assert (response.status_code, Company.objects.filter(external_key="M-0001").count()) == (403, 0)


def test_import_page_anonymous_to_login(network):
    response = client_for(None).get(URL)
    assert (response.status_code, response.url) == (302, f"/accounts/login/?next={URL}")


@pytest.fixture
def ready(group_a, group_b, skills):
    return group_a, group_b


def test_import_preview_then_confirm(ready, office, company_a):
    client = client_for(office)
    content = xlsx_bytes([*member_rows(2), ["", "Alpen IT Service GmbH"]])
    response = upload(client, content, "members.xlsx")
    assert rows(response, "import-rows") == [
        ["2", "Systemhaus Nummer 1 GmbH", de("create"), ""],
        ["3", "Systemhaus Nummer 2 GmbH", de("create"), ""],
        ["4", "Alpen IT Service GmbH", de("unchanged"), ""],
    ]
    assert element(response, "import-confirm") is not None
    assert Company.objects.count() == 1

    response = client.post(URL, {"confirm": "1"}, follow=True)
    assert [m.message for m in response.context["messages"]] == [
        de("Import done: %(create)d created, %(update)d updated, %(unchanged)d unchanged.")
        % {"create": 2, "update": 0, "unchanged": 1}
    ]
    assert sorted(Company.objects.values_list("name", flat=True)) == [
        "Alpen IT Service GmbH",
        "Systemhaus Nummer 1 GmbH",
        "Systemhaus Nummer 2 GmbH",
    ]


def test_import_preview_errors_name_row_and_field_no_confirm(ready, office):
    rows_ = member_rows(3)
    rows_[2][7] = "viele"
    response = upload(client_for(office), csv_bytes(rows_))
    row_label = de("Row %(row)d, %(field)s: %(message)s") % {
        "row": 3,
        "field": de("employees"),
        "message": de("Enter a whole number, e.g. 25."),
    }
    assert [li.text() for li in element(response, "import-errors").find_all("li")] == [row_label]
    assert element(response, "import-confirm") is None
    assert Company.objects.count() == 0


def test_import_confirm_without_preview_imports_nothing(ready, office):
    audit = AuditEntry.objects.count()
    response = client_for(office).post(URL, {"confirm": "1"}, follow=True)
    assert [m.message for m in response.context["messages"]] == [
        de("Upload the file again: the preview has expired.")
    ]
    assert (Company.objects.count(), AuditEntry.objects.count()) == (0, audit)


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"name\nA", "members.pdf", "Upload a CSV or XLSX file."),
        (b"", "members.csv", "The submitted file is empty."),
        (
            b"city\nAugsburg",
            "members.csv",
            "The file has no column “name” (or “Firma”) in its first row.",
        ),
        (b"nonsense", "members.xlsx", "The file cannot be read as an Excel workbook (XLSX)."),
    ],
)
def test_import_bad_upload_clear_message(ready, office, content, name, message):
    response = upload(client_for(office), content, name)
    assert response.status_code == 200
    assert errors(response) == [de(message)]
    assert element(response, "import-rows") is None
    assert Company.objects.count() == 0
