"""The public partner finder in a real browser: a customer sends a request, a member sees it."""

import pytest

from tests import factories as f
from tests.factories import PASSWORD
from verbund.directory.models import Lead
from verbund.directory.services import reindex_company
from verbund.members.models import Company

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_customer_sends_request_and_member_sees_lead(page, live_server, member, company_a):
    security = f.SkillFactory(label_de="IT-Sicherheit", label_en="IT security", synonyms="Firewall")
    company_a.skills.add(security)
    Company.objects.filter(pk=company_a.pk).update(public_finder=True)
    reindex_company(Company.objects.get(pk=company_a.pk))

    page.goto(f"{live_server.url}/finder/")
    page.fill("#finder-search textarea[name=need]", "Wir brauchen eine Firewall")
    page.click("#finder-search button[type=submit]")
    page.wait_for_selector("#finder-results")
    page.check(f"#company-{company_a.code}")
    page.fill("#lead-form input[name=customer_name]", "Clara Kundin")
    page.fill("#lead-form input[name=customer_email]", "clara@kundin.example")
    page.check("#lead-form input[name=consent]")
    # The honeypot is moved off the screen by CSS: a person never fills it.
    assert page.locator("#lead-form input[name=homepage]").bounding_box()["x"] < 0
    page.click("#lead-form button[type=submit]")
    page.wait_for_selector("#sent")
    lead = Lead.objects.get()
    assert lead.customer_email == "clara@kundin.example"

    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=login]", "member@example.org")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    page.click("#nav-referrals > a")  # the referral business's menu
    page.click("nav a[href='/leads/']")
    page.wait_for_url(f"{live_server.url}/leads/")
    assert page.locator("#leads tbody tr td").nth(2).inner_text() == "clara@kundin.example"
    page.click("text=Clara Kundin")
    page.wait_for_url(f"{live_server.url}/leads/{lead.code}/")
    assert page.locator("#lead a[href^=mailto]").inner_text() == "clara@kundin.example"
