"""The import service: reading, the exact plan, all or nothing, idempotent re-import."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from tests import factories as f
from tests.imports.conftest import csv_bytes, member_rows, xlsx_bytes
from verbund.common.demo.skills import SKILLS
from verbund.common.models import AuditEntry
from verbund.members.imports import apply_import, plan_import, read_rows
from verbund.members.models import Company, CompanyStatus, Person

pytestmark = pytest.mark.usefixtures("english")

GERMAN = [
    "Firma",
    "PLZ",
    "Ort",
    "Mitarbeitende",
    "Stammgruppe",
    "Kompetenzen",
    "Vorname",
    "Nachname",
    "E-Mail",
    "Funktion",
    "Umsatz",
]


def summary(plan) -> list[tuple]:
    return [(row.row, row.name, row.action, row.changes) for row in plan.rows]


def read(content: bytes, filename: str):
    return read_rows(io.BytesIO(content), filename)


@pytest.fixture
def german_csv(company_a, group_a, skills) -> bytes:
    company_a.employees = 20
    company_a.save()
    return csv_bytes(
        [
            GERMAN,
            ["Alpen IT Service GmbH", "", "München", "20", "", "", "", "", "", "", "999999"],
            [
                "Isartal Netz GmbH",
                "80804",
                "München",
                "24",
                "Ortsgruppe München-Nord",
                "LAN, IT security",
                "Katrin",
                "Aigner",
                "ka@isartal.example",
                "Inhaberin",
                "",
            ],
            [],
            ["  alpen it service gmbh ", "", "", "21", "", "", "", "", "", "", ""],
        ],
        delimiter=";",
        bom=True,
    )


def test_read_rows_german_csv_with_bom_and_semicolons(german_csv):
    rows = read(german_csv, "mitglieder.csv")
    assert rows[0] == {
        "name": "Alpen IT Service GmbH",
        "postal_code": "",
        "city": "München",
        "employees": "20",
        "home_group": "",
        "skills": "",
        "contact_first_name": "",
        "contact_last_name": "",
        "contact_email": "",
        "contact_function": "",
        "_row": 2,
    }
    assert [row["_row"] for row in rows] == [2, 3, 5]


def test_plan_csv_exact(german_csv):
    plan = plan_import(read(german_csv, "mitglieder.csv"))
    assert summary(plan) == [
        (2, "Alpen IT Service GmbH", "unchanged", []),
        (
            3,
            "Isartal Netz GmbH",
            "create",
            ["name", "postal code", "city", "employees", "home group", "skills", "contact person"],
        ),
        (5, "alpen it service gmbh", "update", ["name", "employees"]),
    ]
    assert [str(error) for error in plan.errors] == [
        "Row 5, name: The company appears twice: also in row 2."
    ]


def test_plan_xlsx_exact(company_a, group_a, skills):
    company_a.external_key = "M-7"
    company_a.save()
    content = xlsx_bytes(
        [
            ["Key", "Name", "Employees", "Home group", "Skills", "Website"],
            ["M-7", "Alpen IT Service GmbH", 35, None, "Cloud-Dienste", None],
            ["M-8", "Würm Daten GmbH", 4.0, "ortsgruppe münchen-nord", "WLAN", "wuerm.example"],
        ]
    )
    plan = plan_import(read(content, "Mitglieder.XLSX"))
    assert plan.errors == []
    assert summary(plan) == [
        (2, "Alpen IT Service GmbH", "update", ["employees", "skills"]),
        (
            3,
            "Würm Daten GmbH",
            "create",
            ["name", "member number", "website", "employees", "home group", "skills"],
        ),
    ]
    assert plan.rows[1].data["website"] == "https://wuerm.example"
    assert plan.rows[1].skills == [skills["net"]]


def test_plan_every_row_validated(group_a, working_group, skills):
    rows = [
        {"_row": 2, "name": "", "employees": "viele"},
        {"_row": 3, "name": "A GmbH", "home_group": "Gibt es nicht", "skills": "Kochen, LAN"},
        {
            "_row": 4,
            "name": "B GmbH",
            "home_group": working_group.name,
            "website": "a b",
            "contact_email": "kein-mail",
            "contact_first_name": "Eva",
        },
    ]
    assert [str(error) for error in plan_import(rows).errors] == [
        "Row 2, name: Every company needs a name.",
        "Row 2, employees: Enter a whole number, e.g. 25.",
        "Row 3, home group: There is no group “Gibt es nicht”.",
        "Row 3, skills: Unknown skill: Kochen.",
        "Row 4, contact last name: A contact needs a name.",
        "Row 4, contact e-mail: Enter a valid e-mail address.",
        "Row 4, website: Enter a web address.",
        "Row 4, home group: Only a regional group can be a home group.",
    ]


@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        (b"name\nA", "list.txt", "Upload a CSV or XLSX file."),
        (b"", "list.csv", "The file is empty."),
        (b"firma;ort\n", "list.csv", "The file has no rows below the header."),
        (
            b"city,street\nM\xc3\xbcnchen,A",
            "list.csv",
            "The file has no column “name” (or “Firma”) in its first row.",
        ),
        (b"\xff\xfename", "list.csv", "The file is not UTF-8 text. Save it as “CSV UTF-8”."),
        (b"not a zip", "list.xlsx", "The file cannot be read as an Excel workbook (XLSX)."),
    ],
)
def test_read_rows_bad_file_clear_message(db, content, filename, message):
    with pytest.raises(ValidationError) as caught:
        read(content, filename)
    assert caught.value.message_dict == {"file": [message]}


@pytest.fixture
def groups(group_a, group_b, skills):
    return group_a, group_b


def test_import_200_rows_all_or_nothing_then_idempotent(groups, office):
    rows = member_rows(200)
    rows[57 - 1][7] = "viele"  # rows[56] is row 57 as the user sees it (header is row 1)
    rows[120 - 1][8] = "Ortsgruppe Mars"
    broken = xlsx_bytes(rows)
    audit_before = AuditEntry.objects.count()
    plan = plan_import(read(broken, "members.xlsx"))
    with pytest.raises(ValidationError) as caught:
        apply_import(plan, actor=office)
    assert caught.value.messages == [
        "Row 57, employees: Enter a whole number, e.g. 25.",
        "Row 120, home group: There is no group “Ortsgruppe Mars”.",
    ]
    assert (Company.objects.count(), AuditEntry.objects.count()) == (0, audit_before)

    rows[57 - 1][7] = 12
    rows[120 - 1][8] = "Ortsgruppe Augsburg"
    fixed = xlsx_bytes(rows)
    counts = apply_import(plan_import(read(fixed, "members.xlsx")), actor=office)
    assert counts == {"create": 200, "update": 0, "unchanged": 0}
    assert Company.objects.filter(status=CompanyStatus.ACTIVE).count() == 200
    assert Person.objects.filter(company__isnull=False).count() == 200
    company = Company.objects.get(external_key="M-0056")
    assert (company.employees, company.home_group.name, sorted(map(str, company.skills.all()))) == (
        12,
        "Ortsgruppe Augsburg",
        ["Cloud-Dienste", "Netzwerke"],
    )

    audit_after = AuditEntry.objects.count()
    again = apply_import(plan_import(read(fixed, "members.xlsx")), actor=office)
    assert again == {"create": 0, "update": 0, "unchanged": 200}
    assert (Company.objects.count(), AuditEntry.objects.count()) == (200, audit_after)


def test_import_by_member_not_allowed(groups, member):
    plan = plan_import(read(csv_bytes(member_rows(1)), "members.csv"))
    with pytest.raises(PermissionDenied):
        apply_import(plan, actor=member)
    assert Company.objects.filter(external_key="M-0001").exists() is False


def test_import_key_takes_on_existing_company_by_name(groups, office, company_a):
    content = csv_bytes([["key", "name"], ["M-1", "Alpen IT Service GmbH"]])
    counts = apply_import(plan_import(read(content, "a.csv")), actor=office)
    company_a.refresh_from_db()
    assert (counts, company_a.external_key) == ({"create": 0, "update": 1, "unchanged": 0}, "M-1")


def test_command_dry_run_writes_nothing(groups, tmp_path, capsys):
    path = tmp_path / "members.csv"
    path.write_bytes(csv_bytes(member_rows(3)))
    call_command("import_members", str(path), "--dry-run")
    assert capsys.readouterr().out == (
        "3 rows: 3 to create, 0 to update, 0 unchanged.\nDry run: nothing imported.\n"
    )
    assert Company.objects.count() == 0


def test_command_imports_and_reports_counts(groups, tmp_path, capsys):
    path = tmp_path / "members.csv"
    path.write_bytes(csv_bytes(member_rows(3)))
    call_command("import_members", str(path))
    assert capsys.readouterr().out == (
        "3 rows: 3 to create, 0 to update, 0 unchanged.\n"
        "Imported: 3 created, 0 updated, 0 unchanged.\n"
    )
    assert Company.objects.count() == 3


def test_command_errors_name_rows_and_import_nothing(groups, tmp_path, capsys):
    rows = member_rows(3)
    rows[3][7] = "viele"
    path = tmp_path / "members.csv"
    path.write_bytes(csv_bytes(rows))
    with pytest.raises(CommandError) as caught:
        call_command("import_members", str(path))
    assert str(caught.value) == "1 errors: nothing imported."
    assert capsys.readouterr().err == "Row 4, employees: Enter a whole number, e.g. 25.\n"
    assert Company.objects.count() == 0


def test_sample_file_plans_ten_companies_against_the_demo_taxonomy(group_a, group_b):
    for label_de, label_en, synonyms in SKILLS.values():
        f.SkillFactory(label_de=label_de, label_en=label_en, synonyms=synonyms)
    with open("docs/sample-members.csv", "rb") as file:
        plan = plan_import(read_rows(file, "sample-members.csv"))
    assert (plan.errors, plan.counts) == ([], {"create": 10, "update": 0, "unchanged": 0})
