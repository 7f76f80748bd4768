"""The audit log browser of the network office."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from verbund.common.http import paginate
from verbund.common.models import AuditEntry
from verbund.conduct.models import ConductCase
from verbund.network.queries import roles_of
from verbund.referrals.models import OneToOneMeeting, Referral

FILTERS = ("action", "object_type", "actor", "q")
# Entries about conduct cases are the advisory board's: their actors (who filed, who read)
# would let the office link a filer to the accused company. Kept in the database.
BOARD_ONLY_TYPES = (ConductCase._meta.label_lower,)
# Referrals and one-to-ones are the parties' business (they have the status history on the
# referral itself): nobody reads them on this page. Kept in the database.
HIDDEN_TYPES = (Referral._meta.label_lower, OneToOneMeeting._meta.label_lower)


@login_required
@permission_required("common.view_audit_log", raise_exception=True)
def audit_log(request: HttpRequest) -> HttpResponse:
    """Every logged action, newest first, filterable by action, object type, actor and object."""
    chosen = {name: request.GET.get(name, "").strip() for name in FILTERS}
    readable = entries_readable_by(request.user)
    page = paginate(request, _filtered(readable, chosen))
    for entry in page:
        entry.change_rows = change_rows(entry.changes)
    return render(
        request,
        "common/audit_log.html",
        {
            "page": page,
            "chosen": chosen,
            "actions": _distinct(readable, "action"),
            "object_types": _distinct(readable, "object_type"),
        },
    )


def _filtered(entries: QuerySet[AuditEntry], chosen: dict[str, str]) -> QuerySet[AuditEntry]:
    """Exact action and object type; actor e-mail and object name by substring."""
    lookups = {
        "action": "action",
        "object_type": "object_type",
        "actor": "actor_repr__icontains",
        "q": "object_repr__icontains",
    }
    return entries.filter(**{lookups[name]: value for name, value in chosen.items() if value})


def entries_readable_by(user: Any) -> QuerySet[AuditEntry]:
    """The audit entries `user` (who may read the log) sees: all but the conduct cases' for
    the office; a board member sees those too, except for cases against their own company
    (the board seat gives no view of one's own case). Nobody sees HIDDEN_TYPES here."""
    entries = AuditEntry.objects.exclude(object_type__in=HIDDEN_TYPES)
    roles = roles_of(user)
    if not roles.is_board or roles.company_id is None:  # a board seat needs a company
        return entries.exclude(object_type__in=BOARD_ONLY_TYPES)
    own = ConductCase.objects.filter(company_id=roles.company_id).values("code")
    return entries.exclude(object_type__in=BOARD_ONLY_TYPES, object_id__in=own)


def _distinct(entries: QuerySet[AuditEntry], field: str) -> list[str]:
    """The values a filter can take (both columns are indexed, so this stays cheap)."""
    return list(entries.order_by(field).values_list(field, flat=True).distinct())


def change_rows(changes: Any) -> list[tuple[str, Any, Any, bool]]:
    """`(field, old, new, is_change)` per logged field; a plain value has no old side."""
    if not isinstance(changes, dict):
        return []
    rows = []
    # Sorted: PostgreSQL's jsonb does not keep the keys in the order they were written.
    for field, value in sorted(changes.items()):
        if isinstance(value, list) and len(value) == 2:
            rows.append((field, _shown(value[0]), _shown(value[1]), True))
        else:
            rows.append((field, None, _shown(value), False))
    return rows


def _shown(value: Any) -> Any:
    """A logged value as text; empty values show as a dash so a change to "" stays visible."""
    if value in (None, ""):
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return value
