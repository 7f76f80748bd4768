"""Who may do what with meetings (django-rules predicates on a Meeting)."""

import rules

from verbund.network.queries import roles_of
from verbund.network.rules import is_office


def _group_id(meeting) -> int | None:
    return getattr(meeting, "group_id", None)


@rules.predicate
def moderates(user, meeting) -> bool:
    return _group_id(meeting) in roles_of(user).moderated_group_ids


@rules.predicate
def keeps_minutes(user, meeting) -> bool:
    return _group_id(meeting) in roles_of(user).secretary_group_ids


@rules.predicate
def belongs_to_group(user, meeting) -> bool:
    roles = roles_of(user)
    return roles.is_member and _group_id(meeting) in roles.group_ids


@rules.predicate
def moderates_group(user, group) -> bool:
    return group is not None and group.pk in roles_of(user).moderated_group_ids


@rules.predicate
def sees_group_meetings(user, group) -> bool:
    """A member, moderator or secretary of the group, or a guest who visited it."""
    if group is None:
        return False
    roles = roles_of(user)
    own = roles.group_ids | roles.moderated_group_ids | roles.secretary_group_ids
    if roles.sees_network:
        return group.pk in own
    return roles.is_guest and group.pk in roles.visited_group_ids


rules.add_perm("meetings.manage_series", is_office | moderates_group)
rules.add_perm("meetings.change_meeting", is_office | moderates)
rules.add_perm("meetings.change_agenda", moderates)
rules.add_perm("meetings.write_minutes", moderates | keeps_minutes)
rules.add_perm("meetings.record_attendance", moderates | keeps_minutes)
rules.add_perm("meetings.reopen_register", moderates)
rules.add_perm("meetings.view_register", is_office | moderates | keeps_minutes | belongs_to_group)
rules.add_perm("meetings.rsvp", belongs_to_group)
rules.add_perm("meetings.check_in", belongs_to_group)
rules.add_perm("meetings.manage_holidays", is_office)
# A group's meetings list (obj = group): the group itself is visible to every member.
rules.add_perm("meetings.view_group_meetings", is_office | sees_group_meetings)
