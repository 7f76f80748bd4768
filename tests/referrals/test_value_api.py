"""The value API and its need-to-know: one's own company's figures, the share for its admins
only, aggregates over at least five companies (null with `too_few` below), the matrices."""

from decimal import Decimal

import pytest
from django.utils import timezone

from tests import factories as f
from tests.api.conftest import (
    API,
    de,
    forbidden_body,
    get,
    unauthenticated_body,
    warm_client,
)
from tests.referrals.value_data import companies, referral
from verbund.referrals.value import window_for

pytestmark = pytest.mark.django_db

TOO_FEW = {
    "too_few": True,
    "held_back": False,
    "given": None,
    "received": None,
    "won": None,
    "closed_value": None,
    "average_share": None,
}


@pytest.fixture
def won(company_a, company_b):
    """Company B passed company A a customer worth 150,000.00; A makes 2,000,000.00."""
    company_a.annual_revenue = Decimal("2000000.00")
    company_a.save()
    return referral(company_b, [company_a], value="150000.00")


def _window():
    window = window_for()
    return {"since": window.since.isoformat(), "until": window.until.isoformat()}


def _card(company, *, share_shown, share, given=0, received=1, won=1, vr="150000.00", vc="0.00"):
    return {
        "company": {"code": company.code, "name": company.name},
        "given": given,
        "received": received,
        "won": won,
        "value_received": vr,
        "value_credited": vc,
        "share_shown": share_shown,
        "revenue_share": share,
    }


def test_the_company_admin_gets_the_exact_share(member, company_a, group_a, won):
    response = get(member, "/value")
    assert response.status_code == 200
    assert response.json() == {
        "window": _window(),
        "company": _card(company_a, share_shown=True, share="7.5"),
        "network": {"companies": 2} | TOO_FEW,
        "group": {"code": group_a.code, "name": group_a.name},
        "group_aggregate": {"companies": 1} | TOO_FEW,
    }


def test_a_colleague_gets_the_figures_without_the_share(colleague, company_a, won):
    body = get(colleague, "/value").json()
    assert body["company"] == _card(company_a, share_shown=False, share=None)


def test_the_other_company_sees_its_own_credit_only(member2, company_b, won):
    body = get(member2, "/value").json()
    assert body["company"] == _card(
        company_b,
        share_shown=True,
        share="0.0",
        given=1,
        received=0,
        won=0,
        vr="0.00",
        vc="150000.00",
    )


@pytest.mark.parametrize("who", ["office", "board"])
def test_office_and_board_get_no_other_companys_share(who, cast, won):
    body = get(cast[who], "/value").json()
    if who == "office":
        assert body["company"] is None
    else:
        assert body["company"]["company"]["name"] == "Donau Datacenter AG"
        assert (body["company"]["share_shown"], body["company"]["revenue_share"]) == (False, None)
    assert "7.5" not in str(body)


def test_a_guest_and_the_anonymous_get_nothing(guest):
    response = get(guest, "/value")
    assert (response.status_code, response.json()) == (403, forbidden_body())
    response = get(None, "/value")
    assert (response.status_code, response.json()) == (401, unauthenticated_body())


def test_a_year_out_of_range_is_refused(member):
    response = get(member, f"/value?year={timezone.localdate().year + 1}")
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "field": "year",
            "message": de("Choose a year from %(first)d to this year.") % {"first": 2000},
        }
    ]


def test_groups_show_figures_from_five_companies(member, group_a, group_b):
    # The member's company and four more; B and C together hold five (nothing held back).
    five = companies(group_a, 4, revenue="1000000.00")
    referral(five[0], [five[1]], value="50000.00")
    companies(group_b, 3)
    companies(f.GroupFactory(name="Ortsgruppe Passau"), 2)
    body = {row["group"]["code"]: row for row in get(member, "/value/groups").json()}
    assert body[group_a.code] == {
        "group": {"code": group_a.code, "name": group_a.name},
        "companies": 5,
        "too_few": False,
        "held_back": False,
        "given": 1,
        "received": 1,
        "won": 1,
        "closed_value": "50000.00",
        "average_share": "1.0",
    }
    assert (
        body[group_b.code]
        == {
            "group": {"code": group_b.code, "name": group_b.name},
            "companies": 3,
        }
        | TOO_FEW
    )


@pytest.fixture
def one_in_c(member, member2, group_a, group_b):
    """A and B hold 5 companies each (with the member's and member2's), C one company X
    that won 80,000.00 through A: network - A - B would be X's income."""
    in_a, in_b = companies(group_a, 4), companies(group_b, 4)
    group_c = f.GroupFactory(name="Ortsgruppe Passau")
    (x,) = companies(group_c, 1)
    referral(in_a[0], [x], value="80000.00")
    referral(in_b[0], [in_b[1]], value="20000.00")
    return group_c


def _shown(closed_value, given=1, received=1, won=1):
    """A group of five shown, every company with a revenue of 2,500,000.00 or none."""
    return {"companies": 5, "too_few": False, "held_back": False} | {
        "given": given,
        "received": received,
        "won": won,
        "closed_value": closed_value,
    }


def test_one_company_cannot_be_worked_out_from_the_groups(one_in_c, member, group_a, group_b):
    """A (the lower id of two groups of five) is held back too: the network minus the
    groups shown is A and C together, six companies."""
    rows = {row["group"]["code"]: row for row in get(member, "/value/groups").json()}
    held = {"companies": 5} | TOO_FEW | {"held_back": True}
    assert rows[group_a.code] == {"group": {"code": group_a.code, "name": group_a.name}} | held
    assert rows[group_b.code] == {"group": {"code": group_b.code, "name": group_b.name}} | _shown(
        "20000.00"
    ) | {"average_share": "0.2"}
    assert (
        rows[one_in_c.code]
        == {
            "group": {"code": one_in_c.code, "name": one_in_c.name},
            "companies": 1,
        }
        | TOO_FEW
    )
    network = get(member, "/value").json()["network"]
    assert (network["companies"], network["closed_value"]) == (11, "100000.00")
    shown = [row for row in rows.values() if not row["too_few"]]
    assert network["companies"] - sum(row["companies"] for row in shown) == 6


def test_ones_own_group_held_back_shows_no_figures(one_in_c, member, member2, group_a):
    assert get(member, "/value").json()["group_aggregate"] == {"companies": 5} | TOO_FEW | {
        "held_back": True
    }
    other = get(member2, "/value").json()["group_aggregate"]
    assert other == _shown("20000.00") | {"average_share": "0.2"}


def test_members_see_no_group_of_fewer_than_five(member, won):
    """A and B hold one company each: pooled they are still too few, so nothing is shown."""
    body = get(member, "/value/matrix").json()
    assert body == {
        "by": "group",
        "window": _window(),
        "entries": [],
        "total": 0,
        "truncated": False,
        "withheld": True,
    }


def test_the_group_matrix_for_members(member, group_a, group_b, won):
    companies(group_a, 4)
    companies(group_b, 4)
    body = get(member, "/value/matrix").json()
    assert body == {
        "by": "group",
        "window": _window(),
        "entries": [
            {
                "giver": {"code": group_b.code, "name": group_b.name},
                "receiver": {"code": group_a.code, "name": group_a.name},
                "referrals": 1,
                "won": 1,
            }
        ],
        "total": 2,
        "truncated": False,
        "withheld": False,
    }


def test_small_groups_pooled_for_members(member, group_a, group_b, won):
    companies(group_a, 4)
    companies(group_b, 3)
    group_c = f.GroupFactory(name="Ortsgruppe Passau")
    companies(group_c, 1)
    entries = get(member, "/value/matrix").json()["entries"]
    pool = {"code": None, "name": de("Smaller groups")}
    assert entries == [
        {
            "giver": pool,
            "receiver": {"code": group_a.code, "name": group_a.name},
            "referrals": 1,
            "won": 1,
        }
    ]


@pytest.mark.parametrize("who", ["office", "board"])
def test_office_and_board_see_every_group(who, cast, group_a, group_b, won):
    body = get(cast[who], "/value/matrix").json()
    assert (body["entries"], body["withheld"]) == (
        [
            {
                "giver": {"code": group_b.code, "name": group_b.name},
                "receiver": {"code": group_a.code, "name": group_a.name},
                "referrals": 1,
                "won": 1,
            }
        ],
        False,
    )


@pytest.mark.parametrize("who", ["office", "board"])
def test_the_company_matrix_for_office_and_board(who, cast, company_a, company_b, won):
    response = get(cast[who], "/value/matrix?by=company")
    assert response.status_code == 200
    assert response.json()["entries"] == [
        {
            "giver": {"code": company_b.code, "name": company_b.name},
            "receiver": {"code": company_a.code, "name": company_a.name},
            "referrals": 1,
            "won": None,
        }
    ]


@pytest.mark.parametrize("who", ["member", "colleague", "moderator", "member2"])
def test_members_get_no_company_matrix(who, cast, won):
    response = get(cast[who], "/value/matrix?by=company")
    assert (response.status_code, response.json()) == (403, forbidden_body())


def test_the_value_api_needs_few_queries(member, group_a, django_assert_max_num_queries):
    client = warm_client(member)
    five = companies(group_a, 5)
    referral(five[0], [five[1]], value="100.00")
    with django_assert_max_num_queries(20) as few:
        assert client.get(API + "/value").status_code == 200
    first = len(few.captured_queries)
    more = companies(group_a, 10)
    for giver in more:
        referral(giver, [five[0]], value="100.00")
    with django_assert_max_num_queries(first):
        assert client.get(API + "/value").status_code == 200
