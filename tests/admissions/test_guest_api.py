"""The guests API: the list and a guest for the cast, inviting, recording a visit, vendor
guests, the public registration and the consent text."""

import datetime
import json

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from tests import factories as f
from tests.api.conftest import API, de, forbidden_body, get, not_found_body
from tests.conftest import client_for
from verbund.admissions.models import Guest, GuestConsent
from verbund.meetings.models import AgendaItem

GUEST = {
    "first_name": "Anna",
    "last_name": "Gast",
    "email": "anna.gast@example.com",
    "phone": "+49 89 111",
    "company_name": "Gast IT GmbH",
}


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def post(user, path: str, data: dict):
    client = client_for(user) if user else Client()
    return client.post(API + path, data=json.dumps(data), content_type="application/json")


@pytest.fixture
def coming(group_a):
    return f.MeetingFactory(group=group_a, occurrence_date=days(9))


@pytest.fixture
def past(group_a):
    return f.MeetingFactory(group=group_a, occurrence_date=days(-5))


@pytest.fixture
def anna(group_a, member_person, past):
    guest = f.GuestFactory(
        person__user=None,
        person__first_name="Anna",
        person__last_name="Gast",
        person__email="anna@example.com",
        person__phone="+49 89 111",
        invited_by=member_person,
        group=group_a,
    )
    f.GuestVisitFactory(
        guest=guest, group=group_a, meeting=past, visited_on=past.occurrence_date, status="expected"
    )
    return guest


def test_guest_list_cast(cast, anna):
    codes = {
        name: [item["code"] for item in get(user, "/guests").json()["items"]]
        for name, user in cast.items()
        if user
    }
    own = cast["guest"].person.code
    assert {name: sorted(found) for name, found in codes.items()} == {
        "office": sorted([anna.person.code, own]),
        "board": sorted([anna.person.code, own]),
        "moderator": sorted([anna.person.code, own]),
        "member": sorted([anna.person.code, own]),
        "colleague": sorted([anna.person.code, own]),
        "member2": [],
        "guest": [own],
    }
    assert get(None, "/guests").status_code == 401


def test_guest_detail_hides_contact_from_plain_members(colleague, member, anna, past):
    visit = anna.visits.get()
    expected = {
        "code": anna.person.code,
        "first_name": "Anna",
        "last_name": "Gast",
        "company_name": "Neugier IT GmbH",
        "kind": "candidate",
        "source": "invited",
        "group": {"code": anna.group.code, "name": "Ortsgruppe München-Nord"},
        "invited_by": "Maria Huber",
        "attended_visits": 0,
        "expected_visits": 1,
        "visit_limit": 3,
        "application": None,
        "email": None,
        "phone": None,
        "visits": [
            {
                "id": visit.pk,
                "group": {"code": anna.group.code, "name": "Ortsgruppe München-Nord"},
                "meeting": past.code,
                "visited_on": past.occurrence_date.isoformat(),
                "status": "expected",
            }
        ],
        "consent_version": None,
        "consent_at": None,
    }
    plain = get(colleague, f"/guests/{anna.person.code}")
    inviter = get(member, f"/guests/{anna.person.code}")
    assert (plain.status_code, plain.json()) == (200, expected)
    assert inviter.json() | {"email": None, "phone": None} == expected
    assert (inviter.json()["email"], inviter.json()["phone"]) == ("anna@example.com", "+49 89 111")


def test_guest_detail_of_another_group_is_404(member2, anna):
    response = get(member2, f"/guests/{anna.person.code}")
    assert (response.status_code, response.json()) == (404, not_found_body())


def test_guest_list_filter_by_group(office, anna, group_b):
    assert get(office, f"/guests?group={group_b.code}").json() == {"items": [], "count": 0}


def test_invite_by_api(member, coming):
    response = post(member, "/guests", GUEST | {"meeting": coming.code})
    guest = Guest.objects.get()
    body = response.json()
    assert (response.status_code, body["code"], body["invited_by"], body["expected_visits"]) == (
        201,
        guest.person.code,
        "Maria Huber",
        1,
    )


def test_invite_by_api_refusals(member2, guest, coming):
    response = post(member2, "/guests", GUEST | {"meeting": coming.code})
    message = de("There is nothing with this code.")
    assert (response.status_code, response.json()) == (
        422,
        {"message": message, "errors": [{"field": "meeting", "message": message}]},
    )
    response = post(guest, "/guests", GUEST | {"meeting": coming.code})
    assert (response.status_code, response.json()) == (403, forbidden_body())


def test_record_visit_by_api(moderator, member, anna):
    visit = anna.visits.get()
    path = f"/guests/{anna.person.code}/visits/{visit.pk}"
    refused = post(member, path, {"status": "attended"})
    done = post(moderator, path, {"status": "attended"})
    assert (refused.status_code, done.status_code, done.json()["status"]) == (403, 200, "attended")


def test_vendor_guest_by_api(moderator, member, coming):
    path = f"/meetings/{coming.code}/vendor-guests"
    assert post(member, path, GUEST | {"title": "X"}).status_code == 403
    response = post(moderator, path, GUEST | {"title": "Partnerprogramm"})
    slot = AgendaItem.objects.get(meeting=coming)
    assert (response.status_code, response.json()["kind"], slot.title) == (
        201,
        "vendor",
        "Partnerprogramm",
    )


@pytest.fixture
def consent(db):
    return GuestConsent.objects.create(version=2, text_de="Deutsch", text_en="English")


def test_consent_is_public(consent):
    body = Client().get(API + "/guest-consent", headers={"Accept-Language": "en"}).json()
    assert (body["version"], body["text"], body["text_de"]) == (2, "English", "Deutsch")


def test_public_registration_by_api(group_a, coming, consent, past):
    path = f"/groups/{group_a.code}/guest-registrations"
    refused = post(None, path, GUEST | {"meeting": coming.code})
    assert (refused.status_code, refused.json()["errors"][0]["field"]) == (422, "consent")
    wrong_meeting = post(None, path, GUEST | {"meeting": past.code, "consent": 2})
    assert wrong_meeting.status_code == 422
    response = post(None, path, GUEST | {"meeting": coming.code, "consent": 2})
    sent = de("Please confirm your registration with the link we sent to %(email)s.")
    assert (response.status_code, response.json()) == (
        202,
        {"message": sent % {"email": "anna.gast@example.com"}},
    )
    assert Guest.objects.count() == 0


def test_public_registration_rate_limit_shared_with_the_page(group_a, coming, consent):
    page = f"/groups/{group_a.code}/visit/"
    for n in range(5):
        form = GUEST | {
            "email": f"g{n}@example.com",
            "meeting": coming.pk,
            "consent_version": 2,
            "consent": "on",
        }
        Client().post(page, form)
    response = post(
        None,
        f"/groups/{group_a.code}/guest-registrations",
        GUEST | {"meeting": coming.code, "consent": 2},
    )
    assert (response.status_code, response.json()) == (
        429,
        {"message": de("You have sent too many registrations. Please try again in an hour.")},
    )
