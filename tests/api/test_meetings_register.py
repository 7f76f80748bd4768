"""The register by API: /meetings/{code}/attendance (list, record, complete, reopen)."""

import datetime
import json

import pytest
from django.utils import timezone

from tests import factories as f
from tests.api.conftest import (
    API,
    de,
    forbidden_body,
    get,
    not_found_body,
    token_client,
    token_for,
    warm_client,
)
from tests.conftest import client_for
from verbund.common.models import AuditEntry
from verbund.meetings.models import AttendanceRecord, Meeting, RegisterState
from verbund.network.models import GroupRoleKind


def _on(group, days: int, **extra):
    """A meeting of `group` at 07:30-09:30 Berlin, `days` from today."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return f.MeetingFactory(group=group, occurrence_date=day, **extra)


def post(user, path: str, data: dict | None = None, method: str = "post"):
    """Send `data` as JSON to an API path as `user` (a GET sends nothing)."""
    if method == "get":
        return get(user, path)
    send = getattr(client_for(user), method)
    return send(API + path, data=json.dumps(data or {}), content_type="application/json")


def _row(user, status=None, substitute_name="", checked_in=False) -> dict:
    person = user.person
    return {
        "person": {"code": person.code, "name": person.full_name},
        "status": status,
        "substitute_name": substitute_name,
        "checked_in": checked_in,
    }


def _records(meeting) -> list:
    return list(
        AttendanceRecord.objects.filter(meeting=meeting)
        .order_by("person__last_name", "person__first_name")
        .values_list("person__last_name", "status", "substitute_name")
    )


@pytest.fixture
def past_a(cast, group_a):
    """Group A's meeting a week ago, with the colleague recorded late (checked in)."""
    meeting = _on(group_a, -7)
    f.AttendanceRecordFactory(
        meeting=meeting, person=cast["colleague"].person, status="late", checked_in=True
    )
    return meeting


@pytest.fixture
def next_a(group_a):
    return _on(group_a, 14)


@pytest.fixture
def secretary(cast, group_a):
    person = f.PersonFactory(first_name="Sabine", last_name="Adler", company__home_group=group_a)
    f.GroupMembershipFactory(group=group_a, person=person)
    f.GroupRoleFactory(group=group_a, person=person, kind=GroupRoleKind.SECRETARY)
    return person.user


# ---------------------------------------------------------------- the register


def _register(cast) -> dict:
    rows = [
        _row(cast["moderator"]),
        _row(cast["colleague"], "late", checked_in=True),
        _row(cast["member"]),
    ]
    return {"items": rows, "count": 3}


@pytest.mark.parametrize("who", ["member", "moderator", "office"])
def test_attendance_list_group_and_office_see_the_register(cast, past_a, who):
    response = get(cast[who], f"/meetings/{past_a.code}/attendance")
    assert (response.status_code, response.json()) == (200, _register(cast))


def test_attendance_list_secretary_sees_the_register(cast, past_a, secretary):
    response = get(secretary, f"/meetings/{past_a.code}/attendance")
    rows = [_row(secretary), *_register(cast)["items"]]
    assert (response.status_code, response.json()) == (200, {"items": rows, "count": 4})


def test_attendance_list_invited_guest_gets_403(cast, past_a, group_a):
    f.GuestVisitFactory(
        guest=cast["guest"].person.guest,
        group=group_a,
        visited_on=past_a.occurrence_date,
        meeting=past_a,
    )
    response = get(cast["guest"], f"/meetings/{past_a.code}/attendance")
    assert (response.status_code, response.json()) == (403, forbidden_body())


@pytest.mark.parametrize("who", ["member2", "board", "guest"])
def test_attendance_list_from_elsewhere_gets_404(cast, past_a, who):
    # Done when: member2 gets 404 for group A's attendance, though it holds records.
    response = get(cast[who], f"/meetings/{past_a.code}/attendance")
    assert (response.status_code, response.json()) == (404, not_found_body())


def test_attendance_list_keeps_a_record_of_someone_who_left(cast, past_a, group_a):
    cast["colleague"].person.group_memberships.filter(group=group_a).delete()
    response = get(cast["member"], f"/meetings/{past_a.code}/attendance")
    assert (response.status_code, response.json()) == (200, _register(cast))


def test_attendance_list_leaves_out_people_who_joined_later(cast, past_a, group_a):
    newcomer = f.PersonFactory(last_name="Berg", company__home_group=group_a)
    f.GroupMembershipFactory(group=group_a, person=newcomer, joined_on=timezone.localdate())
    response = get(cast["member"], f"/meetings/{past_a.code}/attendance")
    assert (response.status_code, response.json()) == (200, _register(cast))


@pytest.mark.parametrize("extra", [0, 2])
def test_attendance_list_query_count(django_assert_num_queries, cast, group_a, extra):
    meeting = _on(group_a, -7)
    member = cast["member"]
    names = [f"Zahn {number}" for number in range(extra)]
    for name in names:
        person = f.PersonFactory(last_name=name, company__home_group=group_a)
        f.GroupMembershipFactory(group=group_a, person=person)
        f.AttendanceRecordFactory(meeting=meeting, person=person, status="excused")
    for user in (cast["moderator"], cast["colleague"]):
        user.person.group_memberships.all().delete()
    client = warm_client(member)
    with django_assert_num_queries(9):
        response = client.get(f"{API}/meetings/{meeting.code}/attendance")
    rows = [(row["person"]["name"].split()[-1], row["status"]) for row in response.json()["items"]]
    assert rows == [("Huber", None), *[(name.split()[-1], "excused") for name in names]]


# ---------------------------------------------------------------- recording


def test_attendance_record_moderator_records_a_member(cast, next_a):
    response = post(
        cast["moderator"],
        f"/meetings/{next_a.code}/attendance",
        {"person": cast["member"].person.code, "status": "substitute", "substitute_name": "Eva"},
    )
    audit = AuditEntry.objects.get(action="attendance.record")
    assert (response.status_code, response.json()) == (
        200,
        _row(cast["member"], "substitute", "Eva"),
    )
    assert (_records(next_a), audit.actor, audit.changes) == (
        [("Huber", "substitute", "Eva")],
        cast["moderator"],
        {"person": "Maria Huber", "status": "substitute"},
    )


def test_attendance_record_secretary_records(cast, next_a, secretary):
    response = post(
        secretary,
        f"/meetings/{next_a.code}/attendance",
        {"person": cast["member"].person.code, "status": "excused"},
    )
    assert (response.status_code, response.json()) == (200, _row(cast["member"], "excused"))


def test_attendance_record_twice_leaves_one_record(cast, next_a):
    body = {"person": cast["member"].person.code, "status": "present"}
    first = post(cast["moderator"], f"/meetings/{next_a.code}/attendance", body)
    second = post(cast["moderator"], f"/meetings/{next_a.code}/attendance", body)
    assert (first.json(), second.json()) == (
        _row(cast["member"], "present"),
        _row(cast["member"], "present"),
    )
    assert _records(next_a) == [("Huber", "present", "")]


@pytest.mark.parametrize("who", ["member", "office"])
def test_attendance_record_others_who_see_the_register_get_403(cast, next_a, who):
    body = {"person": cast["member"].person.code, "status": "present"}
    response = post(cast[who], f"/meetings/{next_a.code}/attendance", body)
    assert (response.status_code, response.json()) == (403, forbidden_body())
    assert _records(next_a) == []


def test_attendance_record_member_of_another_group_gets_404(cast, next_a):
    body = {"person": cast["member"].person.code, "status": "absent"}
    response = post(cast["member2"], f"/meetings/{next_a.code}/attendance", body)
    assert (response.status_code, response.json()) == (404, not_found_body())
    assert _records(next_a) == []


def test_attendance_record_bad_status_is_422_naming_the_field(cast, next_a):
    body = {"person": cast["member"].person.code, "status": "asleep"}
    response = post(cast["moderator"], f"/meetings/{next_a.code}/attendance", body)
    message = de("Please choose an attendance status.")
    expected = {"message": message, "errors": [{"field": "status", "message": message}]}
    assert (response.status_code, response.json(), _records(next_a)) == (422, expected, [])


def test_attendance_record_substitute_needs_a_name(cast, next_a):
    body = {"person": cast["member"].person.code, "status": "substitute", "substitute_name": " "}
    response = post(cast["moderator"], f"/meetings/{next_a.code}/attendance", body)
    message = de("Please name the substitute.")
    expected = {"message": message, "errors": [{"field": "substitute_name", "message": message}]}
    assert (response.status_code, response.json(), _records(next_a)) == (422, expected, [])


def test_attendance_record_person_not_on_the_register_is_422(cast, next_a):
    body = {"person": cast["member2"].person.code, "status": "present"}
    response = post(cast["moderator"], f"/meetings/{next_a.code}/attendance", body)
    message = de("This person is not on this group's register.")
    expected = {"message": message, "errors": [{"field": "person", "message": message}]}
    assert (response.status_code, response.json(), _records(next_a)) == (422, expected, [])


def test_attendance_record_in_a_completed_register_is_422(cast, past_a):
    past_a.register_state = RegisterState.COMPLETED
    past_a.save()
    body = {"person": cast["colleague"].person.code, "status": "absent"}
    response = post(cast["moderator"], f"/meetings/{past_a.code}/attendance", body)
    message = de("The register is completed; reopen it to change it.")
    expected = {"message": message, "errors": [{"field": "status", "message": message}]}
    assert (response.status_code, response.json()) == (422, expected)
    assert _records(past_a) == [("Huber", "late", "")]


def test_attendance_record_message_in_the_token_owners_language(cast, next_a):
    moderator = cast["moderator"]
    moderator.language = "en"
    moderator.save()
    client = token_client(token_for(moderator))
    response = client.post(
        f"{API}/meetings/{next_a.code}/attendance",
        data=json.dumps({"person": cast["member"].person.code, "status": "asleep"}),
        content_type="application/json",
    )
    message = "Please choose an attendance status."
    expected = {"message": message, "errors": [{"field": "status", "message": message}]}
    assert (response.status_code, response.json()) == (422, expected)


# ---------------------------------------------------------------- complete and reopen


def _state(state: str, counts: dict, completed_at=None) -> dict:
    zero = {"present": 0, "late": 0, "absent": 0, "excused": 0, "substitute": 0}
    return {
        "register_state": state,
        "completed_at": completed_at,
        "attendance_counts": zero | counts,
    }


def test_attendance_complete_fills_in_the_missing(cast, past_a):
    f.RsvpFactory(meeting=past_a, person=cast["member"].person, answer="no")
    response = post(cast["moderator"], f"/meetings/{past_a.code}/attendance/complete")
    past_a.refresh_from_db()
    completed_at = response.json()["completed_at"]
    expected = _state("completed", {"late": 1, "absent": 1, "excused": 1}, completed_at)
    assert (response.status_code, response.json(), past_a.register_state) == (
        200,
        expected,
        "completed",
    )
    assert _records(past_a) == [
        ("Eich", "absent", ""),
        ("Huber", "late", ""),
        ("Huber", "excused", ""),
    ]


def test_attendance_complete_before_the_meeting_is_422(cast, next_a):
    response = post(cast["moderator"], f"/meetings/{next_a.code}/attendance/complete")
    message = de("A register can be completed once the meeting has begun.")
    expected = {"message": message, "errors": [{"field": "status", "message": message}]}
    assert (response.status_code, response.json(), _records(next_a)) == (422, expected, [])


def test_attendance_complete_member_gets_403(cast, past_a):
    response = post(cast["member"], f"/meetings/{past_a.code}/attendance/complete")
    past_a.refresh_from_db()
    assert (response.status_code, response.json(), past_a.register_state) == (
        403,
        forbidden_body(),
        "draft",
    )


def test_attendance_reopen_moderator_with_a_reason(cast, past_a):
    Meeting.objects.filter(pk=past_a.pk).update(
        register_state=RegisterState.COMPLETED, completed_at=timezone.now()
    )
    response = post(
        cast["moderator"], f"/meetings/{past_a.code}/attendance/reopen", {"reason": "Tippfehler"}
    )
    audit = AuditEntry.objects.get(action="register.reopen")
    assert (response.status_code, response.json(), audit.changes) == (
        200,
        _state("draft", {"late": 1}),
        {"reason": "Tippfehler"},
    )


def test_attendance_reopen_without_a_reason_is_422(cast, past_a):
    Meeting.objects.filter(pk=past_a.pk).update(register_state=RegisterState.COMPLETED)
    response = post(cast["moderator"], f"/meetings/{past_a.code}/attendance/reopen", {"reason": ""})
    message = de("Please give a reason for reopening the register.")
    expected = {"message": message, "errors": [{"field": "reason", "message": message}]}
    past_a.refresh_from_db()
    assert (response.status_code, response.json(), past_a.register_state) == (
        422,
        expected,
        "completed",
    )


def test_attendance_reopen_secretary_gets_403(cast, past_a, secretary):
    Meeting.objects.filter(pk=past_a.pk).update(register_state=RegisterState.COMPLETED)
    response = post(secretary, f"/meetings/{past_a.code}/attendance/reopen", {"reason": "x"})
    past_a.refresh_from_db()
    assert (response.status_code, response.json(), past_a.register_state) == (
        403,
        forbidden_body(),
        "completed",
    )


def test_attendance_complete_and_reopen_from_elsewhere_give_404(cast, past_a):
    complete = post(cast["member2"], f"/meetings/{past_a.code}/attendance/complete")
    reopen = post(cast["member2"], f"/meetings/{past_a.code}/attendance/reopen", {"reason": "x"})
    assert [(r.status_code, r.json()) for r in (complete, reopen)] == [
        (404, not_found_body()),
        (404, not_found_body()),
    ]
