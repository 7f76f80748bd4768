"""A group's meetings list and the attendance standing on it, for the whole cast."""

import datetime

import pytest
from django.utils import timezone

from tests import factories as f
from tests.conftest import client_for
from tests.pages.html import de, de_plural, element, items, links, text
from verbund.meetings.models import RegisterState

PAST = datetime.date(2025, 3, 7)  # Fridays, well before and well after any real "today"
EARLIER = datetime.date(2025, 2, 21)
FUTURE = datetime.date(2099, 1, 9)
LATER = datetime.date(2099, 1, 23)
SLOT = "07:30\u201309:30"  # the times as the page shows them, with an en dash


def _url(group) -> str:
    return f"/groups/{group.code}/meetings/"


@pytest.fixture
def meetings_a(group_a):
    """Two past meetings (one completed), two upcoming ones (one cancelled)."""
    return {
        "earlier": f.MeetingFactory(
            group=group_a, occurrence_date=EARLIER, register_state=RegisterState.COMPLETED
        ),
        "past": f.MeetingFactory(group=group_a, occurrence_date=PAST),
        "future": f.MeetingFactory(group=group_a, occurrence_date=FUTURE),
        "later": f.MeetingFactory(
            group=group_a, occurrence_date=LATER, is_cancelled=True, venue=""
        ),
    }


def _past_items() -> list[str]:
    return [
        "Unternehmerfrühstück "
        + de("Register: %(state)s") % {"state": de("Draft")}
        + f" Fr, 07.03.2025, {SLOT} · Hotel Nordlicht, München",
        "Unternehmerfrühstück "
        + de("Register: %(state)s") % {"state": de("Completed")}
        + f" Fr, 21.02.2025, {SLOT} · Hotel Nordlicht, München",
    ]


def test_meeting_list_member_sees_upcoming_and_past(cast, meetings_a, member_person):
    f.RsvpFactory(meeting=meetings_a["future"], person=member_person, answer="no")
    response = client_for(cast["member"]).get(_url(meetings_a["past"].group))
    assert items(response, "upcoming") == [
        f"Unternehmerfrühstück {de('You sent apologies')} "
        f"Fr, 09.01.2099, {SLOT} · Hotel Nordlicht, München",
        f"Unternehmerfrühstück {de('cancelled')} Fr, 23.01.2099, {SLOT}",
    ]
    assert items(response, "past") == _past_items()
    assert links(response, "upcoming") == [
        f"/meetings/{meetings_a['future'].code}/",
        f"/meetings/{meetings_a['later'].code}/",
    ]


def test_meeting_list_member_without_answer_is_asked(cast, meetings_a):
    response = client_for(cast["colleague"]).get(_url(meetings_a["past"].group))
    assert items(response, "upcoming")[0] == (
        f"Unternehmerfrühstück {de('No answer yet')} "
        f"Fr, 09.01.2099, {SLOT} · Hotel Nordlicht, München"
    )


def _completed_meeting_weeks_ago(group, weeks):
    day = timezone.localdate() - datetime.timedelta(weeks=weeks)
    return f.MeetingFactory(
        group=group, occurrence_date=day, register_state=RegisterState.COMPLETED
    )


def _standing_text(unexcused: int) -> str:
    return de_plural(
        "%(unexcused)s of %(allowed)s unexcused absences allowed in %(months)s month",
        "%(unexcused)s of %(allowed)s unexcused absences allowed in %(months)s months",
        6,
    ) % {
        "unexcused": unexcused,
        "allowed": 3,
        "months": 6,
    }


def test_meeting_list_shows_my_attendance_standing(cast, meetings_a, member_person):
    # The absence of February 2025 is outside the rolling window; the recent one counts.
    f.AttendanceRecordFactory(meeting=meetings_a["earlier"], person=member_person, status="absent")
    recent = _completed_meeting_weeks_ago(meetings_a["past"].group, 2)
    f.AttendanceRecordFactory(meeting=recent, person=member_person, status="absent")
    response = client_for(cast["member"]).get(_url(recent.group))
    badge = element(response, "standing").find_all("span")[0]
    assert (text(response, "standing"), badge.attrs["class"]) == (
        de("Your attendance:") + " " + _standing_text(1),
        "badge text-bg-success text-wrap",
    )


@pytest.mark.parametrize(("absences", "colour"), [(3, "text-bg-warning"), (4, "text-bg-danger")])
def test_meeting_list_standing_colour_by_level(cast, group_a, member_person, absences, colour):
    for weeks in range(1, absences + 1):
        meeting = _completed_meeting_weeks_ago(group_a, weeks)
        f.AttendanceRecordFactory(meeting=meeting, person=member_person, status="absent")
    response = client_for(cast["member"]).get(_url(group_a))
    badge = element(response, "standing").find_all("span")[0]
    assert (badge.text(), badge.attrs["class"]) == (
        _standing_text(absences),
        f"badge {colour} text-wrap",
    )


def test_meeting_list_office_sees_meetings_without_standing(cast, meetings_a):
    response = client_for(cast["office"]).get(_url(meetings_a["past"].group))
    assert (
        len(items(response, "upcoming")),
        items(response, "past"),
        text(response, "standing"),
    ) == (
        2,
        _past_items(),
        None,
    )


def test_meeting_list_moderator_sees_meetings(cast, meetings_a):
    response = client_for(cast["moderator"]).get(_url(meetings_a["past"].group))
    assert items(response, "past") == _past_items()


def test_meeting_list_guest_sees_only_the_meeting_they_visit(cast, meetings_a):
    visit = cast["guest"].person.guest.visits.get()
    visit.meeting = meetings_a["future"]
    visit.save()
    response = client_for(cast["guest"]).get(_url(meetings_a["past"].group))
    assert (items(response, "upcoming"), items(response, "past"), text(response, "no-past")) == (
        [f"Unternehmerfrühstück Fr, 09.01.2099, {SLOT} · Hotel Nordlicht, München"],
        None,
        de("No past meetings yet."),
    )


@pytest.mark.parametrize("who", ["member2", "board"])
def test_meeting_list_other_group_gets_404(cast, meetings_a, who):
    response = client_for(cast[who]).get(_url(meetings_a["past"].group))
    assert (response.status_code, "Hotel Nordlicht" in response.content.decode()) == (404, False)


def test_meeting_list_guest_of_another_group_gets_404(cast, meetings_a, group_b):
    response = client_for(cast["guest"]).get(_url(group_b))
    assert (response.status_code, "Unternehmerfrühstück" in response.content.decode()) == (
        404,
        False,
    )


def test_meeting_list_anonymous_goes_to_login(meetings_a):
    url = _url(meetings_a["past"].group)
    response = client_for(None).get(url)
    assert (response.status_code, response["Location"]) == (302, f"/accounts/login/?next={url}")


def test_meeting_list_empty_group_says_so(cast, group_a):
    response = client_for(cast["member"]).get(_url(group_a))
    assert (text(response, "no-upcoming"), text(response, "no-past")) == (
        de("No meetings are planned."),
        de("No past meetings yet."),
    )


def test_meeting_list_pages_the_past(cast, group_a):
    first = datetime.date(2024, 1, 5)
    for week in range(22):
        f.MeetingFactory(group=group_a, occurrence_date=first + datetime.timedelta(weeks=week))
    client = client_for(cast["member"])
    second = client.get(_url(group_a) + "?page=2")
    draft = de("Register: %(state)s") % {"state": de("Draft")}
    assert items(second, "past") == [
        f"Unternehmerfrühstück {draft} Fr, {day}, {SLOT} · Hotel Nordlicht, München"
        for day in ["12.01.2024", "05.01.2024"]
    ]


@pytest.mark.parametrize("size", [1, 3])
def test_meeting_list_query_count_is_constant(
    member, member_person, group_a, size, django_assert_num_queries
):
    for number in range(size):
        past = f.MeetingFactory(
            group=group_a, occurrence_date=PAST - datetime.timedelta(weeks=2 * number)
        )
        future = f.MeetingFactory(
            group=group_a, occurrence_date=FUTURE + datetime.timedelta(weeks=2 * number)
        )
        f.RsvpFactory(meeting=future, person=member_person, answer="yes")
        f.AttendanceRecordFactory(meeting=past, person=member_person, status="present")
    client = client_for(member)
    with django_assert_num_queries(15):
        response = client.get(_url(group_a))
    assert items(response, "upcoming") == [
        f"Unternehmerfrühstück {de('You attend')} "
        f"Fr, {FUTURE + datetime.timedelta(weeks=2 * n):%d.%m.%Y}, {SLOT} "
        "· Hotel Nordlicht, München"
        for n in range(size)
    ]
    assert len(items(response, "past")) == size


# ---------------------------------------------------------------- group page link


def test_group_detail_links_meetings_for_its_members(cast, group_a):
    response = client_for(cast["member"]).get(f"/groups/{group_a.code}/")
    link = element(response, "meetings-link")
    assert (link.attrs["href"], link.text()) == (
        f"/groups/{group_a.code}/meetings/",
        de("Meetings"),
    )


def test_group_detail_hides_meetings_link_from_other_groups(cast, group_a):
    response = client_for(cast["member2"]).get(f"/groups/{group_a.code}/")
    assert (response.status_code, text(response, "meetings-link")) == (200, None)
