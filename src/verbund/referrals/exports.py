"""One's own referrals as a file: CSV (for German Excel) and XLSX.

The customer's contact data and the closed value go out only for the referrals the viewer
is a party to (FULL); a company admin's view of their company's record leaves those columns
empty. Every text cell goes through `safe_cell` (no formula injection); the value is a Decimal,
never a float.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from verbund.common.exports import german_decimal, safe_cell
from verbund.referrals.models import Referral
from verbund.referrals.queries import FULL, referral_view

Row = list[Any]


def headers() -> list[str]:
    return [
        _("Code"),
        _("Passed at"),
        _("Kind"),
        _("Status"),
        _("Temperature"),
        _("Given by"),
        _("Giving company"),
        _("Receiving companies"),
        _("Need"),
        _("Contact person"),
        _("Customer"),
        _("E-mail"),
        _("Phone"),
        _("Value (EUR)"),
    ]


def row_of(referral: Referral, user: Any) -> Row:
    """One referral's line; its last cell the closed value (a Decimal) or None."""
    full = referral_view(user, referral) == FULL
    closed = getattr(referral, "closed_business", None)
    value = closed.value if closed is not None and full else None
    customer = (
        [
            referral.customer_name,
            referral.customer_company,
            referral.customer_email,
            referral.customer_phone,
        ]
        if full
        else ["", "", "", ""]
    )
    cells = [
        referral.code,
        timezone.localtime(referral.created_at).strftime("%d.%m.%Y"),
        str(referral.get_kind_display()),
        str(referral.get_status_display()),
        referral.temperature,
        referral.giver.full_name,
        referral.giver_company.name,
        ", ".join(party.company.name for party in referral.parties.all()),
        referral.need,
        *customer,
    ]
    return [*(safe_cell(cell) for cell in cells), value]


def for_export(referrals: Any) -> Any:
    return referrals.select_related("giver", "giver_company", "closed_business").prefetch_related(
        "parties__company"
    )


def filename(extension: str, day: datetime.date) -> str:
    return f"referrals-{day.isoformat()}.{extension}"


def write_csv(referrals: Iterable[Referral], user: Any) -> bytes:
    """UTF-8 with a byte order mark, ";" and a decimal comma: what German Excel reads."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers())
    for referral in referrals:
        *fields, value = row_of(referral, user)
        writer.writerow([*fields, german_decimal(value)])
    return buffer.getvalue().encode("utf-8-sig")


def write_xlsx(referrals: Iterable[Referral], user: Any) -> bytes:
    """One sheet; the value stays a number (openpyxl writes a Decimal as one)."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has its first sheet
    sheet.title = _("Referrals")[:31]
    sheet.append(headers())
    for referral in referrals:
        sheet.append(row_of(referral, user))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORTS = {"csv": (write_csv, "text/csv; charset=utf-8"), "xlsx": (write_xlsx, XLSX)}
