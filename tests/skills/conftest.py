"""A small taxonomy and a filled skills database for company_a, on top of the cast."""

import pytest

from tests import factories as f
from tests.pages.html import parse


@pytest.fixture
def taxonomy(db):
    return {
        "security": f.SkillFactory(
            label_de="IT-Sicherheit", label_en="IT security", synonyms="Firewall, NIS2"
        ),
        "cloud": f.SkillFactory(label_de="Cloud", label_en="Cloud"),
        "printing": f.SkillFactory(label_de="Drucker & MPS", label_en="Printers & managed print"),
        "health": f.IndustryFactory(label_de="Gesundheitswesen", label_en="Healthcare"),
        "trade": f.IndustryFactory(label_de="Handwerk", label_en="Crafts"),
        "hp": f.VendorFactory(name="HP"),
        "sophos": f.VendorFactory(name="Sophos"),
    }


def errors(response) -> list[str]:
    """Every form error message on the page, in order."""
    return [
        div.text()
        for div in parse(response).find_all("div")
        if "invalid-feedback" in div.attrs.get("class", "")
        or "alert-danger" in div.attrs.get("class", "")
    ]


def checked(response, name: str) -> list[str]:
    """The values of the ticked boxes called `name`."""
    return [
        box.attrs["value"]
        for box in parse(response).find_all("input")
        if box.attrs.get("name") == name and "checked" in box.attrs
    ]
