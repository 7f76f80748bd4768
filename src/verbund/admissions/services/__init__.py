"""Writes on guests and applications; import from here."""

from verbund.admissions.services.applications import (
    cast_vote,
    close_vote,
    open_vote,
    submit_application,
    withdraw_application,
)
from verbund.admissions.services.board import (
    cast_board_vote,
    decide_board_case,
    read_veto_reasons,
)
from verbund.admissions.services.guests import (
    add_walk_in,
    give_guest_login,
    invite_guest,
    invite_vendor_guest,
    record_visit,
)
from verbund.admissions.services.guests_public import (
    TooManyRegistrations,
    confirm_registration,
    count_registration,
    publish_consent,
    read_registration,
    register_guest,
    request_registration,
)
from verbund.admissions.services.retention import apply_retention
from verbund.admissions.services.stages import admit, reject

__all__ = [
    "TooManyRegistrations",
    "add_walk_in",
    "admit",
    "apply_retention",
    "cast_board_vote",
    "cast_vote",
    "close_vote",
    "confirm_registration",
    "count_registration",
    "decide_board_case",
    "give_guest_login",
    "invite_guest",
    "invite_vendor_guest",
    "open_vote",
    "publish_consent",
    "read_registration",
    "read_veto_reasons",
    "record_visit",
    "register_guest",
    "reject",
    "request_registration",
    "submit_application",
    "withdraw_application",
]
