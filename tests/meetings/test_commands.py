"""The periodic commands a timer runs: each is idempotent (the second run does nothing)."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from tests import factories as f
from verbund.meetings.models import AttendanceNotice, Meeting


@pytest.fixture(autouse=True)
def _english():
    """The commands' summaries are asserted in English (they print in the active language)."""
    with translation.override("en"):
        yield


def _run(command: str, *args: str) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue().strip()


def _in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def test_generate_meetings_twice_creates_them_once(group_a, group_b):
    f.MeetingSeriesFactory(group=group_a, first_date=_in_days(0), interval_weeks=2)
    f.MeetingSeriesFactory(group=group_b, first_date=_in_days(-7), interval_weeks=4)
    assert (_run("generate_meetings"), _run("generate_meetings")) == (
        "11 meetings created.",
        "0 meetings created.",
    )
    assert sorted(
        Meeting.objects.filter(group=group_b).values_list("occurrence_date", flat=True)
    ) == [_in_days(-7 + 28 * i) for i in range(4)]


def test_generate_meetings_weeks_option(group_a):
    f.MeetingSeriesFactory(group=group_a, first_date=_in_days(0), interval_weeks=1)
    assert (_run("generate_meetings", "--weeks", "2"), Meeting.objects.count()) == (
        "3 meetings created.",
        3,
    )


def test_send_reminders_twice_mails_once(cast, group_a, django_capture_on_commit_callbacks):
    f.MeetingFactory(group=group_a, occurrence_date=_in_days(1))
    f.MeetingFactory(group=group_a, occurrence_date=_in_days(2))
    with django_capture_on_commit_callbacks(execute=True):
        first = _run("send_reminders")
    with django_capture_on_commit_callbacks(execute=True):
        second = _run("send_reminders")
    assert (first, second) == ("3 reminders sent.", "0 reminders sent.")
    assert sorted(m.to[0] for m in mail.outbox) == [
        "colleague@example.org",
        "member@example.org",
        "moderator@example.org",
    ]


def test_evaluate_attendance_twice_sends_one_notice(
    cast, group_a, django_capture_on_commit_callbacks
):
    person = cast["member"].person
    for weeks in (6, 4, 2):
        meeting = f.MeetingFactory(
            group=group_a,
            occurrence_date=_in_days(-7 * weeks),
            register_state="completed",
            completed_at=timezone.now(),
        )
        f.AttendanceRecordFactory(meeting=meeting, person=person, status="absent")
    with django_capture_on_commit_callbacks(execute=True):
        first = _run("evaluate_attendance")
    with django_capture_on_commit_callbacks(execute=True):
        second = _run("evaluate_attendance")
    assert (first, second) == ("1 attendance notices sent.", "0 attendance notices sent.")
    assert list(AttendanceNotice.objects.values_list("person", "level", "unexcused")) == [
        (person.pk, "at_limit", 3)
    ]
    assert [m.to[0] for m in mail.outbox] == ["member@example.org", "moderator@example.org"]


def test_evaluate_attendance_on_a_day(cast, group_a):
    person = cast["member"].person
    for day in (datetime.date(2026, 1, 9), datetime.date(2026, 1, 23), datetime.date(2026, 2, 6)):
        meeting = f.MeetingFactory(group=group_a, occurrence_date=day, register_state="completed")
        f.AttendanceRecordFactory(meeting=meeting, person=person, status="absent")
    before = _run("evaluate_attendance", "--on", "2026-01-30")
    after = _run("evaluate_attendance", "--on", "2026-02-06")
    assert (before, after) == ("0 attendance notices sent.", "1 attendance notices sent.")


def test_evaluate_attendance_bad_day_says_why(db):
    with pytest.raises(CommandError) as error:
        _run("evaluate_attendance", "--on", "06.02.2026")
    assert (str(error.value), AttendanceNotice.objects.count()) == (
        "Please give the day as YYYY-MM-DD.",
        0,
    )
