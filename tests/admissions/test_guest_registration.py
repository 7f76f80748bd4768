"""The public registration's double opt-in: the form stores nothing and mails a link to the
address given, with the same answer for any address; the link's page (or the API) registers
the visit, and only there are the refusals told, to whoever reads that address."""

import datetime
import json
import re
import time
from unittest import mock

import pytest
from django.core import mail, signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext

from tests import factories as f
from tests.api.conftest import API
from tests.conftest import client_for
from verbund.admissions import services
from verbund.admissions.models import Guest, GuestConsent, GuestVisit
from verbund.common.models import AuditEntry
from verbund.members.models import Person

ANNA = {
    "first_name": "Anna",
    "last_name": "Gast",
    "email": "Anna.Gast@example.com",
    "phone": "+49 89 111",
    "company_name": "Gast IT GmbH",
}
LINK = re.compile(r"/groups/(?P<code>[^/\s]+)/visit/confirm/(?P<token>[^/\s]+)/")
SENT = "Please confirm your registration with the link we sent to %(email)s."


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def coming(group_a):
    return f.MeetingFactory(group=group_a, occurrence_date=days(9), venue="Hotel Nordlicht")


@pytest.fixture
def consent(db):
    return GuestConsent.objects.create(version=1, text_de="Einwilligung", text_en="Consent")


def confirm_refusal(token: str) -> dict:
    with pytest.raises(ValidationError) as error:
        services.confirm_registration(token=token)
    return error.value.message_dict


def token_for(meeting, data=ANNA, consent=1, submitted_at=None) -> str:
    payload = {
        "data": data | {"email": data["email"].lower()},
        "meeting": meeting.pk,
        "consent": consent,
        "submitted_at": (submitted_at or timezone.now()).isoformat(),
    }
    return signing.dumps(payload, salt="guest-registration", compress=True)


# ---------------------------------------------------------------- the form: stores nothing


def test_request_stores_nothing_and_mails_the_link_in_german(
    coming, consent, moderator, django_capture_on_commit_callbacks
):
    people = Person.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        email = services.request_registration(data=ANNA, meeting=coming, consent=1, language="de")
    assert email == "anna.gast@example.com"
    assert (Person.objects.count(), Guest.objects.count(), AuditEntry.objects.count()) == (
        people,
        0,
        0,
    )
    [message] = mail.outbox
    with translation.override("de"):
        subject = gettext("Please confirm your visit to %(group)s") % {
            "group": "Ortsgruppe München-Nord"
        }
    assert (message.to, message.subject) == (["anna.gast@example.com"], subject)
    link = LINK.search(message.body)
    assert link["code"] == coming.group.code
    assert message.body.startswith("Guten Tag Anna Gast,")
    assert "Hotel Nordlicht" in message.body


def test_request_mail_in_english(coming, consent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.request_registration(data=ANNA, meeting=coming, consent=1, language="en")
    [message] = mail.outbox
    assert message.subject == "Please confirm your visit to Ortsgruppe München-Nord"
    assert message.body.startswith("Hello Anna Gast,")


def test_request_refuses_only_what_the_form_says(coming, consent, group_a):
    GuestConsent.objects.create(version=2, text_de="Neu", text_en="New")
    cancelled = f.MeetingFactory(group=group_a, occurrence_date=days(16), is_cancelled=True)
    cases = [
        (
            {"meeting": coming, "consent": None},
            {"consent": ["Please agree to the processing of your data."]},
        ),
        (
            {"meeting": coming, "consent": 1},
            {
                "consent": [
                    "A newer version of the consent text has been published; please read it."
                ]
            },
        ),
        (
            {"meeting": cancelled, "consent": 2},
            {"meeting": ["This meeting is no longer open for registration."]},
        ),
    ]
    for kwargs, errors in cases:
        with pytest.raises(ValidationError) as error:
            services.request_registration(data=ANNA, language="de", **kwargs)
        assert error.value.message_dict == errors
    assert (len(mail.outbox), Guest.objects.count()) == (0, 0)


def test_the_answer_is_the_same_for_any_address(
    coming, consent, group_a, member, moderator, django_capture_on_commit_callbacks
):
    """Unknown, a known guest's, a member's, a guest over the limit, registered already:
    the same answer and a mail to the address; nothing changes."""
    known = f.GuestFactory(person__email="known@example.com", person__user=None)
    over = f.GuestFactory(person__email="over@example.com", person__user=None)
    for n in range(3):
        f.GuestVisitFactory(guest=over, group=group_a, visited_on=days(-30 - n))
    registered = f.GuestFactory(person__email="there@example.com", person__user=None)
    f.GuestVisitFactory(
        guest=registered, group=group_a, meeting=coming, visited_on=days(9), status="expected"
    )
    addresses = [
        "new@example.com",
        "known@example.com",
        "member@example.org",
        "over@example.com",
        "there@example.com",
    ]
    visits, entries = GuestVisit.objects.count(), AuditEntry.objects.count()
    answers = []
    with django_capture_on_commit_callbacks(execute=True):
        for address in addresses:
            answers.append(
                services.request_registration(
                    data=ANNA | {"email": address}, meeting=coming, consent=1, language="de"
                )
            )
    assert answers == addresses
    assert [message.to for message in mail.outbox] == [[a] for a in addresses]
    known.refresh_from_db()
    assert (known.consent, GuestVisit.objects.count(), AuditEntry.objects.count()) == (
        None,
        visits,
        entries,
    )


# ---------------------------------------------------------------- the link: registers


def test_confirm_records_the_tokens_consent_at_confirmation_and_tells_the_moderators(
    coming, consent, moderator, member, django_capture_on_commit_callbacks
):
    token = token_for(coming, submitted_at=timezone.now() - datetime.timedelta(hours=30))
    # A newer text published since: the person agreed to version 1, which is recorded.
    GuestConsent.objects.create(version=2, text_de="Neu", text_en="New")
    moderator.language = "en"
    moderator.save()
    with django_capture_on_commit_callbacks(execute=True):
        visit = services.confirm_registration(token=token)
    guest = visit.guest
    assert (guest.source, guest.consent, guest.invited_by, visit.status, visit.meeting) == (
        "registered",
        consent,
        None,
        "expected",
        coming,
    )
    assert abs(guest.consent_at - timezone.now()) < datetime.timedelta(minutes=1)
    [message] = mail.outbox
    assert (message.to, message.subject) == (
        ["moderator@example.org"],
        f"A guest registered for Ortsgruppe München-Nord on {coming.starts_at:%m/%d/%Y}",
    )
    assert "anna.gast@example.com" not in message.body
    entry = AuditEntry.objects.get(action="guest.register")
    assert (entry.actor, entry.changes["consent"]) == (None, 1)


def test_moderators_hear_of_the_confirmation_only(
    coming, consent, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.request_registration(data=ANNA, meeting=coming, consent=1, language="de")
    assert [message.to for message in mail.outbox] == [["anna.gast@example.com"]]
    token = LINK.search(mail.outbox[0].body)["token"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.confirm_registration(token=token)
    assert [message.to for message in mail.outbox] == [["moderator@example.org"]]


def test_confirming_twice_changes_nothing_the_second_time(coming, consent):
    token = token_for(coming)
    services.confirm_registration(token=token)
    assert confirm_refusal(token) == {
        "meeting": ["This e-mail address is already registered for this meeting."]
    }
    assert (GuestVisit.objects.count(), AuditEntry.objects.count()) == (1, 1)


def test_a_known_guests_record_changes_only_on_confirmation(
    coming, consent, group_a, member, member_person
):
    invited = services.invite_guest(data=ANNA, meeting=coming, actor=member).guest
    later = f.MeetingFactory(group=group_a, occurrence_date=days(30))
    token = token_for(later, data=ANNA | {"first_name": "Annette"})
    invited.refresh_from_db()
    assert (invited.consent, invited.visits.count()) == (None, 1)
    guest = services.confirm_registration(token=token).guest
    assert (guest, guest.invited_by, guest.source, guest.consent, guest.person.first_name) == (
        invited,
        member_person,
        "invited",
        consent,
        "Anna",
    )


def test_confirm_refusals_name_nobody(coming, consent, group_a, member):
    over = f.GuestFactory(person__email="anna.gast@example.com", person__user=None)
    for n in range(3):
        f.GuestVisitFactory(guest=over, group=group_a, visited_on=days(-30 - n))
    assert confirm_refusal(token_for(coming)) == {
        "guest": ["Another visit needs an application first. Please contact the network office."]
    }
    assert confirm_refusal(token_for(coming, data=ANNA | {"email": "member@example.org"})) == {
        "email": [
            "This e-mail address cannot be registered as a guest's. Please contact the "
            "network office."
        ]
    }
    assert GuestVisit.objects.filter(meeting=coming).count() == 0


def test_confirm_refused_for_a_meeting_no_longer_open(coming, consent):
    token = token_for(coming)
    coming.is_cancelled = True
    coming.save()
    assert confirm_refusal(token) == {
        "meeting": ["This meeting is no longer open for registration."]
    }
    assert Guest.objects.count() == 0


def test_confirm_refuses_expired_altered_and_invalid_links(coming, consent):
    with mock.patch("django.core.signing.time.time", return_value=time.time() - 49 * 3600):
        expired = token_for(coming)
    valid = token_for(coming)
    altered = valid[:-3] + ("aaa" if not valid.endswith("aaa") else "bbb")
    forged = signing.dumps({"data": ANNA, "meeting": coming.pk}, salt="another-salt")
    invalid = "This confirmation link is not valid. Please register again."
    assert [confirm_refusal(token) for token in (expired, altered, forged, "nonsense")] == [
        {"token": ["This confirmation link has expired. Please register again."]},
        {"token": [invalid]},
        {"token": [invalid]},
        {"token": [invalid]},
    ]
    assert Guest.objects.count() == 0


# ---------------------------------------------------------------- the pages


def form(meeting, **extra) -> dict:
    data = ANNA | {"meeting": meeting.pk, "consent_version": 1, "consent": "on"}
    return data | extra


def test_page_answers_alike_and_the_link_page_confirms_by_post(
    group_a, coming, consent, member, moderator, django_capture_on_commit_callbacks
):
    client = client_for(None)
    answers = []
    for address in ("anna.gast@example.com", "member@example.org"):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"/groups/{group_a.code}/visit/", form(coming, email=address))
        answers.append((response.status_code, response.context["sent"]))
    with translation.override("de"):
        expected = [
            (200, gettext(SENT) % {"email": a})
            for a in ("anna.gast@example.com", "member@example.org")
        ]
    assert answers == expected
    assert Guest.objects.count() == 0
    path = LINK.search(mail.outbox[0].body)[0]

    shown = client.get(path)  # a mail system's link scanner: nothing happens
    html = shown.content.decode()
    assert (shown.status_code, Guest.objects.count()) == (200, 0)
    assert "Anna Gast" in html and "anna.gast@example.com" in html and 'id="confirm-form"' in html

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(path)
    guest = Guest.objects.get()
    assert (done.status_code, done.context["visit"].meeting, guest.consent) == (
        200,
        coming,
        consent,
    )
    assert [message.to for message in mail.outbox] == [["moderator@example.org"]]

    again = client.post(path)
    with translation.override("de"):
        already = gettext("This e-mail address is already registered for this meeting.")
    assert (again.status_code, again.context["form"].non_field_errors()) == (200, [already])
    assert GuestVisit.objects.count() == 1


def test_page_mail_in_the_language_of_the_request(
    group_a, coming, consent, django_capture_on_commit_callbacks
):
    client = client_for(None)
    client.cookies["django_language"] = "en"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/groups/{group_a.code}/visit/", form(coming))
    [message] = mail.outbox
    assert message.subject == "Please confirm your visit to Ortsgruppe München-Nord"


def test_link_page_refusals(group_a, group_b, coming, consent):
    client = client_for(None)
    with translation.override("de"):
        invalid = gettext("This confirmation link is not valid. Please register again.")
    for path in (
        f"/groups/{group_a.code}/visit/confirm/nonsense/",
        # A valid link of another group's page.
        f"/groups/{group_b.code}/visit/confirm/{token_for(coming)}/",
    ):
        for method in (client.get, client.post):
            response = method(path)
            assert (response.status_code, response.context["invalid"]) == (400, [invalid])
    assert client.get(f"/groups/nope/visit/confirm/{token_for(coming)}/").status_code == 404
    assert Guest.objects.count() == 0


# ---------------------------------------------------------------- the API


def post(path: str, data: dict, **headers):
    return Client().post(
        API + path, data=json.dumps(data), content_type="application/json", headers=headers
    )


def test_api_answers_202_alike_and_confirms_with_the_token(
    group_a, coming, consent, member, django_capture_on_commit_callbacks
):
    path = f"/groups/{group_a.code}/guest-registrations"
    bodies = []
    for address in ("anna.gast@example.com", "member@example.org"):
        with django_capture_on_commit_callbacks(execute=True):
            response = post(
                path,
                ANNA | {"email": address, "meeting": coming.code, "consent": 1},
                **{"Accept-Language": "en"},
            )
        bodies.append((response.status_code, response.json()))
    assert bodies == [
        (202, {"message": SENT % {"email": a}})
        for a in ("anna.gast@example.com", "member@example.org")
    ]
    assert [m.subject for m in mail.outbox] == [
        "Please confirm your visit to Ortsgruppe München-Nord"
    ] * 2
    assert Guest.objects.count() == 0
    token = LINK.search(mail.outbox[0].body)["token"]

    done = post("/guest-registrations/confirm", {"token": token})
    assert (done.status_code, done.json()) == (
        201,
        {
            "group": {"code": group_a.code, "name": "Ortsgruppe München-Nord"},
            "meeting": coming.code,
            "visited_on": coming.occurrence_date.isoformat(),
        },
    )
    again = post("/guest-registrations/confirm", {"token": token})
    invalid = post("/guest-registrations/confirm", {"token": token + "x"})
    assert (again.status_code, again.json()["errors"][0]["field"]) == (422, "meeting")
    assert (invalid.status_code, invalid.json()["errors"][0]["field"]) == (422, "token")
    assert Guest.objects.get().consent == consent


def test_api_mail_in_german_by_default(
    group_a, coming, consent, django_capture_on_commit_callbacks
):
    path = f"/groups/{group_a.code}/guest-registrations"
    with django_capture_on_commit_callbacks(execute=True):
        response = post(path, ANNA | {"meeting": coming.code, "consent": 1})
    assert response.status_code == 202
    [message] = mail.outbox
    with translation.override("de"):
        subject = gettext("Please confirm your visit to %(group)s")
    assert message.subject == subject % {"group": "Ortsgruppe München-Nord"}
