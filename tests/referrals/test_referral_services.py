"""Referral services: passing, the status table, closed business, crediting, the reminder."""

# The cast's fixtures are imported from referral_cast (the package's conftest is shared).
# ruff: noqa: F811

import datetime
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone, translation

from tests import factories as f
from tests.referrals.referral_cast import CUSTOMER, NEED, outsider, receiver, referral  # noqa: F401
from verbund.common.models import AuditEntry
from verbund.referrals.models import (
    STATUS_TRANSITIONS,
    ClosedBusiness,
    Referral,
    ReferralStatus,
    StatusChange,
)
from verbund.referrals.services import (
    change_status,
    confirm_closed_business,
    credited_values,
    pass_referral,
    remind_untouched,
)
from verbund.referrals.services.referrals import equal_shares, split


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _pass(actor, parties, kind="introduction", **extra):
    data = {"need": NEED, "temperature": 3, **CUSTOMER, **extra}
    return pass_referral(actor=actor, kind=kind, parties=parties, **data)


def _errors(call):
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


# ---------------------------------------------------------------- passing


def test_pass_referral_stores_parties_and_mails_receiver_without_customer(
    django_capture_on_commit_callbacks, member, receiver
):
    receiver.language = "en"
    receiver.save()
    with django_capture_on_commit_callbacks(execute=True):
        referral = _pass(member, [(receiver.person, "lead", Decimal("50"))])
    party = referral.parties.get()
    assert (party.person, party.role, party.share) == (receiver.person, "receiver", Decimal("100"))
    assert (referral.giver, referral.giver_company) == (member.person, member.person.company)
    [message] = mail.outbox
    assert message.to == ["receiver@example.org"]
    assert message.subject == "A referral for you from Maria Huber"
    body = message.body + message.alternatives[0][0]
    assert NEED in message.body
    assert f"/referrals/{referral.code}/" in body
    for value in CUSTOMER.values():
        assert value not in body and value.replace("&", "&amp;") not in body
    entry = AuditEntry.objects.get(action="referral.pass")
    assert "Kunde" not in str(entry.changes) and "eva@" not in str(entry.changes)


def test_only_members_pass(office, guest, receiver):
    for actor in (office, guest):
        with pytest.raises(PermissionDenied):
            _pass(actor, [(receiver.person, "receiver", None)])
    assert Referral.objects.count() == 0


def test_receivers_not_own_company_nor_inactive(member, colleague, receiver, company_b):
    assert _errors(lambda: _pass(member, [(colleague.person, "receiver", None)])) == {
        "parties": ["Referrals go to other companies, not to your own."]
    }
    company_b.status = "suspended"
    company_b.save()
    assert _errors(lambda: _pass(member, [(receiver.person, "receiver", None)])) == {
        "parties": ["Rita Berger is not with an active member company."]
    }
    assert _errors(lambda: _pass(member, [])) == {"parties": ["Choose at least one receiver."]}
    assert Referral.objects.count() == 0


def test_bad_fields_are_refused_by_field(member, receiver):
    errors = _errors(
        lambda: _pass(
            member,
            [(receiver.person, "receiver", None)],
            kind="gift",
            need=" ",
            temperature=6,
            customer_name="",
            customer_email="nope",
        )
    )
    assert errors == {
        "kind": ["Choose a customer introduction, a tip or a joint deal."],
        "need": ["Describe the customer's need."],
        "temperature": ["Choose a temperature from 1 to 5."],
        "customer_name": ["Name the customer's contact person."],
        "customer_email": ["Enter a valid e-mail address."],
    }


def test_meeting_must_be_recent_of_givers_group(member, receiver, group_a, group_b):
    today = timezone.localdate()
    mine = f.MeetingFactory(group=group_a, occurrence_date=today)
    other = f.MeetingFactory(group=group_b, occurrence_date=today)
    old = f.MeetingFactory(group=group_a, occurrence_date=today - datetime.timedelta(weeks=9))
    message = {"meeting": ["Choose a meeting of your groups from today or the last eight weeks."]}
    for meeting in (other, old):
        parties = [(receiver.person, "receiver", None)]
        assert _errors(lambda m=meeting, p=parties: _pass(member, p, meeting=m)) == message
    assert _pass(member, [(receiver.person, "receiver", None)], meeting=mine).meeting == mine


# ---------------------------------------------------------------- joint deals


@pytest.fixture
def partners(member2, moderator, outsider):
    return [member2.person, moderator.person, outsider.person]


def test_joint_deal_equal_split_sums_to_100(member, partners):
    roles = ["lead", "subcontractor", "specialist"]
    referral = _pass(
        member, [(p, r, None) for p, r in zip(partners, roles, strict=True)], kind="joint_deal"
    )
    shares = list(referral.parties.values_list("role", "share"))
    # Largest remainder, ties to the earlier partner: the lead gets the odd cent.
    assert shares == [
        ("lead", Decimal("33.34")),
        ("subcontractor", Decimal("33.33")),
        ("specialist", Decimal("33.33")),
    ]


def test_joint_deal_refusals(member, partners):
    one = [(partners[0], "lead", None)]
    assert _errors(lambda: _pass(member, one, kind="joint_deal")) == {
        "parties": ["A joint deal needs at least two partners."]
    }
    roleless = [(partners[0], "lead", None), (partners[1], "receiver", None)]
    assert _errors(lambda: _pass(member, roleless, kind="joint_deal")) == {
        "parties": ["Give each partner of a joint deal a role: lead, subcontractor or specialist."]
    }
    wrong_sum = [(partners[0], "lead", Decimal("60")), (partners[1], "specialist", Decimal("30"))]
    assert _errors(lambda: _pass(member, wrong_sum, kind="joint_deal")) == {
        "parties": ["The partners' shares must add up to 100 %."]
    }
    assert Referral.objects.count() == 0


def test_split_is_exact():
    assert equal_shares(3) == [Decimal("33.34"), Decimal("33.33"), Decimal("33.33")]
    assert split(Decimal("10000.00"), [Decimal(1)] * 3) == [
        Decimal("3333.34"),
        Decimal("3333.33"),
        Decimal("3333.33"),
    ]


def test_credited_values_of_joint_deal_and_introduction(member, partners, referral, receiver):
    roles = ["lead", "subcontractor", "specialist"]
    deal = _pass(
        member, [(p, r, None) for p, r in zip(partners, roles, strict=True)], kind="joint_deal"
    )
    change_status(referral=deal, to_status="won", actor=partners[0].user)
    confirm_closed_business(referral=deal, value=Decimal("10000.00"), actor=partners[0].user)
    assert credited_values(deal) == {
        partners[0].company_id: Decimal("3333.34"),
        partners[1].company_id: Decimal("3333.33"),
        partners[2].company_id: Decimal("3333.33"),
    }
    # An introduction is credited to the giver's record, not the receiver's income.
    assert credited_values(referral) == {}
    change_status(referral=referral, to_status="won", actor=receiver)
    confirm_closed_business(referral=referral, value=Decimal("12500.00"), actor=receiver)
    assert credited_values(referral) == {member.person.company_id: Decimal("12500.00")}


def test_credited_values_by_given_shares(member, partners):
    parties = [(partners[0], "lead", Decimal("70")), (partners[1], "specialist", Decimal("30"))]
    deal = _pass(member, parties, kind="joint_deal")
    change_status(referral=deal, to_status="won", actor=None)
    confirm_closed_business(referral=deal, value=Decimal("999.99"), actor=None)
    assert credited_values(deal) == {
        partners[0].company_id: Decimal("699.99"),
        partners[1].company_id: Decimal("300.00"),
    }


# ---------------------------------------------------------------- status


ALL_PAIRS = [(a, b) for a in ReferralStatus.values for b in ReferralStatus.values]


@pytest.mark.parametrize(("start", "target"), ALL_PAIRS)
def test_every_transition_of_the_table(start, target, referral, receiver):
    Referral.objects.filter(pk=referral.pk).update(status=start)
    referral.refresh_from_db()
    if target in STATUS_TRANSITIONS[start]:
        change_status(referral=referral, to_status=target, actor=receiver, note="Angerufen")
        referral.refresh_from_db()
        change = StatusChange.objects.get()
        assert (referral.status, change.from_status, change.to_status, change.note) == (
            target,
            start,
            target,
            "Angerufen",
        )
    else:
        errors = _errors(lambda: change_status(referral=referral, to_status=target, actor=receiver))
        label = dict(ReferralStatus.choices)
        assert errors == {
            "status": [f"This referral is “{label[start]}”; it cannot become “{label[target]}”."]
        }
        referral.refresh_from_db()
        assert (referral.status, StatusChange.objects.count()) == (start, 0)


def test_only_receivers_change_status(cast, referral, receiver):
    for name in ("member", "member2", "colleague", "office", "board", "guest", "moderator"):
        with pytest.raises(PermissionDenied):
            change_status(referral=referral, to_status="contacted", actor=cast[name])
    assert StatusChange.objects.count() == 0


def test_status_change_mails_giver_status_only(
    django_capture_on_commit_callbacks,
    referral,
    receiver,
    member,
):
    member.language = "en"  # the mail is in the giver's language
    member.save()
    with django_capture_on_commit_callbacks(execute=True):
        change_status(referral=referral, to_status="in_talks", actor=receiver, note="Eva mag uns")
    [message] = mail.outbox
    assert message.to == ["member@example.org"]
    assert message.subject == "Your referral is now: In talks"
    assert "Eva" not in message.body and "eva@" not in message.body
    entry = AuditEntry.objects.get(action="referral.status")
    assert entry.changes == {"status": ["new", "in_talks"]}


# ---------------------------------------------------------------- closed business


def test_confirm_only_when_won_and_only_once(
    django_capture_on_commit_callbacks,
    referral,
    receiver,
):
    assert _errors(
        lambda: confirm_closed_business(referral=referral, value=Decimal("1"), actor=receiver)
    ) == {"status": ["Closed business can be confirmed only for a won referral."]}
    change_status(referral=referral, to_status="won", actor=receiver)
    with django_capture_on_commit_callbacks(execute=True):
        closed = confirm_closed_business(
            referral=referral, value=Decimal("12500.00"), thank_you="Danke, Maria!", actor=receiver
        )
    assert (closed.value, closed.thank_you, closed.confirmed_by) == (
        Decimal("12500.00"),
        "Danke, Maria!",
        receiver.person,
    )
    assert _errors(
        lambda: confirm_closed_business(referral=referral, value=Decimal("5"), actor=receiver)
    ) == {"value": ["The closed business of this referral has already been confirmed."]}
    assert ClosedBusiness.objects.count() == 1
    thanks = [m for m in mail.outbox if m.to == ["member@example.org"]][-1]
    assert "Danke, Maria!" in thanks.body


def test_confirm_refuses_bad_values_and_non_receivers(cast, referral, receiver):
    change_status(referral=referral, to_status="won", actor=receiver)
    for value in ("0", "-5", "1.234", "abc"):
        assert _errors(
            lambda v=value: confirm_closed_business(referral=referral, value=v, actor=receiver)
        ) == {"value": ["Enter a value of at least 0.01 EUR, in cents."]}
    for name in ("member", "member2", "office", "board"):
        with pytest.raises(PermissionDenied):
            confirm_closed_business(referral=referral, value=Decimal("10"), actor=cast[name])
    assert ClosedBusiness.objects.count() == 0


# ---------------------------------------------------------------- reminder


def test_reminder_once_after_14_days(django_capture_on_commit_callbacks, referral, receiver):
    changed = timezone.now() - datetime.timedelta(days=13)
    Referral.objects.filter(pk=referral.pk).update(status_changed_at=changed)
    today = timezone.localdate()
    mail.outbox.clear()
    assert remind_untouched(today) == 0
    later = today + datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_untouched(later) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_untouched(later) == 0
    assert [m.to for m in mail.outbox] == [["receiver@example.org"]]
    assert "Kunde" not in mail.outbox[0].body


def test_reminder_skips_closed_referrals_and_command_is_idempotent(
    django_capture_on_commit_callbacks,
    referral,
    receiver,
):
    old = timezone.now() - datetime.timedelta(days=30)
    Referral.objects.filter(pk=referral.pk).update(status="won", status_changed_at=old)
    assert remind_untouched() == 0
    Referral.objects.filter(pk=referral.pk).update(status="offer")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind_referrals")
        call_command("remind_referrals")
    assert len(mail.outbox) == 1


# ---------------------------------------------------------------- review fixes


ONE_RECEIVER = {
    "parties": [
        "An introduction or tip goes to one partner; for several partners choose a joint deal."
    ]
}


@pytest.mark.parametrize("kind", ["introduction", "tip"])
def test_introduction_or_tip_has_exactly_one_receiver(kind, member, partners):
    two = [(partners[0], "receiver", None), (partners[1], "receiver", None)]
    assert _errors(lambda: _pass(member, two, kind=kind)) == ONE_RECEIVER
    assert (Referral.objects.count(), AuditEntry.objects.count(), len(mail.outbox)) == (0, 0, 0)
    one = _pass(member, two[:1], kind=kind)
    assert list(one.parties.values_list("person", flat=True)) == [partners[0].pk]


def test_reminder_failed_mail_does_not_drop_the_others(
    monkeypatch, member, receiver, outsider, caplog
):
    first = _pass(member, [(receiver.person, "receiver", None)])
    second = _pass(member, [(outsider.person, "receiver", None)])
    old = timezone.now() - datetime.timedelta(days=20)
    Referral.objects.update(status_changed_at=old)
    mail.outbox.clear()
    original = mail.EmailMultiAlternatives.send

    def send(message, *args, **kwargs):
        if message.to == ["receiver@example.org"]:
            raise ConnectionRefusedError("SMTP down")
        return original(message, *args, **kwargs)

    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", send)
    assert remind_untouched() == 1
    assert [m.to for m in mail.outbox] == [["outsider@example.org"]]
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.reminded_at is None, second.reminded_at is not None) == (True, True)
    assert f"Reminder of {first.code} to person {receiver.person.pk} not sent." in caplog.text
    assert AuditEntry.objects.filter(action="referral.remind").count() == 1
    # The next run tries the failed one again, and only that one.
    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", original)
    assert remind_untouched() == 1
    assert [m.to for m in mail.outbox] == [["outsider@example.org"], ["receiver@example.org"]]


@pytest.mark.parametrize(
    ("count", "output"), [(1, "1 referral reminded."), (0, "0 referrals reminded.")]
)
def test_remind_command_counts_in_words(count, output, referral):
    old = timezone.now() - datetime.timedelta(days=20)
    Referral.objects.update(status_changed_at=old, reminded_at=None if count else old)
    out = io.StringIO()
    call_command("remind_referrals", stdout=out)
    assert out.getvalue() == output + "\n"
