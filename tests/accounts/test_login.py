"""Logging in through allauth's real views: password, second factor, rate limit, sessions."""

import time

import pyotp
from allauth.account.adapter import DefaultAccountAdapter
from django.test import Client
from django.utils.html import escape

from tests.accounts.conftest import de, de_html
from tests.factories import PASSWORD, TOTP_SECRET

LOGIN = "/accounts/login/"


class TestTOTP(pyotp.TOTP):
    """pyotp refuses secrets under 112 bits; the cast's TOTP_SECRET has 80 (allauth takes it)."""

    __test__ = False
    min_secret_length_bits = 80


def _code(offset: int = 0) -> str:
    """The authenticator app's current code (`offset` shifts it to a wrong one)."""
    if time.time() % 30 > 28:  # allauth takes only the current period: do not straddle two
        time.sleep(2.5)
    return f"{(int(TestTOTP(TOTP_SECRET).now()) + offset) % 1_000_000:06d}"


def _log_in(client: Client, email: str, password: str = PASSWORD):
    return client.post(LOGIN, {"login": email, "password": password})


def _message(key: str) -> str:
    return de(DefaultAccountAdapter.error_messages[key])


def test_login_member_without_mfa_lands_on_start_page(member):
    client = Client()
    response = _log_in(client, "member@example.org")
    assert (response.status_code, response["Location"]) == (302, "/")
    assert client.session["_auth_user_id"] == str(member.pk)


def test_login_email_is_case_insensitive(member):
    client = Client()
    response = _log_in(client, "Member@Example.org")
    assert (response.status_code, response["Location"]) == (302, "/")
    assert client.session["_auth_user_id"] == str(member.pk)


def test_login_wrong_password_is_refused(member):
    client = Client()
    response = _log_in(client, "member@example.org", "falsch")
    assert response.status_code == 200
    assert escape(_message("email_password_mismatch")) in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_page_offers_reset_and_no_signup(db):
    content = Client().get(LOGIN).content.decode()
    assert 'href="/accounts/password/reset/"' in content
    assert "/accounts/signup/" not in content
    assert de_html("Forgot your password?") in content


def test_login_office_needs_second_factor(office):
    client = Client()
    response = _log_in(client, "office@example.org")
    assert (response.status_code, response["Location"]) == (302, "/accounts/2fa/authenticate/")
    assert "_auth_user_id" not in client.session
    step = client.get("/accounts/2fa/authenticate/")
    assert step.status_code == 200
    assert 'name="code"' in step.content.decode()
    response = client.post("/accounts/2fa/authenticate/", {"code": _code()})
    assert (response.status_code, response["Location"]) == (302, "/")
    assert client.session["_auth_user_id"] == str(office.pk)


def test_login_office_wrong_code_is_refused(office):
    client = Client()
    _log_in(client, "office@example.org")
    response = client.post("/accounts/2fa/authenticate/", {"code": _code(1)})
    assert response.status_code == 200
    assert escape(de(_mfa_message("incorrect_code"))) in response.content.decode()
    assert "_auth_user_id" not in client.session


def _mfa_message(key: str) -> str:
    from allauth.mfa.adapter import DefaultMFAAdapter

    return DefaultMFAAdapter.error_messages[key]


def test_login_rate_limit_refuses_sixth_attempt_even_with_right_password(member):
    client = Client()
    for _attempt in range(5):
        response = _log_in(client, "member@example.org", "falsch")
        assert escape(_message("email_password_mismatch")) in response.content.decode()
    response = _log_in(client, "member@example.org")
    assert response.status_code == 200
    assert escape(_message("too_many_login_attempts")) in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_rate_limit_is_per_email(member, colleague):
    client = Client()
    for _attempt in range(5):
        _log_in(client, "member@example.org", "falsch")
    response = _log_in(client, "colleague@example.org")
    assert (response.status_code, response["Location"]) == (302, "/")


def test_sessions_list_shows_the_current_session(member):
    client = Client(HTTP_USER_AGENT="Frühstücks-Browser/1.0")
    _log_in(client, "member@example.org")
    response = client.get("/accounts/sessions/")
    assert response.status_code == 200
    content = response.content.decode()
    rows = content.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]
    assert len(rows) == 1
    assert "Frühstücks-Browser/1.0" in rows[0]
    assert de_html("Current") in rows[0]


def test_logout_ends_the_session(member):
    client = Client()
    _log_in(client, "member@example.org")
    response = client.post("/accounts/logout/")
    assert (response.status_code, response["Location"]) == (302, "/accounts/login/")
    assert "_auth_user_id" not in client.session
