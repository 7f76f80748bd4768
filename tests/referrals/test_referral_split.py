"""Splitting a value by largest remainder: exact, never negative, the odd cents to the parts
that lost most by rounding (ties: the earlier part); and the value's range."""

# The cast's fixtures are imported from referral_cast (the package's conftest is shared).
# ruff: noqa: F811

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from tests.referrals.referral_cast import outsider, receiver, referral  # noqa: F401
from verbund.referrals.models import ClosedBusiness
from verbund.referrals.services import change_status, confirm_closed_business
from verbund.referrals.services.referrals import equal_shares, split

CENT = Decimal("0.01")
VALUES = ["0.00", "0.01", "0.02", "0.03", "0.05", "1.00", "9.99", "100.00", "12345.67"]
WEIGHTS = [
    [Decimal(1)] * 2,
    [Decimal(1)] * 3,
    [Decimal(1)] * 4,
    [Decimal(1)] * 7,
    [Decimal("70"), Decimal("30")],
    [Decimal("33.33"), Decimal("33.33"), Decimal("33.34")],
    [Decimal("0.01"), Decimal("99.99")],
    [Decimal("50"), Decimal("25"), Decimal("12.5"), Decimal("12.5")],
]


@pytest.fixture(autouse=True)
def _english():
    """The services' messages are asserted in English here; the pages test the German ones."""
    with translation.override("en"):
        yield


@pytest.mark.parametrize("total", VALUES)
@pytest.mark.parametrize("weights", WEIGHTS, ids=lambda w: "/".join(map(str, w)))
def test_split_is_exact_in_cents_and_never_negative(total, weights):
    total = Decimal(total)
    parts = split(total, weights)
    weight_sum = sum(weights, Decimal(0))
    exact = [total * weight / weight_sum for weight in weights]
    assert len(parts) == len(weights)
    assert sum(parts, Decimal(0)) == total
    assert all(part >= 0 and part == part.quantize(CENT) for part in parts)
    # Each part is its exact share rounded down or up by at most a cent.
    assert all(abs(part - value) < CENT for part, value in zip(parts, exact, strict=True))


@pytest.mark.parametrize("count", range(1, 12))
def test_equal_shares_add_up_and_differ_by_a_cent_at_most(count):
    shares = equal_shares(count)
    assert sum(shares, Decimal(0)) == Decimal("100.00")
    assert max(shares) - min(shares) <= CENT
    # The odd cents go to the first partners.
    assert shares == sorted(shares, reverse=True)


def test_split_examples():
    assert split(Decimal("0.02"), [Decimal(1)] * 4) == [CENT, CENT, Decimal(0), Decimal(0)]
    assert equal_shares(3) == [Decimal("33.34"), Decimal("33.33"), Decimal("33.33")]
    assert equal_shares(6) == [Decimal("16.67")] * 4 + [Decimal("16.66")] * 2
    # The larger remainder wins the cent, not the earlier part: 0.10 by 1:2 is 0.033/0.066.
    assert split(Decimal("0.10"), [Decimal(1), Decimal(2)]) == [Decimal("0.03"), Decimal("0.07")]


@pytest.mark.parametrize("value", ["1e30", "1E+28", "10000000000", "9999999999999.99"])
def test_huge_value_is_refused_not_a_crash(value, referral, receiver):
    change_status(referral=referral, to_status="won", actor=receiver)
    with pytest.raises(ValidationError) as caught:
        confirm_closed_business(referral=referral, value=value, actor=receiver)
    assert caught.value.message_dict == {"value": ["Enter a value below 10,000,000,000 EUR."]}
    assert ClosedBusiness.objects.count() == 0


@pytest.mark.parametrize("value", ["NaN", "sNaN", "Infinity", "-1e30", "1e-30"])
def test_odd_values_are_refused(value, referral, receiver):
    change_status(referral=referral, to_status="won", actor=receiver)
    with pytest.raises(ValidationError) as caught:
        confirm_closed_business(referral=referral, value=value, actor=receiver)
    assert caught.value.message_dict == {"value": ["Enter a value of at least 0.01 EUR, in cents."]}


def test_the_largest_value_is_taken(referral, receiver):
    change_status(referral=referral, to_status="won", actor=receiver)
    closed = confirm_closed_business(referral=referral, value="9999999999.99", actor=receiver)
    closed.refresh_from_db()
    assert closed.value == Decimal("9999999999.99")
