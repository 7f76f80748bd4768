"""Which companies a window's figures cover: the members now and every company with a
referral or closed business in the window, whatever its status now. So the group matrix and
the aggregates count the same companies, and a company leaving changes no figures of a window
it was active in (its own would otherwise fall out by difference)."""

from decimal import Decimal

import pytest

from tests import factories as f
from tests.referrals.value_data import companies, referral
from verbund.referrals.flows import group_matrix
from verbund.referrals.value import _network_figures, counted_companies, window_for

pytestmark = pytest.mark.django_db


def test_a_former_member_with_referrals_in_the_window_is_counted(group_a, group_b):
    five_a, five_b = companies(group_a, 5), companies(group_b, 5)
    gone = f.CompanyFactory(home_group=group_a, status="resigned")
    quiet = f.CompanyFactory(home_group=group_a, status="resigned")
    for receiver in five_b[:3]:
        referral(gone, [receiver])
    referral(five_a[0], [five_b[0]])
    window = window_for()
    assert set(counted_companies(window)) == {*five_a, *five_b, gone}
    assert quiet not in set(counted_companies(window))
    figures = _network_figures(window)
    matrix = group_matrix(window)
    # Group A's row in the matrix is what A's aggregate says it gave: nothing left over.
    assert figures.of_group(group_a.pk).given == 4
    assert matrix.counts[(group_a.pk, group_b.pk)] == 4
    assert figures.of_group(group_a.pk).companies == 6


def test_a_company_leaving_changes_no_figures_of_its_window(group_a, group_b):
    five_a, five_b = companies(group_a, 5), companies(group_b, 5)
    x = five_a[0]
    referral(five_b[0], [x], value="80000.00")
    referral(five_b[1], [five_a[1]], value="1000.00")
    window = window_for()
    before = _network_figures(window)
    x.status = "resigned"
    x.save()
    after = _network_figures(window)
    assert before.network.closed_value == after.network.closed_value == Decimal("81000.00")
    assert before.groups == after.groups
    # A year in which X had nothing is left as it was, and X is not in it.
    last_year = window_for(window.since.year - 1)
    assert x not in set(counted_companies(last_year))


def test_withheld_whenever_the_pool_holds_too_few(group_a, group_b):
    """With large groups, holding one back always makes the pool large enough; so only a
    network of fewer than five companies withholds, and it says so whether or not the
    companies in the pool referred anything (else the flag would tell that they did)."""
    three = companies(group_a, 3)
    window = window_for()
    assert group_matrix(window).withheld is True
    referral(three[0], [three[1]])
    assert (group_matrix(window).withheld, group_matrix(window).counts) == (True, {})
