"""Writes on guests: registering a guest and counting visits against the limit."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from verbund.admissions.models import Guest, GuestVisit
from verbund.common.audit import log_action
from verbund.network.models import Group
from verbund.network.queries import get_network


@transaction.atomic
def record_guest_visit(
    *, guest: Guest, group: Group, visited_on: datetime.date, actor: Any
) -> GuestVisit:
    """Count a guest's visit to a group; refused past the network's visit limit.

    Side effect: audit entry.
    """
    guest = Guest.objects.select_for_update().get(pk=guest.pk)
    limit = get_network().guest_visit_limit
    if guest.visits.count() >= limit:
        raise ValidationError(
            {
                "guest": _(
                    "%(guest)s has already visited %(limit)d times; the members must decide first."
                )
                % {"guest": guest, "limit": limit}
            }
        )
    visit, created = GuestVisit.objects.get_or_create(
        guest=guest, group=group, visited_on=visited_on
    )
    if created:
        log_action(
            actor=actor,
            action="guest.visit",
            obj=guest.person,
            changes={"group": group.name, "visited_on": visited_on},
        )
    return visit
