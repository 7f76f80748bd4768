"""Writes on meetings, split by area; import from here."""

from verbund.meetings.services.agenda import (
    add_action_item,
    add_agenda_item,
    add_decision,
    move_agenda_item,
    remove_agenda_item,
    set_action_item_status,
    write_minutes,
)
from verbund.meetings.services.calendar import regenerate_calendar_token, send_reminders
from verbund.meetings.services.register import (
    check_in,
    complete_register,
    record_attendance,
    regenerate_checkin_code,
    reopen_register,
    set_rsvp,
)
from verbund.meetings.services.rule import evaluate_all_groups, evaluate_attendance
from verbund.meetings.services.schedule import (
    add_holiday,
    cancel_meeting,
    create_meeting,
    create_series,
    generate_all,
    generate_occurrences,
)

__all__ = [
    "add_action_item",
    "add_agenda_item",
    "add_decision",
    "add_holiday",
    "cancel_meeting",
    "check_in",
    "complete_register",
    "create_meeting",
    "create_series",
    "evaluate_all_groups",
    "evaluate_attendance",
    "generate_all",
    "generate_occurrences",
    "move_agenda_item",
    "record_attendance",
    "regenerate_calendar_token",
    "regenerate_checkin_code",
    "remove_agenda_item",
    "reopen_register",
    "send_reminders",
    "set_action_item_status",
    "set_rsvp",
    "write_minutes",
]
