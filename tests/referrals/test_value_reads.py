"""The closed business of a set of companies is looked up by company (a card, a group) or, for
more than FEW_COMPANIES companies (the network), read for the whole window: both give the same
figures, and the window's other companies stay out."""

from decimal import Decimal

import pytest

from tests.referrals.value_data import companies, referral
from verbund.referrals import value
from verbund.referrals.models import ReferralKind
from verbund.referrals.value import company_values, window_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("few", [value.FEW_COMPANIES, 0])
def test_by_company_or_by_window_the_same_figures(
    monkeypatch, group_a, group_b, few, django_assert_num_queries
):
    monkeypatch.setattr(value, "FEW_COMPANIES", few)
    giver, lead, sub, other = companies(group_a, 4, revenue="1000000.00")
    outside, outside2 = companies(group_b, 2)
    referral(giver, [lead, sub], kind=ReferralKind.JOINT_DEAL, value="10000.00", shares=[70, 30])
    referral(lead, [giver], value="2500.00")
    referral(outside, [other], value="4000.00")
    referral(outside, [outside2], value="9000.00")  # touches none of the four
    with django_assert_num_queries(4):
        values = company_values([giver, lead, sub, other], window_for())
    figures = {
        name: (values[c.pk].value_received, values[c.pk].value_credited)
        for name, c in (("giver", giver), ("lead", lead), ("sub", sub), ("other", other))
    }
    assert figures == {
        "giver": (Decimal("2500.00"), Decimal("0.00")),
        "lead": (Decimal("7000.00"), Decimal("9500.00")),
        "sub": (Decimal("3000.00"), Decimal("3000.00")),
        "other": (Decimal("4000.00"), Decimal("0.00")),
    }
    assert set(values) == {giver.pk, lead.pk, sub.pk, other.pk}
