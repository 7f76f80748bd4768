"""One-to-ones, the API: the same services and the same need-to-know as the pages."""

import datetime
import json

import pytest
from django.core import mail
from django.utils import timezone

from tests.api.conftest import API, de, forbidden_body, get, not_found_body, unauthenticated_body
from tests.conftest import client_for
from tests.referrals.test_one_to_one_services import OneToOneFactory
from verbund.referrals.models import OneToOneMeeting, OneToOneStatus


def post(user, path: str, data: dict | None = None):
    return client_for(user).post(
        API + path, data=json.dumps(data or {}), content_type="application/json"
    )


@pytest.fixture
def one_to_one(member, moderator):
    return OneToOneFactory(requested_by=member.person, partner=moderator.person, message="Hallo")


def _body(one_to_one, **changes) -> dict:
    created = timezone.localtime(one_to_one.created_at).isoformat().replace("+00:00", "Z")
    return {
        "code": one_to_one.code,
        "requested_by": {"code": one_to_one.requested_by.code, "name": "Maria Huber"},
        "partner": {"code": one_to_one.partner.code, "name": "Stefan Eich"},
        "proposed_for": None,
        "message": "Hallo",
        "status": "requested",
        "held_on": None,
        "note": "",
        "created_at": created,
    } | changes


@pytest.mark.parametrize("who", ["member", "moderator"])
def test_the_two_see_it(who, cast, one_to_one):
    response = get(cast[who], f"/one-to-ones/{one_to_one.code}")
    assert response.status_code == 200
    body = response.json()
    assert body | {"created_at": None} == _body(one_to_one) | {"created_at": None}
    listed = get(cast[who], "/one-to-ones").json()
    assert listed["count"] == 1
    assert listed["items"][0]["code"] == one_to_one.code


@pytest.mark.parametrize("who", ["colleague", "member2", "office", "board", "guest"])
def test_nobody_else_sees_it(who, cast, one_to_one):
    user = cast[who]
    assert get(user, f"/one-to-ones/{one_to_one.code}").json() == not_found_body()
    for step in ("answer", "cancel", "held"):
        data = {"accept": True, "held_on": "2025-01-02"}
        response = post(user, f"/one-to-ones/{one_to_one.code}/{step}", data)
        assert response.status_code == 404
    one_to_one.refresh_from_db()
    assert one_to_one.status == OneToOneStatus.REQUESTED


@pytest.mark.parametrize("who", ["colleague", "member2", "board"])
def test_other_members_list_none(who, cast, one_to_one):
    assert get(cast[who], "/one-to-ones").json() == {"items": [], "count": 0}


@pytest.mark.parametrize("who", ["office", "guest"])
def test_list_and_request_are_for_members(who, cast, moderator):
    assert get(cast[who], "/one-to-ones").json() == forbidden_body()
    response = post(cast[who], "/one-to-ones", {"partner": moderator.person.code})
    assert response.status_code == 403
    assert OneToOneMeeting.objects.count() == 0


def test_anonymous_gets_401(one_to_one):
    response = get(None, f"/one-to-ones/{one_to_one.code}")
    assert response.status_code == 401
    assert response.json() == unauthenticated_body()


def test_request_answer_hold(member, moderator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            member,
            "/one-to-ones",
            {"partner": moderator.person.code, "message": "Hallo"},
        )
    assert response.status_code == 201
    code = response.json()["code"]
    assert [m.to for m in mail.outbox] == [["moderator@example.org"]]
    forbidden = post(member, f"/one-to-ones/{code}/answer", {"accept": True})
    assert (forbidden.status_code, forbidden.json()) == (403, forbidden_body())
    accepted = post(moderator, f"/one-to-ones/{code}/answer", {"accept": True})
    assert accepted.json()["status"] == "accepted"
    day = timezone.localdate() - datetime.timedelta(days=1)
    held = post(member, f"/one-to-ones/{code}/held", {"held_on": day.isoformat(), "note": "Gut"})
    assert held.status_code == 200
    assert (held.json()["status"], held.json()["held_on"], held.json()["note"]) == (
        "held",
        day.isoformat(),
        "Gut",
    )
    # The note is visible to both.
    assert get(moderator, f"/one-to-ones/{code}").json()["note"] == "Gut"


def test_duplicate_is_refused_with_422(member, moderator, one_to_one):
    response = post(moderator, "/one-to-ones", {"partner": member.person.code})
    message = de("You already have an open one-to-one with %(person)s.") % {"person": "Maria Huber"}
    assert response.status_code == 422
    assert response.json() == {
        "message": message,
        "errors": [{"field": "partner", "message": message}],
    }
    assert OneToOneMeeting.objects.count() == 1


def test_cancel_then_cancel_again_is_refused(moderator, one_to_one):
    assert post(moderator, f"/one-to-ones/{one_to_one.code}/cancel").json()["status"] == (
        "cancelled"
    )
    again = post(moderator, f"/one-to-ones/{one_to_one.code}/cancel")
    assert again.status_code == 422
    assert again.json()["errors"][0]["field"] == "status"


def test_held_in_the_future_is_refused(member, one_to_one):
    one_to_one.status = OneToOneStatus.ACCEPTED
    one_to_one.save()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = post(member, f"/one-to-ones/{one_to_one.code}/held", {"held_on": str(tomorrow)})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "held_on", "message": de("A one-to-one cannot be held in the future.")}
    ]


def test_unknown_partner_is_404(member):
    response = post(member, "/one-to-ones", {"partner": "nobody"})
    assert response.json() == not_found_body()


@pytest.mark.parametrize("status", ["suspended", "resigned"])
def test_a_former_member_no_longer_sees_it(status, member, one_to_one):
    company = member.person.company
    company.status = status
    company.save()
    response = get(member, f"/one-to-ones/{one_to_one.code}")
    assert (response.status_code, response.json()) == (403, forbidden_body())
