"""The permission check every service starts with."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied


def require_perm(actor: Any, perm: str, obj: Any = None) -> None:
    """Raise PermissionDenied unless `actor` holds `perm` (for `obj`).

    `actor=None` is the system itself (management commands, demo data, imports run by the
    operator on the server), which is trusted.
    """
    if actor is None:
        return
    if not actor.has_perm(perm, obj):
        raise PermissionDenied(perm)
