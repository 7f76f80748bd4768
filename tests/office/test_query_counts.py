"""Every office list costs the same number of queries for 1 item as for 3 (no N+1)."""

import datetime

import pytest

from tests import factories as f
from tests.pages.html import rows
from verbund.network.models import NetworkRoleKind

SIZES = pytest.mark.parametrize("size", [1, 3])
# Of each count, 14 queries are every page's own: session, login, session tracking, the
# viewer's roles, the second-factor check and the network's name.


def _companies(size, group=None):
    return [
        f.CompanyFactory(name=f"Firma {i}", home_group=group or f.GroupFactory(name=f"Gruppe {i}"))
        for i in range(size)
    ]


def _people(size, group=None):
    people = []
    for i, company in enumerate(_companies(size)):
        person = f.PersonFactory(company=company, first_name="Pat", last_name=f"Person {i}")
        if group is not None:
            f.GroupMembershipFactory(group=group, person=person)
        people.append(person)
    return people


@SIZES
def test_group_list_query_count(office_client, size, django_assert_num_queries):
    for company in _companies(size):
        f.PersonFactory(company=company)
    with django_assert_num_queries(10):
        response = office_client.get("/office/groups/")
    assert [row[0] for row in rows(response, "groups")] == [f"Gruppe {i}" for i in range(size)]


@SIZES
def test_company_list_query_count(office_client, size, django_assert_num_queries):
    for company in _companies(size):
        f.PersonFactory(company=company)
    with django_assert_num_queries(10):
        response = office_client.get("/office/companies/")
    assert [(row[0], row[2], row[5]) for row in rows(response, "companies")] == [
        (f"Firma {i}", f"Gruppe {i}", "1") for i in range(size)
    ]


@SIZES
def test_person_list_query_count(office_client, size, django_assert_num_queries):
    _people(size, group=f.GroupFactory(name="Gemeinsam"))
    with django_assert_num_queries(12):
        response = office_client.get("/office/people/")
    assert [row[:2] for row in rows(response, "people")] == [["Amt, Olga", "—"]] + [
        [f"Person {i}, Pat", f"Firma {i}"] for i in range(size)
    ]


@SIZES
def test_role_list_query_count(office_client, size, django_assert_num_queries):
    for person in _people(size):
        f.NetworkRoleFactory(
            person=person, kind=NetworkRoleKind.BOARD, starts_on=datetime.date(2024, 1, 1)
        )
    with django_assert_num_queries(10):
        response = office_client.get("/office/roles/")
    assert [row[0] for row in rows(response, "current-roles")] == [
        *[f"Person {i}, Pat (Firma {i})" for i in range(size)],
        "Amt, Olga",
    ]


@SIZES
def test_audit_log_query_count(office_client, size, django_assert_num_queries):
    for i in range(size):
        f.AuditEntryFactory(object_repr=f"Objekt {i}", changes={"name": ["alt", f"neu {i}"]})
    with django_assert_num_queries(12):
        response = office_client.get("/office/audit/")
    assert [(row[3], row[4]) for row in rows(response, "audit-entries")] == [
        (f"Objekt {i} (members.company)", f"name: alt → neu {i}") for i in reversed(range(size))
    ]


@SIZES
def test_group_manage_memberships_query_count(office_client, size, django_assert_num_queries):
    group = f.GroupFactory(name="Ortsgruppe Köln")
    for person in _people(size, group=group):
        f.GroupRoleFactory(group=group, person=person)
    with django_assert_num_queries(14):
        response = office_client.get(f"/office/groups/{group.code}/")
    assert [row[:2] for row in rows(response, "memberships")] == [
        [f"Person {i}, Pat", f"Firma {i}"] for i in range(size)
    ]
    assert [row[0] for row in rows(response, "group-roles")] == [
        f"Person {i}, Pat" for i in range(size)
    ]
