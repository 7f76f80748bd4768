"""Race on PostgreSQL: the same help request sent several times at the same moment (a double
click) makes one request; the others are refused."""

# The directory fixtures (and the help request ones) are imported, not in a conftest.
# ruff: noqa: F811

import pytest

from tests.directory.conftest import directory_data, skills, westpark  # noqa: F401
from tests.races.concurrency import postgres_only, run_concurrently
from tests.referrals.test_help_ask_once import AGAIN
from tests.referrals.test_help_services import NEED, _english, helpers  # noqa: F401
from verbund.referrals.models import HelpAnswer, HelpRequest
from verbund.referrals.services import ask_for_help

pytestmark = postgres_only


@pytest.mark.django_db(transaction=True)
def test_the_same_request_twice_at_once_is_sent_once(helpers):
    def ask():
        ask_for_help(
            need=NEED,
            companies=[helpers["westpark"], helpers["isar"]],
            actor=helpers["member"],
            mail=False,
        )

    # Four at once, so that the checks overlap however the threads are scheduled.
    outcomes = run_concurrently(ask, ask, ask, ask)
    assert sorted(outcomes, key=str) == sorted(["ok", *[{"__all__": [AGAIN]}] * 3], key=str)
    assert (HelpRequest.objects.count(), HelpAnswer.objects.count()) == (1, 2)
