"""Schema validation messages in the user's language.

django-ninja checks request data with pydantic, whose messages are English only. The common
kinds of error get the wording of Django's forms (already translated) or our own; anything
rarer keeps pydantic's text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop


def _limit(key: str, template: str) -> Callable[[dict], str]:
    return lambda ctx: _(template) % {"limit_value": ctx.get(key)}


def _choices(ctx: dict) -> str:
    # pydantic lists the choices as "'a', 'b' or 'c'"; "or" is English, so commas only.
    expected = str(ctx.get("expected", "")).replace(" or ", ", ")
    return _("Choose one of these values: %(choices)s.") % {"choices": expected}


def _fixed(message: str) -> Callable[[dict], str]:
    return lambda ctx: _(message)


# pydantic's error type → the message, given the error's context (marked for translation
# here, translated when the error is answered).
MESSAGES: dict[str, Callable[[dict], str]] = {
    "missing": _fixed(gettext_noop("This field is required.")),
    "int_type": _fixed(gettext_noop("Enter a whole number.")),
    "int_parsing": _fixed(gettext_noop("Enter a whole number.")),
    "int_from_float": _fixed(gettext_noop("Enter a whole number.")),
    "float_type": _fixed(gettext_noop("Enter a number.")),
    "float_parsing": _fixed(gettext_noop("Enter a number.")),
    "decimal_parsing": _fixed(gettext_noop("Enter a number.")),
    "bool_type": _fixed(gettext_noop("Enter true or false.")),
    "bool_parsing": _fixed(gettext_noop("Enter true or false.")),
    "string_type": _fixed(gettext_noop("Enter a text.")),
    "list_type": _fixed(gettext_noop("Enter a list of values.")),
    "date_type": _fixed(gettext_noop("Enter a valid date.")),
    "date_parsing": _fixed(gettext_noop("Enter a valid date.")),
    "date_from_datetime_parsing": _fixed(gettext_noop("Enter a valid date.")),
    "datetime_type": _fixed(gettext_noop("Enter a valid date/time.")),
    "datetime_parsing": _fixed(gettext_noop("Enter a valid date/time.")),
    "json_invalid": _fixed(gettext_noop("The request body is not valid JSON.")),
    "greater_than_equal": _limit(
        "ge", gettext_noop("Ensure this value is greater than or equal to %(limit_value)s.")
    ),
    "less_than_equal": _limit(
        "le", gettext_noop("Ensure this value is less than or equal to %(limit_value)s.")
    ),
    "string_too_long": _limit(
        "max_length", gettext_noop("Enter at most %(limit_value)s characters.")
    ),
    "string_too_short": _limit(
        "min_length", gettext_noop("Enter at least %(limit_value)s characters.")
    ),
    "literal_error": _choices,
    "enum": _choices,
}


def schema_message(error: dict[str, Any]) -> str:
    """One pydantic error as the user reads it."""
    message = MESSAGES.get(error.get("type", ""))
    return message(error.get("ctx") or {}) if message else str(error.get("msg", ""))


# django-ninja's own English messages (HttpError) → ours.
NINJA_MESSAGES = {
    "Cannot parse request body": gettext_noop("The request body is not valid JSON."),
}


def http_message(text: str) -> str:
    """An HttpError's message; ninja's own ones in the user's language."""
    for english, ours in NINJA_MESSAGES.items():
        if text.startswith(english):
            return _(ours)
    return text
