"""`log_action`: the one helper every service calls to write the audit log."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import models, transaction
from django.utils.translation import gettext as _

from verbund.common.cache import count_change
from verbund.common.models import AuditEntry


def _plain(value: Any) -> Any:
    """Turn a field value into something JSON can hold, keeping it readable in the log."""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, Decimal | date | datetime):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [_plain(item) for item in value]
    if isinstance(value, File):  # a stored file (FieldFile) or a new upload: its name
        return value.name or ""
    return value


def diff(instance: models.Model, data: dict[str, Any]) -> dict[str, list[Any]]:
    """Return `{field: [old, new]}` for the fields in `data` whose value would change."""
    changes = {}
    for field, new in data.items():
        old = getattr(instance, field)
        if old != new:
            changes[field] = [_plain(old), _plain(new)]
    return changes


def log_action(
    *, actor: Any, action: str, obj: models.Model, changes: dict[str, Any] | None = None
) -> AuditEntry:
    """Write one audit entry; call it inside the service's transaction. Side effects: one row,
    and once the transaction commits, cached figures are told the data changed."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    transaction.on_commit(count_change)
    return AuditEntry.objects.create(
        actor=user,
        actor_repr=user.email if user else "system",
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(getattr(obj, "code", obj.pk)),
        object_repr=str(obj)[:255],
        changes={key: _plain(value) for key, value in (changes or {}).items()},
    )


def apply_changes(
    *,
    instance: models.Model,
    data: dict[str, Any],
    actor: Any,
    action: str,
    allowed: Collection[str],
    redact: tuple[str, ...] = (),
) -> dict[str, list[Any]]:
    """Set `data` on `instance`, validate, save and log what changed. Returns the change.

    Only fields in `allowed` may be set (no interface can slip in a code, a user or a
    status). Fields named in `redact` are logged as changed without their values
    (confidential data must not reach readers of the audit log).
    """
    refused = sorted(set(data) - set(allowed))
    if refused:
        raise ValidationError({field: _("This field cannot be changed here.") for field in refused})
    changes = diff(instance, data)
    if not changes:
        return changes
    for field, value in data.items():
        setattr(instance, field, value)
    instance.full_clean()
    instance.save()
    logged = {key: (["•••", "•••"] if key in redact else value) for key, value in changes.items()}
    log_action(actor=actor, action=action, obj=instance, changes=logged)
    return changes
