"""Series, occurrences (DST, holidays, idempotent), one-offs, cancellations and holidays."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests import factories as f
from tests.pages.html import de
from verbund.common.models import AuditEntry
from verbund.meetings.models import Holiday, Meeting, MeetingSeries
from verbund.meetings.services import (
    add_holiday,
    cancel_meeting,
    create_meeting,
    create_series,
    generate_all,
    generate_occurrences,
)

BERLIN = ZoneInfo("Europe/Berlin")
UTC = datetime.UTC


def _series_data(**changes):
    return {
        "title": "Unternehmerfrühstück",
        "first_date": datetime.date(2026, 3, 13),
        "interval_weeks": 1,
        "start_time": datetime.time(7, 30),
        "duration_minutes": 120,
        "venue": "Hotel Nordlicht, München",
        **changes,
    }


def _local(meeting) -> tuple[str, str]:
    return (
        meeting.starts_at.astimezone(BERLIN).strftime("%Y-%m-%d %H:%M"),
        meeting.ends_at.astimezone(BERLIN).strftime("%H:%M"),
    )


def _utc_hours(meetings) -> list[int]:
    return [m.starts_at.astimezone(UTC).hour for m in meetings]


# ---------------------------------------------------------------- recurrence


def test_generate_keeps_0730_berlin_across_the_march_dst_switch(group_a):
    """29 March 2026 clocks go forward: 07:30 stays 07:30 local, one hour earlier in UTC."""
    series = f.MeetingSeriesFactory(
        group=group_a, first_date=datetime.date(2026, 3, 20), interval_weeks=1
    )
    generate_occurrences(series=series, until=datetime.date(2026, 4, 10))
    meetings = list(Meeting.objects.order_by("starts_at"))
    assert [_local(m) for m in meetings] == [
        ("2026-03-20 07:30", "09:30"),
        ("2026-03-27 07:30", "09:30"),
        ("2026-04-03 07:30", "09:30"),
        ("2026-04-10 07:30", "09:30"),
    ]
    assert _utc_hours(meetings) == [6, 6, 5, 5]


def test_generate_keeps_0730_berlin_across_the_october_dst_switch(group_a):
    series = f.MeetingSeriesFactory(
        group=group_a, first_date=datetime.date(2026, 10, 16), interval_weeks=1
    )
    generate_occurrences(series=series, until=datetime.date(2026, 10, 30))
    meetings = list(Meeting.objects.order_by("starts_at"))
    assert [_local(m)[0] for m in meetings] == [
        "2026-10-16 07:30",
        "2026-10-23 07:30",
        "2026-10-30 07:30",
    ]
    assert _utc_hours(meetings) == [5, 5, 6]


def test_generate_every_second_week_copies_the_series(group_a):
    series = f.MeetingSeriesFactory(
        group=group_a, first_date=datetime.date(2026, 1, 9), venue="Zeughaus"
    )
    created = generate_occurrences(series=series, until=datetime.date(2026, 2, 20))
    assert [(m.occurrence_date, m.title, m.venue, m.series_id) for m in created] == [
        (datetime.date(2026, 1, 9), "Unternehmerfrühstück", "Zeughaus", series.pk),
        (datetime.date(2026, 1, 23), "Unternehmerfrühstück", "Zeughaus", series.pk),
        (datetime.date(2026, 2, 6), "Unternehmerfrühstück", "Zeughaus", series.pk),
        (datetime.date(2026, 2, 20), "Unternehmerfrühstück", "Zeughaus", series.pk),
    ]


def test_generate_skips_holidays(group_a):
    Holiday.objects.create(date=datetime.date(2026, 4, 3), name="Karfreitag")
    series = f.MeetingSeriesFactory(
        group=group_a, first_date=datetime.date(2026, 3, 27), interval_weeks=1
    )
    generate_occurrences(series=series, until=datetime.date(2026, 4, 17))
    assert sorted(Meeting.objects.values_list("occurrence_date", flat=True)) == [
        datetime.date(2026, 3, 27),
        datetime.date(2026, 4, 10),
        datetime.date(2026, 4, 17),
    ]


def test_generate_stops_at_the_series_end(group_a):
    series = f.MeetingSeriesFactory(
        group=group_a, first_date=datetime.date(2026, 1, 9), ends_on=datetime.date(2026, 1, 30)
    )
    generate_occurrences(series=series, until=datetime.date(2026, 6, 1))
    assert sorted(Meeting.objects.values_list("occurrence_date", flat=True)) == [
        datetime.date(2026, 1, 9),
        datetime.date(2026, 1, 23),
    ]


def test_generate_twice_creates_nothing_the_second_time(group_a):
    series = f.MeetingSeriesFactory(group=group_a, first_date=datetime.date(2026, 1, 9))
    first = generate_occurrences(series=series, until=datetime.date(2026, 3, 6))
    second = generate_occurrences(series=series, until=datetime.date(2026, 3, 6))
    assert (len(first), second, Meeting.objects.count()) == (5, [], 5)
    assert AuditEntry.objects.filter(action="meetings.generate").count() == 1


def test_generate_further_ahead_adds_only_the_new_dates(group_a):
    series = f.MeetingSeriesFactory(group=group_a, first_date=datetime.date(2026, 1, 9))
    generate_occurrences(series=series, until=datetime.date(2026, 1, 23))
    created = generate_occurrences(series=series, until=datetime.date(2026, 2, 20))
    assert [m.occurrence_date for m in created] == [
        datetime.date(2026, 2, 6),
        datetime.date(2026, 2, 20),
    ]


def test_generate_keeps_a_cancelled_occurrence_cancelled(group_a):
    series = f.MeetingSeriesFactory(group=group_a, first_date=datetime.date(2026, 1, 9))
    generate_occurrences(series=series, until=datetime.date(2026, 1, 23))
    Meeting.objects.filter(occurrence_date=datetime.date(2026, 1, 9)).update(is_cancelled=True)
    generate_occurrences(series=series, until=datetime.date(2026, 1, 23))
    assert list(
        Meeting.objects.order_by("starts_at").values_list("occurrence_date", "is_cancelled")
    ) == [(datetime.date(2026, 1, 9), True), (datetime.date(2026, 1, 23), False)]


def test_generate_all_covers_every_series_up_to_the_weeks_ahead(group_a, group_b):
    today = timezone.localdate()
    f.MeetingSeriesFactory(group=group_a, first_date=today, interval_weeks=2)
    f.MeetingSeriesFactory(group=group_b, first_date=today, interval_weeks=4)
    assert (generate_all(weeks_ahead=8), generate_all(weeks_ahead=8)) == (5 + 3, 0)
    assert sorted(
        Meeting.objects.filter(group=group_b).values_list("occurrence_date", flat=True)
    ) == [today, today + datetime.timedelta(weeks=4), today + datetime.timedelta(weeks=8)]


# ---------------------------------------------------------------- series and one-offs


def test_create_series_by_moderator_is_audited(cast, group_a):
    series = create_series(group=group_a, data=_series_data(), actor=cast["moderator"])
    entry = AuditEntry.objects.get(action="series.create")
    assert (series.group, series.interval_weeks, entry.actor, entry.changes["title"]) == (
        group_a,
        1,
        cast["moderator"],
        "Unternehmerfrühstück",
    )


@pytest.mark.parametrize("who", ["member", "member2", "board", "guest"])
def test_create_series_by_others_is_refused(cast, group_a, who):
    with pytest.raises(PermissionDenied):
        create_series(group=group_a, data=_series_data(), actor=cast[who])
    assert MeetingSeries.objects.count() == 0


def test_create_series_interval_zero_is_refused(cast, group_a):
    with pytest.raises(ValidationError):
        create_series(group=group_a, data=_series_data(interval_weeks=0), actor=cast["office"])
    assert MeetingSeries.objects.count() == 0


def test_create_meeting_one_off_in_berlin_time(cast, group_a):
    meeting = create_meeting(
        group=group_a,
        data={
            "day": datetime.date(2026, 7, 3),
            "start_time": datetime.time(18, 0),
            "duration_minutes": 180,
            "title": "Sommerfest",
            "venue": "Biergarten",
        },
        actor=cast["moderator"],
    )
    assert (_local(meeting), meeting.series, meeting.starts_at.astimezone(UTC).hour) == (
        ("2026-07-03 18:00", "21:00"),
        None,
        16,
    )


def test_create_meeting_by_a_member_is_refused(cast, group_a):
    data = {"day": datetime.date(2026, 7, 3), "start_time": datetime.time(18, 0), "title": "X"}
    with pytest.raises(PermissionDenied):
        create_meeting(group=group_a, data=data, actor=cast["member"])
    assert Meeting.objects.count() == 0


# ---------------------------------------------------------------- cancelling


@pytest.fixture
def coming_meeting_a(group_a):
    """A meeting of group A two weeks from the real today (cancelling needs one ahead)."""
    return f.MeetingFactory(
        group=group_a, occurrence_date=timezone.localdate() + datetime.timedelta(weeks=2)
    )


def test_cancel_meeting_keeps_it_listed_with_the_reason(cast, coming_meeting_a):
    cancel_meeting(meeting=coming_meeting_a, reason="  Hotel zu  ", actor=cast["moderator"])
    coming_meeting_a.refresh_from_db()
    assert (coming_meeting_a.is_cancelled, coming_meeting_a.cancel_reason) == (True, "Hotel zu")


def test_cancel_meeting_that_has_begun_is_refused(cast, meeting_a):
    with pytest.raises(ValidationError) as error:
        cancel_meeting(meeting=meeting_a, reason="Zu spät", actor=cast["moderator"])
    meeting_a.refresh_from_db()
    assert error.value.message_dict == {
        "reason": [de("A meeting that has begun cannot be cancelled.")]
    }
    assert meeting_a.is_cancelled is False


@pytest.mark.parametrize(
    ("reason", "cancelled", "message"),
    [
        ("", False, "Please give a reason for cancelling."),
        ("Nochmal", True, "This meeting is already cancelled."),
    ],
)
def test_cancel_meeting_refusals_say_why(cast, coming_meeting_a, reason, cancelled, message):
    meeting = coming_meeting_a
    Meeting.objects.filter(pk=meeting.pk).update(is_cancelled=cancelled, cancel_reason="Erst")
    meeting.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        cancel_meeting(meeting=meeting, reason=reason, actor=cast["moderator"])
    assert error.value.message_dict == {"reason": [de(message)]}
    assert AuditEntry.objects.filter(action="meeting.cancel").count() == 0


def test_cancel_meeting_by_a_member_is_refused(cast, meeting_a):
    with pytest.raises(PermissionDenied):
        cancel_meeting(meeting=meeting_a, reason="Keine Lust", actor=cast["member"])
    meeting_a.refresh_from_db()
    assert meeting_a.is_cancelled is False


# ---------------------------------------------------------------- holidays


def test_add_holiday_cancels_only_series_meetings_with_empty_register(cast, group_a, group_b):
    day = datetime.date(2026, 12, 24)
    series_a = f.MeetingSeriesFactory(group=group_a, first_date=day)
    series_b = f.MeetingSeriesFactory(group=group_b, first_date=day)
    empty = f.MeetingFactory(group=group_a, series=series_a, occurrence_date=day)
    recorded = f.MeetingFactory(group=group_b, series=series_b, occurrence_date=day)
    f.AttendanceRecordFactory(meeting=recorded, person=cast["member2"].person)
    one_off = f.MeetingFactory(group=group_a, occurrence_date=day, title="Weihnachtsfeier")
    add_holiday(date=day, name="Heiligabend", actor=cast["office"])
    assert dict(Meeting.objects.values_list("pk", "is_cancelled")) == {
        empty.pk: True,
        recorded.pk: False,
        one_off.pk: False,
    }


def test_add_holiday_twice_is_refused(cast):
    add_holiday(date=datetime.date(2026, 12, 24), name="Heiligabend", actor=cast["office"])
    with pytest.raises(ValidationError) as error:
        add_holiday(date=datetime.date(2026, 12, 24), name="Nochmal", actor=cast["office"])
    assert error.value.message_dict == {"date": [de("This day is already a holiday.")]}
    assert list(Holiday.objects.values_list("name", flat=True)) == ["Heiligabend"]


@pytest.mark.parametrize("who", ["moderator", "board", "member"])
def test_add_holiday_by_others_is_refused(cast, who):
    with pytest.raises(PermissionDenied):
        add_holiday(date=datetime.date(2026, 12, 24), name="Frei", actor=cast[who])
    assert Holiday.objects.count() == 0
