"""The value of membership: exact shares, crediting, the five-company threshold, who sees what,
the matrices, and a constant number of queries."""

import datetime
import itertools
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from tests import factories as f
from tests.referrals.value_data import companies, referral
from verbund.common.audit import log_action
from verbund.referrals.flows import POOL, company_matrix, group_matrix
from verbund.referrals.models import ReferralKind
from verbund.referrals.value import (
    MIN_COMPANIES,
    aggregate,
    company_value,
    company_values,
    group_aggregates,
    overview_for,
    share_percent,
    window_for,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def window():
    return window_for()


@pytest.fixture
def english():
    """Labels and hover texts in English (each test starts in German)."""
    with translation.override("en"):
        yield


def test_the_threshold_is_five():
    assert MIN_COMPANIES == 5


@pytest.mark.parametrize(
    ("received", "revenue", "share"),
    [
        ("150000.00", "2000000.00", Decimal("7.5")),
        ("1000000.00", "3000000.00", Decimal("33.3")),  # 33.333…
        ("2000000.00", "3000000.00", Decimal("66.7")),  # 66.666…
        ("1000.00", "2000000.00", Decimal("0.1")),  # 0.05 rounds half up
        ("0.00", "2000000.00", Decimal("0.0")),
        ("1000.00", None, None),
        ("1000.00", "0.00", None),
    ],
)
def test_share_is_exact_to_one_decimal_half_up(received, revenue, share):
    result = share_percent(Decimal(received), Decimal(revenue) if revenue else None)
    assert result == share
    assert result is None or result.as_tuple().exponent == -1


def test_a_companys_figures_with_known_values(group_a, window):
    giver, receiver = companies(group_a, 2, revenue="2000000.00")
    referral(giver, [receiver], value="150000.00")
    referral(giver, [receiver])
    referral(receiver, [giver], kind=ReferralKind.TIP)
    card = company_value(receiver, window)
    assert (card.given, card.received, card.won) == (1, 2, 1)
    assert card.value_received == Decimal("150000.00")
    assert card.value_credited == Decimal("0.00")
    assert card.share == Decimal("7.5")
    given = company_value(giver, window)
    assert (given.given, given.received, given.won) == (2, 1, 0)
    assert given.value_credited == Decimal("150000.00")
    assert given.value_received == Decimal("0.00")
    assert given.share == Decimal("0.0")


def test_a_year_without_referrals_is_empty(group_a):
    giver, receiver = companies(group_a, 2)
    referral(giver, [receiver], value="150000.00")
    last_year = window_for(timezone.localdate().year - 1)
    assert last_year.since == datetime.date(timezone.localdate().year - 1, 1, 1)
    card = company_value(receiver, last_year)
    assert (card.received, card.value_received, card.share) == (0, Decimal("0.00"), Decimal("0.0"))


def test_a_joint_deal_is_credited_by_shares(group_a, window):
    giver, lead, sub = companies(group_a, 3, revenue="1000000.00")
    referral(giver, [lead, sub], kind=ReferralKind.JOINT_DEAL, value="10000.00", shares=[70, 30])
    values = company_values([giver, lead, sub], window)
    assert values[lead.pk].value_received == Decimal("7000.00")
    assert values[lead.pk].value_credited == Decimal("7000.00")
    assert values[sub.pk].value_received == Decimal("3000.00")
    assert values[lead.pk].share == Decimal("0.7")
    assert values[sub.pk].share == Decimal("0.3")
    # The giver of a joint deal is not credited: the parties are (as credited_values).
    assert values[giver.pk].value_credited == Decimal("0.00")


def test_an_equal_joint_deal_splits_the_value_not_the_percentages(group_a, window):
    giver, *parties = companies(group_a, 4)
    shares = ["33.34", "33.33", "33.33"]
    referral(giver, parties, kind=ReferralKind.JOINT_DEAL, value="10000.00", shares=shares)
    values = company_values(parties, window)
    assert [values[c.pk].value_received for c in parties] == [
        Decimal("3333.34"),
        Decimal("3333.33"),
        Decimal("3333.33"),
    ]


def test_a_group_of_four_is_too_few(group_a, window):
    four = companies(group_a, 4)
    referral(four[0], [four[1]], value="5000.00")
    result = aggregate(four, window)
    assert result.too_few is True
    assert result.companies == 4
    assert (result.given, result.closed_value, result.average_share) == (None, None, None)


def test_a_group_of_five_shows_figures(group_a, window):
    five = companies(group_a, 5, revenue="1000000.00")
    referral(five[0], [five[1]], value="50000.00")  # 5.0 %
    referral(five[1], [five[2]], value="20000.00")  # 2.0 %
    referral(five[2], [five[3]])
    result = aggregate(five, window)
    assert result.too_few is False
    assert (result.companies, result.given, result.received, result.won) == (5, 3, 3, 2)
    assert result.closed_value == Decimal("70000.00")
    assert result.average_share == Decimal("1.4")  # (5 + 2 + 0 + 0 + 0) / 5


def test_the_average_share_needs_five_companies_with_revenue(group_a, window):
    five = companies(group_a, 4, revenue="1000000.00") + companies(group_a, 1, revenue=None)
    referral(five[0], [five[1]], value="50000.00")
    result = aggregate(five, window)
    assert result.too_few is False
    assert result.closed_value == Decimal("50000.00")
    assert result.average_share is None


def test_group_aggregates_show_only_groups_of_five(group_a, group_b, window):
    """B (4) and C (1) together hold five: A's figures give nothing away about them."""
    group_c = f.GroupFactory(name="Ortsgruppe Passau")
    companies(group_a, 5)
    companies(group_b, 4)
    companies(group_c, 1)
    result = {group.pk: agg for group, agg in group_aggregates(window)}
    assert (result[group_a.pk].too_few, result[group_a.pk].held_back) == (False, False)
    assert result[group_a.pk].companies == 5
    assert (result[group_b.pk].too_few, result[group_b.pk].held_back) == (True, False)
    assert result[group_b.pk].companies == 4
    assert (result[group_c.pk].too_few, result[group_c.pk].companies) == (True, 1)


def test_a_group_of_five_beside_four_is_held_back(group_a, group_b, window):
    """Network (9) - A (5) would show B's four companies: A is held back."""
    companies(group_a, 5)
    companies(group_b, 4)
    result = {group.pk: agg for group, agg in group_aggregates(window)}
    assert (result[group_a.pk].too_few, result[group_a.pk].held_back) == (True, True)
    assert (result[group_a.pk].companies, result[group_a.pk].given) == (5, None)
    assert (result[group_b.pk].too_few, result[group_b.pk].held_back) == (True, False)


# ---------------------------------------------------------------- who sees what


def test_the_company_admin_sees_the_share(member, company_a, company_b, window):
    company_a.annual_revenue = Decimal("2000000.00")
    company_a.save()
    referral(company_b, [company_a], value="150000.00")
    seen = overview_for(member, window)
    assert seen.card.company == company_a
    assert seen.card.value_received == Decimal("150000.00")
    assert seen.show_share is True
    assert seen.card.share == Decimal("7.5")


def test_a_colleague_sees_the_figures_without_the_share(colleague, company_a, company_b, window):
    referral(company_b, [company_a], value="150000.00")
    seen = overview_for(colleague, window)
    assert seen.card.company == company_a
    assert seen.card.value_received == Decimal("150000.00")
    assert seen.show_share is False


def test_another_company_sees_only_its_own(member2, company_a, company_b, window):
    referral(company_b, [company_a], value="150000.00")
    seen = overview_for(member2, window)
    assert seen.card.company == company_b
    assert seen.card.value_received == Decimal("0.00")
    assert seen.card.value_credited == Decimal("150000.00")


def test_the_office_has_no_card_but_the_aggregates(office, company_a, window):
    seen = overview_for(office, window)
    assert seen.card is None
    assert seen.show_share is False
    assert seen.network.too_few is True
    assert seen.group_aggregate is None


def test_the_board_sees_its_own_company_without_a_share(board, window):
    seen = overview_for(board, window)
    assert seen.card.company.name == "Donau Datacenter AG"
    assert seen.show_share is False


def test_the_network_aggregate_counts_active_companies_only(member, group_a, window):
    companies(group_a, 3)
    f.CompanyFactory(home_group=group_a, status="suspended")
    seen = overview_for(member, window)
    # member's company + 3 active; the suspended one is not a member.
    assert seen.network.companies == 4
    assert seen.network.too_few is True
    (fifth,) = companies(group_a, 1)
    # Written straight to the model here; a service would write this audit entry, which is
    # what the cached network figures follow (`common.cache`).
    log_action(actor=None, action="company.admit", obj=fifth)
    assert overview_for(member, window).network.too_few is False


# ---------------------------------------------------------------- who refers to whom


def test_the_group_matrix_counts_referrals_and_won(group_a, group_b, window):
    (a1, a2), (b1,) = companies(group_a, 2), companies(group_b, 1)
    referral(a1, [b1], value="100.00")
    referral(a2, [b1])
    referral(a1, [a2])
    referral(a1, [a2, b1], kind=ReferralKind.JOINT_DEAL, shares=[50, 50])
    matrix = group_matrix(window, pool_small=False)
    assert matrix.counts == {(group_a.pk, group_b.pk): 3, (group_a.pk, group_a.pk): 2}
    assert matrix.won == {(group_a.pk, group_b.pk): 1, (group_a.pk, group_a.pk): 0}
    assert [name for _pk, name in matrix.labels] == [group_b.name, group_a.name]
    assert matrix.grid()[1] == (group_a.name, [(3, 1), (2, 0)])
    assert matrix.withheld is False


def test_small_groups_are_pooled_for_members(group_a, group_b, window, english):
    """Group C (2 companies) and D (3) are too small alone; pooled they hold 5, so they show
    together. A joint deal with parties in both counts once in the pool."""
    group_c, group_d = (
        f.GroupFactory(name="Ortsgruppe Passau"),
        f.GroupFactory(name="Ortsgruppe Hof"),
    )
    big = companies(group_a, 5)
    (c1, c2), (d1, d2, d3) = companies(group_c, 2), companies(group_d, 3)
    referral(big[0], [c1], value="100.00")
    referral(d1, [big[1]])
    referral(c1, [c2])
    referral(c2, [d2, d3], kind=ReferralKind.JOINT_DEAL, shares=[50, 50])
    referral(big[2], [big[3]])
    matrix = group_matrix(window)
    assert matrix.labels == [(group_a.pk, group_a.name), (0, "Smaller groups")]
    assert matrix.codes == {group_a.pk: group_a.code, 0: None}
    assert matrix.counts == {
        (group_a.pk, 0): 1,
        (0, group_a.pk): 1,
        (0, 0): 2,
        (group_a.pk, group_a.pk): 1,
    }
    assert matrix.won == {
        (group_a.pk, 0): 1,
        (0, group_a.pk): 0,
        (0, 0): 0,
        (group_a.pk, group_a.pk): 0,
    }
    assert matrix.withheld is False
    assert group_b.pk not in dict(matrix.labels)


def test_a_pool_under_five_companies_takes_the_smallest_group_in(group_a, group_b, window):
    """B's four alone would be left out, and A's row beside the network's figures would
    single them out: A is held back and pooled with B, as on the value cards."""
    big, small = companies(group_a, 5), companies(group_b, 4)
    referral(big[0], [small[0]])
    referral(small[1], [small[2]])
    referral(big[1], [big[2]], value="100.00")
    matrix = group_matrix(window)
    assert [pk for pk, _name in matrix.labels] == [POOL]
    assert (matrix.counts, matrix.won) == ({(POOL, POOL): 3}, {(POOL, POOL): 1})
    assert matrix.withheld is False
    everything = group_matrix(window, pool_small=False)
    assert everything.counts == {
        (group_a.pk, group_a.pk): 1,
        (group_a.pk, group_b.pk): 1,
        (group_b.pk, group_b.pk): 1,
    }
    assert everything.withheld is False


def test_a_network_under_five_companies_is_left_out(group_a, group_b, window):
    big, small = companies(group_a, 3), companies(group_b, 1)
    referral(big[0], [small[0]])
    matrix = group_matrix(window)
    assert (matrix.labels, matrix.counts, matrix.withheld) == ([], {}, True)


def test_a_fifth_company_ends_the_pooling(group_a, group_b, window):
    big, small = companies(group_a, 5), companies(group_b, 4)
    referral(big[0], [small[0]])
    companies(group_b, 1)
    assert group_matrix(window).counts == {(group_a.pk, group_b.pk): 1}


def test_the_graph_of_a_matrix(group_a, group_b, window, english):
    (a1, a2), (b1,) = companies(group_a, 2), companies(group_b, 1)
    referral(a1, [b1], value="100.00")
    referral(a2, [b1])
    referral(b1, [a1])
    referral(a1, [a2])
    graph = group_matrix(window, pool_small=False).graph()
    assert graph == {
        "nodes": [
            {
                "name": group_b.name,
                "size": 3,
                "title": f"{group_b.name}: 1 given, 2 received, 0 within",
            },
            {
                "name": group_a.name,
                "size": 4,
                "title": f"{group_a.name}: 2 given, 1 received, 1 within",
            },
        ],
        "links": [
            {
                "source": 1,
                "target": 0,
                "referrals": 2,
                "title": f"{group_a.name} → {group_b.name}: 2 referrals (1 won)",
            },
            {
                "source": 0,
                "target": 1,
                "referrals": 1,
                "title": f"{group_b.name} → {group_a.name}: 1 referral (0 won)",
            },
        ],
    }


def test_the_company_graph_has_no_won_figures(group_a, window, english):
    a, b = companies(group_a, 2)
    referral(a, [b], value="100.00")
    graph = company_matrix(window).graph()
    assert [link["title"] for link in graph["links"]] == [f"{a.name} → {b.name}: 1 referral"]
    assert [node["group"] for node in graph["nodes"]] == [group_a.name, group_a.name]


def test_the_company_matrix_shows_the_top_companies(group_a, window):
    a, b, c, d = companies(group_a, 4)
    referral(a, [b])
    referral(a, [b])
    referral(b, [a])
    referral(c, [d])
    matrix = company_matrix(window, top=2)
    assert matrix.truncated is True
    assert matrix.total == 4
    assert {pk for pk, _name in matrix.labels} == {a.pk, b.pk}
    assert matrix.counts == {(a.pk, b.pk): 2, (b.pk, a.pk): 1}
    assert matrix.won is None


# ---------------------------------------------------------------- query counts


@pytest.mark.parametrize("size", [5, 12])
def test_the_queries_do_not_grow_with_the_companies(
    group_a, window, size, django_assert_num_queries
):
    group = companies(group_a, size)
    for giver, receiver in itertools.pairwise(group):
        referral(giver, [receiver], value="1000.00")
    referral(group[0], group[1:4], kind=ReferralKind.JOINT_DEAL, value="900.00", shares=[1, 1, 1])
    with django_assert_num_queries(4):
        company_values(group, window)
    with django_assert_num_queries(3):
        group_matrix(window)
    with django_assert_num_queries(2):
        group_matrix(window, pool_small=False)
    with django_assert_num_queries(2):
        company_matrix(window)
