"""Every accounts page (ours and allauth's) in Verbund's frame, under the strict CSP."""

import base64
import re
from html.parser import HTMLParser

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.test import Client

from tests.accounts.conftest import de_html
from tests.accounts.test_login import _code
from tests.factories import PASSWORD

ANONYMOUS_PAGES = [
    "/accounts/login/",
    "/accounts/password/reset/",
    "/accounts/password/reset/done/",
    "/accounts/password/reset/key/done/",
    "/accounts/signup/",
]
MEMBER_PAGES = [
    "/profile/",
    "/profile/tokens/",
    "/accounts/password/change/",
    "/accounts/email/",
    "/accounts/2fa/",
    "/accounts/2fa/totp/activate/",
    "/accounts/sessions/",
    "/accounts/logout/",
    "/accounts/reauthenticate/",
]
OFFICE_PAGES = [
    "/accounts/2fa/",
    "/accounts/2fa/recovery-codes/",
    "/accounts/2fa/recovery-codes/generate/",
    "/accounts/2fa/totp/deactivate/",
]


class InlineCode(HTMLParser):
    """Collects what a strict CSP would block: inline scripts, styles and event handlers."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        names = {name for name, _value in attrs}
        if tag == "script" and "src" not in names:
            self.found.append("<script> without src")
        if tag == "style":
            self.found.append("<style>")
        self.found += [
            f"{tag} {name}=" for name in names if name == "style" or name.startswith("on")
        ]


def _assert_strict_page(response) -> None:
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy
    assert "script-src 'self'" in policy
    content = response.content.decode()
    parser = InlineCode()
    parser.feed(content)
    assert parser.found == []
    assert 'href="/accounts/signup/"' not in content
    # Verbund's frame, not allauth's bare one.
    assert '<main class="container py-4" id="main">' in content
    assert "Menu:" not in content


def _logged_in(email: str, totp: bool = False) -> Client:
    client = Client()
    response = client.post("/accounts/login/", {"login": email, "password": PASSWORD})
    if totp:
        response = client.post("/accounts/2fa/authenticate/", {"code": _code()})
    assert response["Location"] == "/"
    # allauth asks for the password again before security changes, even right after login.
    response = client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    assert response.status_code == 302
    return client


@pytest.mark.parametrize("path", ANONYMOUS_PAGES)
def test_anonymous_account_pages_are_strict(db, path):
    _assert_strict_page(Client().get(path))


@pytest.mark.parametrize("path", MEMBER_PAGES)
def test_member_account_pages_are_strict(member, path):
    _assert_strict_page(_logged_in("member@example.org").get(path))


@pytest.mark.parametrize("path", OFFICE_PAGES)
def test_office_account_pages_are_strict(office, path):
    _assert_strict_page(_logged_in("office@example.org", totp=True).get(path))


def test_second_factor_step_is_strict(office):
    client = Client()
    client.post("/accounts/login/", {"login": "office@example.org", "password": PASSWORD})
    _assert_strict_page(client.get("/accounts/2fa/authenticate/"))


def test_password_reset_form_from_key_is_strict(member):
    client = Client()
    key = default_token_generator.make_token(member)
    response = client.get(f"/accounts/password/reset/key/{user_pk_to_url_str(member)}-{key}/")
    _assert_strict_page(client.get(response["Location"]))


def test_new_token_page_is_strict(member):
    _assert_strict_page(_logged_in("member@example.org").post("/profile/tokens/", {"name": "x"}))


def test_totp_qr_code_is_an_svg_data_uri_the_csp_allows(member):
    response = _logged_in("member@example.org").get("/accounts/2fa/totp/activate/")
    _assert_strict_page(response)
    assert "img-src 'self' data:" in response["Content-Security-Policy"]
    src = re.search(r'<img src="([^"]+)" class="qr-code', response.content.decode()).group(1)
    prefix = "data:image/svg+xml;base64,"
    assert src.startswith(prefix)
    svg = base64.b64decode(src[len(prefix) :]).decode()
    assert re.match(r"<\?xml[^>]*>\s*<svg", svg)


def test_account_pages_use_bootstrap(member):
    client = _logged_in("member@example.org")
    content = client.get("/accounts/password/change/").content.decode()
    assert 'class="form-control' in content
    assert 'class="btn btn-primary"' in content
    nav = re.search(r'<nav class="list-group[^>]*>(.*?)</nav>', content, re.S).group(1)
    active = re.findall(
        r'class="list-group-item list-group-item-action active" href="([^"]+)"', nav
    )
    assert active == ["/accounts/password/change/"]


def test_login_errors_show_as_bootstrap_alert(member):
    response = Client().post("/accounts/login/", {"login": "member@example.org", "password": "x"})
    assert '<div class="alert alert-danger" role="alert">' in response.content.decode()


def test_mfa_index_shows_state_for_office(office):
    content = _logged_in("office@example.org", totp=True).get("/accounts/2fa/").content.decode()
    assert de_html("Authentication using an authenticator app is active.") in content
    assert content.count('<section class="card mb-3">') == 2
