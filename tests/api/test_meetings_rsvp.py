"""The caller's RSVP by API: GET and PUT /meetings/{code}/rsvp (group members only)."""

import pytest

from tests import factories as f
from tests.api.conftest import de, forbidden_body, get, not_found_body
from tests.api.test_meetings_register import _on, post
from verbund.meetings.models import Rsvp


@pytest.fixture
def next_a(group_a):
    return _on(group_a, 14)


@pytest.fixture
def past_a(group_a):
    return _on(group_a, -7)


def test_rsvp_member_without_answer(cast, next_a):
    response = get(cast["member"], f"/meetings/{next_a.code}/rsvp")
    assert (response.status_code, response.json()) == (200, {"answer": None, "note": ""})


def test_rsvp_member_sends_apologies_then_changes_the_answer(cast, next_a):
    path = f"/meetings/{next_a.code}/rsvp"
    first = post(cast["member"], path, {"answer": "no", "note": "Kundentermin"}, method="put")
    second = post(cast["member"], path, {"answer": "yes"}, method="put")
    shown = get(cast["member"], path)
    rsvps = list(Rsvp.objects.values_list("person__last_name", "answer", "note"))
    assert [(r.status_code, r.json()) for r in (first, second, shown)] == [
        (200, {"answer": "no", "note": "Kundentermin"}),
        (200, {"answer": "yes", "note": ""}),
        (200, {"answer": "yes", "note": ""}),
    ]
    assert rsvps == [("Huber", "yes", "")]


@pytest.mark.parametrize("method", ["get", "put"])
def test_rsvp_member_of_another_group_gets_404(cast, next_a, method):
    response = post(cast["member2"], f"/meetings/{next_a.code}/rsvp", {"answer": "yes"}, method)
    assert (response.status_code, response.json(), Rsvp.objects.count()) == (
        404,
        not_found_body(),
        0,
    )


@pytest.mark.parametrize("who", ["office", "guest"])
@pytest.mark.parametrize("method", ["get", "put"])
def test_rsvp_who_sees_the_meeting_but_is_no_member_gets_403(cast, next_a, group_a, who, method):
    f.GuestVisitFactory(
        guest=cast["guest"].person.guest,
        group=group_a,
        visited_on=next_a.occurrence_date,
        meeting=next_a,
    )
    response = post(cast[who], f"/meetings/{next_a.code}/rsvp", {"answer": "yes"}, method)
    assert (response.status_code, response.json(), Rsvp.objects.count()) == (
        403,
        forbidden_body(),
        0,
    )


def test_rsvp_bad_answer_is_422_naming_the_field(cast, next_a):
    response = post(cast["member"], f"/meetings/{next_a.code}/rsvp", {"answer": "maybe"}, "put")
    message = de("Please answer yes or send your apologies.")
    expected = {"message": message, "errors": [{"field": "answer", "message": message}]}
    assert (response.status_code, response.json(), Rsvp.objects.count()) == (422, expected, 0)


def test_rsvp_after_the_start_is_422(cast, past_a):
    response = post(cast["member"], f"/meetings/{past_a.code}/rsvp", {"answer": "no"}, "put")
    message = de("This meeting takes no more answers.")
    expected = {"message": message, "errors": [{"field": "answer", "message": message}]}
    assert (response.status_code, response.json(), Rsvp.objects.count()) == (422, expected, 0)
