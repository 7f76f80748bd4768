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
from verbund.admissions.services.guests import record_guest_visit
from verbund.admissions.services.stages import admit, reject

__all__ = [
    "admit",
    "cast_board_vote",
    "cast_vote",
    "close_vote",
    "decide_board_case",
    "open_vote",
    "read_veto_reasons",
    "record_guest_visit",
    "reject",
    "submit_application",
    "withdraw_application",
]
