"""Races on PostgreSQL: two receivers of a joint deal moving the status at once, and two
confirmations of the same closed business at once."""

from decimal import Decimal

import pytest

from tests import factories as f
from tests.races.concurrency import postgres_only, run_concurrently
from verbund.referrals.models import ClosedBusiness, Referral, StatusChange
from verbund.referrals.services import change_status, confirm_closed_business, pass_referral

pytestmark = postgres_only


def _joint_deal():
    f.NetworkFactory()
    giver, lead, specialist = (f.PersonFactory() for _ in range(3))
    deal = pass_referral(
        actor=None,
        giver=giver,
        kind="joint_deal",
        need="Rechenzentrum",
        temperature=5,
        customer_name="Eva Kunde",
        parties=[(lead, "lead", None), (specialist, "specialist", None)],
        mail=False,
    )
    return deal, lead.user, specialist.user


@pytest.mark.django_db(transaction=True)
def test_two_allowed_steps_at_once_both_land_in_sequence():
    deal, lead, specialist = _joint_deal()
    outcomes = run_concurrently(
        lambda: change_status(referral=deal, to_status="contacted", actor=lead, mail=False),
        lambda: change_status(referral=deal, to_status="offer", actor=specialist, mail=False),
    )
    steps = {(c.from_status, c.to_status) for c in StatusChange.objects.all()}
    deal.refresh_from_db()
    # Either order ends at "offer": only the outcomes tell which one came first.
    if outcomes == ["ok", "ok"]:  # contacted first, then offer
        assert (deal.status, steps) == ("offer", {("new", "contacted"), ("contacted", "offer")})
    else:  # offer first: contacted is a step back, refused
        assert (deal.status, steps) == ("offer", {("new", "offer")})
        assert outcomes == [
            {"status": ["This referral is “Offer made”; it cannot become “Contacted”."]},
            "ok",
        ]


@pytest.mark.django_db(transaction=True)
def test_the_same_step_twice_at_once_lands_once():
    deal, lead, specialist = _joint_deal()
    outcomes = run_concurrently(
        lambda: change_status(referral=deal, to_status="won", actor=lead, mail=False),
        lambda: change_status(referral=deal, to_status="won", actor=specialist, mail=False),
    )
    assert sorted(outcomes, key=str) == sorted(
        ["ok", {"status": ["This referral is “Won”; it cannot become “Won”."]}], key=str
    )
    assert StatusChange.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_confirmations_at_once_record_one():
    deal, lead, specialist = _joint_deal()
    change_status(referral=deal, to_status="won", actor=lead, mail=False)
    outcomes = run_concurrently(
        lambda: confirm_closed_business(
            referral=deal, value=Decimal("100.00"), actor=lead, mail=False
        ),
        lambda: confirm_closed_business(
            referral=deal, value=Decimal("200.00"), actor=specialist, mail=False
        ),
    )
    message = {"value": ["The closed business of this referral has already been confirmed."]}
    assert sorted(outcomes, key=str) == sorted(["ok", message], key=str)
    assert (ClosedBusiness.objects.count(), Referral.objects.get().status) == (1, "won")
