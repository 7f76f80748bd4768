"""The own profile page: who may edit what, exact saved values, bad input."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.models import model_to_dict
from django.utils.html import escape
from PIL import Image

from tests import factories as f
from tests.accounts.conftest import de, de_html
from tests.conftest import client_for
from verbund.accounts.forms.profile import PERSON_FIELDS
from verbund.common.models import AuditEntry
from verbund.members.models import Person

ROLES = ["office", "board", "moderator", "member", "colleague", "member2", "guest"]


def _post_data(person: Person, **changes) -> dict:
    """The whole form as the browser sends it, with `changes` applied."""
    return {**model_to_dict(person, fields=PERSON_FIELDS), **changes}


def _png(size=(40, 40), fmt="PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (31, 78, 121)).save(buffer, format=fmt)
    return buffer.getvalue()


def _snapshot() -> dict:
    return {p.pk: model_to_dict(p, fields=PERSON_FIELDS) for p in Person.objects.all()}


def test_profile_anonymous_is_sent_to_login(db):
    response = client_for(None).get("/profile/")
    assert (response.status_code, response["Location"]) == (
        302,
        "/accounts/login/?next=/profile/",
    )


@pytest.mark.parametrize("role", ROLES)
def test_profile_shows_own_person(cast, role):
    user = cast[role]
    person = Person.objects.get(user=user)
    response = client_for(user).get("/profile/")
    assert response.status_code == 200
    assert response.context["person"] == person
    assert response.context["form"].initial == model_to_dict(person, fields=PERSON_FIELDS)
    assert f'value="{person.first_name}"' in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_profile_each_role_edits_only_own_person(cast, role):
    user = cast[role]
    person = Person.objects.get(user=user)
    before = _snapshot()
    response = client_for(user).post(
        "/profile/", _post_data(person, function="Vertrieb", mobile_visibility="private")
    )
    assert (response.status_code, response["Location"]) == (302, "/profile/")
    after = _snapshot()
    expected = dict(before)
    expected[person.pk] = {
        **before[person.pk],
        "function": "Vertrieb",
        "mobile_visibility": "private",
    }
    assert after == expected
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.object_id, entry.changes) == (
        "person.update",
        user,
        person.code,
        {
            "function": [before[person.pk]["function"], "Vertrieb"],
            "mobile_visibility": [before[person.pk]["mobile_visibility"], "private"],
        },
    )


def test_profile_saves_exact_values(member, member_person):
    data = _post_data(
        member_person,
        first_name="Maria",
        last_name="Huber-Lang",
        function="Technische Leitung",
        email="m.huber@alpen-it.example",
        email_visibility="group",
        phone="+49 89 7654321",
        phone_visibility="private",
        mobile="",
        mobile_visibility="members",
        languages="Deutsch, English, Italiano",
        expertise="Firewalls, Microsoft 365",
    )
    client = client_for(member)
    response = client.post("/profile/", data)
    assert (response.status_code, response["Location"]) == (302, "/profile/")
    member_person.refresh_from_db()
    assert model_to_dict(member_person, fields=PERSON_FIELDS) == {
        "first_name": "Maria",
        "last_name": "Huber-Lang",
        "function": "Technische Leitung",
        "email": "m.huber@alpen-it.example",
        "email_visibility": "group",
        "phone": "+49 89 7654321",
        "phone_visibility": "private",
        "mobile": "",
        "mobile_visibility": "members",
        "languages": "Deutsch, English, Italiano",
        "expertise": "Firewalls, Microsoft 365",
    }
    page = client.get("/profile/")
    assert [str(m) for m in page.context["messages"]] == [de("Your profile has been saved.")]


def test_profile_unchanged_form_writes_nothing(member, member_person):
    client = client_for(member)
    response = client.post("/profile/", _post_data(member_person))
    assert (response.status_code, response["Location"]) == (302, "/profile/")
    assert AuditEntry.objects.count() == 0
    page = client.get("/profile/")
    assert [str(m) for m in page.context["messages"]] == [de("Nothing was changed.")]


def test_profile_photo_upload_is_stored_under_opaque_name(member, member_person):
    upload = SimpleUploadedFile("Maria Huber 2024-05-01.png", _png(), content_type="image/png")
    response = client_for(member).post("/profile/", {**_post_data(member_person), "photo": upload})
    assert (response.status_code, response["Location"]) == (302, "/profile/")
    member_person.refresh_from_db()
    assert member_person.photo.name == f"photos/{member_person.code}.png"
    assert member_person.photo.read() == _png()
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.changes) == (
        "person.update",
        {"photo": ["", f"{member_person.code}.png"]},
    )


def test_profile_photo_can_be_removed(member, member_person):
    member_person.photo = SimpleUploadedFile("x.png", _png())
    member_person.save()
    response = client_for(member).post(
        "/profile/", {**_post_data(member_person), "remove_photo": "on"}
    )
    assert (response.status_code, response["Location"]) == (302, "/profile/")
    member_person.refresh_from_db()
    assert member_person.photo.name == ""


def _assert_refused(response, field, message, person, before):
    assert response.status_code == 200
    assert response.context["form"].errors == {field: [message]}
    assert de_html("Please correct the marked fields. Nothing has been saved.") in (
        response.content.decode()
    )
    assert _snapshot() == before
    assert Person.objects.get(pk=person.pk).photo.name == ""
    assert AuditEntry.objects.count() == 0


def test_profile_invalid_email_is_refused(member, member_person):
    before = _snapshot()
    response = client_for(member).post(
        "/profile/", _post_data(member_person, email="maria@", function="CTO")
    )
    message = de("Enter a valid email address.")
    _assert_refused(response, "email", message, member_person, before)
    assert escape(message) in response.content.decode()


def test_profile_bad_visibility_is_refused(member, member_person):
    before = _snapshot()
    response = client_for(member).post(
        "/profile/", _post_data(member_person, phone_visibility="world", function="CTO")
    )
    with_value = de("Select a valid choice. %(value)s is not one of the available choices.")
    message = with_value.replace("%(value)s", "world")
    _assert_refused(response, "phone_visibility", message, member_person, before)
    assert escape(message) in response.content.decode()


def test_profile_too_large_photo_is_refused(member, member_person):
    before = _snapshot()
    big = SimpleUploadedFile("big.png", b"\x89PNG" + b"0" * (2 * 1024 * 1024), "image/png")
    response = client_for(member).post(
        "/profile/", {**_post_data(member_person, function="CTO"), "photo": big}
    )
    message = de("The photo is larger than 2 MB. Please upload a smaller one.")
    _assert_refused(response, "photo", message, member_person, before)
    assert escape(message) in response.content.decode()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("photo.jpg", b"this is not an image"),
        ("photo.tiff", None),  # an image, but one no browser shows
    ],
)
def test_profile_non_image_photo_is_refused(member, member_person, name, content):
    before = _snapshot()
    upload = SimpleUploadedFile(name, content or _png(fmt="TIFF"), "image/jpeg")
    response = client_for(member).post(
        "/profile/", {**_post_data(member_person, function="CTO"), "photo": upload}
    )
    message = de("This file is not an image. Please upload a JPEG, PNG, GIF or WebP photo.")
    _assert_refused(response, "photo", message, member_person, before)
    assert escape(message) in response.content.decode()


def test_profile_without_person_shows_account_parts_only(db):
    user = f.UserFactory(email="technik@example.org")
    response = client_for(user).get("/profile/")
    assert response.status_code == 200
    assert response.context["form"] is None
    content = response.content.decode()
    assert 'id="profile-form"' not in content
    assert 'id="language-form"' in content
    assert (
        de_html(
            "Your login has no profile in the network yet. The network office can add one for you."
        )
        in content
    )


def test_profile_without_person_ignores_posts(db):
    user = f.UserFactory(email="technik@example.org")
    response = client_for(user).post("/profile/", {"first_name": "Eve"})
    assert (response.status_code, response.context["form"]) == (200, None)
    assert Person.objects.count() == 0


def test_profile_links_to_security_pages(member):
    response = client_for(member).get("/profile/")
    links = response.content.decode().split('id="security-links"')[1].split("</ul>")[0]
    hrefs = [part.split('"')[0] for part in links.split('href="')[1:]]
    assert hrefs == [
        "/accounts/password/change/",
        "/accounts/email/",
        "/accounts/2fa/",
        "/accounts/sessions/",
        "/profile/tokens/",
    ]


@pytest.mark.parametrize(
    ("role", "target"),
    [("member", "company_edit"), ("member2", "company_edit"), ("colleague", "company_detail")],
)
def test_my_company_redirects_by_right(cast, role, target, company_a, company_b):
    company = company_b if role == "member2" else company_a
    response = client_for(cast[role]).get("/profile/company/")
    suffix = "edit/" if target == "company_edit" else ""
    assert (response.status_code, response["Location"]) == (
        302,
        f"/companies/{company.code}/{suffix}",
    )


@pytest.mark.parametrize("role", ["office", "guest"])
def test_my_company_without_company_is_404(cast, role):
    response = client_for(cast[role]).get("/profile/company/")
    assert response.status_code == 404
    assert re.findall(r"/companies/\w+/", response.content.decode()) == []


def test_my_company_anonymous_is_sent_to_login(db):
    response = client_for(None).get("/profile/company/")
    assert (response.status_code, response["Location"]) == (
        302,
        "/accounts/login/?next=/profile/company/",
    )


def test_profile_ignores_fields_a_person_may_not_set(colleague, company_b, member2):
    person = Person.objects.get(user=colleague)
    data = {
        **_post_data(person),
        "is_company_admin": "on",
        "company": str(company_b.pk),
        "user": str(member2.pk),
        "code": "abcdefghij",
    }
    response = client_for(colleague).post("/profile/", data)
    assert (response.status_code, response["Location"]) == (302, "/profile/")
    person.refresh_from_db()
    assert (person.is_company_admin, person.company.name, person.user) == (
        False,
        "Alpen IT Service GmbH",
        colleague,
    )
    assert person.code != "abcdefghij"
    assert AuditEntry.objects.count() == 0


def test_profile_nav_links_to_own_company_only_with_company(member, office):
    assert 'href="/profile/company/"' in client_for(member).get("/profile/").content.decode()
    assert 'href="/profile/company/"' not in client_for(office).get("/profile/").content.decode()
