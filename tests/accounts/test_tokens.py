"""API tokens on the profile: create (secret shown once), list, revoke."""

import re

import pytest
from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.timezone import localtime

from tests.accounts.conftest import de, de_html
from tests.conftest import client_for
from verbund.accounts.models import ApiToken
from verbund.accounts.services import authenticate_token, create_api_token

RAW_TOKEN = re.compile(r'<code class="[^"]*" id="new-token-value">(vb_[A-Za-z0-9_-]+)</code>')


def _rows(response) -> list[list[str]]:
    """The token table as a list of [name, prefix, last used] rows."""
    table = response.content.decode().split('id="token-table"')[1].split("</tbody>")[0]
    rows = []
    for row in table.split("<tr>")[2:]:
        cells = [re.sub(r"<[^>]+>", "", cell).strip() for cell in row.split("<td")[1:]]
        cells = [cell.split(">", 1)[1].strip() if ">" in cell else cell for cell in cells]
        rows.append([cells[0], cells[1], cells[3]])
    return rows


def test_tokens_anonymous_is_sent_to_login(db):
    response = client_for(None).get("/profile/tokens/")
    assert (response.status_code, response["Location"]) == (
        302,
        "/accounts/login/?next=/profile/tokens/",
    )


def test_token_create_shows_secret_once_and_it_authenticates(member):
    client = client_for(member)
    response = client.post("/profile/tokens/", {"name": "CRM-Abgleich"})
    assert response.status_code == 200
    content = response.content.decode()
    raw = RAW_TOKEN.search(content).group(1)
    assert content.count(raw) == 1
    assert (
        de_html(
            "Copy it now: it is shown only this once. Verbund stores only a fingerprint of it "
            "and cannot show it again."
        )
        in content
    )
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get()
    assert (token.user, token.name, token.prefix) == (member, "CRM-Abgleich", raw[:10])
    # Not kept anywhere: the next page and the session do not know it.
    again = client.get("/profile/tokens/")
    assert raw not in again.content.decode()
    assert raw not in str(dict(client.session.items()))
    assert _rows(again) == [["CRM-Abgleich", f"{raw[:10]}…", de("never")]]
    assert authenticate_token(raw) == member
    token.refresh_from_db()
    with translation.override("de"):
        used = date_format(localtime(token.last_used_at), "SHORT_DATETIME_FORMAT")
    assert _rows(client.get("/profile/tokens/")) == [["CRM-Abgleich", f"{raw[:10]}…", used]]


def test_token_create_without_name_is_refused(member):
    response = client_for(member).post("/profile/tokens/", {"name": "  "})
    assert response.status_code == 200
    message = de("This field is required.")
    assert response.context["form"].errors == {"name": [message]}
    assert escape(message) in response.content.decode()
    assert 'id="new-token"' not in response.content.decode()
    assert ApiToken.objects.count() == 0


def test_token_create_with_too_long_name_is_refused(member):
    response = client_for(member).post("/profile/tokens/", {"name": "x" * 101})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["name"]
    assert ApiToken.objects.count() == 0


@pytest.mark.parametrize("count", [1, 3])
def test_token_list_query_count(member, member2, django_assert_num_queries, count):
    for number in range(count):
        create_api_token(user=member, name=f"Skript {number}", actor=member)
    create_api_token(user=member2, name="Fremd", actor=member2)
    client = client_for(member)
    client.get("/profile/tokens/")  # the first request records the session (allauth)
    # session 2, allauth's session tracking 5, roles 4, network 1, the tokens 1
    with django_assert_num_queries(8):
        response = client.get("/profile/tokens/")
    assert [row[0] for row in _rows(response)] == [f"Skript {n}" for n in reversed(range(count))]


def test_token_list_shows_only_own_tokens(member, member2):
    create_api_token(user=member2, name="Fremd", actor=member2)
    response = client_for(member).get("/profile/tokens/")
    assert de_html("You have no API tokens.") in response.content.decode()
    assert "Fremd" not in response.content.decode()


def test_token_revoke_own_removes_it(member):
    token, raw = create_api_token(user=member, name="Alt", actor=member)
    client = client_for(member)
    response = client.post(f"/profile/tokens/{token.pk}/revoke/")
    assert (response.status_code, response["Location"]) == (302, "/profile/tokens/")
    assert ApiToken.objects.count() == 0
    assert authenticate_token(raw) is None
    page = client.get("/profile/tokens/")
    assert [str(m) for m in page.context["messages"]] == [
        de("The token “%(name)s” has been revoked.") % {"name": "Alt"}
    ]


def test_token_revoke_of_other_user_is_404(member, member2):
    token, raw = create_api_token(user=member2, name="Fremd", actor=member2)
    response = client_for(member).post(f"/profile/tokens/{token.pk}/revoke/")
    assert response.status_code == 404
    assert "Fremd" not in response.content.decode()
    assert list(ApiToken.objects.values_list("name", flat=True)) == ["Fremd"]
    assert authenticate_token(raw) == member2


def test_token_revoke_by_get_is_refused(member):
    token, _raw = create_api_token(user=member, name="Alt", actor=member)
    response = client_for(member).get(f"/profile/tokens/{token.pk}/revoke/")
    assert response.status_code == 405
    assert ApiToken.objects.count() == 1


def test_token_revoke_anonymous_is_sent_to_login(member):
    token, _raw = create_api_token(user=member, name="Alt", actor=member)
    response = client_for(None).post(f"/profile/tokens/{token.pk}/revoke/")
    assert (response.status_code, response["Location"]) == (
        302,
        f"/accounts/login/?next=/profile/tokens/{token.pk}/revoke/",
    )
    assert ApiToken.objects.count() == 1
