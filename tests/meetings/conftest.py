"""Meetings of the cast's groups, around a fixed "now" (Friday 2026-11-20, Berlin)."""

import datetime

import pytest

from tests import factories as f

PAST = datetime.date(2026, 11, 6)  # a Friday two weeks before
TODAY = datetime.date(2026, 11, 20)  # a Friday, the meeting day
NEXT = datetime.date(2026, 12, 4)


@pytest.fixture
def past_meeting_a(group_a):
    return f.MeetingFactory(group=group_a, occurrence_date=PAST)


@pytest.fixture
def meeting_a(group_a):
    """Today's meeting of group A (07:30-09:30)."""
    return f.MeetingFactory(group=group_a, occurrence_date=TODAY)


@pytest.fixture
def next_meeting_a(group_a):
    return f.MeetingFactory(group=group_a, occurrence_date=NEXT)


@pytest.fixture
def meeting_b(group_b):
    return f.MeetingFactory(group=group_b, occurrence_date=TODAY, venue="Zeughaus Augsburg")


@pytest.fixture
def during_meeting():
    """08:00 on the meeting day: services take `now=`; views are tested with a meeting
    placed around the real time instead."""
    return f._berlin(TODAY, 8, 0)
