"""GET /meetings and /meetings/{code}: who sees which meetings, and what a meeting shows."""

import datetime

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from tests import factories as f
from tests.api.conftest import (
    API,
    de,
    get,
    not_found_body,
    unauthenticated_body,
    warm_client,
)
from verbund.meetings.models import AgendaKind


def _on(group, days: int, **extra):
    """A meeting of `group` at 07:30-09:30 Berlin, `days` from today."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return f.MeetingFactory(group=group, occurrence_date=day, **extra)


def _local(moment: datetime.datetime) -> str:
    """A time as the API writes it: Berlin time with offset, to the millisecond."""
    return DjangoJSONEncoder().default(timezone.localtime(moment))


def _meeting(meeting) -> dict:
    return {
        "code": meeting.code,
        "group": {"code": meeting.group.code, "name": meeting.group.name},
        "title": meeting.title,
        "occurrence_date": meeting.occurrence_date.isoformat(),
        "starts_at": _local(meeting.starts_at),
        "ends_at": _local(meeting.ends_at),
        "venue": meeting.venue,
        "is_cancelled": meeting.is_cancelled,
        "cancel_reason": meeting.cancel_reason,
        "register_state": meeting.register_state,
    }


def _page(*meetings) -> dict:
    return {"items": [_meeting(meeting) for meeting in meetings], "count": len(meetings)}


@pytest.fixture
def meetings(group_a, group_b):
    """Group A: one two weeks ago, one in two weeks; group B: one in a week."""
    return {
        "past_a": _on(group_a, -14),
        "next_a": _on(group_a, 14),
        "next_b": _on(group_b, 7, venue="Zeughaus Augsburg"),
    }


@pytest.mark.parametrize(
    "path",
    ["/meetings", "/meetings/{code}", "/meetings/{code}/attendance", "/meetings/{code}/rsvp"],
)
def test_meeting_paths_anonymous_gets_401(meetings, path):
    response = get(None, path.format(code=meetings["next_a"].code))
    assert (response.status_code, response.json()) == (401, unauthenticated_body())


# ---------------------------------------------------------------- the list


@pytest.mark.parametrize("who", ["member", "moderator", "colleague"])
def test_meetings_group_a_people_see_group_a_meetings(cast, meetings, who):
    response = get(cast[who], "/meetings")
    expected = _page(meetings["past_a"], meetings["next_a"])
    assert (response.status_code, response.json()) == (200, expected)


def test_meetings_member2_sees_only_group_b_meetings(cast, meetings):
    response = get(cast["member2"], "/meetings")
    assert (response.status_code, response.json()) == (200, _page(meetings["next_b"]))


def test_meetings_office_sees_all(cast, meetings):
    response = get(cast["office"], "/meetings")
    expected = _page(meetings["past_a"], meetings["next_b"], meetings["next_a"])
    assert (response.status_code, response.json()) == (200, expected)


def test_meetings_guest_sees_only_the_meeting_they_are_invited_to(cast, meetings, group_a):
    f.GuestVisitFactory(
        guest=cast["guest"].person.guest,
        group=group_a,
        visited_on=meetings["next_a"].occurrence_date,
        meeting=meetings["next_a"],
    )
    response = get(cast["guest"], "/meetings")
    assert (response.status_code, response.json()) == (200, _page(meetings["next_a"]))


def test_meetings_guest_without_invitation_sees_none(cast, meetings):
    response = get(cast["guest"], "/meetings")
    assert (response.status_code, response.json()) == (200, _page())


def test_meetings_filter_by_own_group(cast, meetings, group_a):
    response = get(cast["member"], f"/meetings?group={group_a.code}")
    expected = _page(meetings["past_a"], meetings["next_a"])
    assert (response.status_code, response.json()) == (200, expected)


def test_meetings_office_filters_by_any_group(cast, meetings, group_b):
    response = get(cast["office"], f"/meetings?group={group_b.code}")
    assert (response.status_code, response.json()) == (200, _page(meetings["next_b"]))


@pytest.mark.parametrize("who", ["member2", "board", "guest"])
def test_meetings_of_a_group_whose_meetings_are_hidden_give_404(cast, meetings, group_a, who):
    # member2 and the board member see group A itself, but not its meetings; the guest's
    # visited group is A, so they ask for group B below.
    group = group_a if who != "guest" else meetings["next_b"].group
    response = get(cast[who], f"/meetings?group={group.code}")
    assert (response.status_code, response.json()) == (404, not_found_body())


def test_meetings_of_an_unknown_group_give_404(cast, meetings):
    response = get(cast["member"], "/meetings?group=nosuchgroup")
    assert (response.status_code, response.json()) == (404, not_found_body())


def test_meetings_upcoming_soonest_first_cancelled_flagged(cast, group_a, meetings):
    later = _on(group_a, 28)
    cancelled = _on(group_a, 21, is_cancelled=True, cancel_reason="Feiertag")
    response = get(cast["member"], "/meetings?when=upcoming")
    expected = _page(meetings["next_a"], cancelled, later)
    assert (response.status_code, response.json()) == (200, expected)


def test_meetings_past_latest_first_cancelled_flagged(cast, group_a, meetings):
    earlier = _on(group_a, -28)
    cancelled = _on(group_a, -21, is_cancelled=True, cancel_reason="Feiertag")
    response = get(cast["member"], "/meetings?when=past")
    expected = _page(meetings["past_a"], cancelled, earlier)
    assert (response.status_code, response.json()) == (200, expected)


def test_meetings_unknown_when_is_422_naming_the_field(cast, meetings):
    response = get(cast["member"], "/meetings?when=tomorrow")
    choices = de("Choose one of these values: %(choices)s.") % {"choices": "'upcoming', 'past'"}
    error = {"field": "when", "message": choices}
    expected = {"message": de("Please correct the marked fields."), "errors": [error]}
    assert (response.status_code, response.json()) == (422, expected)


def test_meetings_member_lists_twenty_past_meetings_of_the_group(cast, group_a, group_b):
    # Done when: the API lists at least 20 past meetings of the member's group.
    past = [_on(group_a, -14 * weeks) for weeks in range(1, 21)]
    _on(group_b, -14)
    response = get(cast["member"], f"/meetings?group={group_a.code}&when=past")
    codes = [item["code"] for item in response.json()["items"]]
    assert (response.status_code, response.json()["count"], codes) == (
        200,
        20,
        [meeting.code for meeting in past],
    )


@pytest.mark.parametrize("extra", [0, 2])
def test_meetings_query_count(django_assert_num_queries, member, group_a, extra):
    shown = [_on(group_a, 14 * (number + 1)) for number in range(1 + extra)]
    client = warm_client(member)
    with django_assert_num_queries(9):
        response = client.get(f"{API}/meetings?group={group_a.code}&when=upcoming")
    assert response.json() == _page(*shown)


# ---------------------------------------------------------------- one meeting


@pytest.fixture
def full_meeting(cast, meetings):
    """Group A's next meeting with an agenda (added out of order), minutes, a decision,
    action items for a member and for a vendor guest, the member's RSVP and records."""
    meeting = meetings["next_a"]
    meeting.minutes = "Herr Eich begrüßt die Runde."
    meeting.save()
    member, moderator = cast["member"].person, cast["moderator"].person
    f.AgendaItemFactory(meeting=meeting, position=2, kind=AgendaKind.VENDOR, title="Hersteller")
    f.AgendaItemFactory(
        meeting=meeting,
        position=1,
        title="Produkt-Marketing",
        speaker=moderator,
        speaker_name="",
        duration_minutes=20,
    )
    decision = meeting.decisions.create(text="Das Sommerfest findet im Juli statt.")
    f.ActionItemFactory(meeting=meeting, title="Angebot schicken", owner=member, owner_name="")
    f.ActionItemFactory(meeting=meeting, due_on=datetime.date(2027, 1, 8))
    f.RsvpFactory(meeting=meeting, person=member, answer="no", note="Kundentermin")
    f.AttendanceRecordFactory(meeting=meeting, person=moderator, status="present")
    f.AttendanceRecordFactory(meeting=meeting, person=cast["colleague"].person, status="late")
    return meeting, decision


def _agenda(cast) -> list:
    moderator = cast["moderator"].person
    return [
        {
            "position": 1,
            "kind": "talk",
            "title": "Produkt-Marketing",
            "speaker": {"code": moderator.code, "name": "Stefan Eich"},
            "speaker_name": "",
            "duration_minutes": 20,
        },
        {
            "position": 2,
            "kind": "vendor",
            "title": "Hersteller",
            "speaker": None,
            "speaker_name": "Eich und Krenzke",
            "duration_minutes": None,
        },
    ]


def _minutes(cast, meeting, decision) -> dict:
    member = cast["member"].person
    items = {item.title: item.code for item in meeting.action_items.all()}
    return {
        "minutes": "Herr Eich begrüßt die Runde.",
        "decisions": [
            {
                "text": "Das Sommerfest findet im Juli statt.",
                "created_at": _local(decision.created_at),
            }
        ],
        "action_items": [
            {
                "code": items["Angebot schicken"],
                "title": "Angebot schicken",
                "owner": {"code": member.code, "name": "Maria Huber"},
                "owner_name": "",
                "due_on": "2026-12-04",
                "status": "open",
            },
            {
                "code": items["Ansprechpartner beim Hersteller klären"],
                "title": "Ansprechpartner beim Hersteller klären",
                "owner": None,
                "owner_name": "Partnermanager (Gast)",
                "due_on": "2027-01-08",
                "status": "open",
            },
        ],
    }


COUNTS = {"present": 1, "late": 1, "absent": 0, "excused": 0, "substitute": 0}


def test_meeting_detail_member_sees_everything_and_own_rsvp(cast, full_meeting):
    meeting, decision = full_meeting
    response = get(cast["member"], f"/meetings/{meeting.code}")
    expected = {
        **_meeting(meeting),
        "agenda": _agenda(cast),
        **_minutes(cast, meeting, decision),
        "rsvp": {"answer": "no", "note": "Kundentermin"},
        "attendance_counts": COUNTS,
    }
    assert (response.status_code, response.json()) == (200, expected)


def test_meeting_detail_colleague_has_not_answered(cast, full_meeting):
    meeting, _decision = full_meeting
    response = get(cast["colleague"], f"/meetings/{meeting.code}")
    assert (response.status_code, response.json()["rsvp"]) == (200, {"answer": None, "note": ""})


def test_meeting_detail_office_sees_register_but_has_no_rsvp(cast, full_meeting):
    meeting, decision = full_meeting
    response = get(cast["office"], f"/meetings/{meeting.code}")
    expected = {
        **_meeting(meeting),
        "agenda": _agenda(cast),
        **_minutes(cast, meeting, decision),
        "rsvp": None,
        "attendance_counts": COUNTS,
    }
    assert (response.status_code, response.json()) == (200, expected)


def test_meeting_detail_invited_guest_sees_meeting_and_agenda_only(cast, full_meeting, group_a):
    meeting, _decision = full_meeting
    f.GuestVisitFactory(
        guest=cast["guest"].person.guest,
        group=group_a,
        visited_on=meeting.occurrence_date,
        meeting=meeting,
    )
    response = get(cast["guest"], f"/meetings/{meeting.code}")
    hidden = {"minutes": None, "decisions": None, "action_items": None}
    expected = {
        **_meeting(meeting),
        "agenda": _agenda(cast),
        **hidden,
        "rsvp": None,
        "attendance_counts": None,
    }
    assert (response.status_code, response.json()) == (200, expected)


def test_meeting_detail_guest_gets_404_for_a_meeting_not_invited_to(cast, full_meeting, meetings):
    meeting, _decision = full_meeting
    f.GuestVisitFactory(
        guest=cast["guest"].person.guest,
        group=meeting.group,
        visited_on=meetings["past_a"].occurrence_date,
        meeting=meetings["past_a"],
    )
    response = get(cast["guest"], f"/meetings/{meeting.code}")
    assert (response.status_code, response.json()) == (404, not_found_body())


@pytest.mark.parametrize("who", ["member2", "board"])
def test_meeting_detail_other_group_gets_404(cast, full_meeting, who):
    meeting, _decision = full_meeting
    response = get(cast[who], f"/meetings/{meeting.code}")
    assert (response.status_code, response.json()) == (404, not_found_body())


def test_meeting_detail_unknown_code_gives_404(cast, meetings):
    response = get(cast["office"], "/meetings/nosuchmeeting")
    assert (response.status_code, response.json()) == (404, not_found_body())


@pytest.mark.parametrize("extra", [0, 2])
def test_meeting_detail_query_count(django_assert_num_queries, cast, group_a, extra):
    meeting = _on(group_a, 14)
    speakers = [cast["moderator"].person, cast["member"].person, cast["colleague"].person]
    for position, speaker in enumerate(speakers[: 1 + extra], start=1):
        f.AgendaItemFactory(meeting=meeting, position=position, speaker=speaker)
        f.ActionItemFactory(meeting=meeting, owner=speaker, owner_name="")
    client = warm_client(cast["member"])
    with django_assert_num_queries(12):
        response = client.get(f"{API}/meetings/{meeting.code}")
    body = response.json()
    agenda = [item["speaker"]["name"] for item in body["agenda"]]
    owners = [item["owner"]["name"] for item in body["action_items"]]
    names = ["Stefan Eich", "Maria Huber", "Klaus Huber"][: 1 + extra]
    assert (agenda, owners) == (names, names)


def test_meetings_guest_filters_by_visited_group(cast, meetings, group_a):
    f.GuestVisitFactory(
        guest=cast["guest"].person.guest,
        group=group_a,
        visited_on=meetings["past_a"].occurrence_date,
        meeting=meetings["past_a"],
    )
    response = get(cast["guest"], f"/meetings?group={group_a.code}")
    assert (response.status_code, response.json()) == (200, _page(meetings["past_a"]))
