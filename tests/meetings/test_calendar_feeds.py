"""The iCalendar feeds: the secret URL is the only key, and it shows only its owner's meetings."""

import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.utils import timezone

from tests import factories as f
from tests.conftest import client_for
from tests.pages.html import de
from verbund.meetings.services import regenerate_calendar_token
from verbund.meetings.services.calendar import calendar_token_for

BERLIN = ZoneInfo("Europe/Berlin")
DASH = "\N{EN DASH}"


def _in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def _token(user) -> str:
    return calendar_token_for(user.person).token


def _feed(token: str, group=None):
    url = (
        f"/calendar/{token}.ics" if group is None else f"/calendar/{token}/groups/{group.code}.ics"
    )
    return client_for(None).get(url)


def _events(response) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(response.content)
    return list(calendar.walk("VEVENT"))


def _summary(event) -> tuple:
    """What a calendar app shows of an event: uid, local start and end, title, status."""
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    return (
        str(event["uid"]),
        start.astimezone(BERLIN).strftime("%Y-%m-%d %H:%M"),
        end.astimezone(BERLIN).strftime("%H:%M"),
        str(event["summary"]),
        str(event["status"]),
        str(event["x-verbund-partstat"]),
    )


@pytest.fixture
def meetings(cast, group_a, group_b):
    """Group A's meetings around today, one cancelled, one answered each way; one of B."""
    return {
        "old": f.MeetingFactory(group=group_a, occurrence_date=_in_days(-40), title="Alt"),
        "past": f.MeetingFactory(group=group_a, occurrence_date=_in_days(-14), title="Neulich"),
        "next": f.MeetingFactory(group=group_a, occurrence_date=_in_days(7), title="Bald"),
        "cancelled": f.MeetingFactory(
            group=group_a,
            occurrence_date=_in_days(21),
            title="Abgesagt",
            is_cancelled=True,
            cancel_reason="Feiertag",
            venue="",
        ),
        "apology": f.MeetingFactory(group=group_a, occurrence_date=_in_days(35), title="Später"),
        "far": f.MeetingFactory(group=group_a, occurrence_date=_in_days(90), title="Weit weg"),
        "b": f.MeetingFactory(group=group_b, occurrence_date=_in_days(7), title="Augsburg"),
    }


def _rsvps(cast, meetings):
    person = cast["member"].person
    f.RsvpFactory(meeting=meetings["next"], person=person, answer="yes")
    f.RsvpFactory(meeting=meetings["apology"], person=person, answer="no")
    # A colleague's answer is not the member's.
    f.RsvpFactory(meeting=meetings["past"], person=cast["colleague"].person, answer="no")


def _row(meeting, status="CONFIRMED", partstat="NEEDS-ACTION"):
    start = meeting.starts_at.astimezone(BERLIN)
    return (
        f"{meeting.code}@verbund",
        start.strftime("%Y-%m-%d %H:%M"),
        "09:30",
        f"{meeting.title} {DASH} {meeting.group.name}",
        status,
        partstat,
    )


def test_personal_feed_shows_own_groups_window_with_answers(cast, meetings):
    _rsvps(cast, meetings)
    response = _feed(_token(cast["member"]))
    assert (response.status_code, response["Content-Type"]) == (200, "text/calendar; charset=utf-8")
    assert [_summary(event) for event in _events(response)] == [
        _row(meetings["past"]),
        _row(meetings["next"], partstat="ACCEPTED"),
        _row(meetings["cancelled"], status="CANCELLED"),
        _row(meetings["apology"], partstat="DECLINED"),
    ]


def test_personal_feed_event_details(cast, meetings):
    _rsvps(cast, meetings)
    events = {str(e["uid"]): e for e in _events(_feed(_token(cast["member"])))}
    nxt = events[f"{meetings['next'].code}@verbund"]
    url = f"http://testserver/meetings/{meetings['next'].code}/"
    assert (
        str(nxt["location"]),
        str(nxt["url"]),
        str(nxt["description"]),
        str(nxt["transp"]),
        nxt["dtstart"].params["TZID"],
    ) == (
        "Hotel Nordlicht, München",
        url,
        f"{de('Your answer: you will attend.')}\n{url}",
        "OPAQUE",
        "Europe/Berlin",
    )
    apology = events[f"{meetings['apology'].code}@verbund"]
    assert (str(apology["transp"]), str(apology["description"]).split("\n")[0]) == (
        "TRANSPARENT",
        de("Your answer: you sent your apologies."),
    )
    cancelled = events[f"{meetings['cancelled'].code}@verbund"]
    assert ("location" in cancelled, str(cancelled["description"]).split("\n")[:2]) == (
        False,
        [de("Cancelled: %(reason)s") % {"reason": "Feiertag"}, de("You have not answered yet.")],
    )


def test_personal_feed_times_round_trip_as_the_same_instant(cast, meetings):
    events = _events(_feed(_token(cast["member"])))
    assert [e.decoded("dtstart") for e in events] == [
        meetings[key].starts_at for key in ("past", "next", "cancelled", "apology")
    ]


def test_personal_feed_keeps_local_time_across_daylight_saving(cast, group_a, monkeypatch):
    """Friday 27 March 2026 is winter time, Friday 3 April summer time: both at 07:30."""
    now = datetime.datetime(2026, 3, 20, 12, 0, tzinfo=BERLIN)
    monkeypatch.setattr(
        "verbund.meetings.views.calendar.timezone",
        SimpleNamespace(now=lambda: now, localtime=timezone.localtime),
    )
    for day in (datetime.date(2026, 3, 27), datetime.date(2026, 4, 3)):
        f.MeetingFactory(group=group_a, occurrence_date=day)
    starts = [e.decoded("dtstart") for e in _events(_feed(_token(cast["member"])))]
    assert [
        (s.astimezone(BERLIN).isoformat(), s.astimezone(datetime.UTC).hour) for s in starts
    ] == [
        ("2026-03-27T07:30:00+01:00", 6),
        ("2026-04-03T07:30:00+02:00", 5),
    ]


def test_personal_feed_in_english_for_an_english_member(cast, meetings):
    cast["member"].language = "en"
    cast["member"].save()
    events = _events(_feed(_token(cast["member"])))
    assert str(events[0]["description"]).split("\n")[0] == "You have not answered yet."


def test_personal_feed_needs_no_login_and_is_calendar_text(cast, meetings):
    response = _feed(_token(cast["member"]))
    calendar = icalendar.Calendar.from_ical(response.content)
    assert (
        str(calendar["version"]),
        str(calendar["x-wr-calname"]),
        [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")],
    ) == ("2.0", "Testnetz: Maria Huber", ["Europe/Berlin"])


def test_personal_feed_of_another_person_shows_that_persons_meetings(cast, meetings):
    """The token is the secret: whoever holds member2's URL sees member2's meetings only."""
    response = client_for(cast["member"]).get(f"/calendar/{_token(cast['member2'])}.ics")
    assert [_summary(e) for e in _events(response)] == [_row(meetings["b"])]


def test_personal_feed_unknown_token_gets_404(cast, meetings):
    response = _feed("kein-geheimnis")
    assert (response.status_code, b"Bald" in response.content) == (404, False)


def test_personal_feed_old_token_after_regeneration_gets_404(cast, meetings):
    old = _token(cast["member"])
    regenerate_calendar_token(person=cast["member"].person, actor=cast["member"])
    assert (_feed(old).status_code, len(_events(_feed(_token(cast["member"]))))) == (404, 4)


def test_personal_feed_of_a_deactivated_login_gets_404(cast, meetings):
    token = _token(cast["member"])
    cast["member"].is_active = False
    cast["member"].save()
    assert _feed(token).status_code == 404


def test_personal_feed_office_without_groups_is_empty(cast, meetings):
    response = _feed(_token(cast["office"]))
    assert (response.status_code, _events(response)) == (200, [])


def test_personal_feed_guest_sees_only_visited_meetings(cast, meetings, group_a):
    f.GuestVisitFactory(
        guest=cast["guest"].person.guest,
        group=group_a,
        meeting=meetings["next"],
        visited_on=meetings["next"].occurrence_date,
    )
    events = _events(_feed(_token(cast["guest"])))
    assert [_summary(e) for e in events] == [_row(meetings["next"])]


@pytest.mark.parametrize("size", [1, 3])
def test_personal_feed_query_count(cast, group_a, size, django_assert_num_queries):
    meetings = [
        f.MeetingFactory(group=group_a, occurrence_date=_in_days(7 * (i + 1))) for i in range(size)
    ]
    f.RsvpFactory(meeting=meetings[0], person=cast["member"].person, answer="yes")
    token = _token(cast["member"])
    with django_assert_num_queries(7):
        response = _feed(token)
    assert [str(e["uid"]) for e in _events(response)] == [f"{m.code}@verbund" for m in meetings]


# ---------------------------------------------------------------- one group's feed


def test_group_feed_member_gets_the_groups_meetings(cast, meetings, group_a):
    _rsvps(cast, meetings)
    response = _feed(_token(cast["member"]), group_a)
    calendar = icalendar.Calendar.from_ical(response.content)
    assert (response.status_code, str(calendar["x-wr-calname"])) == (200, "Ortsgruppe München-Nord")
    assert [_summary(e) for e in _events(response)] == [
        _row(meetings["past"]),
        _row(meetings["next"], partstat="ACCEPTED"),
        _row(meetings["cancelled"], status="CANCELLED"),
        _row(meetings["apology"], partstat="DECLINED"),
    ]


@pytest.mark.parametrize(("who", "other"), [("member", "b"), ("guest", "b"), ("board", "next")])
def test_group_feed_of_a_group_not_ones_own_gets_404(cast, meetings, who, other):
    meeting = meetings[other]
    response = _feed(_token(cast[who]), meeting.group)
    assert (response.status_code, meeting.title.encode() in response.content) == (404, False)


def test_group_feed_office_gets_any_group(cast, meetings, group_b):
    events = _events(_feed(_token(cast["office"]), group_b))
    assert [_summary(e) for e in events] == [_row(meetings["b"])]


def test_group_feed_guest_gets_only_the_visited_meeting(cast, meetings, group_a):
    f.GuestVisitFactory(
        guest=cast["guest"].person.guest,
        group=group_a,
        meeting=meetings["past"],
        visited_on=meetings["past"].occurrence_date,
    )
    events = _events(_feed(_token(cast["guest"]), group_a))
    assert [_summary(e) for e in events] == [_row(meetings["past"])]


def test_group_feed_unknown_group_or_token_gets_404(cast, meetings, group_a):
    token = _token(cast["member"])
    unknown_group = client_for(None).get(f"/calendar/{token}/groups/unbekannt.ics")
    unknown_token = _feed("kein-geheimnis", group_a)
    assert (unknown_group.status_code, unknown_token.status_code) == (404, 404)


@pytest.mark.parametrize("size", [1, 3])
def test_group_feed_query_count(cast, group_a, size, django_assert_num_queries):
    meetings = [
        f.MeetingFactory(group=group_a, occurrence_date=_in_days(7 * (i + 1))) for i in range(size)
    ]
    token = _token(cast["moderator"])
    with django_assert_num_queries(7):
        response = _feed(token, group_a)
    assert [str(e["uid"]) for e in _events(response)] == [f"{m.code}@verbund" for m in meetings]
