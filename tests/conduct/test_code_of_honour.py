"""The code of honour: the office publishes versions; members accept the current one at
login before anything else, on pages and in the API."""

import pytest
from django.test import Client

from tests.api.conftest import API, token_client, token_for
from tests.conftest import client_for
from tests.factories import PASSWORD
from tests.pages.html import de, text
from verbund.common.models import AuditEntry
from verbund.conduct.models import CodeOfHonour, HonourAcceptance
from verbund.conduct.services import publish_code

PAGE = "/code-of-honour/"
OFFICE = "/office/code-of-honour/"


@pytest.fixture
def code(db):
    return publish_code(text_de="Wir sind fair.", text_en="We are fair.", actor=None)


def logged_in(email: str) -> Client:
    """A client that logged in like a person does (the login is when the code is checked)."""
    client = Client()
    assert client.login(email=email, password=PASSWORD)
    return client


def must_accept_body() -> dict:
    return {"message": de("Please accept the code of honour before using Verbund.")}


def test_member_must_accept_before_anything_else(cast, code):
    client = logged_in("member@example.org")
    page, api = client.get("/groups/"), client.get(API + "/me")
    assert (page.status_code, page["Location"]) == (302, "/code-of-honour/?next=%2Fgroups%2F")
    assert (api.status_code, api.json()) == (403, must_accept_body())


def test_member_accepts_and_goes_on(cast, code):
    client = logged_in("member@example.org")
    response = client.post(PAGE + "?next=/groups/", {"version": 1, "accept": "on"})
    assert (response.status_code, response["Location"]) == (302, "/groups/")
    assert client.get("/groups/").status_code == 200
    acceptance = HonourAcceptance.objects.get()
    assert (acceptance.person.user.email, acceptance.code.version) == ("member@example.org", 1)
    assert list(AuditEntry.objects.filter(action="honour.accept").values_list("changes")) == [
        ({"version": 1},)
    ]


def test_accepting_needs_the_box_ticked(cast, code):
    client = logged_in("member@example.org")
    response = client.post(PAGE, {"version": 1})
    assert (response.status_code, HonourAcceptance.objects.count()) == (200, 0)


def test_accepting_an_old_version_is_refused(cast, code):
    client = logged_in("member@example.org")
    publish_code(text_de="Neu.", text_en="New.", actor=None)
    response = client.post(PAGE, {"version": 1, "accept": "on"})
    message = de("A newer version of the code of honour has been published; please read it.")
    assert (response.status_code, message in response.content.decode()) == (200, True)
    assert HonourAcceptance.objects.count() == 0


def test_a_new_version_asks_again_at_the_next_login(cast, code):
    HonourAcceptance.objects.create(person=cast["member"].person, code=code)
    assert logged_in("member@example.org").get("/groups/").status_code == 200
    publish_code(text_de="Neu.", text_en="New.", actor=None)
    response = logged_in("member@example.org").get("/groups/")
    assert response["Location"] == "/code-of-honour/?next=%2Fgroups%2F"


def test_a_guest_is_not_asked(cast, code):
    # Only people of member companies are bound (the office logs in with a second factor,
    # and is bound only as a member of a company).
    assert logged_in("guest@example.org").get("/").status_code == 200


def test_page_shows_the_code_in_the_readers_language(cast, code):
    HonourAcceptance.objects.create(person=cast["member"].person, code=code)
    response = client_for(cast["member"]).get(PAGE)
    assert (text(response, "code-text"), text(response, "accepted") is not None) == (
        "Wir sind fair.",
        True,
    )


def test_next_must_stay_on_this_site(cast, code):
    client = logged_in("member@example.org")
    response = client.post(PAGE + "?next=https://evil.example/", {"version": 1, "accept": "on"})
    assert response["Location"] == "/"


# ---------------------------------------------------------------- office


def test_office_publishes_versions(cast):
    client = client_for(cast["office"])
    first = client.post(OFFICE, {"text_de": "Eins.", "text_en": "One."})
    second = client.post(OFFICE, {"text_de": "Zwei.", "text_en": "Two."})
    assert (first.status_code, second.status_code) == (302, 302)
    assert list(CodeOfHonour.objects.values_list("version", "text_de")) == [
        (2, "Zwei."),
        (1, "Eins."),
    ]
    assert AuditEntry.objects.filter(action="honour.publish").count() == 2


def test_office_must_give_both_texts(cast):
    response = client_for(cast["office"]).post(OFFICE, {"text_de": "Eins.", "text_en": " "})
    assert (response.status_code, CodeOfHonour.objects.count()) == (200, 0)


@pytest.mark.parametrize("who", ["board", "moderator", "member", "guest"])
def test_only_the_office_publishes(cast, who):
    response = client_for(cast[who]).post(OFFICE, {"text_de": "Eins.", "text_en": "One."})
    assert (response.status_code, CodeOfHonour.objects.count()) == (403, 0)


def test_office_page_counts_acceptances(cast, code):
    HonourAcceptance.objects.create(person=cast["member"].person, code=code)
    response = client_for(cast["office"]).get(OFFICE)
    # The cast's member companies have 5 people (the guest's and the office's do not count).
    assert (
        text(response, "versions")
        .split("\n")[-1]
        .strip()
        .endswith(de("%(accepted)s of %(bound)s people") % {"accepted": 1, "bound": 5})
    )


# ---------------------------------------------------------------- API


def test_api_token_waits_for_the_code_too(cast, code):
    client = token_client(token_for(cast["member"]))
    blocked = client.get(API + "/me")
    read = client.get(API + "/code-of-honour")
    accepted = client.post(
        API + "/code-of-honour/accept", {"version": 1}, content_type="application/json"
    )
    assert (blocked.status_code, blocked.json()) == (403, must_accept_body())
    assert (read.status_code, read.json()["accepted_at"]) == (200, None)
    assert (accepted.status_code, accepted.json()["version"]) == (200, 1)
    assert client.get(API + "/me").status_code == 200


def test_api_code_before_any_version_is_404(cast):
    assert client_for(cast["member"]).get(API + "/code-of-honour").status_code == 404


def test_api_office_publishes(cast):
    response = client_for(cast["office"]).post(
        API + "/code-of-honour",
        {"text_de": "Eins.", "text_en": "One."},
        content_type="application/json",
    )
    body = response.json()
    assert (response.status_code, body["version"], body["text_en"], body["accepted_at"]) == (
        201,
        1,
        "One.",
        None,
    )


def test_api_member_may_not_publish_nor_guest_accept(cast, code):
    published = client_for(cast["member"]).post(
        API + "/code-of-honour", {"text_de": "x", "text_en": "y"}, content_type="application/json"
    )
    accepted = client_for(cast["guest"]).post(
        API + "/code-of-honour/accept", {"version": 1}, content_type="application/json"
    )
    assert (published.status_code, accepted.status_code) == (403, 403)


def test_the_language_can_be_switched_before_accepting(cast, code):
    client = logged_in("member@example.org")
    response = client.post("/profile/language/", {"language": "en", "next": PAGE})
    cast["member"].refresh_from_db()
    assert (response.status_code, response["Location"], cast["member"].language) == (
        302,
        PAGE,
        "en",
    )
