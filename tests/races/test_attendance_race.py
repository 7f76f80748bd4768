"""Races on PostgreSQL: two taps on the same register row, two check-ins of one member."""

import datetime

import pytest
from django.utils import timezone

from tests import factories as f
from tests.races.concurrency import postgres_only, run_concurrently
from verbund.common.models import AuditEntry
from verbund.meetings.models import AttendanceRecord
from verbund.meetings.services import check_in, record_attendance
from verbund.network.models import GroupRoleKind

pytestmark = postgres_only


@pytest.fixture
def meeting(group_a):
    """Group A's meeting today, so the register is open and check-in can be timed."""
    return f.MeetingFactory(group=group_a, occurrence_date=timezone.localdate())


@pytest.fixture
def second_moderator(group_a):
    person = f.PersonFactory(first_name="Lena", last_name="Vogt", company__home_group=group_a)
    f.GroupMembershipFactory(group=group_a, person=person)
    f.GroupRoleFactory(group=group_a, person=person, kind=GroupRoleKind.MODERATOR)
    return person.user


@pytest.mark.django_db(transaction=True)
def test_two_moderators_recording_one_member_leave_one_record(
    meeting, moderator, second_moderator, member
):
    person = member.person
    outcomes = run_concurrently(
        lambda: record_attendance(meeting=meeting, person=person, status="late", actor=moderator),
        lambda: record_attendance(
            meeting=meeting, person=person, status="excused", actor=second_moderator
        ),
    )
    records = list(
        AttendanceRecord.objects.filter(meeting=meeting).values_list("status", flat=True)
    )
    # Whichever moderator tapped last is the one the record (and the audit) shows.
    last = AuditEntry.objects.filter(action="attendance.record").latest("pk")
    assert (outcomes, records) == (["ok", "ok"], [last.changes["status"]])
    assert AuditEntry.objects.filter(action="attendance.record").count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_check_ins_of_one_member_count_once(meeting, member):
    during = meeting.starts_at + datetime.timedelta(minutes=5)
    code = meeting.checkin_code
    outcomes = run_concurrently(
        lambda: check_in(meeting=meeting, code=code, actor=member, now=during),
        lambda: check_in(meeting=meeting, code=code, actor=member, now=during),
    )
    records = list(
        AttendanceRecord.objects.filter(meeting=meeting).values_list("status", "checked_in")
    )
    assert sorted(outcomes, key=str) == sorted(
        ["ok", {"code": ["You are already checked in."]}], key=str
    )
    assert records == [("present", True)]


@pytest.mark.django_db(transaction=True)
def test_check_in_while_the_moderator_records_leaves_one_record(meeting, moderator, member):
    during = meeting.starts_at + datetime.timedelta(minutes=5)
    code = meeting.checkin_code
    outcomes = run_concurrently(
        lambda: check_in(meeting=meeting, code=code, actor=member, now=during),
        lambda: record_attendance(
            meeting=meeting, person=member.person, status="present", actor=moderator
        ),
    )
    records = list(
        AttendanceRecord.objects.filter(meeting=meeting).values_list("status", "checked_in")
    )
    assert (outcomes, records) == (["ok", "ok"], [("present", True)])
