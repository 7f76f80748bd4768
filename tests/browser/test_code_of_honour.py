"""A member logging in for the first time after a code of honour was published accepts it
before anything else."""

import pytest

from tests.browser.test_journeys import _log_in
from verbund.conduct.models import HonourAcceptance
from verbund.conduct.services import publish_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_member_accepts_the_code_of_honour_on_first_login(page, live_server, member):
    publish_code(text_de="Wir sind fair zueinander.", text_en="We are fair.", actor=None)
    _log_in(page, live_server, "member@example.org")
    page.wait_for_url("**/code-of-honour/?next=*")
    assert page.locator("#code-text").inner_text() == "Wir sind fair zueinander."
    page.click("nav >> text=Gruppen")  # nothing else first
    page.wait_for_url("**/code-of-honour/?next=*")
    page.check("input[name=accept]")
    page.click("#accept-form button[type=submit]")
    page.wait_for_url("**/groups/")
    assert HonourAcceptance.objects.get().person == member.person
