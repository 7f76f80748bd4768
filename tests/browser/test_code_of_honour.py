"""A member logging in for the first time after a code of honour was published, and a person
of a newly admitted company, accept it before anything else."""

import re

import pytest
from django.core import mail

from tests import factories as f
from tests.accounts.test_invitation import NEW_PASSWORD
from tests.admissions.conftest import ApplicationFactory
from tests.browser.test_journeys import _log_in
from verbund.admissions.models import Stage
from verbund.admissions.services import admit
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


def test_admitted_person_sets_a_password_and_accepts_the_code_first(
    page, live_server, office, member, group_a
):
    """The whole way in: admission → invitation mail → own password → the code, then the rest."""
    candidate = f.CompanyFactory(name="Neuland IT GmbH", status="candidate", home_group=group_a)
    f.PersonFactory(company=candidate, user=f.UserFactory(email="neu@example.org"), last_name="Neu")
    publish_code(text_de="Wir sind fair zueinander.", text_en="We are fair.", actor=None)
    application = ApplicationFactory(
        company=candidate, recommended_by=member.person, stage=Stage.VOTING
    )
    admit(application, actor=office)
    [invitation] = mail.outbox
    path = re.search(r"http://127\.0\.0\.1:8000(\S+/)", invitation.body).group(1)

    page.goto(f"{live_server.url}{path}")
    page.fill("input[name=password1]", NEW_PASSWORD)
    page.fill("input[name=password2]", NEW_PASSWORD)
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=login]", "neu@example.org")
    page.fill("input[name=password]", NEW_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/code-of-honour/?next=*")
    page.goto(f"{live_server.url}/directory/")  # nothing else first
    page.wait_for_url("**/code-of-honour/?next=*")
    page.check("input[name=accept]")
    page.click("#accept-form button[type=submit]")
    page.wait_for_url("**/directory/")
    accepted = HonourAcceptance.objects.get()
    assert (accepted.person.last_name, accepted.code.version) == ("Neu", 1)
