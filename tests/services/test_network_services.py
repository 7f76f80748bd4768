"""Network services: settings, groups, memberships and role terms."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests import factories as f
from verbund.common.models import AuditEntry
from verbund.network import services
from verbund.network.models import GroupMembership, GroupRole, NetworkRole
from verbund.network.queries import roles_of


def test_update_network_logs_change(office, network):
    services.update_network(network=network, data={"annual_fee": Decimal("1500.00")}, actor=office)
    entry = AuditEntry.objects.get(action="network.update")
    assert entry.changes == {"annual_fee": ["1200.00", "1500.00"]}


def test_update_network_refused_for_board(board, network):
    with pytest.raises(PermissionDenied):
        services.update_network(network=network, data={"name": "x"}, actor=board)


def test_update_network_rejects_negative_fee(office, network):
    with pytest.raises(ValidationError) as error:
        services.update_network(network=network, data={"annual_fee": Decimal("-1")}, actor=office)
    network.refresh_from_db()
    assert list(error.value.message_dict) == ["annual_fee"]
    assert network.annual_fee == Decimal("1200.00")


def test_moderator_changes_only_description(moderator, group_a):
    services.update_group(group=group_a, data={"description": "Café Luitpold"}, actor=moderator)
    with pytest.raises(PermissionDenied):
        services.update_group(group=group_a, data={"capacity": 99}, actor=moderator)
    group_a.refresh_from_db()
    assert (group_a.description, group_a.capacity) == ("Café Luitpold", None)


def test_moderator_of_other_group_refused(moderator, group_b):
    with pytest.raises(PermissionDenied):
        services.update_group(group=group_b, data={"description": "x"}, actor=moderator)


def test_home_group_must_stay_regional(office, group_a, company_a):
    with pytest.raises(ValidationError) as error:
        services.update_group(group=group_a, data={"kind": "working"}, actor=office)
    assert error.value.message_dict == {
        "kind": ["This group is the home group of companies and must stay regional."]
    }


def test_add_member_twice_refused(office, group_b, member_person):
    services.add_group_member(group=group_b, person=member_person, actor=office)
    with pytest.raises(ValidationError):
        services.add_group_member(group=group_b, person=member_person, actor=office)
    assert GroupMembership.objects.filter(group=group_b, person=member_person).count() == 1


def test_role_term_ends_and_rights_end(office, moderator, group_a):
    role = GroupRole.objects.get(person__user=moderator)
    services.end_group_role(role=role, ends_on=datetime.date(2025, 1, 1), actor=office)
    moderator.refresh_from_db()
    assert roles_of(moderator).moderated_group_ids == frozenset()


def test_role_term_end_before_start_refused(office, member_person):
    with pytest.raises(ValidationError) as error:
        services.assign_network_role(
            person=member_person,
            kind="board",
            starts_on=datetime.date(2026, 1, 1),
            ends_on=datetime.date(2025, 1, 1),
            actor=office,
        )
    assert error.value.message_dict == {"ends_on": ["The term cannot end before it starts."]}
    assert NetworkRole.objects.filter(person=member_person).count() == 0


def test_future_board_term_gives_no_rights_yet(office, member_person):
    services.assign_network_role(
        person=member_person, kind="board", starts_on=datetime.date(2099, 1, 1), actor=office
    )
    assert roles_of(member_person.user).is_board is False


def test_board_role_needs_active_company(office, member_person, company_a):
    f.NetworkRoleFactory(person=member_person, kind="board")
    company_a.status = "suspended"
    company_a.save()
    assert roles_of(member_person.user).is_board is False
