"""Taxonomy entries (skills, industries) carry a German and an English label."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language


def label(entry: Any) -> str:
    """The entry's label in the active language (German unless English is active)."""
    language = get_language() or "de"
    return entry.label_en if language.startswith("en") else entry.label_de
