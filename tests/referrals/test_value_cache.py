"""The network's value figures and the group matrix are computed once per change of the data:
a change through a service shows at once, a second reader of the same state costs no
recomputation, the cache keeps one entry per key and stays out of the default cache, and a
reader who may see less never gets what another reader was shown."""

# The referral cast's fixtures are used by name.
# ruff: noqa: F811

from decimal import Decimal

import pytest
from django.core.cache import cache, caches
from django.utils import translation

from tests import factories as f
from tests.conftest import client_for
from tests.referrals.referral_cast import receiver, referral  # noqa: F401
from tests.referrals.value_data import companies
from tests.referrals.value_data import referral as write_referral
from verbund.common import cache as figures_cache
from verbund.members.services.companies import change_company_status
from verbund.referrals.flows import cached_group_matrix
from verbund.referrals.services import change_status, confirm_closed_business
from verbund.referrals.value import network_figures, window_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def network_of_ten(group_a, group_b, company_a, company_b):
    """Company A and B plus four more in each group: both groups are shown."""
    companies(group_a, 4)
    companies(group_b, 4)


def test_the_figures_are_computed_once_per_state(network_of_ten, django_assert_num_queries):
    window = window_for()
    first = network_figures(window)
    with django_assert_num_queries(1):  # the newest audit entry; the cache is in memory here
        assert network_figures(window) == first


def test_closed_business_through_the_services_shows_at_once(
    network_of_ten, member, receiver, referral
):
    window = window_for()
    assert network_figures(window).network.closed_value == Decimal("0.00")
    change_status(referral=referral, to_status="won", actor=receiver)
    confirm_closed_business(referral=referral, value=Decimal("1200.00"), actor=receiver)
    assert network_figures(window).network.closed_value == Decimal("1200.00")
    assert network_figures(window).network.won == 1


def test_a_company_leaving_through_the_services_shows_at_once(network_of_ten, office, company_b):
    window = window_for()
    assert network_figures(window).network.companies == 10
    change_company_status(company=company_b, status="resigned", actor=office)
    assert network_figures(window).network.companies == 9


def test_a_committed_change_moves_the_generation(network_of_ten, member, receiver, referral):
    """Audit ids are handed out at insert, not at commit: the generation, counted up after
    the commit, is what catches a transaction that committed after a later one."""
    window = window_for()
    network_figures(window)
    before = caches["figures"].get("generation", 0)
    figures_cache.count_change()
    assert caches["figures"].get("generation") == before + 1
    stamp, _figures = caches["figures"].get(f"value:network:{window.since}:{window.until}")
    assert stamp[1] == before  # the cached figures' stamp is now out of date


def test_one_entry_per_key_and_none_in_the_default_cache(network_of_ten, member, referral):
    window = window_for()
    for _change in range(3):
        network_figures(window)
        figures_cache.count_change()
    figures = caches["figures"]
    assert figures.get(f"value:network:{window.since}:{window.until}") is not None
    assert len(figures._cache) == 2  # the figures' entry and the generation (locmem)
    assert cache.get(f"value:network:{window.since}:{window.until}") is None


def test_a_member_never_gets_the_offices_unpooled_matrix(
    network_of_ten, member, office, company_a, group_a
):
    """Group C holds one company: the office sees it on its own, members in the pool."""
    small = f.CompanyFactory(name="Ilz IT GmbH", home_group=f.GroupFactory(name="Passau"))
    write_referral(company_a, [small])
    office_page = client_for(office).get("/value/").content.decode()
    member_page = client_for(member).get("/value/").content.decode()
    assert "Ilz" not in office_page and '"name": "Passau"' in office_page
    assert '"name": "Passau"' not in member_page
    office_api = client_for(office).get("/api/v1/value/matrix").json()
    member_api = client_for(member).get("/api/v1/value/matrix").json()
    assert "Passau" in {e["receiver"]["name"] for e in office_api["entries"]}
    assert "Passau" not in {e["receiver"]["name"] for e in member_api["entries"]}


def test_the_group_matrix_follows_the_language(network_of_ten, group_a, group_b, company_a):
    """The pool's label is translated, so each language has its own cached matrix."""
    small = companies(f.GroupFactory(name="Ortsgruppe Hof"), 2) + companies(
        f.GroupFactory(name="Ortsgruppe Passau"), 3
    )
    write_referral(company_a, [small[0]])
    window = window_for()
    with translation.override("en"):
        assert cached_group_matrix(window).labels[-1] == (0, "Smaller groups")
    with translation.override("de"):
        assert cached_group_matrix(window).labels[-1] == (0, "Kleinere Gruppen")
