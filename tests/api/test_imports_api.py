"""API: `POST /imports`: the office imports a member list (CSV or XLSX), all or nothing,
with the page's checks and messages; importing the same file again changes nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from tests import factories as f
from tests.api.conftest import (
    API,
    de,
    forbidden_body,
    token_client,
    token_for,
    unauthenticated_body,
)
from tests.conftest import client_for
from tests.imports.conftest import csv_bytes, member_rows, xlsx_bytes
from verbund.common.models import AuditEntry
from verbund.members.models import Company, CompanyStatus, Person
from verbund.network.models import Network

CREATED_3 = {"create": 3, "update": 0, "unchanged": 0}
UNCHANGED_3 = {"create": 0, "update": 0, "unchanged": 3}


@pytest.fixture
def ready(group_a, group_b):
    """The taxonomy the sample rows name ("Netzwerke", "Cloud services")."""
    f.SkillFactory(label_de="Netzwerke", label_en="Networking")
    f.SkillFactory(label_de="Cloud-Dienste", label_en="Cloud services")
    return group_a, group_b


def _post(client, content: bytes | None, name: str = "members.csv", dry_run: bool = False):
    data: dict = {"dry_run": "true" if dry_run else "false"}
    if content is not None:
        data["file"] = SimpleUploadedFile(name, content)
    return client.post(API + "/imports", data)


def _rows(*actions: str, changes: dict | None = None) -> list[dict]:
    """The rows of `member_rows`, numbered from 2 as the spreadsheet shows them."""
    return [
        {
            "row": number,
            "name": f"Systemhaus Nummer {number - 1} GmbH",
            "action": action,
            "changes": (changes or {}).get(number, []),
        }
        for number, action in enumerate(actions, start=2)
    ]


def _summary(count: int, language: str = "de") -> str:
    with translation.override(language):
        return translation.ngettext(
            "The file has %(counter)s error. Correct it and upload the file again; "
            "nothing will be imported until then.",
            "The file has %(counter)s errors. Correct them and upload the file again; "
            "nothing will be imported until then.",
            count,
        ) % {"counter": count}


def _row_error(row: int, field: str, message: str) -> str:
    """A row's error as a German-speaking user reads it."""
    text = de("Row %(row)d, %(field)s: %(message)s")
    return text % {"row": row, "field": de(field), "message": message}


def test_api_import_dry_run_shows_the_plan_and_writes_nothing(ready, office):
    response = _post(client_for(office), csv_bytes(member_rows(3)), dry_run=True)
    assert (response.status_code, response.json()) == (
        200,
        {
            "dry_run": True,
            "companies": CREATED_3,
            "people": CREATED_3,
            "rows": _rows("create", "create", "create"),
        },
    )
    assert (Company.objects.count(), Person.objects.filter(company__isnull=False).count()) == (0, 0)


def test_api_import_applies_then_reimport_changes_nothing(ready, office):
    client = client_for(office)
    content = csv_bytes(member_rows(3))
    response = _post(client, content)
    expected = {"companies": CREATED_3, "people": CREATED_3}
    assert (response.status_code, response.json()) == (
        200,
        {"dry_run": False, **expected, "rows": _rows("create", "create", "create")},
    )
    companies = Company.objects.order_by("external_key")
    assert [(c.external_key, c.name, c.status, c.home_group.name) for c in companies] == [
        ("M-0001", "Systemhaus Nummer 1 GmbH", CompanyStatus.ACTIVE, "Ortsgruppe München-Nord"),
        ("M-0002", "Systemhaus Nummer 2 GmbH", CompanyStatus.ACTIVE, "Ortsgruppe Augsburg"),
        ("M-0003", "Systemhaus Nummer 3 GmbH", CompanyStatus.ACTIVE, "Ortsgruppe München-Nord"),
    ]
    people = Person.objects.filter(company__isnull=False).order_by("email")
    assert [(p.email, p.user_id) for p in people] == [
        ("eva1@sh1.example", None),  # no login is created
        ("eva2@sh2.example", None),
        ("eva3@sh3.example", None),
    ]
    entries = AuditEntry.objects.count()

    response = _post(client, content)
    assert (response.status_code, response.json()) == (
        200,
        {
            "dry_run": False,
            "companies": UNCHANGED_3,
            "people": UNCHANGED_3,
            "rows": _rows("unchanged", "unchanged", "unchanged"),
        },
    )
    assert (Company.objects.count(), AuditEntry.objects.count()) == (3, entries)


def test_api_import_xlsx_creates_and_updates(ready, office, company_a, member_person):
    alpen = ["", "Alpen IT Service GmbH", "", "", "", "", "", 42, "", "",
             "Maria", "Huber", "member@example.org", "CEO"]  # fmt: skip
    content = xlsx_bytes([*member_rows(2), alpen])
    response = _post(client_for(office), content, "members.xlsx")
    rows = _rows("create", "create")
    rows.append(
        {
            "row": 4,
            "name": "Alpen IT Service GmbH",
            "action": "update",
            "changes": [de("employees"), de("contact person")],
        }
    )
    assert (response.status_code, response.json()) == (
        200,
        {
            "dry_run": False,
            "companies": {"create": 2, "update": 1, "unchanged": 0},
            "people": {"create": 2, "update": 1, "unchanged": 0},
            "rows": rows,
        },
    )
    company_a.refresh_from_db()
    member_person.refresh_from_db()
    assert (company_a.employees, member_person.function) == (42, "CEO")
    assert Company.objects.count() == 3


def test_api_import_broken_rows_import_nothing_and_name_row_and_field(ready, office):
    rows = member_rows(3)
    rows[2][7] = "viele"  # row 3 as the spreadsheet shows it
    rows[3][8] = "Ortsgruppe Mars"  # row 4
    for dry_run in (True, False):
        response = _post(client_for(office), csv_bytes(rows), dry_run=dry_run)
        no_group = de("There is no group “%(name)s”.") % {"name": "Ortsgruppe Mars"}
        assert (response.status_code, response.json()) == (
            422,
            {
                "message": _summary(2),
                "errors": [
                    {
                        "row": 3,
                        "field": "employees",
                        "message": _row_error(3, "employees", de("Enter a whole number, e.g. 25.")),
                    },
                    {
                        "row": 4,
                        "field": "home_group",
                        "message": _row_error(4, "home group", no_group),
                    },
                ],
            },
        )
    assert (Company.objects.count(), AuditEntry.objects.count()) == (0, 0)


def test_api_import_errors_in_the_users_language(ready, office):
    office.language = "en"
    office.save()
    rows = member_rows(1)
    rows[1][7] = "viele"
    response = _post(client_for(office), csv_bytes(rows))
    assert (response.status_code, response.json()) == (
        422,
        {
            "message": _summary(1, "en"),
            "errors": [
                {
                    "row": 2,
                    "field": "employees",
                    "message": "Row 2, employees: Enter a whole number, e.g. 25.",
                }
            ],
        },
    )


def test_api_import_into_a_full_network_names_the_rows(ready, office):
    # Room for one more company: the first row fits, the next two do not.
    cap = Company.objects.count() + 1
    Network.objects.update(member_cap=cap)
    response = _post(client_for(office), csv_bytes(member_rows(3)))
    full = de("The network is full: all %(cap)d places are taken.") % {"cap": cap}
    row_error = de("Row %(row)d: %(message)s")
    errors = [
        {"row": row, "field": None, "message": row_error % {"row": row, "message": full}}
        for row in (3, 4)
    ]
    assert (response.status_code, response.json()) == (
        422,
        {"message": _summary(2), "errors": errors},
    )
    assert (Company.objects.count(), AuditEntry.objects.count()) == (cap - 1, 0)


def test_api_import_refused_by_a_service_imports_nothing(ready, office, group_a):
    # München-Nord has room for one company; the file brings two (rows 2 and 4).
    type(group_a).objects.filter(pk=group_a.pk).update(capacity=1)
    response = _post(client_for(office), csv_bytes(member_rows(3)))
    full = de("%(group)s is full (%(capacity)d companies).") % {
        "group": "Ortsgruppe München-Nord",
        "capacity": 1,
    }
    assert (response.status_code, response.json()) == (
        422,
        {
            "message": _summary(1),
            "errors": [
                {"row": 4, "field": "home_group", "message": _row_error(4, "home group", full)}
            ],
        },
    )
    assert (Company.objects.count(), AuditEntry.objects.count()) == (0, 0)


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (None, "members.csv", "This field is required."),
        (b"name\nA GmbH\n", "members.txt", "Upload a CSV or XLSX file."),
        (b"", "members.csv", "The submitted file is empty."),
        (b"\n\n", "members.csv", "The file is empty."),
        (b"Firma;Ort\n", "members.csv", "The file has no rows below the header."),
        (b"not a workbook", "members.xlsx", "The file cannot be read as an Excel workbook (XLSX)."),
    ],
)
def test_api_import_bad_file_names_the_file(ready, office, content, name, message):
    response = _post(client_for(office), content, name)
    assert (response.status_code, response.json()) == (
        422,
        {"message": de(message), "errors": [{"field": "file", "message": de(message)}]},
    )
    assert Company.objects.count() == 0


def test_api_import_office_by_token(ready, office):
    response = _post(token_client(token_for(office)), csv_bytes(member_rows(3)), dry_run=True)
    assert (response.status_code, response.json()["companies"]) == (200, CREATED_3)


@pytest.mark.parametrize("who", ["board", "moderator", "member", "member2", "guest"])
def test_api_import_others_forbidden(ready, cast, who):
    response = _post(client_for(cast[who]), csv_bytes(member_rows(3)))
    assert (response.status_code, response.json()) == (403, forbidden_body())
    assert Company.objects.filter(external_key__startswith="M-").count() == 0


def test_api_import_anonymous_unauthenticated(ready):
    response = _post(client_for(None), csv_bytes(member_rows(3)))
    assert (response.status_code, response.json()) == (401, unauthenticated_body())
    assert Company.objects.count() == 0
