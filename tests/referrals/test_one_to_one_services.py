"""One-to-ones, the services: requesting, answering, cancelling, holding — every step of the
table allowed or refused, duplicates refused, the mail to the partner, the held count."""

import datetime

import factory
import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from tests import factories as f
from verbund.common.models import AuditEntry
from verbund.members.models import CompanyStatus
from verbund.referrals.models import ONE_TO_ONE_TRANSITIONS, OneToOneMeeting, OneToOneStatus
from verbund.referrals.services import (
    answer_one_to_one,
    cancel_one_to_one,
    one_to_one_counts,
    record_held,
    request_one_to_one,
)


@pytest.fixture(autouse=True)
def _english():
    """The services' messages are asserted in English here; the pages test the German ones."""
    with translation.override("en"):
        yield


class OneToOneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OneToOneMeeting

    requested_by = factory.SubFactory(f.PersonFactory)
    partner = factory.SubFactory(f.PersonFactory)
    message = "Ich würde gern Ihr Geschäft kennenlernen."


@pytest.fixture
def one_to_one(member, moderator):
    """Maria Huber (member) asked Stefan Eich (moderator, another company of group A)."""
    return OneToOneFactory(requested_by=member.person, partner=moderator.person)


def _errors(raised) -> dict:
    return raised.value.message_dict


def test_request_creates_audits_and_mails_the_partner_in_german(
    member, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        created = request_one_to_one(
            partner=moderator.person,
            proposed_for=None,
            message="Vertrauliches zu meinem Kunden",
            actor=member,
        )
    assert created.status == OneToOneStatus.REQUESTED
    assert created.requested_by == member.person
    entry = AuditEntry.objects.get(action="one_to_one.request")
    # The code and the status only: not who asks whom, not the message.
    assert (entry.object_id, entry.object_repr, entry.changes) == (
        created.code,
        created.code,
        {"status": "requested"},
    )
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["moderator@example.org"]
    assert sent.subject == "Maria Huber bittet Sie um ein Einzelgespräch"
    assert sent.body.startswith("Guten Tag Stefan Eich,")
    assert f"/one-to-ones/{created.code}/" in sent.body
    # The message stays in Verbund: the mail leaves the system.
    assert "Vertrauliches" not in sent.body
    assert "Vertrauliches" not in sent.alternatives[0][0]


def test_request_mail_in_the_partners_language(
    member, moderator, django_capture_on_commit_callbacks
):
    moderator.language = "en"
    moderator.save()
    with django_capture_on_commit_callbacks(execute=True):
        request_one_to_one(partner=moderator.person, actor=member)
    assert mail.outbox[0].body.startswith("Hello Stefan Eich,")


def test_colleague_needs_no_one_to_one(member, colleague):
    with pytest.raises(ValidationError) as raised:
        request_one_to_one(partner=colleague.person, actor=member)
    assert _errors(raised) == {
        "partner": ["Colleagues of the same company do not need a one-to-one."]
    }
    assert OneToOneMeeting.objects.count() == 0
    assert AuditEntry.objects.filter(action__startswith="one_to_one").count() == 0


@pytest.mark.parametrize("who", ["office", "inactive"])
def test_partner_must_be_of_an_active_member_company(who, member, office, moderator):
    partner = office.person
    if who == "inactive":
        partner = moderator.person
        partner.company.status = CompanyStatus.SUSPENDED
        partner.company.save()
    with pytest.raises(ValidationError) as raised:
        request_one_to_one(partner=partner, actor=member)
    assert _errors(raised) == {
        "partner": ["One-to-ones are between people of active member companies."]
    }
    assert OneToOneMeeting.objects.count() == 0


@pytest.mark.parametrize("who", ["office", "guest"])
def test_only_members_request(who, cast, moderator):
    with pytest.raises(PermissionDenied):
        request_one_to_one(partner=moderator.person, actor=cast[who])
    assert OneToOneMeeting.objects.count() == 0


@pytest.mark.parametrize("status", [OneToOneStatus.REQUESTED, OneToOneStatus.ACCEPTED])
@pytest.mark.parametrize("direction", ["same", "reverse"])
def test_second_open_one_to_one_between_the_two_is_refused(
    status, direction, member, moderator, one_to_one
):
    one_to_one.status = status
    one_to_one.save()
    actor, partner = (member, moderator) if direction == "same" else (moderator, member)
    with pytest.raises(ValidationError) as raised:
        request_one_to_one(partner=partner.person, actor=actor)
    assert _errors(raised) == {
        "partner": [f"You already have an open one-to-one with {partner.person.full_name}."]
    }
    assert OneToOneMeeting.objects.count() == 1


@pytest.mark.parametrize(
    "status", [OneToOneStatus.DECLINED, OneToOneStatus.HELD, OneToOneStatus.CANCELLED]
)
def test_a_closed_one_to_one_allows_a_new_request(status, member, moderator, one_to_one):
    one_to_one.status = status
    one_to_one.save()
    request_one_to_one(partner=moderator.person, actor=member)
    assert OneToOneMeeting.objects.count() == 2


# Each step: the service call by a person allowed to take it, and the status it leads to.
STEPS = {
    "accept": OneToOneStatus.ACCEPTED,
    "decline": OneToOneStatus.DECLINED,
    "cancel": OneToOneStatus.CANCELLED,
    "held": OneToOneStatus.HELD,
}


def _take(step: str, one_to_one, requester, partner):
    if step == "accept":
        return answer_one_to_one(one_to_one=one_to_one, accept=True, actor=partner)
    if step == "decline":
        return answer_one_to_one(one_to_one=one_to_one, accept=False, actor=partner)
    if step == "cancel":
        return cancel_one_to_one(one_to_one=one_to_one, actor=requester)
    return record_held(
        one_to_one=one_to_one, held_on=timezone.localdate(), note="Gute Gespräche", actor=partner
    )


@pytest.mark.parametrize("step", list(STEPS))
@pytest.mark.parametrize("status", OneToOneStatus.values)
def test_every_step_follows_the_table(status, step, member, moderator, one_to_one):
    one_to_one.status = status
    one_to_one.save()
    target = STEPS[step]
    if target in ONE_TO_ONE_TRANSITIONS[status]:
        moved = _take(step, one_to_one, member, moderator)
        assert moved.status == target
        entry = AuditEntry.objects.get(action=f"one_to_one.{target}")
        assert entry.changes["status"] == [status, target]
        assert "Gute Gespräche" not in str(entry.changes)
    else:
        with pytest.raises(ValidationError) as raised:
            _take(step, one_to_one, member, moderator)
        assert list(_errors(raised)) == ["status"]
        one_to_one.refresh_from_db()
        assert one_to_one.status == status
        assert one_to_one.held_on is None
        assert AuditEntry.objects.count() == 0


def test_refused_step_names_both_statuses(member, one_to_one):
    one_to_one.status = OneToOneStatus.DECLINED
    one_to_one.save()
    with pytest.raises(ValidationError) as raised:
        cancel_one_to_one(one_to_one=one_to_one, actor=member)
    assert _errors(raised) == {"status": ["A one-to-one that is Declined cannot become Cancelled."]}


@pytest.mark.parametrize("who", ["member", "colleague", "member2", "office", "board", "guest"])
def test_only_the_partner_answers(who, cast, one_to_one):
    with pytest.raises(PermissionDenied):
        answer_one_to_one(one_to_one=one_to_one, accept=True, actor=cast[who])
    one_to_one.refresh_from_db()
    assert one_to_one.status == OneToOneStatus.REQUESTED


@pytest.mark.parametrize("who", ["member", "moderator"])
def test_either_person_cancels(who, cast, one_to_one):
    cancelled = cancel_one_to_one(one_to_one=one_to_one, actor=cast[who])
    assert cancelled.status == OneToOneStatus.CANCELLED


@pytest.mark.parametrize("who", ["colleague", "member2", "office", "board", "guest"])
def test_nobody_else_cancels_or_records(who, cast, one_to_one):
    one_to_one.status = OneToOneStatus.ACCEPTED
    one_to_one.save()
    with pytest.raises(PermissionDenied):
        cancel_one_to_one(one_to_one=one_to_one, actor=cast[who])
    with pytest.raises(PermissionDenied):
        record_held(one_to_one=one_to_one, held_on=timezone.localdate(), actor=cast[who])
    one_to_one.refresh_from_db()
    assert one_to_one.status == OneToOneStatus.ACCEPTED


@pytest.mark.parametrize("who", ["member", "moderator"])
def test_either_person_records_it_held_with_a_note(who, cast, one_to_one):
    one_to_one.status = OneToOneStatus.ACCEPTED
    one_to_one.save()
    day = timezone.localdate() - datetime.timedelta(days=2)
    held = record_held(one_to_one=one_to_one, held_on=day, note="Viel gelernt", actor=cast[who])
    held.refresh_from_db()
    assert (held.status, held.held_on, held.note) == (OneToOneStatus.HELD, day, "Viel gelernt")
    entry = AuditEntry.objects.get(action="one_to_one.held")
    # The status only: the date and the note are the two people's.
    assert entry.changes == {"status": ["accepted", "held"]}


def test_held_not_in_the_future(member, one_to_one):
    one_to_one.status = OneToOneStatus.ACCEPTED
    one_to_one.save()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as raised:
        record_held(one_to_one=one_to_one, held_on=tomorrow, actor=member)
    assert _errors(raised) == {"held_on": ["A one-to-one cannot be held in the future."]}
    one_to_one.refresh_from_db()
    assert (one_to_one.status, one_to_one.held_on) == (OneToOneStatus.ACCEPTED, None)


def test_held_count_for_both_people_since_a_day(member, moderator, member2):
    today = timezone.localdate()
    for days, partner in [(10, moderator), (40, member2), (400, moderator)]:
        OneToOneFactory(
            requested_by=member.person,
            partner=partner.person,
            status=OneToOneStatus.HELD,
            held_on=today - datetime.timedelta(days=days),
        )
    OneToOneFactory(
        requested_by=moderator.person, partner=member.person, status=OneToOneStatus.ACCEPTED
    )
    since = today - datetime.timedelta(days=183)
    assert one_to_one_counts(member.person, since) == 2
    assert one_to_one_counts(moderator.person, since) == 1
    assert one_to_one_counts(member2.person, since) == 1
    assert one_to_one_counts(member2.person, today - datetime.timedelta(days=30)) == 0
