"""Races on PostgreSQL: two simultaneous admissions for the last place (SPEC §4 caps)."""

import threading

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import translation

from tests import factories as f
from verbund.members.models import Company, CompanyStatus
from verbund.members.services import change_company_status

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="races run on PostgreSQL only",
)


def _run_concurrently(*calls):
    """Run each call in its own thread and transaction, started together; return outcomes."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def worker(index, call):
        try:
            barrier.wait()
            with translation.override("en"):
                call()
            outcomes[index] = "ok"
        except ValidationError as error:
            outcomes[index] = error.message_dict
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


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
    outcomes = _run_concurrently(
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
    outcomes = _run_concurrently(
        lambda: change_company_status(company=first, status="active", actor=None),
        lambda: change_company_status(company=second, status="active", actor=None),
    )
    assert sorted(outcomes, key=str) == sorted(
        ["ok", {"home_group": ["Regionalgruppe Rheinland is full (22 companies)."]}], key=str
    )
    assert group.home_companies.filter(status=CompanyStatus.ACTIVE).count() == 22
