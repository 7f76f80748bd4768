"""Who gets in: session or personal access token; 401 for everyone else; CSRF; second factor."""

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client

from tests import factories as f
from tests.api.conftest import (
    API,
    de,
    not_found_body,
    patch,
    token_client,
    token_for,
    unauthenticated_body,
)
from tests.conftest import client_for
from verbund.accounts.models import ApiToken
from verbund.accounts.services import revoke_api_token

PATHS = [
    "/network",
    "/groups",
    "/groups/{group}",
    "/groups/{group}/members",
    "/companies",
    "/companies/{company}",
    "/people",
    "/people/{person}",
    "/me",
]


@pytest.fixture
def codes(group_a, company_a, member_person):
    return {"group": group_a.code, "company": company_a.code, "person": member_person.code}


@pytest.mark.parametrize("path", PATHS)
def test_every_path_anonymous_gets_401(codes, path):
    response = Client().get(API + path.format(**codes))
    assert (response.status_code, response.json()) == (401, unauthenticated_body())


def test_patch_me_anonymous_gets_401_not_a_csrf_error(db):
    response = patch(Client(enforce_csrf_checks=True), "/me", {"first_name": "Eve"})
    assert (response.status_code, response.json()) == (401, unauthenticated_body())


@pytest.mark.parametrize("path", PATHS)
def test_every_path_bearer_token_answers_as_the_session_does(codes, member, path):
    url = API + path.format(**codes)
    by_token = token_client(token_for(member)).get(url)
    by_session = client_for(member).get(url)
    assert (by_token.status_code, by_token.json()) == (200, by_session.json())


@pytest.mark.parametrize("path", PATHS)
def test_every_path_invalid_token_gets_401(codes, member, path):
    token_for(member)
    response = token_client("vb_not-a-real-token").get(API + path.format(**codes))
    assert (response.status_code, response.json()) == (401, unauthenticated_body())


def test_revoked_token_gets_401(member):
    raw = token_for(member)
    client = token_client(raw)
    assert client.get(API + "/me").json()["user"]["email"] == "member@example.org"
    revoke_api_token(token=ApiToken.objects.get(user=member), actor=member)
    response = client.get(API + "/me")
    assert (response.status_code, response.json()) == (401, unauthenticated_body())


def test_token_of_deactivated_user_gets_401(member):
    raw = token_for(member)
    member.is_active = False
    member.save()
    response = token_client(raw).get(API + "/me")
    assert (response.status_code, response.json()) == (401, unauthenticated_body())


def test_invalid_token_does_not_fall_back_to_the_session(member):
    client = client_for(member)
    response = client.get(API + "/me", HTTP_AUTHORIZATION="Bearer vb_wrong")
    assert (response.status_code, response.json()) == (401, unauthenticated_body())


def test_token_records_last_use(member):
    raw = token_for(member)
    token_client(raw).get(API + "/me")
    assert ApiToken.objects.get(user=member).last_used_at is not None


def test_token_answers_in_the_owners_language(member2):
    member2.language = "en"
    member2.save()
    client = token_client(token_for(member2))
    response = patch(client, "/me", {"email": "bad"}, HTTP_ACCEPT_LANGUAGE="de")
    assert response.json()["message"] == "Enter a valid email address."


def test_session_patch_without_csrf_token_is_refused(member, member_person):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    response = patch(client, "/me", {"first_name": "Eve"})
    message = de("CSRF check failed: send the X-CSRFToken header.")
    assert (response.status_code, response.json()) == (403, {"message": message})
    member_person.refresh_from_db()
    assert member_person.first_name == "Maria"


def test_session_patch_with_csrf_token_is_accepted(member, member_person):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    client.get(API + "/docs")  # the docs page hands out the CSRF cookie, as in a browser
    csrf = client.cookies["csrftoken"].value
    response = patch(client, "/me", {"first_name": "Eva"}, HTTP_X_CSRFTOKEN=csrf)
    assert (response.status_code, response.json()["person"]["first_name"]) == (200, "Eva")
    member_person.refresh_from_db()
    assert member_person.first_name == "Eva"


def test_token_patch_needs_no_csrf_token(member, member_person):
    client = Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {token_for(member)}")
    response = patch(client, "/me", {"first_name": "Eva"})
    assert (response.status_code, response.json()["person"]["first_name"]) == (200, "Eva")


def test_session_get_needs_no_csrf_token(member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    response = client.get(API + "/me")
    assert (response.status_code, response.json()["user"]["email"]) == (200, "member@example.org")


def test_office_session_without_totp_gets_403(office):
    Authenticator.objects.filter(user=office).delete()
    response = client_for(office).get(API + "/me")
    message = de("Please set up a second factor (TOTP) before using Verbund.")
    assert (response.status_code, response.json()) == (403, {"message": message})


def test_office_token_without_totp_gets_403(office):
    raw = token_for(office)
    Authenticator.objects.filter(user=office).delete()
    response = token_client(raw).get(API + "/me")
    message = de("Please set up a second factor (TOTP) before using Verbund.")
    assert (response.status_code, response.json()) == (403, {"message": message})


def test_token_of_member_elected_to_board_needs_totp(member2):
    raw = token_for(member2)
    f.NetworkRoleFactory(person=member2.person, kind="board")
    response = token_client(raw).get(API + "/me")
    assert response.status_code == 403
    assert response.json() == {
        "message": de("Please set up a second factor (TOTP) before using Verbund.")
    }


def test_unknown_path_is_json_404(member):
    response = client_for(member).get(API + "/groups/zzzzzzzzzz")
    assert (response.status_code, response.json()) == (404, not_found_body())
