"""A member's attendance standing on their profile, for those who may see it."""

from __future__ import annotations

from typing import Any

from django import template

from verbund.meetings.queries import standing
from verbund.network.queries import get_network, roles_of

register = template.Library()


@register.inclusion_tag("meetings/partials/standing_list.html", takes_context=True)
def attendance_standings(context: dict[str, Any], person: Any) -> dict[str, Any]:
    """The person's standing per group: for themself and the office in all their groups,
    for a moderator in the groups they moderate; nothing for anybody else."""
    roles = roles_of(context["request"].user)
    is_self = roles.person is not None and roles.person.pk == person.pk
    if not (is_self or roles.is_office or roles.moderated_group_ids):
        return {"standings": []}  # no query for the everyday viewer
    groups = [membership.group for membership in person.group_memberships.select_related("group")]
    if not (is_self or roles.is_office):
        groups = [group for group in groups if group.pk in roles.moderated_group_ids]
    if not groups:
        return {"standings": []}
    return {
        "standings": [(group, standing(person, group)) for group in groups],
        "months": get_network().attendance_window_months,
    }
