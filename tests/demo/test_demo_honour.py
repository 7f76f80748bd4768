"""The demo's code of honour: version 1 in German and English, accepted by every person of
a member company, so the demo logins go straight to their start page."""

from django.test import Client

from verbund.conduct.models import CodeOfHonour, HonourAcceptance
from verbund.conduct.queries import people_bound


def test_demo_code_of_honour_is_accepted_by_everyone_bound(db, demo):
    code = CodeOfHonour.objects.get()
    assert (code.version, code.text_de.startswith("1. Wir gehen offen")) == (1, True)
    assert (code.text_en.startswith("1. We deal with each other"), code.text_en != "") == (
        True,
        True,
    )
    assert HonourAcceptance.objects.filter(code=code).count() == people_bound().count() == 126


def test_demo_member_login_is_not_stopped_by_the_code(db, demo):
    client = Client()
    assert client.login(email="member@verbund.example", password="verbund-demo")
    assert client.get("/groups/").status_code == 200
