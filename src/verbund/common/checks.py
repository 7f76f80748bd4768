"""Checks every service shares."""

from __future__ import annotations

from django.db.models import Model
from django.utils.translation import gettext as _


def length_errors(model: type[Model], values: dict[str, str]) -> dict[str, str]:
    """A message for each value (as stored: stripped) longer than its model field allows.

    Checked by the services, so every caller is told which field: PostgreSQL refuses an
    over-long value with an error (a 500) and SQLite stores it whole."""
    errors: dict[str, str] = {}
    for name, value in values.items():
        limit = getattr(model._meta.get_field(name), "max_length", None)
        if limit is not None and len(value.strip()) > limit:
            errors[name] = _("Enter at most %(limit_value)s characters.") % {"limit_value": limit}
    return errors
