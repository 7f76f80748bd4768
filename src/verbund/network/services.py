"""Writes on the network: settings, groups, memberships and role terms.

Every function runs in one transaction, checks the actor's permission and writes the
audit log.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.common.audit import apply_changes, log_action
from verbund.common.permissions import require_perm
from verbund.network.models import (
    NETWORK_SETTINGS_FIELDS,
    Group,
    GroupKind,
    GroupMembership,
    GroupRole,
    Network,
    NetworkRole,
)
from verbund.network.queries import forget_roles

GROUP_FIELDS = {"name", "kind", "description", "region", "capacity", "is_closed"}
GROUP_FIELDS_FOR_MODERATORS = {"description"}


@transaction.atomic
def update_network(*, network: Network, data: dict[str, Any], actor: Any) -> Network:
    """Change the network's settings. Side effect: audit entry."""
    require_perm(actor, "network.change_network")
    apply_changes(
        instance=network,
        data=data,
        actor=actor,
        action="network.update",
        allowed=("name", *NETWORK_SETTINGS_FIELDS),
    )
    return network


@transaction.atomic
def create_group(*, data: dict[str, Any], actor: Any) -> Group:
    """Create a group of one of the four kinds. Side effect: audit entry."""
    require_perm(actor, "network.add_group")
    group = Group(**data)
    group.full_clean()
    group.save()
    log_action(actor=actor, action="group.create", obj=group, changes=data)
    return group


@transaction.atomic
def update_group(*, group: Group, data: dict[str, Any], actor: Any) -> Group:
    """Change a group; a moderator may change only the description. Side effect: audit entry."""
    require_perm(actor, "network.change_group", group)
    if set(data) - GROUP_FIELDS_FOR_MODERATORS:
        require_perm(actor, "network.change_group_settings", group)
    if "kind" in data and data["kind"] != GroupKind.REGIONAL and group.home_companies.exists():
        raise ValidationError(
            {"kind": _("This group is the home group of companies and must stay regional.")}
        )
    apply_changes(
        instance=group, data=data, actor=actor, action="group.update", allowed=GROUP_FIELDS
    )
    return group


def _check_term(starts_on: datetime.date, ends_on: datetime.date | None) -> None:
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError({"ends_on": _("The term cannot end before it starts.")})


@transaction.atomic
def add_group_member(
    *, group: Group, person: Any, actor: Any, joined_on: datetime.date | None = None
) -> GroupMembership:
    """Add a person to a group. Side effect: audit entry."""
    require_perm(actor, "network.manage_group_members", group)
    if GroupMembership.objects.filter(group=group, person=person).exists():
        raise ValidationError(
            {"person": _("%(person)s is already a member of this group.") % {"person": person}}
        )
    membership = GroupMembership.objects.create(
        group=group, person=person, joined_on=joined_on or timezone.localdate()
    )
    log_action(actor=actor, action="group.member_add", obj=group, changes={"person": str(person)})
    forget_roles(getattr(person, "user", None))
    return membership


@transaction.atomic
def remove_group_member(*, membership: GroupMembership, actor: Any) -> None:
    """Remove a person from a group. Side effect: audit entry."""
    require_perm(actor, "network.manage_group_members", membership.group)
    log_action(
        actor=actor,
        action="group.member_remove",
        obj=membership.group,
        changes={"person": str(membership.person)},
    )
    membership.delete()


@transaction.atomic
def assign_group_role(
    *,
    group: Group,
    person: Any,
    kind: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    actor: Any,
) -> GroupRole:
    """Make a person moderator or secretary of a group for a term. Side effect: audit entry."""
    require_perm(actor, "network.manage_group_members", group)
    _check_term(starts_on, ends_on)
    role = GroupRole(group=group, person=person, kind=kind, starts_on=starts_on, ends_on=ends_on)
    role.full_clean()
    role.save()
    log_action(
        actor=actor,
        action="group.role_assign",
        obj=group,
        changes={"person": str(person), "role": kind, "starts_on": starts_on, "ends_on": ends_on},
    )
    return role


@transaction.atomic
def end_group_role(*, role: GroupRole, ends_on: datetime.date, actor: Any) -> GroupRole:
    """End a moderator's or secretary's term on `ends_on`. Side effect: audit entry."""
    require_perm(actor, "network.manage_group_members", role.group)
    _check_term(role.starts_on, ends_on)
    log_action(
        actor=actor,
        action="group.role_end",
        obj=role.group,
        changes={"person": str(role.person), "role": role.kind, "ends_on": [role.ends_on, ends_on]},
    )
    role.ends_on = ends_on
    role.save(update_fields=["ends_on"])
    return role


@transaction.atomic
def assign_network_role(
    *,
    person: Any,
    kind: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    actor: Any,
) -> NetworkRole:
    """Seat a person on the board or in the office for a term. Side effect: audit entry."""
    require_perm(actor, "network.manage_roles")
    _check_term(starts_on, ends_on)
    role = NetworkRole(person=person, kind=kind, starts_on=starts_on, ends_on=ends_on)
    role.full_clean()
    role.save()
    log_action(
        actor=actor,
        action="network.role_assign",
        obj=person,
        changes={"role": kind, "starts_on": starts_on, "ends_on": ends_on},
    )
    return role


@transaction.atomic
def end_network_role(*, role: NetworkRole, ends_on: datetime.date, actor: Any) -> NetworkRole:
    """End a board or office term on `ends_on`. Side effect: audit entry."""
    require_perm(actor, "network.manage_roles")
    _check_term(role.starts_on, ends_on)
    log_action(
        actor=actor,
        action="network.role_end",
        obj=role.person,
        changes={"role": role.kind, "ends_on": [role.ends_on, ends_on]},
    )
    role.ends_on = ends_on
    role.save(update_fields=["ends_on"])
    return role
