"""Complementary suppression: no single company's figures fall out of the aggregates by
subtraction. The network minus the groups shown always leaves 0 or at least five companies
(and the same for the companies with a revenue behind the average shares)."""

import itertools
from decimal import Decimal

import pytest
from django.utils import translation

from tests import factories as f
from tests.referrals.value_data import companies, referral
from verbund.referrals.flows import POOL, group_matrix
from verbund.referrals.value import (
    MIN_COMPANIES,
    Publication,
    decide_publication,
    group_aggregates,
    overview_for,
    published_groups,
    window_for,
)

A, B, C, D = 1, 2, 3, 4


def _decide(sizes: dict) -> Publication:
    """The decision when every company reports a revenue."""
    return decide_publication({group: (n, n) for group, n in sizes.items()})


@pytest.fixture
def english():
    with translation.override("en"):
        yield


# ---------------------------------------------------------------- the decision alone


def test_one_company_in_a_small_group_hides_the_smaller_large_group_too():
    """A and B hold 5 each, C 1: network - A - B would be C's one company. The tie between
    A and B goes to the lower id, so A is held back and A + C (6) stay together."""
    result = _decide({A: 5, B: 5, C: 1})
    assert result.groups == frozenset({B})
    assert result.held_back == frozenset({A})
    assert result.shares == frozenset({B})
    assert result.companies == {A: 5, B: 5, C: 1}


def test_the_smallest_published_group_goes_first():
    result = _decide({A: 9, B: 6, C: 7, D: 2})
    assert (result.groups, result.held_back) == (frozenset({A, C}), frozenset({B}))


def test_six_companies_five_in_one_group_show_only_the_network():
    result = _decide({A: 5, B: 1})
    assert (result.groups, result.held_back, result.shares) == (
        frozenset(),
        frozenset({A}),
        frozenset(),
    )


def test_a_company_without_a_home_group_counts_in_the_remainder():
    result = _decide({A: 5, B: 6, None: 1})
    assert (result.groups, result.held_back) == (frozenset({B}), frozenset({A}))


def test_a_remainder_of_exactly_five_hides_nothing_more():
    result = _decide({A: 5, B: 6, C: 2, D: 3})
    assert (result.groups, result.held_back) == (frozenset({A, B}), frozenset())


def test_no_remainder_hides_nothing():
    result = _decide({A: 5, B: 6})
    assert (result.groups, result.held_back) == (frozenset({A, B}), frozenset())


def test_one_group_held_back_always_suffices():
    """A group shown holds at least five companies: once it joins the remainder, the
    remainder holds at least six. The other groups stay."""
    result = _decide({A: 5, B: 5, C: 5, D: 1})
    assert (result.groups, result.held_back) == (frozenset({B, C}), frozenset({A}))


def test_a_network_under_five_shows_nothing():
    result = _decide({A: 3, None: 1})
    assert (result.groups, result.held_back, result.shares) == (
        frozenset(),
        frozenset(),
        frozenset(),
    )


def test_the_average_share_is_held_back_for_a_remainder_of_few_revenues():
    """Every group holds five companies or more, but only one company of C reports a
    revenue: network - A - B over the average shares would be that one company's share.
    A's average share (fewer revenues than B) is hidden; its other figures are not."""
    result = decide_publication({A: (5, 5), B: (6, 6), C: (5, 1)})
    assert (result.groups, result.held_back) == (frozenset({A, B, C}), frozenset())
    assert result.shares == frozenset({B})


def test_a_group_with_too_few_revenues_shows_no_average_share():
    result = decide_publication({A: (5, 4), B: (5, 5)})
    assert (result.groups, result.shares) == (frozenset({A, B}), frozenset())


@pytest.mark.parametrize("outside", [(0, 0), (1, 1), (2, 0), (3, 2), (4, 4), (6, 1)])
def test_the_network_minus_the_groups_shown_is_never_one_to_four_companies(outside):
    """Every mix of three groups of 0 to 6 companies (each with 0 to all of them reporting a
    revenue) and some companies without a home group."""
    per_group = [(n, r) for n in range(7) for r in range(n + 1)]
    for sizes in itertools.product(per_group, repeat=3):
        counts = dict(zip((A, B, C), sizes, strict=True)) | {None: outside}
        result = decide_publication(counts)
        _assert_safe(counts, result)


def _assert_safe(counts, result):
    total = sum(n for n, _r in counts.values())
    revenues = sum(r for _n, r in counts.values())
    shown = sum(counts[g][0] for g in result.groups)
    shown_revenues = sum(counts[g][1] for g in result.shares)
    assert result.shares <= result.groups
    assert all(counts[g][0] >= MIN_COMPANIES for g in result.groups)
    assert all(counts[g][1] >= MIN_COMPANIES for g in result.shares)
    assert all(counts[g][0] >= MIN_COMPANIES for g in result.held_back)
    assert not result.groups & result.held_back
    if total < MIN_COMPANIES:  # the network itself is too few: nothing is shown
        assert result.groups == frozenset()
    else:
        assert total - shown == 0 or total - shown >= MIN_COMPANIES, (counts, result)
    if revenues >= MIN_COMPANIES:
        rest = revenues - shown_revenues
        assert rest == 0 or rest >= MIN_COMPANIES, (counts, result)
    else:
        assert result.shares == frozenset()


# ---------------------------------------------------------------- the figures


@pytest.fixture
def scenario(group_a, group_b):
    """A and B hold 5 companies each, C one company X that won 80,000.00 through A."""
    group_c = f.GroupFactory(name="Ortsgruppe Passau")
    in_a, in_b = companies(group_a, 5), companies(group_b, 5)
    (x,) = companies(group_c, 1)
    referral(in_a[0], [x], value="80000.00")
    referral(in_a[1], [in_a[2]], value="10000.00")
    referral(in_b[0], [in_b[1]], value="20000.00")
    return group_c


@pytest.mark.django_db
def test_published_groups_reads_the_counts_in_one_query(
    scenario, group_a, group_b, django_assert_num_queries
):
    f.CompanyFactory(home_group=scenario, status="suspended")  # no member, no referral
    with django_assert_num_queries(1):
        result = published_groups(window_for())
    assert result.companies == {group_a.pk: 5, group_b.pk: 5, scenario.pk: 1}
    assert (result.groups, result.held_back) == (
        frozenset({group_b.pk}),
        frozenset({group_a.pk}),
    )


@pytest.mark.django_db
def test_the_groups_shown_leave_no_single_company(scenario, group_a, group_b):
    window = window_for()
    result = {group.pk: agg for group, agg in group_aggregates(window)}
    assert result[group_a.pk].too_few is True
    assert result[group_a.pk].held_back is True
    assert (result[group_a.pk].companies, result[group_a.pk].closed_value) == (5, None)
    assert result[group_b.pk].too_few is False
    assert result[group_b.pk].held_back is False
    assert result[group_b.pk].closed_value == Decimal("20000.00")
    assert (result[scenario.pk].too_few, result[scenario.pk].held_back) == (True, False)
    network = overview_for(f.UserFactory(), window).network
    assert (network.companies, network.closed_value) == (11, Decimal("110000.00"))
    shown = [agg for agg in result.values() if not agg.too_few]
    # The network minus every group shown: A and C together, six companies.
    assert network.companies - sum(agg.companies for agg in shown) == 6
    assert network.closed_value - sum(agg.closed_value for agg in shown) == Decimal("90000.00")


@pytest.mark.django_db
def test_the_matrix_pools_the_group_held_back(scenario, group_a, group_b, english):
    """The members' matrix takes the same decision: A joins C as "Smaller groups"."""
    matrix = group_matrix(window_for())
    assert matrix.labels == [(group_b.pk, group_b.name), (POOL, "Smaller groups")]
    assert matrix.counts == {(POOL, POOL): 2, (group_b.pk, group_b.pk): 1}
    assert matrix.withheld is False
