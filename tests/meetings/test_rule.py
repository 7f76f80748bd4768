"""The attendance rule: counting by the network's settings, one notice per crossing, mails in
each recipient's language."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone, translation

from tests import factories as f
from verbund.meetings.models import AttendanceNotice
from verbund.meetings.queries import standing
from verbund.meetings.services import (
    complete_register,
    evaluate_all_groups,
    evaluate_attendance,
)
from verbund.network.models import GroupRoleKind, Network

# Four Fridays inside one six-month window; the last is in December, whose name differs
# between German and English (so a mail's language shows even without a catalogue entry).
DAYS = [
    datetime.date(2026, 9, 25),
    datetime.date(2026, 10, 23),
    datetime.date(2026, 11, 20),
    datetime.date(2026, 12, 4),
]


def _completed(group, day, records):
    """A meeting with a completed register holding `records` ({person: status})."""
    meeting = f.MeetingFactory(
        group=group, occurrence_date=day, register_state="completed", completed_at=timezone.now()
    )
    for person, status in records.items():
        f.AttendanceRecordFactory(meeting=meeting, person=person, status=status)
    return meeting


def _history(group, person, statuses, days=DAYS):
    return [
        _completed(group, day, {person: status})
        for day, status in zip(days[: len(statuses)], statuses, strict=True)
    ]


def _notices():
    return list(
        AttendanceNotice.objects.order_by("pk").values_list(
            "person__last_name", "group__name", "meeting__occurrence_date", "level", "unexcused"
        )
    )


def _ngettext(language, singular, plural, number, **values):
    with translation.override(language):
        return translation.ngettext(singular, plural, number) % values


def _gettext(language, message, **values):
    with translation.override(language):
        return translation.gettext(message) % values


@pytest.fixture
def english_moderator(cast):
    cast["moderator"].language = "en"
    cast["moderator"].save()
    return cast["moderator"]


@pytest.fixture
def person(cast):
    return cast["member"].person


def _set_network(**settings):
    Network.objects.update(**settings)


# ---------------------------------------------------------------- counting


def test_standing_levels_by_unexcused_absences(cast, group_a, person):
    _history(group_a, person, ["absent", "absent", "present", "absent"])
    assert [standing(person, group_a, on=day).level for day in (DAYS[0], DAYS[1], DAYS[3])] == [
        "ok",
        "ok",
        "at_limit",
    ]
    _completed(group_a, datetime.date(2026, 12, 18), {person: "absent"})
    found = standing(person, group_a, on=datetime.date(2026, 12, 18))
    assert (found.level, found.unexcused, found.allowed, found.counted_meetings) == (
        "over_limit",
        4,
        3,
        5,
    )


def test_standing_ignores_excused_draft_and_old_meetings(cast, group_a, person):
    _history(group_a, person, ["absent", "excused", "absent", "absent"])
    f.MeetingFactory(group=group_a, occurrence_date=datetime.date(2026, 11, 27))
    old = _completed(group_a, datetime.date(2026, 5, 29), {person: "absent"})
    draft = f.MeetingFactory(group=group_a, occurrence_date=datetime.date(2026, 11, 13))
    f.AttendanceRecordFactory(meeting=draft, person=person, status="absent")
    found = standing(person, group_a, on=DAYS[3])
    assert (found.unexcused, found.counted_meetings, old.occurrence_date < DAYS[0]) == (3, 4, True)


@pytest.mark.parametrize(
    ("status", "setting", "counted"),
    [
        ("late", {"late_counts_present": True}, 2),
        ("late", {"late_counts_present": False}, 3),
        ("substitute", {"substitute_counts_present": True}, 2),
        ("substitute", {"substitute_counts_present": False}, 3),
    ],
)
def test_rule_counts_late_and_substitute_by_the_network_settings(
    cast, group_a, person, status, setting, counted
):
    _set_network(**setting)
    meetings = _history(group_a, person, ["absent", status, "absent"])
    notices = evaluate_attendance(meeting=meetings[-1])
    assert (standing(person, group_a, on=DAYS[2]).unexcused, len(notices)) == (
        counted,
        1 if counted == 3 else 0,
    )


def test_rule_follows_the_networks_limit_and_window(cast, group_a, person):
    _set_network(attendance_max_unexcused=1, attendance_window_months=1)
    meetings = _history(group_a, person, ["absent", "present", "present", "absent"])
    evaluate_attendance(meeting=meetings[0])
    evaluate_attendance(meeting=meetings[3])
    assert _notices() == [
        ("Huber", "Ortsgruppe München-Nord", DAYS[0], "at_limit", 1),
        ("Huber", "Ortsgruppe München-Nord", DAYS[3], "at_limit", 1),
    ]


# ---------------------------------------------------------------- notices


def test_rule_at_limit_tells_member_and_moderator_each_in_their_language(
    cast, group_a, person, english_moderator, django_capture_on_commit_callbacks
):
    meetings = _history(group_a, person, ["absent", "absent", "present", "absent"])
    with django_capture_on_commit_callbacks(execute=True):
        notices = evaluate_attendance(meeting=meetings[-1])
    assert (len(notices), _notices()) == (
        1,
        [("Huber", "Ortsgruppe München-Nord", DAYS[3], "at_limit", 3)],
    )
    group = "Ortsgruppe München-Nord"
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (
            ["member@example.org"],
            _gettext("de", "Your attendance in %(group)s: at the limit", group=group),
        ),
        (
            ["moderator@example.org"],
            "Attendance in Ortsgruppe München-Nord: Maria Huber is at the limit",
        ),
    ]
    member_mail, moderator_mail = mail.outbox
    assert member_mail.body.splitlines()[2] == _ngettext(
        "de",
        "after the meeting on %(day)s you have %(unexcused)s unexcused absence in %(group)s.",
        "after the meeting on %(day)s you have %(unexcused)s unexcused absences in %(group)s.",
        3,
        day="4. Dezember 2026",
        unexcused=3,
        group=group,
    )
    assert moderator_mail.body.splitlines()[:3] == [
        "Hello Stefan Eich,",
        "",
        "after the meeting on Dec. 4, 2026, Maria Huber has 3 unexcused absences in "
        "Ortsgruppe München-Nord.",
    ]
    assert moderator_mail.alternatives[0][1] == "text/html"


def test_rule_over_limit_tells_member_and_moderator(
    cast, group_a, person, django_capture_on_commit_callbacks
):
    meetings = _history(group_a, person, ["absent"] * 4)
    with django_capture_on_commit_callbacks(execute=True):
        evaluate_attendance(meeting=meetings[-1])
    assert _notices() == [("Huber", "Ortsgruppe München-Nord", DAYS[3], "over_limit", 4)]
    assert [m.subject for m in mail.outbox] == [
        _gettext("de", "Your attendance in %(group)s: over the limit", group=group_a.name),
        _gettext(
            "de",
            "Attendance in %(group)s: %(name)s is over the limit",
            group=group_a.name,
            name="Maria Huber",
        ),
    ]


def test_rule_run_twice_sends_one_notice(cast, group_a, person, django_capture_on_commit_callbacks):
    meetings = _history(group_a, person, ["absent", "absent", "absent"])
    with django_capture_on_commit_callbacks(execute=True):
        first = evaluate_attendance(meeting=meetings[-1])
    with django_capture_on_commit_callbacks(execute=True):
        second = evaluate_attendance(meeting=meetings[-1])
        third = evaluate_all_groups(on=DAYS[2])
    assert (len(first), second, third, len(_notices()), len(mail.outbox)) == (1, [], [], 1, 2)


def test_rule_staying_at_the_limit_is_not_told_again(
    cast, group_a, person, django_capture_on_commit_callbacks
):
    """One notice per crossing: attending the next meeting leaves the member at the limit."""
    meetings = _history(group_a, person, ["absent", "absent", "absent", "present"])
    with django_capture_on_commit_callbacks(execute=True):
        for meeting in meetings[2:]:
            evaluate_attendance(meeting=meeting)
        evaluate_all_groups(on=datetime.date(2026, 12, 10))
    assert (_notices(), len(mail.outbox)) == (
        [("Huber", "Ortsgruppe München-Nord", DAYS[2], "at_limit", 3)],
        2,
    )


def test_rule_crossing_from_at_to_over_limit_is_told(cast, group_a, person):
    meetings = _history(group_a, person, ["absent", "absent", "absent", "absent"])
    evaluate_attendance(meeting=meetings[2])
    evaluate_attendance(meeting=meetings[3])
    assert [row[2:] for row in _notices()] == [
        (DAYS[2], "at_limit", 3),
        (DAYS[3], "over_limit", 4),
    ]


def test_rule_crossing_again_after_the_window_moved_on_is_told(cast, group_a, person):
    early = [datetime.date(2026, 1, 9), datetime.date(2026, 1, 23), datetime.date(2026, 2, 6)]
    first = _history(group_a, person, ["absent"] * 3, days=early)
    again = _history(group_a, person, ["absent"] * 3, days=DAYS[1:])
    evaluate_attendance(meeting=first[-1])
    evaluate_attendance(meeting=again[-1])
    assert [row[2:] for row in _notices()] == [
        (datetime.date(2026, 2, 6), "at_limit", 3),
        (DAYS[3], "at_limit", 3),
    ]


def test_rule_only_current_moderators_of_the_group_are_told(
    cast, group_a, group_b, person, django_capture_on_commit_callbacks
):
    former = f.PersonFactory(user=f.UserFactory(email="former@example.org"))
    f.GroupRoleFactory(
        group=group_a,
        person=former,
        kind=GroupRoleKind.MODERATOR,
        starts_on=datetime.date(2020, 1, 1),
        ends_on=datetime.date(2023, 12, 31),
    )
    f.GroupRoleFactory(group=group_b, kind=GroupRoleKind.MODERATOR)
    f.GroupRoleFactory(group=group_a, kind=GroupRoleKind.SECRETARY)
    meetings = _history(group_a, person, ["absent"] * 3)
    with django_capture_on_commit_callbacks(execute=True):
        evaluate_attendance(meeting=meetings[-1])
    assert [m.to for m in mail.outbox] == [["member@example.org"], ["moderator@example.org"]]


def test_rule_person_without_login_only_moderator_is_told(
    cast, group_a, django_capture_on_commit_callbacks
):
    person = f.PersonFactory(user=None, company=cast["member"].person.company)
    f.GroupMembershipFactory(group=group_a, person=person)
    meetings = _history(group_a, person, ["absent"] * 3)
    with django_capture_on_commit_callbacks(execute=True):
        notices = evaluate_attendance(meeting=meetings[-1])
    assert (len(notices), [m.to for m in mail.outbox]) == (1, [["moderator@example.org"]])


def test_evaluate_all_groups_tells_each_group_once(
    cast, group_a, group_b, person, django_capture_on_commit_callbacks
):
    other = cast["member2"].person
    _history(group_a, person, ["absent"] * 3)
    _history(group_b, other, ["absent"] * 4)
    with django_capture_on_commit_callbacks(execute=True):
        first = evaluate_all_groups(on=datetime.date(2026, 12, 10))
    with django_capture_on_commit_callbacks(execute=True):
        second = evaluate_all_groups(on=datetime.date(2026, 12, 10))
    assert (len(first), second) == (2, [])
    assert sorted(row[:2] + row[3:] for row in _notices()) == [
        ("Huber", "Ortsgruppe München-Nord", "at_limit", 3),
        ("Krenzke", "Ortsgruppe Augsburg", "over_limit", 4),
    ]
    # Group B has no moderator: only its member is told.
    assert sorted(m.to[0] for m in mail.outbox) == [
        "member2@example.org",
        "member@example.org",
        "moderator@example.org",
    ]


def test_complete_register_runs_the_rule(cast, group_a, person, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    days = [today - datetime.timedelta(weeks=w) for w in (6, 4, 2)]
    _history(group_a, person, ["absent", "absent"], days=days[:2])
    meeting = f.MeetingFactory(group=group_a, occurrence_date=days[2])
    for somebody in (cast["moderator"].person, cast["colleague"].person):
        f.AttendanceRecordFactory(meeting=meeting, person=somebody, status="present")
    with django_capture_on_commit_callbacks(execute=True):
        notices = complete_register(meeting=meeting, actor=cast["moderator"])
    assert [(n.person, n.level, n.unexcused) for n in notices] == [(person, "at_limit", 3)]
    assert [m.to[0] for m in mail.outbox] == ["member@example.org", "moderator@example.org"]
