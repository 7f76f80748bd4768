"""Helpers for the files Verbund exports (CSV for German Excel, XLSX)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

# A cell starting with one of these is read as a formula by Excel and LibreOffice (CSV
# injection): "=HYPERLINK(...)" typed in as a customer's name would run on opening the file.
# Tab and carriage return are on OWASP's list too.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """`value` for a CSV or XLSX cell: text that would start a formula gets a leading
    apostrophe so the spreadsheet shows it as text; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def german_decimal(value: Decimal | None) -> str:
    """A money value for German Excel's CSV: two places and a decimal comma ("1234,50");
    empty for none."""
    return "" if value is None else f"{value:.2f}".replace(".", ",")
