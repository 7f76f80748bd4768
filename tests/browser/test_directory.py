"""The directory in a real browser: a member searches, narrows by a skill, opens a company."""

import pytest

from tests import factories as f
from tests.browser.test_journeys import _log_in
from verbund.directory.services import reindex_company
from verbund.members.models import Company

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_member_searches_filters_by_skill_and_opens_company(
    page, live_server, member, moderator, company_b
):
    network = f.SkillFactory(label_de="Netzwerktechnik", label_en="Networking", synonyms="WLAN")
    company_b.skills.add(network)
    f.OfferingFactory(company=company_b, title="Netzwerke und WLAN")
    for company in Company.objects.all():  # Isar Netzwerke: the word, but not the skill
        reindex_company(company)

    _log_in(page, live_server, "member@example.org")
    page.wait_for_url(f"{live_server.url}/")
    page.click("nav >> text=Verzeichnis")
    page.fill("input[name=q]", "Netzwek")  # a letter missing
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/directory/?q=Netzwek*")
    results = page.locator("#directory-results li > a")
    assert results.all_inner_texts() == ["Isar Netzwerke GmbH", "Lech Systemhaus GmbH"]

    page.select_option("select#skill", value=network.code)
    page.wait_for_url(f"**skill={network.code}*")
    assert results.all_inner_texts() == ["Lech Systemhaus GmbH"]
    assert page.locator("#directory-results .badge").all_inner_texts() == ["Netzwerktechnik"]

    results.first.click()
    page.wait_for_url(f"{live_server.url}/companies/{company_b.code}/")
    assert page.locator("h1").inner_text() == "Lech Systemhaus GmbH"
