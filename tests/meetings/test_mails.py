"""The meetings' e-mails: subject, text and HTML, rendered in the recipient's language."""

import datetime

import pytest
from django.core import mail
from django.utils import translation

from tests import factories as f
from verbund.common.mail import render_mail
from verbund.meetings.models import AttendanceNotice
from verbund.meetings.services import add_action_item
from verbund.network.queries import get_network

DECEMBER = datetime.date(2026, 12, 4)
TEMPLATES = [
    "meetings/mail/reminder",
    "meetings/mail/action_item",
    "meetings/mail/attendance_notice",
    "meetings/mail/attendance_notice_moderator",
]


@pytest.fixture
def context(cast, group_a):
    meeting = f.MeetingFactory(
        group=group_a, occurrence_date=DECEMBER, title="Frühstück <Spezial> & Co"
    )
    person = cast["member"].person
    notice = AttendanceNotice.objects.create(
        person=person, group=group_a, meeting=meeting, level="over_limit", unexcused=4
    )
    item = f.ActionItemFactory(meeting=meeting, owner=person, owner_name="")
    return {
        "meeting": meeting,
        "person": person,
        "group": group_a,
        "notice": notice,
        "network": get_network(),
        "item": item,
        "moderator": cast["moderator"].person,
    }


def _gettext(language, message, **values):
    with translation.override(language):
        return translation.gettext(message) % values


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize(("language", "day"), [("de", "4. Dezember 2026"), ("en", "Dec. 4, 2026")])
def test_mail_renders_in_the_recipients_language(context, template, language, day):
    subject, text, html = render_mail(template, context, language)
    assert (subject.strip() == subject, "\n" in subject, subject != "") == (True, False, True)
    assert (day in text, day in html) == (True, True)
    assert html.startswith(f'<!DOCTYPE html>\n\n<html lang="{language}">')
    assert ("{%" in text + html, "{{" in text + html) == (False, False)


@pytest.mark.parametrize("template", ["meetings/mail/reminder", "meetings/mail/action_item"])
def test_mail_escapes_html_but_not_text(context, template):
    _subject, text, html = render_mail(template, context, "de")
    assert ("Frühstück <Spezial> & Co" in text, "Frühstück &lt;Spezial&gt; &amp; Co" in html) == (
        True,
        True,
    )
    assert "<Spezial>" not in html


def test_mail_notice_subjects_by_level(context):
    group = "Ortsgruppe München-Nord"
    subjects = {}
    for level in ("at_limit", "over_limit"):
        context["notice"].level = level
        subjects[level] = (
            render_mail("meetings/mail/attendance_notice", context, "en")[0],
            render_mail("meetings/mail/attendance_notice_moderator", context, "en")[0],
        )
    assert subjects == {
        "at_limit": (
            f"Your attendance in {group}: at the limit",
            f"Attendance in {group}: Maria Huber is at the limit",
        ),
        "over_limit": (
            f"Your attendance in {group}: over the limit",
            f"Attendance in {group}: Maria Huber is over the limit",
        ),
    }


def test_mail_notice_text_in_english(context):
    _subject, text, _html = render_mail("meetings/mail/attendance_notice", context, "en")
    group = context["group"]
    assert text.splitlines() == [
        "Hello Maria Huber,",
        "",
        "after the meeting on Dec. 4, 2026 you have 4 unexcused absences in "
        "Ortsgruppe München-Nord.",
        "The network's rule allows at most 3 in a rolling 6 months.",
        "",
        "You are over the limit. The group's moderator has been told and will talk with you "
        "about it.",
        "",
        "Your meetings and answers:",
        "",
        f"http://127.0.0.1:8000/groups/{group.code}/meetings/",
        "",
        "Best regards",
        "Verbund",
        "",
    ]


def test_action_item_owner_gets_a_mail_in_their_language(
    cast, meeting_a, django_capture_on_commit_callbacks
):
    cast["member"].language = "en"
    cast["member"].save()
    owner = cast["member"].person
    data = {"title": "Angebot schicken", "owner": owner, "due_on": DECEMBER}
    with django_capture_on_commit_callbacks(execute=True):
        add_action_item(meeting=meeting_a, data=data, actor=cast["moderator"])
    (message,) = mail.outbox
    assert (message.to, message.subject) == (
        ["member@example.org"],
        "Action item for you: Angebot schicken",
    )
    assert message.body.splitlines()[:6] == [
        "Hello Maria Huber,",
        "",
        'in the meeting "Unternehmerfrühstück" of Ortsgruppe München-Nord on Nov. 20, 2026 '
        "you took on this action item:",
        "",
        "Angebot schicken",
        "Due on Dec. 4, 2026.",
    ]


def test_action_item_for_an_external_owner_sends_no_mail(
    cast, meeting_a, django_capture_on_commit_callbacks
):
    data = {"title": "Ansprechpartner klären", "owner_name": "Partnermanager (Gast)"}
    with django_capture_on_commit_callbacks(execute=True):
        add_action_item(meeting=meeting_a, data=data, actor=cast["moderator"])
    assert mail.outbox == []


def test_mail_subject_in_german_uses_the_catalogue(context):
    subject = render_mail("meetings/mail/action_item", context, "de")[0]
    assert subject == _gettext("de", "Action item for you: %(title)s", title=context["item"].title)
