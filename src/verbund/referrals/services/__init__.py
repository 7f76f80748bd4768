"""Writes on referrals, closed business and one-to-ones; import from here."""

from verbund.referrals.queries import one_to_one_counts
from verbund.referrals.services.one_to_ones import (
    answer_one_to_one,
    cancel_one_to_one,
    record_held,
    request_one_to_one,
)
from verbund.referrals.services.referrals import (
    change_status,
    confirm_closed_business,
    credited_values,
    pass_referral,
    remind_untouched,
)

__all__: list[str] = [
    "change_status",
    "confirm_closed_business",
    "credited_values",
    "pass_referral",
    "remind_untouched",
]
__all__ += [
    "answer_one_to_one",
    "cancel_one_to_one",
    "one_to_one_counts",
    "record_held",
    "request_one_to_one",
]
from verbund.referrals.services.help_requests import (  # noqa: E402 (appended per feature)
    accept_answer,
    answer_help,
    ask_for_help,
    close_help_request,
)

__all__ += ["accept_answer", "answer_help", "ask_for_help", "close_help_request"]
