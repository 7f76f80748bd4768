"""Figures computed from the whole network, cached until the data changes.

Every write goes through a service, and every service writes the audit log in the same
transaction, so the newest audit entry's id changes with any change of the data. A figure
cached under that id (and its own key) is never stale, and costs one indexed query to find
again; an old entry just expires.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db.models import Max

from verbund.common.models import AuditEntry

T = TypeVar("T")
# Long enough for a busy hour; entries of an older state are never read again.
SECONDS = 3600


def last_change() -> int:
    """The id of the newest audit entry (0 when there is none)."""
    return AuditEntry.objects.aggregate(last=Max("pk"))["last"] or 0


def until_change(key: str, compute: Callable[[], T]) -> T:
    """`compute()`, or its result cached under `key` since the last change."""
    full_key = f"verbund:{key}:{last_change()}"
    found = cache.get(full_key)
    if found is None:
        found = compute()
        cache.set(full_key, found, SECONDS)
    return found
