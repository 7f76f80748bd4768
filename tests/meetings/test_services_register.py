"""RSVPs, the register (record, complete, reopen) and self check-in, at the service level."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests import factories as f
from tests.meetings.conftest import TODAY
from tests.pages.html import de
from verbund.common.models import AuditEntry
from verbund.meetings.models import AttendanceRecord, Meeting, Rsvp
from verbund.meetings.services import (
    check_in,
    complete_register,
    record_attendance,
    regenerate_checkin_code,
    reopen_register,
    set_rsvp,
)
from verbund.network.models import GroupRoleKind


def _soon(group, days=7, **extra):
    """A meeting of `group` a few days from the real now (set_rsvp uses the real clock)."""
    return f.MeetingFactory(
        group=group, occurrence_date=timezone.localdate() + datetime.timedelta(days=days), **extra
    )


def _records(meeting) -> dict[str, tuple[str, str, bool]]:
    return {
        r.person.last_name + ", " + r.person.first_name: (r.status, r.substitute_name, r.checked_in)
        for r in AttendanceRecord.objects.filter(meeting=meeting).select_related("person")
    }


def _error(call) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as error:
        call()
    return error.value.message_dict


# ---------------------------------------------------------------- RSVP


def test_rsvp_yes_then_apology_keeps_one_answer(cast, group_a):
    meeting = _soon(group_a)
    set_rsvp(meeting=meeting, answer="yes", actor=cast["member"])
    set_rsvp(meeting=meeting, answer="no", note="Kundentermin", actor=cast["member"])
    assert list(Rsvp.objects.values_list("person__last_name", "answer", "note")) == [
        ("Huber", "no", "Kundentermin")
    ]
    assert list(
        AuditEntry.objects.filter(action="meeting.rsvp").order_by("pk").values_list("changes")
    ) == [({"answer": "yes"},), ({"answer": "no"},)]


@pytest.mark.parametrize(
    ("started", "cancelled", "answer", "message"),
    [
        (True, False, "yes", "This meeting takes no more answers."),
        (False, True, "yes", "This meeting takes no more answers."),
        (False, False, "maybe", "Please answer yes or send your apologies."),
    ],
)
def test_rsvp_refusals_say_why(cast, group_a, started, cancelled, answer, message):
    meeting = _soon(group_a, days=-1 if started else 7, is_cancelled=cancelled)
    assert _error(lambda: set_rsvp(meeting=meeting, answer=answer, actor=cast["member"])) == {
        "answer": [de(message)]
    }
    assert Rsvp.objects.count() == 0


@pytest.mark.parametrize("who", ["member2", "office", "guest"])
def test_rsvp_by_someone_outside_the_group_is_refused(cast, group_a, who):
    meeting = _soon(group_a)
    with pytest.raises(PermissionDenied):
        set_rsvp(meeting=meeting, answer="yes", actor=cast[who])
    assert Rsvp.objects.count() == 0


# ---------------------------------------------------------------- recording


@pytest.fixture
def secretary(cast, group_a):
    person = cast["colleague"].person
    f.GroupRoleFactory(group=group_a, person=person, kind=GroupRoleKind.SECRETARY)
    return cast["colleague"]


def test_record_attendance_moderator_and_secretary_leave_one_record(cast, meeting_a, secretary):
    person = cast["member"].person
    record_attendance(meeting=meeting_a, person=person, status="late", actor=cast["moderator"])
    record_attendance(
        meeting=meeting_a,
        person=person,
        status="substitute",
        substitute_name=" Karl Vertreter ",
        actor=secretary,
    )
    assert _records(meeting_a) == {"Huber, Maria": ("substitute", "Karl Vertreter", False)}


def test_record_attendance_drops_the_substitute_name_for_other_statuses(cast, meeting_a):
    person = cast["member"].person
    record_attendance(
        meeting=meeting_a,
        person=person,
        status="substitute",
        substitute_name="Karl",
        actor=cast["moderator"],
    )
    record_attendance(meeting=meeting_a, person=person, status="present", actor=cast["moderator"])
    assert _records(meeting_a) == {"Huber, Maria": ("present", "", False)}


@pytest.mark.parametrize(
    ("who", "status", "name", "message"),
    [
        ("member", "substitute", "", {"substitute_name": ["Please name the substitute."]}),
        ("member", "asleep", "", {"status": ["Please choose an attendance status."]}),
        ("member2", "present", "", {"person": ["%(person)s is not on this group's register."]}),
    ],
)
def test_record_attendance_bad_input_changes_nothing(cast, meeting_a, who, status, name, message):
    person = cast[who].person
    found = _error(
        lambda: record_attendance(
            meeting=meeting_a,
            person=person,
            status=status,
            substitute_name=name,
            actor=cast["moderator"],
        )
    )
    expected = {
        field: [de(text) % {"person": person} if "%" in text else de(text) for text in texts]
        for field, texts in message.items()
    }
    assert (found, _records(meeting_a)) == (expected, {})


def test_record_attendance_in_a_completed_register_is_refused(cast, past_meeting_a):
    Meeting.objects.filter(pk=past_meeting_a.pk).update(register_state="completed")
    found = _error(
        lambda: record_attendance(
            meeting=past_meeting_a,
            person=cast["member"].person,
            status="present",
            actor=cast["moderator"],
        )
    )
    assert found == {"status": [de("The register is completed; reopen it to change it.")]}


@pytest.mark.parametrize("who", ["member", "office", "board", "member2"])
def test_record_attendance_by_others_is_refused(cast, meeting_a, who):
    with pytest.raises(PermissionDenied):
        record_attendance(
            meeting=meeting_a, person=cast["member"].person, status="present", actor=cast[who]
        )
    assert _records(meeting_a) == {}


# ---------------------------------------------------------------- completing and reopening


def test_complete_register_fills_excused_and_absent(cast, group_a):
    meeting = _soon(group_a, days=-1)
    moderator = cast["moderator"]
    record_attendance(meeting=meeting, person=moderator.person, status="present", actor=moderator)
    f.RsvpFactory(meeting=meeting, person=cast["colleague"].person, answer="no")
    f.RsvpFactory(meeting=meeting, person=cast["member"].person, answer="yes")
    notices = complete_register(meeting=meeting, actor=moderator)
    meeting.refresh_from_db()
    assert _records(meeting) == {
        "Eich, Stefan": ("present", "", False),
        "Huber, Klaus": ("excused", "", False),
        "Huber, Maria": ("absent", "", False),
    }
    assert (meeting.register_state, meeting.completed_at is not None, notices) == (
        "completed",
        True,
        [],
    )
    assert AuditEntry.objects.get(action="register.complete").changes == {"records": 3}


def test_complete_register_before_the_start_is_refused(cast, group_a):
    meeting = _soon(group_a, days=1)
    found = _error(lambda: complete_register(meeting=meeting, actor=cast["moderator"]))
    meeting.refresh_from_db()
    assert (found, meeting.register_state, _records(meeting)) == (
        {"status": [de("A register can be completed once the meeting has begun.")]},
        "draft",
        {},
    )


def test_complete_register_twice_is_refused(cast, group_a):
    meeting = _soon(group_a, days=-1)
    complete_register(meeting=meeting, actor=cast["moderator"])
    found = _error(lambda: complete_register(meeting=meeting, actor=cast["moderator"]))
    assert found == {"status": [de("The register is completed; reopen it to change it.")]}
    assert AuditEntry.objects.filter(action="register.complete").count() == 1


def test_reopen_register_with_reason_is_audited(cast, group_a):
    meeting = _soon(group_a, days=-1)
    complete_register(meeting=meeting, actor=cast["moderator"])
    reopen_register(meeting=meeting, reason="Vertreter vergessen", actor=cast["moderator"])
    meeting.refresh_from_db()
    assert (meeting.register_state, meeting.completed_at) == ("draft", None)
    assert AuditEntry.objects.get(action="register.reopen").changes == {
        "reason": "Vertreter vergessen"
    }
    record_attendance(
        meeting=meeting,
        person=cast["member"].person,
        status="substitute",
        substitute_name="Karl",
        actor=cast["moderator"],
    )
    assert _records(meeting)["Huber, Maria"] == ("substitute", "Karl", False)


def test_reopen_register_needs_a_reason_and_a_completed_register(cast, group_a):
    meeting = _soon(group_a, days=-1)
    no_reason = _error(
        lambda: reopen_register(meeting=meeting, reason=" ", actor=cast["moderator"])
    )
    draft = _error(lambda: reopen_register(meeting=meeting, reason="x", actor=cast["moderator"]))
    assert (no_reason, draft) == (
        {"reason": [de("Please give a reason for reopening the register.")]},
        {
            "status": [
                de("The register cannot change from %(old)s to %(new)s.")
                % {"old": de("Draft"), "new": de("Draft")}
            ]
        },
    )


def test_reopen_register_by_the_secretary_is_refused(cast, group_a, secretary):
    meeting = _soon(group_a, days=-1)
    complete_register(meeting=meeting, actor=secretary)
    with pytest.raises(PermissionDenied):
        reopen_register(meeting=meeting, reason="x", actor=secretary)
    meeting.refresh_from_db()
    assert meeting.register_state == "completed"


# ---------------------------------------------------------------- check-in


def _at(hour: int, minute: int) -> datetime.datetime:
    return f._berlin(TODAY, hour, minute)


def test_check_in_during_the_meeting_marks_present(cast, meeting_a, during_meeting):
    check_in(meeting=meeting_a, code=meeting_a.checkin_code, actor=cast["member"], now=_at(7, 40))
    assert _records(meeting_a) == {"Huber, Maria": ("present", "", True)}


def test_check_in_after_a_quarter_hour_marks_late(cast, meeting_a):
    check_in(meeting=meeting_a, code=meeting_a.checkin_code, actor=cast["member"], now=_at(7, 46))
    assert _records(meeting_a) == {"Huber, Maria": ("late", "", True)}


def test_check_in_opens_half_an_hour_early(cast, meeting_a):
    check_in(meeting=meeting_a, code=meeting_a.checkin_code, actor=cast["member"], now=_at(7, 0))
    assert _records(meeting_a) == {"Huber, Maria": ("present", "", True)}


@pytest.mark.parametrize("when", [(6, 59), (9, 31)])
def test_check_in_outside_the_window_changes_nothing(cast, meeting_a, when):
    found = _error(
        lambda: check_in(
            meeting=meeting_a, code=meeting_a.checkin_code, actor=cast["member"], now=_at(*when)
        )
    )
    assert found == {
        "code": [
            de("Check-in is open from 30 minutes before the start until the end of the meeting.")
        ]
    }
    assert _records(meeting_a) == {}


def test_check_in_with_a_stale_code_changes_nothing(cast, meeting_a, during_meeting):
    old = meeting_a.checkin_code
    regenerate_checkin_code(meeting=meeting_a, actor=cast["moderator"])
    found = _error(
        lambda: check_in(meeting=meeting_a, code=old, actor=cast["member"], now=during_meeting)
    )
    assert (found, _records(meeting_a)) == (
        {"code": [de("This check-in code is no longer valid.")]},
        {},
    )


def test_check_in_twice_changes_nothing(cast, meeting_a):
    code = meeting_a.checkin_code
    check_in(meeting=meeting_a, code=code, actor=cast["member"], now=_at(7, 40))
    found = _error(
        lambda: check_in(meeting=meeting_a, code=code, actor=cast["member"], now=_at(8, 30))
    )
    assert (found, _records(meeting_a)) == (
        {"code": [de("You are already checked in.")]},
        {"Huber, Maria": ("present", "", True)},
    )
    assert AuditEntry.objects.filter(action="attendance.check_in").count() == 1


def test_check_in_overrides_an_absent_mark_by_the_moderator(cast, meeting_a):
    person = cast["member"].person
    record_attendance(meeting=meeting_a, person=person, status="absent", actor=cast["moderator"])
    check_in(meeting=meeting_a, code=meeting_a.checkin_code, actor=cast["member"], now=_at(8, 0))
    assert _records(meeting_a) == {"Huber, Maria": ("late", "", True)}


@pytest.mark.parametrize("who", ["member2", "office", "guest"])
def test_check_in_outside_the_group_is_refused(cast, meeting_a, during_meeting, who):
    with pytest.raises(PermissionDenied):
        check_in(
            meeting=meeting_a, code=meeting_a.checkin_code, actor=cast[who], now=during_meeting
        )
    assert _records(meeting_a) == {}
