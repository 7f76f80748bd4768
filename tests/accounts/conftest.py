"""Helpers for the accounts tests: a clean cache (rate limits, used TOTP codes) per test."""

import pytest
from django.core.cache import cache
from django.utils import translation
from django.utils.html import escape


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def de(text) -> str:
    """`text` (a msgid or lazy string) in German, as a page or mail shows it.

    Our own strings have no German yet, so this is the English text until the
    translations arrive; the tests keep passing then.
    """
    with translation.override("de"):
        return translation.gettext(text) if isinstance(text, str) else str(text)


def de_html(text) -> str:
    """`de(text)` escaped as it appears in a page's HTML."""
    return escape(de(text))
