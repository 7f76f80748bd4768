"""The network's value figures and the group matrix are computed once per change of the data:
a change through a service (which writes the audit log) shows at once, and a second reader of
the same state costs no recomputation."""

from decimal import Decimal

import pytest
from django.utils import translation

from tests import factories as f
from tests.referrals.value_data import companies, referral
from verbund.common.audit import log_action
from verbund.common.cache import last_change
from verbund.referrals.flows import cached_group_matrix
from verbund.referrals.models import Referral
from verbund.referrals.value import network_figures, window_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def five(group_a):
    group = companies(group_a, 5)
    referral(group[0], [group[1]], value="1000.00")
    return group


def test_the_figures_are_computed_once_per_state(five, django_assert_num_queries):
    window = window_for()
    first = network_figures(window)
    assert first.network.closed_value == Decimal("1000.00")
    with django_assert_num_queries(1):  # the newest audit entry, then the cache
        assert network_figures(window) == first


def test_a_change_through_a_service_shows_at_once(five, member):
    window = window_for()
    assert network_figures(window).network.closed_value == Decimal("1000.00")
    referral(five[2], [five[3]], value="500.00")
    before = last_change()
    # Every service writes the audit log in its transaction; that is what the cache follows.
    log_action(actor=member, action="referral.confirm_closed_business", obj=Referral.objects.last())
    assert last_change() > before
    assert network_figures(window).network.closed_value == Decimal("1500.00")


def test_the_group_matrix_follows_the_language(five, group_a, group_b):
    """The pool's label is translated, so each language has its own cached matrix."""
    small = companies(group_b, 2) + companies(f.GroupFactory(name="Ortsgruppe Hof"), 3)
    referral(five[0], [small[0]])
    window = window_for()
    with translation.override("en"):
        assert cached_group_matrix(window).labels == [
            (group_a.pk, group_a.name),
            (0, "Smaller groups"),
        ]
    with translation.override("de"):
        assert cached_group_matrix(window).labels[1] == (0, "Kleinere Gruppen")
