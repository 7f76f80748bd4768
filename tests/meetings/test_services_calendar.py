"""The feed secret and the day-before reminders (sent once, not to those who sent apologies)."""

import datetime

import pytest
from django.core import mail
from django.utils import translation

from tests import factories as f
from tests.meetings.conftest import TODAY
from verbund.common.models import AuditEntry
from verbund.meetings.models import CalendarToken, Meeting
from verbund.meetings.services import regenerate_calendar_token, send_reminders
from verbund.meetings.services.calendar import calendar_token_for

EVENING_BEFORE = f._berlin(TODAY - datetime.timedelta(days=1), 18, 0)


def _subject(language: str, group: str) -> str:
    with translation.override(language):
        return translation.gettext("Tomorrow: %(title)s of %(group)s") % {
            "title": "Unternehmerfrühstück",
            "group": group,
        }


# ---------------------------------------------------------------- the feed secret


def test_calendar_token_for_makes_one_on_first_use_and_keeps_it(cast):
    person = cast["member"].person
    first = calendar_token_for(person)
    second = calendar_token_for(person)
    assert (first.pk, first.token, CalendarToken.objects.count()) == (second.pk, second.token, 1)
    assert len(first.token) >= 32


def test_regenerate_calendar_token_replaces_the_secret_and_is_audited(cast):
    person = cast["member"].person
    old = calendar_token_for(person).token
    new = regenerate_calendar_token(person=person, actor=cast["member"]).token
    assert (new != old, list(CalendarToken.objects.values_list("token", flat=True))) == (
        True,
        [new],
    )
    entry = AuditEntry.objects.filter(action="calendar.token").latest("pk")
    assert (entry.actor, entry.object_id) == (cast["member"], person.code)


def test_calendar_tokens_differ_between_people(cast):
    tokens = {calendar_token_for(cast[who].person).token for who in ("member", "member2")}
    assert len(tokens) == 2


# ---------------------------------------------------------------- reminders


@pytest.fixture
def english_moderator(cast):
    cast["moderator"].language = "en"
    cast["moderator"].save()
    return cast["moderator"]


def test_send_reminders_once_to_members_without_apology(
    cast, meeting_a, meeting_b, english_moderator, django_capture_on_commit_callbacks
):
    f.RsvpFactory(meeting=meeting_a, person=cast["colleague"].person, answer="no")
    f.RsvpFactory(meeting=meeting_a, person=cast["member"].person, answer="yes")
    with django_capture_on_commit_callbacks(execute=True):
        first = send_reminders(now=EVENING_BEFORE)
    with django_capture_on_commit_callbacks(execute=True):
        second = send_reminders(now=EVENING_BEFORE)
    assert (first, second) == (4, 0)
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == [
        ("board@example.org", _subject("de", "Ortsgruppe Augsburg")),
        ("member2@example.org", _subject("de", "Ortsgruppe Augsburg")),
        ("member@example.org", _subject("de", "Ortsgruppe München-Nord")),
        ("moderator@example.org", "Tomorrow: Unternehmerfrühstück of Ortsgruppe München-Nord"),
    ]
    meeting_a.refresh_from_db()
    assert meeting_a.reminder_sent_at == EVENING_BEFORE


def test_send_reminders_mail_names_time_venue_and_link(
    cast, meeting_a, english_moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_reminders(now=EVENING_BEFORE)
    message = next(m for m in mail.outbox if m.to == ["moderator@example.org"])
    assert message.body.splitlines()[:8] == [
        "Hello Stefan Eich,",
        "",
        'this is a reminder of tomorrow\'s meeting "Unternehmerfrühstück" of '
        "Ortsgruppe München-Nord on Nov. 20, 2026 at 07:30.",
        "",
        "Venue: Hotel Nordlicht, München",
        "",
        "If you cannot come, please send your apologies on the meeting's page:",
        "",
    ]
    assert f"http://127.0.0.1:8000/meetings/{meeting_a.code}/" in message.body.splitlines()
    assert message.alternatives[0][1] == "text/html"


def test_send_reminders_skips_cancelled_and_later_meetings(
    cast, group_a, meeting_a, next_meeting_a, django_capture_on_commit_callbacks
):
    Meeting.objects.filter(pk=meeting_a.pk).update(is_cancelled=True)
    with django_capture_on_commit_callbacks(execute=True):
        sent = send_reminders(now=EVENING_BEFORE)
    assert (sent, mail.outbox) == (0, [])


def test_send_reminders_skips_people_without_login(
    cast, group_a, meeting_a, django_capture_on_commit_callbacks
):
    person = f.PersonFactory(user=None, company=cast["member"].person.company)
    f.GroupMembershipFactory(group=group_a, person=person)
    with django_capture_on_commit_callbacks(execute=True):
        sent = send_reminders(now=EVENING_BEFORE)
    assert (sent, sorted(m.to[0] for m in mail.outbox)) == (
        3,
        ["colleague@example.org", "member@example.org", "moderator@example.org"],
    )
