"""Figures computed from the whole network, cached until the data changes.

Every write goes through a service, and every service writes the audit log in its
transaction. A cached figure is stamped with the newest audit entry's id and a generation
that `log_action` counts up once its transaction has committed, and is used only while both
are unchanged. The id alone is not enough: ids are handed out at insert, not at commit, so a
reader between two overlapping transactions could stamp figures that miss the one that
commits later; the generation moves when it does. Stale at most for SECONDS, should a count
up ever be lost (two at the very same moment on the database cache).

The figures live in a cache of their own (`CACHES["figures"]`), one entry per key whatever
the number of changes, so they can never crowd out the rate limits and used TOTP codes in
the default cache.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import caches
from django.db.models import Max

from verbund.common.models import AuditEntry

T = TypeVar("T")
ALIAS = "figures"
GENERATION = "generation"
SECONDS = 600


def last_change() -> int:
    """The id of the newest audit entry (0 when there is none)."""
    return AuditEntry.objects.aggregate(last=Max("pk"))["last"] or 0


def count_change() -> None:
    """After a write has committed (`log_action` runs this on commit)."""
    figures = caches[ALIAS]
    try:
        figures.incr(GENERATION)
    except ValueError:  # not there yet, or evicted
        figures.set(GENERATION, 1, None)


def until_change(key: str, compute: Callable[[], T]) -> T:
    """`compute()`, or its result cached under `key` since the last change."""
    figures = caches[ALIAS]
    stamp = (last_change(), figures.get(GENERATION, 0))
    found = figures.get(key)
    if found is not None and found[0] == stamp:
        return found[1]
    result = compute()
    figures.set(key, (stamp, result), SECONDS)
    return result
