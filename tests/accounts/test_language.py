"""The language preference: saved on the user, used from the next response on."""

from tests.accounts.conftest import de
from tests.conftest import client_for
from verbund.common.models import AuditEntry


def test_language_change_persists_and_next_page_is_english(member):
    client = client_for(member)
    response = client.post("/profile/language/", {"language": "en", "next": "/profile/"})
    assert (response.status_code, response["Location"]) == (302, "/profile/")
    assert response.cookies["django_language"].value == "en"
    member.refresh_from_db()
    assert member.language == "en"
    page = client.get("/profile/")
    assert '<html lang="en">' in page.content.decode()
    assert [str(m) for m in page.context["messages"]] == ["Your language has been saved."]
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.changes) == ("user.language", {"language": ["de", "en"]})


def test_language_wins_over_cookie_in_a_new_session(member):
    client_for(member).post("/profile/language/", {"language": "en"})
    fresh = client_for(member)
    fresh.cookies["django_language"] = "de"
    assert '<html lang="en">' in fresh.get("/profile/").content.decode()


def test_language_bad_value_changes_nothing(member):
    client = client_for(member)
    response = client.post("/profile/language/", {"language": "fr", "next": "/profile/"})
    assert (response.status_code, response["Location"]) == (302, "/profile/")
    assert "django_language" not in response.cookies
    member.refresh_from_db()
    assert member.language == "de"
    page = client.get("/profile/")
    assert '<html lang="de">' in page.content.decode()
    assert [str(m) for m in page.context["messages"]] == [de("Please choose German or English.")]
    assert AuditEntry.objects.count() == 0


def test_language_foreign_next_is_ignored(member):
    response = client_for(member).post(
        "/profile/language/", {"language": "en", "next": "https://evil.example/"}
    )
    assert (response.status_code, response["Location"]) == (302, "/profile/")


def test_language_get_is_refused(member):
    response = client_for(member).get("/profile/language/")
    assert response.status_code == 405
    member.refresh_from_db()
    assert member.language == "de"


def test_language_anonymous_is_sent_to_login(db):
    response = client_for(None).post("/profile/language/", {"language": "en"})
    assert (response.status_code, response["Location"]) == (
        302,
        "/accounts/login/?next=/profile/language/",
    )


def test_footer_switch_saves_the_language_of_a_logged_in_user(member):
    page = client_for(member).get("/profile/")
    assert '<form action="/profile/language/" method="post"' in page.content.decode()
