"""Referrals and one-to-ones in the audit log: the code, the kind and the status only, and
the audit page shows them to nobody (the parties' business); the rows stay in the database."""

# The cast's fixtures are imported from referral_cast (the package's conftest is shared).
# ruff: noqa: F811

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from tests import factories as f
from tests.conftest import client_for
from tests.office.conftest import options
from tests.pages.html import de, rows
from tests.referrals.referral_cast import CUSTOMER, outsider, receiver, referral  # noqa: F401
from verbund.common.models import AuditEntry
from verbund.network.models import NetworkRoleKind
from verbund.referrals.services import (
    answer_one_to_one,
    change_status,
    confirm_closed_business,
    pass_referral,
    record_held,
    request_one_to_one,
)


def _changes(action):
    return [(e.object_repr, e.changes) for e in AuditEntry.objects.filter(action=action)]


def test_referral_entries_hold_code_kind_and_status_only(member, receiver, group_a):
    meeting = f.MeetingFactory(group=group_a, occurrence_date=timezone.localdate())
    referral = pass_referral(
        actor=member,
        kind="tip",
        need="Firewall",
        temperature=5,
        parties=[(receiver.person, "receiver", None)],
        meeting=meeting,
        **CUSTOMER,
    )
    change_status(referral=referral, to_status="won", actor=receiver, note="Eva ist froh")
    confirm_closed_business(
        referral=referral, value=Decimal("12500.00"), thank_you="Danke", actor=receiver
    )
    code = referral.code
    assert _changes("referral.pass") == [(code, {"kind": "tip", "status": "new"})]
    assert _changes("referral.status") == [(code, {"status": ["new", "won"]})]
    assert _changes("referral.closed_business") == [(code, {"closed_business": True})]


def test_one_to_one_entries_hold_code_and_status_only(member, moderator):
    one_to_one = request_one_to_one(
        partner=moderator.person,
        proposed_for=timezone.now() + datetime.timedelta(days=3),
        message="Hallo",
        actor=member,
    )
    answer_one_to_one(one_to_one=one_to_one, accept=True, actor=moderator)
    record_held(one_to_one=one_to_one, held_on=timezone.localdate(), note="Gut", actor=member)
    code = one_to_one.code
    entries = [(e.action, e.object_repr, e.changes) for e in AuditEntry.objects.order_by("pk")]
    assert entries == [
        ("one_to_one.request", code, {"status": "requested"}),
        ("one_to_one.accepted", code, {"status": ["requested", "accepted"]}),
        ("one_to_one.held", code, {"status": ["accepted", "held"]}),
    ]


@pytest.fixture
def logged(member, receiver, moderator, referral):
    """A referral and a one-to-one logged, plus one company entry the page does show."""
    request_one_to_one(partner=moderator.person, actor=member)
    f.AuditEntryFactory(
        actor_repr="office@example.org",
        action="company.update",
        object_type="members.company",
        object_repr="Alpen IT Service GmbH",
        changes={},
    )


def _office_on_board(company_b):
    person = f.PersonFactory(company=company_b, user=f.UserFactory(email="ob@example.org"))
    for kind in (NetworkRoleKind.OFFICE, NetworkRoleKind.BOARD):
        f.NetworkRoleFactory(person=person, kind=kind)
    f.enable_totp(person.user)
    return person.user


@pytest.mark.parametrize("who", ["office", "office_board"])
def test_audit_page_shows_no_referrals_nor_one_to_ones(who, office, company_b, logged):
    user = office if who == "office" else _office_on_board(company_b)
    for query in ("", "?object_type=referrals.referral", "?object_type=referrals.onetoonemeeting"):
        response = client_for(user).get(f"/office/audit/{query}")
        shown = [row[2] for row in rows(response, "audit-entries") or []]
        assert (query, response.status_code, shown) == (
            query,
            200,
            ["company.update"] if not query else [],
        )
    assert (options(response, "action"), options(response, "object_type")) == (
        [de("All actions"), "company.update"],
        [de("All object types"), "members.company"],
    )
    kept = AuditEntry.objects.filter(object_type__startswith="referrals.").count()
    assert kept == 2
