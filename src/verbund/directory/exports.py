"""The directory result as a file: CSV (for German Excel) and XLSX.

Only what the directory page shows about a company goes out: never its revenue, never a
person's contact data.
"""

from __future__ import annotations

import csv
import datetime
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from verbund.common.exports import safe_cell
from verbund.directory.queries import Result, Results
from verbund.members.labels import label as taxonomy_label

Row = list[str | float]


def headers() -> list[str]:
    """The column titles, in the user's language."""
    return [
        _("Name"),
        _("City"),
        _("Region"),
        _("Home group"),
        _("Website"),
        _("Skills"),
        _("Vendors"),
        _("Score"),
    ]


def row_of(result: Result) -> Row:
    """One company's line; skills and vendors come prefetched by `search`."""
    company = result.company
    group = company.home_group
    skills = sorted(taxonomy_label(skill) for skill in company.skills.all())
    vendors = sorted(partnership.vendor.name for partnership in company.partnerships.all())
    return [
        company.name,
        company.city,
        company.region,
        group.name if group else "",
        company.website,
        ", ".join(skills),
        ", ".join(vendors),
        round(result.score, 2),
    ]


def filename(extension: str, day: datetime.date) -> str:
    """`directory-2026-11-25.csv`: the date tells apart exports of different days."""
    return f"directory-{day.isoformat()}.{extension}"


def write_csv(results: Results) -> bytes:
    """The results as CSV for German Excel: UTF-8 with a byte order mark (without it Excel
    reads the umlauts as Windows-1252), ";" between fields (Excel in German uses "," as the
    decimal separator, so it expects ";") and a decimal comma in the score."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers())
    for result in results:
        *fields, score = row_of(result)
        writer.writerow([*map(safe_cell, fields), f"{score:.2f}".replace(".", ",")])
    return buffer.getvalue().encode("utf-8-sig")


def write_xlsx(results: Results) -> bytes:
    """The results as an Excel workbook with one sheet; the score stays a number."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has its first sheet
    sheet.title = _("Directory")[:31]  # Excel allows at most 31 characters
    sheet.append(headers())
    for result in results:
        sheet.append([safe_cell(value) for value in row_of(result)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
