"""The rolling window's first day: the same day `months` back, or the last day of that month
when it is shorter (never a fixed 28th)."""

import datetime

import pytest

from verbund.meetings.queries import window_start

D = datetime.date


@pytest.mark.parametrize(
    ("on", "months", "start"),
    [
        (D(2026, 7, 31), 6, D(2026, 1, 31)),
        (D(2026, 7, 30), 6, D(2026, 1, 30)),
        (D(2026, 7, 29), 6, D(2026, 1, 29)),
        (D(2026, 7, 28), 6, D(2026, 1, 28)),
        (D(2026, 8, 31), 6, D(2026, 2, 28)),
        (D(2026, 8, 29), 6, D(2026, 2, 28)),
        (D(2024, 8, 31), 6, D(2024, 2, 29)),  # a leap year
        (D(2024, 8, 29), 6, D(2024, 2, 29)),
        (D(2026, 12, 31), 6, D(2026, 6, 30)),
        (D(2026, 3, 31), 6, D(2025, 9, 30)),  # across the year
        (D(2026, 3, 31), 1, D(2026, 2, 28)),
        (D(2026, 3, 31), 12, D(2025, 3, 31)),
        (D(2025, 2, 28), 12, D(2024, 2, 28)),
        (D(2024, 2, 29), 12, D(2023, 2, 28)),
        (D(2026, 1, 15), 6, D(2025, 7, 15)),
        (D(2026, 6, 1), 24, D(2024, 6, 1)),
    ],
)
def test_window_start_keeps_the_day_or_takes_the_months_last(on, months, start):
    assert window_start(on, months) == start


def test_window_start_moves_day_by_day_at_the_end_of_a_month():
    """31 January follows 28 January: the start no longer stops on the 28th."""
    days = [D(2026, 7, day) for day in range(27, 32)]
    assert [window_start(day, 6) for day in days] == [D(2026, 1, day) for day in range(27, 32)]
