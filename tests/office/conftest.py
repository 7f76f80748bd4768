"""Fixtures for the office pages on top of the cast (tests/conftest.py)."""

import pytest

from tests.conftest import client_for
from tests.pages.html import element, parse


@pytest.fixture
def office_client(office):
    return client_for(office)


def headings(response) -> list[str]:
    """The texts of the page's <h1> elements."""
    return [h1.text() for h1 in parse(response).find_all("h1")]


def options(response, select_id: str) -> list[str]:
    """The texts of a select's options, as the person picking sees them."""
    return [option.text() for option in element(response, select_id).find_all("option")]


def errors(response) -> list[str]:
    """Every form error message on the page, in order."""
    found = parse(response).find_all("div")
    return [
        div.text()
        for div in found
        if "invalid-feedback" in div.attrs.get("class", "")
        or "alert-danger" in div.attrs.get("class", "")
    ]


def de_plural(singular: str, plural: str, number: int, **values) -> str:
    """A counted message as a German user reads it."""
    from django.utils import translation

    with translation.override("de"):
        return translation.ngettext(singular, plural, number) % values
