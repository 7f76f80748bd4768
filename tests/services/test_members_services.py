"""Company and person services: cap, group room, status table, audit, confidentiality."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests import factories as f
from verbund.common.models import AuditEntry
from verbund.members import services
from verbund.members.models import Company, CompanyStatus, CompanyStatusChange, Person


def _company_data(group, **extra):
    return {
        "name": "Neu IT GmbH",
        "city": "München",
        "status": CompanyStatus.ACTIVE,
        "home_group": group,
        **extra,
    }


def test_create_company_logs_and_starts_history(office, group_a):
    company = services.create_company(data=_company_data(group_a), actor=office)
    history = list(company.status_changes.values_list("from_status", "to_status", "changed_by"))
    entry = AuditEntry.objects.get(action="company.create")
    assert history == [("", "active", office.pk)]
    assert (entry.actor, entry.object_id, entry.changes["name"]) == (
        office,
        company.code,
        "Neu IT GmbH",
    )


def test_create_company_refused_when_network_full(office, group_a, company_a, network):
    network.member_cap = 1
    network.save()
    with pytest.raises(ValidationError) as error:
        services.create_company(data=_company_data(group_a), actor=office)
    assert error.value.message_dict == {"status": ["The network is full: all 1 places are taken."]}
    assert Company.objects.count() == 1


def test_create_candidate_allowed_when_network_full(office, group_a, company_a, network):
    network.member_cap = 1
    network.save()
    company = services.create_company(
        data=_company_data(group_a, status=CompanyStatus.CANDIDATE), actor=office
    )
    assert company.status == "candidate"


def test_create_company_refused_in_closed_group(office, group_a):
    group_a.is_closed = True
    group_a.save()
    with pytest.raises(ValidationError) as error:
        services.create_company(data=_company_data(group_a), actor=office)
    assert error.value.message_dict == {
        "home_group": ["Ortsgruppe München-Nord is closed to new companies."]
    }
    assert Company.objects.count() == 0


def test_create_company_refused_in_full_group(office, group_a, company_a):
    group_a.capacity = 1
    group_a.save()
    with pytest.raises(ValidationError) as error:
        services.create_company(data=_company_data(group_a), actor=office)
    assert error.value.message_dict == {
        "home_group": ["Ortsgruppe München-Nord is full (1 companies)."]
    }


def test_home_group_must_be_regional(office, working_group):
    with pytest.raises(ValidationError) as error:
        services.create_company(data=_company_data(working_group), actor=office)
    assert error.value.message_dict == {
        "home_group": ["Only a regional group can be a home group."]
    }


def test_change_status_follows_table(office, company_a):
    services.change_company_status(
        company=company_a, status="suspended", reason="Beitrag", actor=office
    )
    services.change_company_status(
        company=company_a, status="expelled", reason="Kodex", actor=office
    )
    with pytest.raises(ValidationError) as error:
        services.change_company_status(company=company_a, status="active", actor=office)
    company_a.refresh_from_db()
    assert error.value.message_dict == {"status": ["A company cannot go from Expelled to Active."]}
    assert company_a.status == "expelled"
    assert list(company_a.status_changes.values_list("to_status", flat=True)) == [
        "expelled",
        "suspended",
    ]


def test_reactivation_takes_a_place(office, company_a, group_a, network):
    other = f.CompanyFactory(home_group=group_a, status=CompanyStatus.RESIGNED)
    network.member_cap = 1
    network.save()
    with pytest.raises(ValidationError):
        services.change_company_status(company=other, status="active", actor=office)
    other.refresh_from_db()
    assert (other.status, CompanyStatusChange.objects.filter(company=other).count()) == (
        "resigned",
        0,
    )


def test_admission_sets_member_since(office, group_a, network):
    company = f.CompanyFactory(
        home_group=group_a, status=CompanyStatus.CANDIDATE, member_since=None
    )
    services.change_company_status(company=company, status="active", actor=office)
    company.refresh_from_db()
    assert company.member_since is not None


def test_update_company_by_admin_redacts_revenue_in_log(member, company_a):
    services.update_company(
        company=company_a,
        data={"annual_revenue": Decimal("3100000.00"), "employees": 25},
        actor=member,
    )
    entry = AuditEntry.objects.get(action="company.update")
    company_a.refresh_from_db()
    assert (company_a.annual_revenue, company_a.employees) == (Decimal("3100000.00"), 25)
    assert entry.changes == {"annual_revenue": ["•••", "•••"], "employees": [20, 25]}


def test_office_may_not_change_revenue(office, company_a):
    with pytest.raises(PermissionDenied):
        services.update_company(
            company=company_a, data={"annual_revenue": Decimal(1)}, actor=office
        )
    company_a.refresh_from_db()
    assert company_a.annual_revenue == Decimal("2500000.00")


def test_company_admin_may_not_change_home_group(member, company_a, group_b):
    with pytest.raises(PermissionDenied):
        services.update_company(company=company_a, data={"home_group": group_b}, actor=member)


def test_non_admin_may_not_change_company(colleague, company_a):
    with pytest.raises(PermissionDenied):
        services.update_company(company=company_a, data={"employees": 1}, actor=colleague)


def test_update_company_without_change_logs_nothing(member, company_a):
    services.update_company(company=company_a, data={"employees": 20}, actor=member)
    assert AuditEntry.objects.count() == 0


def test_create_person_with_login_sends_one_invitation(
    office, company_a, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        person = services.create_person(
            data={"company": company_a, "first_name": "Eva", "last_name": "Krenz"},
            login_email="Eva@Example.org",
            actor=office,
        )
    assert (person.user.email, len(mailoutbox), mailoutbox[0].to) == (
        "eva@example.org",
        1,
        ["eva@example.org"],
    )


def test_create_person_refuses_existing_login(office, member, company_a):
    with pytest.raises(ValidationError) as error:
        services.create_person(
            data={"company": company_a, "first_name": "Eva", "last_name": "Krenz"},
            login_email="member@example.org",
            actor=office,
        )
    assert error.value.message_dict == {
        "login_email": ["A login with this e-mail address already exists."]
    }
    assert Person.objects.filter(first_name="Eva").count() == 0


def test_member_may_not_grant_company_admin(colleague, company_a):
    person = colleague.person
    with pytest.raises(PermissionDenied):
        services.update_person(person=person, data={"is_company_admin": True}, actor=colleague)
    person.refresh_from_db()
    assert person.is_company_admin is False


def test_company_admin_edits_colleague(member, colleague):
    services.update_person(person=colleague.person, data={"function": "Technik"}, actor=member)
    colleague.person.refresh_from_db()
    assert colleague.person.function == "Technik"


def test_member_may_not_edit_other_company_person(member, member2):
    with pytest.raises(PermissionDenied):
        services.update_person(person=member2.person, data={"function": "x"}, actor=member)
