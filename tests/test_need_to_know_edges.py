"""Edges of need-to-know: operators, ended terms, inactive companies, slipped-in fields."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from tests import factories as f
from tests.conftest import client_for
from verbund.members.queries import people_visible_to
from verbund.members.services import update_company
from verbund.network.queries import current_roles


def test_superuser_gets_no_shortcut_past_the_rules(company_a):
    operator = f.UserFactory(email="root@example.org", is_superuser=True, is_staff=True)
    f.enable_totp(operator)
    assert [
        operator.has_perm("members.view_company_revenue", company_a),
        operator.has_perm("network.change_network"),
        operator.has_perm("common.view_audit_log"),
    ] == [False, False, False]
    assert client_for(operator).get("/office/").status_code == 403


def test_superuser_without_second_factor_is_sent_to_set_up(db):
    operator = f.UserFactory(email="root@example.org", is_superuser=True, is_staff=True)
    response = client_for(operator).get("/")
    assert (response.status_code, response["Location"]) == (302, "/accounts/2fa/totp/activate/")


def test_django_admin_is_not_served(office):
    assert client_for(office).get("/django-admin/").status_code == 404


def test_secretary_of_suspended_company_not_shown(group_a, moderator):
    company = f.CompanyFactory(home_group=group_a, status="suspended")
    secretary = f.PersonFactory(company=company)
    f.GroupRoleFactory(group=group_a, person=secretary, kind="secretary")
    assert [role.person.user for role in current_roles(group_a)] == [moderator]


def test_former_office_staff_not_visible_to_members(member, office):
    former = f.PersonFactory(company=None, first_name="Frida", last_name="Früher")
    f.NetworkRoleFactory(
        person=former,
        kind="office",
        starts_on=datetime.date(2008, 1, 1),
        ends_on=datetime.date(2011, 12, 31),
    )
    visible = set(people_visible_to(member).values_list("last_name", flat=True))
    assert ("Amt" in visible, "Früher" in visible) == (True, False)


def test_service_refuses_fields_outside_its_list(member, company_a):
    code = company_a.code
    with pytest.raises(ValidationError) as error:
        update_company(company=company_a, data={"code": "stolen1234", "city": "Ulm"}, actor=member)
    company_a.refresh_from_db()
    assert list(error.value.message_dict) == ["code"]
    assert (company_a.code, company_a.city) == (code, "München")
