"""Referrals with closed business for the value tests, written straight to the models (the
services' rules are tested elsewhere; here only the figures matter)."""

from decimal import Decimal

from tests import factories as f
from verbund.referrals.models import (
    ClosedBusiness,
    PartyRole,
    Referral,
    ReferralKind,
    ReferralParty,
    ReferralStatus,
)


def person_of(company):
    return f.PersonFactory(company=company)


def referral(giver, receivers, *, kind=ReferralKind.INTRODUCTION, value=None, shares=None):
    """A referral from `giver` (a Company) to `receivers` (Companies); won with closed
    business when `value` is given; `shares` per receiver for a joint deal."""
    status = ReferralStatus.WON if value is not None else ReferralStatus.NEW
    item = Referral.objects.create(
        kind=kind,
        giver=person_of(giver),
        giver_company=giver,
        need="Ein neues Netzwerk.",
        customer_name="Eva Kunde",
        status=status,
    )
    role = PartyRole.LEAD if kind == ReferralKind.JOINT_DEAL else PartyRole.RECEIVER
    for index, company in enumerate(receivers):
        share = Decimal(shares[index]) if shares else Decimal("100.00")
        ReferralParty.objects.create(
            referral=item, company=company, person=person_of(company), role=role, share=share
        )
    if value is not None:
        ClosedBusiness.objects.create(referral=item, value=Decimal(value))
    return item


def companies(group, count, revenue="2500000.00"):
    return [
        f.CompanyFactory(home_group=group, annual_revenue=Decimal(revenue) if revenue else None)
        for _ in range(count)
    ]
