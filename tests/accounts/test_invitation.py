"""The invitation mail the office's `create_person` sends, and its set-password link."""

import re

from django.core import mail
from django.test import Client
from django.utils import translation

from tests.accounts.conftest import de
from verbund.members.services import create_person

NEW_PASSWORD = "Fruehstueck-am-Freitag-0730"


def _invite(office, company, django_capture_on_commit_callbacks):
    # The office works in English; the mail must still be in the recipient's language.
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        return create_person(
            data={"first_name": "Lena", "last_name": "Berg", "company": company},
            actor=office,
            login_email="Lena.Berg@example.org",
        )


def test_invitation_is_one_mail_in_recipients_language(
    office, company_a, django_capture_on_commit_callbacks
):
    person = _invite(office, company_a, django_capture_on_commit_callbacks)
    assert person.user.language == "de"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lena.berg@example.org"]
    assert message.subject == de("Your login for %(network)s") % {"network": "Testnetz"}
    link = re.search(r"http://127\.0\.0\.1:8000/accounts/password/reset/key/\S+/", message.body)
    lines = [line for line in message.body.splitlines() if line]
    assert lines == [
        de("Hello %(name)s,") % {"name": "Lena Berg"},
        de(
            "the network office of %(network)s has created a login for you. Please choose "
            "your password with this link:"
        )
        % {"network": "Testnetz"},
        link.group(0),
        de(
            "From then on you log in with this e-mail address and your password. The link "
            "works only once and only for a few days; if it has expired, use “Forgot your "
            "password?” on the login page:"
        ),
        "http://127.0.0.1:8000/accounts/login/",
        *(
            de("Best regards\nThe network office of %(network)s") % {"network": "Testnetz"}
        ).splitlines(),
    ]
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert '<html lang="de">' in html
    assert f'<a href="{link.group(0)}">' in html


def test_invitation_link_sets_password_and_then_login_works(
    office, company_a, django_capture_on_commit_callbacks
):
    person = _invite(office, company_a, django_capture_on_commit_callbacks)
    path = re.search(r"http://127\.0\.0\.1:8000(\S+/)", mail.outbox[0].body).group(1)
    client = Client()
    response = client.get(path)
    # allauth moves the key into the session and shows the form under a key-less address.
    assert response.status_code == 302
    form_url = response["Location"]
    assert form_url.endswith("-set-password/")
    page = client.get(form_url)
    assert (page.status_code, 'name="password1"' in page.content.decode()) == (200, True)
    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert (response.status_code, response["Location"]) == (
        302,
        "/accounts/password/reset/key/done/",
    )
    person.user.refresh_from_db()
    assert person.user.check_password(NEW_PASSWORD)

    fresh = Client()
    response = fresh.post(
        "/accounts/login/", {"login": "lena.berg@example.org", "password": NEW_PASSWORD}
    )
    assert (response.status_code, response["Location"]) == (302, "/")
    assert fresh.session["_auth_user_id"] == str(person.user.pk)


def test_invitation_link_works_only_once(office, company_a, django_capture_on_commit_callbacks):
    _invite(office, company_a, django_capture_on_commit_callbacks)
    path = re.search(r"http://127\.0\.0\.1:8000(\S+/)", mail.outbox[0].body).group(1)
    client = Client()
    form_url = client.get(path)["Location"]
    client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    again = Client().get(path)
    assert again.status_code == 200
    assert again.context["token_fail"] is True
    assert 'name="password1"' not in again.content.decode()


def test_invitation_without_login_sends_nothing(
    office, company_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        create_person(data={"first_name": "Ohne", "last_name": "Login"}, actor=office)
    assert mail.outbox == []
