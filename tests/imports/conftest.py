"""Fixtures for the member import: a taxonomy, files built in memory."""

import csv
import io

import pytest
from django.utils import translation
from openpyxl import Workbook

from tests import factories as f

HEADER = [
    "key",
    "name",
    "street",
    "postal_code",
    "city",
    "region",
    "website",
    "employees",
    "home_group",
    "skills",
    "contact_first_name",
    "contact_last_name",
    "contact_email",
    "contact_function",
]


@pytest.fixture
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def skills(db):
    return {
        "net": f.SkillFactory(label_de="Netzwerke", label_en="Networking", synonyms="LAN, WLAN"),
        "cloud": f.SkillFactory(label_de="Cloud-Dienste", label_en="Cloud services"),
        "sec": f.SkillFactory(label_de="IT-Sicherheit", label_en="IT security"),
    }


def csv_bytes(rows: list[list], delimiter: str = ",", bom: bool = False) -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return (("\ufeff" if bom else "") + out.getvalue()).encode()


def xlsx_bytes(rows: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def member_rows(count: int) -> list[list]:
    """`count` valid companies, spread over the two home groups (English header first)."""
    rows: list[list] = [HEADER]
    for n in range(1, count + 1):
        group = "Ortsgruppe München-Nord" if n % 2 else "Ortsgruppe Augsburg"
        rows.append(
            [
                f"M-{n:04d}",
                f"Systemhaus Nummer {n} GmbH",
                f"Hauptstraße {n}",
                "80331",
                "München",
                "Oberbayern",
                f"https://sh{n}.example",
                n % 50 + 1,
                group,
                "Netzwerke, Cloud services",
                "Eva",
                f"Muster{n}",
                f"eva{n}@sh{n}.example",
                "Geschäftsführerin",
            ]
        )
    return rows
