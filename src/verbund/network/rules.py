"""Who may do what with the network and its groups (django-rules predicates)."""

import rules

from verbund.network.queries import roles_of


@rules.predicate
def is_office(user) -> bool:
    return roles_of(user).is_office


@rules.predicate
def is_board(user) -> bool:
    return roles_of(user).is_board


@rules.predicate
def is_member(user) -> bool:
    return roles_of(user).is_member


@rules.predicate
def sees_network(user) -> bool:
    return roles_of(user).sees_network


@rules.predicate
def visited_group(user, group) -> bool:
    return group is not None and group.pk in roles_of(user).visited_group_ids


@rules.predicate
def moderates_group(user, group) -> bool:
    return group is not None and group.pk in roles_of(user).moderated_group_ids


@rules.predicate
def is_group_member(user, group) -> bool:
    return group is not None and group.pk in roles_of(user).group_ids


rules.add_perm("network.view_network", sees_network)
rules.add_perm("network.change_network", is_office)
rules.add_perm("network.view_group", sees_network | visited_group)
rules.add_perm("network.view_group_members", sees_network)
rules.add_perm("network.add_group", is_office)
rules.add_perm("network.change_group", is_office | moderates_group)
rules.add_perm("network.change_group_settings", is_office)
rules.add_perm("network.manage_group_members", is_office)
rules.add_perm("network.manage_roles", is_office)
rules.add_perm("common.view_audit_log", is_office)
rules.add_perm("network.view_office", is_office)
