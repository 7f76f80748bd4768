"""A group's schedule page: series, one-off meetings and cancellations."""

import datetime

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst

from tests import factories as f
from tests.conftest import client_for
from tests.office.conftest import errors, headings
from tests.pages.html import de, de_plural, element, rows
from verbund.common.models import AuditEntry
from verbund.meetings.models import Meeting, MeetingSeries

HEADING = "Schedule of %(group)s"


def _url(group) -> str:
    return f"/groups/{group.code}/schedule/"


def _in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def _short(day: datetime.date) -> str:
    return day.strftime("%d.%m.%Y")


def _weekday(day: datetime.date) -> str:
    """The German short weekday name, as the page shows it."""
    from django.utils import translation

    with translation.override("de"):
        return date_format(day, "D")


def _series_post(**changes) -> dict[str, str]:
    data = {
        "action": "series",
        "series-title": "Unternehmerfrühstück",
        "series-first_date": _in_days(1).isoformat(),
        "series-interval_weeks": "2",
        "series-start_time": "07:30",
        "series-duration_minutes": "120",
        "series-venue": "Hotel Nordlicht, München",
        "series-ends_on": "",
    }
    data.update({f"series-{key}": value for key, value in changes.items()})
    return data


def _meeting_post(**changes) -> dict[str, str]:
    data = {
        "action": "meeting",
        "meeting-title": "Sommerfest",
        "meeting-day": _in_days(10).isoformat(),
        "meeting-start_time": "18:00",
        "meeting-duration_minutes": "180",
        "meeting-venue": "Biergarten am See",
    }
    data.update({f"meeting-{key}": value for key, value in changes.items()})
    return data


# ---------------------------------------------------------------- who may see it


@pytest.mark.parametrize("who", ["office", "moderator"])
def test_schedule_office_and_moderator_see_it(cast, group_a, who):
    meeting = f.MeetingFactory(group=group_a, occurrence_date=_in_days(3))
    f.MeetingSeriesFactory(group=group_a, first_date=datetime.date(2026, 1, 9))
    response = client_for(cast[who]).get(_url(group_a))
    assert (response.status_code, headings(response)) == (
        200,
        [de(HEADING) % {"group": "Ortsgruppe München-Nord"}],
    )
    assert rows(response, "upcoming") == [
        [
            f"{_weekday(meeting.occurrence_date)} {_short(meeting.occurrence_date)} 07:30",
            "Unternehmerfrühstück Hotel Nordlicht, München",
            f"{capfirst(de('reason for cancelling'))} {de('Cancel meeting')}",
        ]
    ]
    assert rows(response, "series") == [
        [
            "Unternehmerfrühstück",
            de_plural(
                "%(day)s every week, %(time)s, %(minutes)s minutes",
                "%(day)s every %(weeks)s weeks, %(time)s, %(minutes)s minutes",
                2,
            )
            % {"day": "Freitag", "weeks": 2, "time": "07:30", "minutes": 120},
            "Hotel Nordlicht, München",
            "09.01.2026",
            de("open-ended"),
        ]
    ]


@pytest.mark.parametrize("who", ["member", "colleague", "member2", "board", "guest"])
def test_schedule_others_who_see_the_group_get_403(cast, group_a, who):
    f.MeetingFactory(group=group_a, occurrence_date=_in_days(3), title="Geheimes Treffen")
    response = client_for(cast[who]).get(_url(group_a))
    assert (response.status_code, headings(response)) == (403, [de("Access denied")])
    assert element(response, "upcoming") is None


def test_schedule_guest_from_elsewhere_gets_404(cast, group_b):
    f.MeetingFactory(group=group_b, occurrence_date=_in_days(3), title="Geheimes Treffen")
    response = client_for(cast["guest"]).get(_url(group_b))
    assert response.status_code == 404
    assert "Geheimes Treffen" not in response.content.decode()


def test_schedule_unknown_group_gets_404(cast):
    response = client_for(cast["office"]).get("/groups/unbekannt/schedule/")
    assert (response.status_code, element(response, "upcoming")) == (404, None)


def test_schedule_anonymous_goes_to_login(group_a):
    response = client_for(None).get(_url(group_a))
    assert (response.status_code, response["Location"]) == (
        302,
        f"/accounts/login/?next={_url(group_a)}",
    )


def test_schedule_lists_cancelled_meeting_with_reason_and_hides_past(cast, group_a):
    f.MeetingFactory(group=group_a, occurrence_date=_in_days(-3), title="Vorbei")
    cancelled = f.MeetingFactory(
        group=group_a,
        occurrence_date=_in_days(4),
        is_cancelled=True,
        cancel_reason="Feiertag",
    )
    response = client_for(cast["moderator"]).get(_url(group_a))
    assert rows(response, "upcoming") == [
        [
            f"{_weekday(cancelled.occurrence_date)} {_short(cancelled.occurrence_date)} 07:30",
            "Unternehmerfrühstück Hotel Nordlicht, München",
            f"{de('cancelled')} Feiertag",
        ]
    ]


def test_schedule_empty_group_says_so(cast, group_a):
    response = client_for(cast["moderator"]).get(_url(group_a))
    assert (element(response, "upcoming"), element(response, "series")) == (None, None)
    assert element(response, "no-upcoming").text() == de("No meetings are planned yet.")
    assert element(response, "no-series").text() == de("The group has no meeting series yet.")


@pytest.mark.parametrize("size", [1, 3])
def test_schedule_query_count(cast, group_a, size, django_assert_num_queries):
    for i in range(size):
        f.MeetingSeriesFactory(group=group_a, title=f"Reihe {i}", first_date=_in_days(i))
        f.MeetingFactory(group=group_a, occurrence_date=_in_days(i + 1), title=f"Treffen {i}")
    client = client_for(cast["moderator"])
    with django_assert_num_queries(10):
        response = client.get(_url(group_a))
    assert [row[0] for row in rows(response, "series")] == [f"Reihe {i}" for i in range(size)]
    assert [row[1] for row in rows(response, "upcoming")] == [
        f"Treffen {i} Hotel Nordlicht, München" for i in range(size)
    ]


# ---------------------------------------------------------------- creating a series


@pytest.mark.parametrize("who", ["office", "moderator"])
def test_schedule_create_series_generates_twelve_weeks(cast, group_a, who):
    response = client_for(cast[who]).post(_url(group_a), _series_post(), follow=True)
    series = MeetingSeries.objects.get()
    dates = list(series.meetings.order_by("starts_at").values_list("occurrence_date", flat=True))
    assert dates == [_in_days(1 + 14 * i) for i in range(6)]
    assert (series.group, series.title, series.start_time, series.venue) == (
        group_a,
        "Unternehmerfrühstück",
        datetime.time(7, 30),
        "Hotel Nordlicht, München",
    )
    assert response.redirect_chain == [(_url(group_a), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        de("The series is created with %(count)d meetings in the coming weeks.") % {"count": 6}
    ]
    assert len(rows(response, "upcoming")) == 6
    assert list(AuditEntry.objects.order_by("pk").values_list("action", flat=True)) == [
        "series.create",
        "meetings.generate",
    ]


def test_schedule_create_series_respects_its_end(cast, group_a):
    client_for(cast["moderator"]).post(
        _url(group_a), _series_post(ends_on=_in_days(20).isoformat(), interval_weeks="1")
    )
    dates = sorted(Meeting.objects.values_list("occurrence_date", flat=True))
    assert dates == [_in_days(1), _in_days(8), _in_days(15)]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": ""}, "title", "This field is required."),
        ({"interval_weeks": "0"}, "interval_weeks", None),
        ({"duration_minutes": "5"}, "duration_minutes", None),
        ({"start_time": "25:00"}, "start_time", "Enter a valid time."),
        ({"first_date": "2020-01-03"}, "first_date", "Please choose a day from today on."),
        ({"ends_on": "2020-01-03"}, "ends_on", "The last meeting cannot be before the first."),
    ],
)
def test_schedule_create_series_bad_input_changes_nothing(cast, group_a, changes, field, message):
    response = client_for(cast["moderator"]).post(_url(group_a), _series_post(**changes))
    form_errors = response.context["series_form"].errors
    assert (response.status_code, list(form_errors)) == (200, [field])
    if message is not None:
        assert form_errors[field] == [de(message)]
    assert errors(response) == form_errors[field]
    assert (MeetingSeries.objects.count(), Meeting.objects.count()) == (0, 0)
    assert AuditEntry.objects.count() == 0


def test_schedule_interval_below_one_says_why(cast, group_a):
    response = client_for(cast["moderator"]).post(_url(group_a), _series_post(interval_weeks="0"))
    assert response.context["series_form"].errors["interval_weeks"] == [
        "Dieser Wert muss größer oder gleich 1 sein."
    ]


@pytest.mark.parametrize("who", ["member", "member2"])
def test_schedule_create_series_others_get_403(cast, group_a, who):
    response = client_for(cast[who]).post(_url(group_a), _series_post())
    assert (response.status_code, MeetingSeries.objects.count()) == (403, 0)


# ---------------------------------------------------------------- one-off meetings


def test_schedule_create_one_off_meeting(cast, group_a):
    response = client_for(cast["moderator"]).post(_url(group_a), _meeting_post(), follow=True)
    meeting = Meeting.objects.get()
    assert (
        meeting.group,
        meeting.series,
        meeting.title,
        timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d %H:%M"),
        timezone.localtime(meeting.ends_at).strftime("%H:%M"),
        meeting.venue,
    ) == (
        group_a,
        None,
        "Sommerfest",
        f"{_in_days(10).isoformat()} 18:00",
        "21:00",
        "Biergarten am See",
    )
    assert [str(m) for m in response.context["messages"]] == [
        de("The meeting on %(day)s is created.") % {"day": _short(_in_days(10))}
    ]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"day": "2020-01-03"}, "day", "Please choose a day from today on."),
        ({"day": ""}, "day", "This field is required."),
        ({"start_time": ""}, "start_time", "This field is required."),
        ({"title": ""}, "title", "This field is required."),
    ],
)
def test_schedule_one_off_bad_input_changes_nothing(cast, group_a, changes, field, message):
    response = client_for(cast["moderator"]).post(_url(group_a), _meeting_post(**changes))
    assert response.context["meeting_form"].errors == {field: [de(message)]}
    assert errors(response) == [de(message)]
    assert (response.status_code, Meeting.objects.count()) == (200, 0)


def test_schedule_unknown_action_changes_nothing(cast, group_a):
    response = client_for(cast["moderator"]).post(_url(group_a), {"action": "delete"})
    assert (response.status_code, errors(response), Meeting.objects.count()) == (200, [], 0)


# ---------------------------------------------------------------- cancelling


def _cancel_url(meeting) -> str:
    return f"/meetings/{meeting.code}/cancel/"


@pytest.mark.parametrize("who", ["office", "moderator"])
def test_cancel_meeting_by_office_or_moderator(cast, group_a, who):
    meeting = f.MeetingFactory(group=group_a, occurrence_date=_in_days(3))
    response = client_for(cast[who]).post(
        _cancel_url(meeting), {"reason": "Hotel geschlossen"}, follow=True
    )
    meeting.refresh_from_db()
    assert (meeting.is_cancelled, meeting.cancel_reason) == (True, "Hotel geschlossen")
    assert response.redirect_chain == [(_url(group_a), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        de("The meeting on %(day)s is cancelled.") % {"day": _short(_in_days(3))}
    ]
    assert rows(response, "upcoming")[0][2] == f"{de('cancelled')} Hotel geschlossen"
    assert AuditEntry.objects.get(action="meeting.cancel").changes == {
        "reason": "Hotel geschlossen"
    }


def test_cancel_without_reason_shows_message_in_its_row(cast, group_a):
    other = f.MeetingFactory(group=group_a, occurrence_date=_in_days(2))
    meeting = f.MeetingFactory(group=group_a, occurrence_date=_in_days(3))
    response = client_for(cast["moderator"]).post(_cancel_url(meeting), {"reason": "  "})
    meeting.refresh_from_db()
    assert (response.status_code, meeting.is_cancelled) == (200, False)
    assert errors(response) == [de("This field is required.")]
    field = element(response, f"id_cancel_{meeting.code}_reason")
    assert "is-invalid" in field.attrs["class"].split()
    assert "is-invalid" not in element(response, f"id_cancel_{other.code}_reason").attrs["class"]


def test_cancel_twice_says_already_cancelled(cast, group_a):
    meeting = f.MeetingFactory(
        group=group_a, occurrence_date=_in_days(3), is_cancelled=True, cancel_reason="Erst"
    )
    response = client_for(cast["moderator"]).post(_cancel_url(meeting), {"reason": "Zweit"})
    meeting.refresh_from_db()
    assert (response.status_code, meeting.cancel_reason) == (200, "Erst")
    assert errors(response) == [de("This meeting is already cancelled.")]


@pytest.mark.parametrize("who", ["member", "colleague", "guest"])
def test_cancel_others_of_the_group_get_403(cast, group_a, who):
    meeting = f.MeetingFactory(group=group_a, occurrence_date=_in_days(3))
    f.GuestVisitFactory(
        guest=cast["guest"].person.guest, group=group_a, meeting=meeting, visited_on=_in_days(3)
    )
    response = client_for(cast[who]).post(_cancel_url(meeting), {"reason": "Keine Lust"})
    meeting.refresh_from_db()
    assert (response.status_code, meeting.is_cancelled) == (403, False)


@pytest.mark.parametrize("who", ["member2", "board"])
def test_cancel_from_another_group_gets_404(cast, group_a, who):
    meeting = f.MeetingFactory(group=group_a, occurrence_date=_in_days(3))
    response = client_for(cast[who]).post(_cancel_url(meeting), {"reason": "Keine Lust"})
    meeting.refresh_from_db()
    assert (response.status_code, meeting.is_cancelled) == (404, False)


def test_cancel_anonymous_goes_to_login(group_a):
    meeting = f.MeetingFactory(group=group_a, occurrence_date=_in_days(3))
    response = client_for(None).post(_cancel_url(meeting), {"reason": "x"})
    meeting.refresh_from_db()
    assert (response.status_code, response["Location"], meeting.is_cancelled) == (
        302,
        f"/accounts/login/?next={_cancel_url(meeting)}",
        False,
    )


def test_cancel_by_get_is_not_allowed(cast, group_a):
    meeting = f.MeetingFactory(group=group_a, occurrence_date=_in_days(3))
    response = client_for(cast["moderator"]).get(_cancel_url(meeting))
    meeting.refresh_from_db()
    assert (response.status_code, meeting.is_cancelled) == (405, False)
