"""Writes on the code of honour and on conduct cases; import from here."""

from verbund.conduct.services.cases import (
    decide_case,
    end_suspensions,
    file_case,
    give_statement,
    move_case,
    read_case,
    stage_deadline,
)
from verbund.conduct.services.honour import accept_code, publish_code

__all__ = [
    "accept_code",
    "decide_case",
    "end_suspensions",
    "file_case",
    "give_statement",
    "move_case",
    "publish_code",
    "read_case",
    "stage_deadline",
]
