"""The network's settings as the office changes them."""

from decimal import Decimal

import pytest

from tests.office.conftest import errors
from tests.pages.html import de
from verbund.common.models import AuditEntry
from verbund.network.models import Network

FIELDS = [
    "name",
    "contact_email",
    "member_cap",
    "guest_visit_limit",
    "admission_rule",
    "recommendation_required",
    "board_quorum",
    "attendance_max_unexcused",
    "attendance_window_months",
    "substitute_counts_present",
    "late_counts_present",
    "conduct_stage_days",
    "resignation_notice_months",
    "retention_months",
    "scorecard_attendance_green",
    "scorecard_attendance_amber",
    "scorecard_referrals_green",
    "scorecard_referrals_amber",
    "scorecard_one_to_ones_green",
    "scorecard_one_to_ones_amber",
    "scorecard_guests_green",
    "scorecard_guests_amber",
    "annual_fee",
]


def _posted(network: Network, **changes) -> dict:
    """The form as the browser posts it: the current values with `changes`."""
    data = {name: getattr(network, name) for name in FIELDS}
    data.update(changes)
    posted = {name: ("" if value is None else value) for name, value in data.items()}
    for flag in ("recommendation_required", "substitute_counts_present", "late_counts_present"):
        if not posted[flag]:
            del posted[flag]  # an unticked checkbox is not posted at all
    return posted


def _snapshot():
    return list(Network.objects.values(*FIELDS))


def test_network_edit_shows_the_current_settings(office, office_client, network):
    response = office_client.get("/office/network/")
    form = response.context["form"]
    assert {name: form[name].value() for name in ("name", "member_cap", "annual_fee")} == {
        "name": "Testnetz",
        "member_cap": 400,
        "annual_fee": Decimal("1200.00"),
    }


def test_network_edit_saves_and_logs_the_change(office, office_client, network):
    response = office_client.post(
        "/office/network/",
        _posted(
            network,
            name="Systemhaus-Verbund",
            member_cap=380,
            annual_fee="1450.50",
            late_counts_present=False,
            contact_email="buero@verbund.example",
        ),
    )
    assert (response.status_code, response["Location"]) == (302, "/office/network/")
    network.refresh_from_db()
    assert (
        network.name,
        network.member_cap,
        network.annual_fee,
        network.late_counts_present,
        network.contact_email,
    ) == ("Systemhaus-Verbund", 380, Decimal("1450.50"), False, "buero@verbund.example")
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.object_repr, entry.changes) == (
        "network.update",
        office,
        "Systemhaus-Verbund",
        {
            "name": ["Testnetz", "Systemhaus-Verbund"],
            "contact_email": ["", "buero@verbund.example"],
            "member_cap": [400, 380],
            "late_counts_present": [True, False],
            "annual_fee": ["1200.00", "1450.50"],
        },
    )


def test_network_edit_success_message_is_shown(office, office_client, network):
    response = office_client.post("/office/network/", _posted(network, name="Neu"), follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        de("The network's settings are saved.")
    ]


def test_network_edit_unchanged_form_writes_no_audit_entry(office, office_client, network):
    office_client.post("/office/network/", _posted(network))
    assert AuditEntry.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, lambda: de("This field is required.")),
        (
            {"annual_fee": "-1"},
            lambda: (
                de("Ensure this value is greater than or equal to %(limit_value)s.")
                % {"limit_value": 0}
            ),
        ),
        ({"annual_fee": "abc"}, lambda: de("Enter a number.")),
        (
            {"guest_visit_limit": "0"},
            lambda: (
                de("Ensure this value is greater than or equal to %(limit_value)s.")
                % {"limit_value": 1}
            ),
        ),
        ({"contact_email": "no-address"}, lambda: de("Enter a valid email address.")),
        (
            {"admission_rule": "coin_toss"},
            lambda: (
                de("Select a valid choice. %(value)s is not one of the available choices.")
                % {"value": "coin_toss"}
            ),
        ),
    ],
    ids=[
        "empty-name",
        "negative-fee",
        "fee-not-a-number",
        "no-guest-visits",
        "bad-email",
        "unknown-rule",
    ],
)
def test_network_edit_bad_input_shows_message_changes_nothing(
    office_client, network, changes, message
):
    before = _snapshot()
    response = office_client.post("/office/network/", _posted(network, **changes))
    assert (response.status_code, errors(response), _snapshot()) == (200, [message()], before)
    assert AuditEntry.objects.count() == 0
