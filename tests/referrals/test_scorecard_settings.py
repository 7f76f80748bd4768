"""The scorecard's thresholds in the network settings: amber may not start above green, and
the page shows the thresholds in pairs."""

import pytest

from tests.conftest import client_for
from tests.office.conftest import errors
from tests.office.test_network_edit import FIELDS, _posted, _snapshot
from tests.pages.html import de
from verbund.common.models import AuditEntry
from verbund.network.models import Network

PAIRS = [
    ("scorecard_attendance_green", "scorecard_attendance_amber"),
    ("scorecard_referrals_green", "scorecard_referrals_amber"),
    ("scorecard_one_to_ones_green", "scorecard_one_to_ones_amber"),
    ("scorecard_guests_green", "scorecard_guests_amber"),
]


@pytest.mark.parametrize(("green", "amber"), PAIRS)
def test_amber_above_green_is_refused_with_a_message(office, network, green, amber):
    before = _snapshot()
    response = client_for(office).post("/office/network/", _posted(network, **{green: 5, amber: 6}))
    message = de("Amber must not start above green (%(green)s).") % {"green": 5}
    assert (response.status_code, errors(response), _snapshot()) == (200, [message], before)
    assert AuditEntry.objects.count() == 0


@pytest.mark.parametrize(("green", "amber"), PAIRS)
def test_amber_equal_to_green_is_saved(office, network, green, amber):
    response = client_for(office).post("/office/network/", _posted(network, **{green: 5, amber: 5}))
    saved = Network.objects.values(green, amber).get()
    assert (response.status_code, saved) == (302, {green: 5, amber: 5})


def test_the_page_groups_the_thresholds(office, network):
    html = client_for(office).get("/office/network/").content.decode()
    fieldset = html[html.index('id="scorecard-thresholds"') :]
    assert all(f'name="{name}"' in fieldset for pair in PAIRS for name in pair)
    # Every setting is still on the page exactly once.
    assert all(html.count(f'name="{name}"') == 1 for name in FIELDS)
