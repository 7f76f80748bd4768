"""Races on PostgreSQL: two simultaneous admissions for the last place (SPEC §4 caps)."""

import pytest

from tests import factories as f
from tests.races.concurrency import postgres_only, run_concurrently
from verbund.members.models import Company, CompanyStatus
from verbund.members.services import change_company_status

pytestmark = postgres_only


@pytest.mark.django_db(transaction=True)
def test_last_network_place_goes_to_one_of_two():
    network = f.NetworkFactory(member_cap=400)
    group = f.GroupFactory()
    Company.objects.bulk_create(
        [
            Company(name=f"Mitglied {i}", status=CompanyStatus.ACTIVE, code=f"m{i:05d}")
            for i in range(399)
        ]
    )
    first, second = (
        f.CompanyFactory(status=CompanyStatus.CANDIDATE, home_group=group) for _ in range(2)
    )
    outcomes = run_concurrently(
        lambda: change_company_status(company=first, status="active", actor=None),
        lambda: change_company_status(company=second, status="active", actor=None),
    )
    assert sorted(outcomes, key=str) == sorted(
        ["ok", {"status": ["The network is full: all 400 places are taken."]}], key=str
    )
    assert Company.objects.filter(status=CompanyStatus.ACTIVE).count() == network.member_cap


@pytest.mark.django_db(transaction=True)
def test_last_group_place_goes_to_one_of_two():
    f.NetworkFactory(member_cap=None)
    group = f.GroupFactory(name="Regionalgruppe Rheinland", capacity=22)
    for _ in range(21):
        f.CompanyFactory(home_group=group)
    first, second = (
        f.CompanyFactory(status=CompanyStatus.CANDIDATE, home_group=group) for _ in range(2)
    )
    outcomes = run_concurrently(
        lambda: change_company_status(company=first, status="active", actor=None),
        lambda: change_company_status(company=second, status="active", actor=None),
    )
    assert sorted(outcomes, key=str) == sorted(
        ["ok", {"home_group": ["Regionalgruppe Rheinland is full (22 companies)."]}], key=str
    )
    assert group.home_companies.filter(status=CompanyStatus.ACTIVE).count() == 22
