"""Races on PostgreSQL: two admissions for the last place, one member voting twice at once."""

import pytest

from tests import factories as f
from tests.admissions.conftest import ApplicationFactory
from tests.races.concurrency import postgres_only, run_concurrently
from verbund.admissions import services
from verbund.admissions.models import Application, Vote
from verbund.members.models import Company, CompanyStatus

pytestmark = postgres_only


def _voting(group, meeting, voter, name):
    application = ApplicationFactory(
        company__name=name, company__home_group=group, stage="voting", vote_meeting=meeting
    )
    services.cast_vote(application=application, person=voter, choice="yes", actor=None)
    return application


@pytest.mark.django_db(transaction=True)
def test_two_admissions_for_the_last_place_admit_one():
    f.NetworkFactory(member_cap=400)
    group = f.GroupFactory()
    voter = f.PersonFactory(company__home_group=group)  # the 399th company
    Company.objects.bulk_create(
        [
            Company(name=f"Mitglied {i}", status=CompanyStatus.ACTIVE, code=f"m{i:05d}")
            for i in range(398)
        ]
    )
    meeting = f.MeetingFactory(group=group, register_state="completed")
    f.AttendanceRecordFactory(meeting=meeting, person=voter, status="present")
    first, second = (_voting(group, meeting, voter, name) for name in ("Erste GmbH", "Zweite AG"))
    outcomes = run_concurrently(
        lambda: services.close_vote(application=first, actor=None),
        lambda: services.close_vote(application=second, actor=None),
    )
    assert sorted(outcomes, key=str) == sorted(
        ["ok", {"status": ["The network is full: all 400 places are taken."]}], key=str
    )
    stages = sorted(Application.objects.values_list("stage", flat=True))
    assert (stages, Company.objects.filter(status=CompanyStatus.ACTIVE).count()) == (
        ["admitted", "voting"],
        400,
    )


@pytest.mark.django_db(transaction=True)
def test_same_member_voting_twice_at_once_leaves_one_vote():
    f.NetworkFactory()
    group = f.GroupFactory()
    voter = f.PersonFactory(company__home_group=group)
    meeting = f.MeetingFactory(group=group, register_state="completed")
    f.AttendanceRecordFactory(meeting=meeting, person=voter, status="present")
    application = ApplicationFactory(
        company__home_group=group, stage="voting", vote_meeting=meeting
    )
    outcomes = run_concurrently(
        *(
            lambda choice=choice: services.cast_vote(
                application=application, person=voter, choice=choice, reason="Nein", actor=None
            )
            for choice in ("yes", "veto")
        )
    )
    assert (outcomes, Vote.objects.filter(application=application).count()) == (["ok", "ok"], 1)
