"""The admissions cast on top of tests/conftest.py: a candidate recommended by `member` for
group A, a vote meeting of group A with a completed register, and the factories for it."""

import factory
import pytest
from django.utils import translation

from tests import factories as f
from verbund.admissions.models import Application, BoardCase, Stage, Vote
from verbund.members.models import CompanyStatus
from verbund.network.models import NetworkRoleKind


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    company = factory.SubFactory(
        f.CompanyFactory, name="Neuland IT GmbH", status=CompanyStatus.CANDIDATE
    )
    home_group = factory.LazyAttribute(lambda a: a.company.home_group)
    stage = Stage.SUBMITTED


class VoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vote

    application = factory.SubFactory(ApplicationFactory)
    person = factory.SubFactory(f.PersonFactory)
    choice = "yes"


class BoardCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoardCase

    application = factory.SubFactory(ApplicationFactory, stage=Stage.BOARD)


@pytest.fixture(autouse=True)
def _english():
    """Service messages are asserted in English here; pages will test the German ones."""
    with translation.override("en"):
        yield


@pytest.fixture
def candidate(group_a):
    """The candidate company with one person who has a login (invited on admission)."""
    company = f.CompanyFactory(
        name="Neuland IT GmbH", status=CompanyStatus.CANDIDATE, home_group=group_a
    )
    f.PersonFactory(
        company=company,
        user=f.UserFactory(email="neu@example.org"),
        first_name="Nina",
        last_name="Neu",
    )
    return company


@pytest.fixture
def application(candidate, member_person):
    return ApplicationFactory(company=candidate, recommended_by=member_person)


@pytest.fixture
def vote_meeting(group_a):
    return f.MeetingFactory(group=group_a, register_state="completed")


def attend(meeting, user, status="present"):
    """Put `user`'s person on `meeting`'s register."""
    return f.AttendanceRecordFactory(meeting=meeting, person=user.person, status=status)


@pytest.fixture
def voting(application, vote_meeting, member, colleague, moderator):
    """The application put to the vote; member and moderator present, colleague absent."""
    attend(vote_meeting, member)
    attend(vote_meeting, moderator)
    attend(vote_meeting, colleague, status="absent")
    application.stage = Stage.VOTING
    application.vote_meeting = vote_meeting
    application.save()
    return application


def board_member(email, first, last, group):
    """Another advisory board member of an active company in `group`, with TOTP set up."""
    company = f.CompanyFactory(name=f"{last} AG", home_group=group)
    person = f.PersonFactory(
        company=company, user=f.UserFactory(email=email), first_name=first, last_name=last
    )
    f.NetworkRoleFactory(person=person, kind=NetworkRoleKind.BOARD)
    f.enable_totp(person.user)
    return person.user


@pytest.fixture
def board2(group_b):
    return board_member("board2@example.org", "Bernd", "Roth", group_b)


@pytest.fixture
def board3(group_b):
    return board_member("board3@example.org", "Carla", "Weiss", group_b)
