"""What a review of the admission found: the office reads no board vote's choice, a board
member with a conflict decides nothing, admission ends the candidate's sessions and joins the
group that voted, a vote needs a recent meeting."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from tests import factories as f
from tests.admissions.conftest import BoardCaseFactory, VoteFactory
from tests.factories import PASSWORD
from verbund.admissions import services
from verbund.common.models import AuditEntry
from verbund.members.models import Company
from verbund.network.models import NetworkRoleKind


@pytest.fixture
def case(application, member_person):
    application.stage = "board"
    application.save()
    VoteFactory(application=application, person=member_person, choice="veto", reason="Nein")
    return BoardCaseFactory(application=application)


def test_board_vote_audit_names_the_voter_not_the_choice(board, case):
    services.cast_board_vote(case=case, person=board.person, choice="reject", actor=board)
    entry = AuditEntry.objects.get(action="application.board_vote")
    assert entry.changes == {"person": "Petra Lang"}


def test_board_member_with_a_conflict_cannot_decide(board2, board3, case, company_a):
    person = f.PersonFactory(company=company_a, user=f.UserFactory(email="b4@example.org"))
    f.NetworkRoleFactory(person=person, kind=NetworkRoleKind.BOARD)
    f.enable_totp(person.user)
    for user in (board2, board3):
        services.cast_board_vote(case=case, person=user.person, choice="admit", actor=user)
    with pytest.raises(ValidationError) as error:
        services.decide_board_case(case=case, decision="admit", rationale="Gut.", actor=person.user)
    assert error.value.message_dict == {
        "decision": ["You have a conflict of interest in this case and abstain."]
    }


def test_admission_ends_the_candidates_sessions(application, candidate, moderator):
    client = Client()  # logged in as a person does: allauth records the session
    client.post("/accounts/login/", {"login": "neu@example.org", "password": PASSWORD})
    assert client.get("/").status_code == 200
    application.stage = "voting"
    application.save()
    services.admit(application, actor=None)
    response = client.get("/groups/")
    assert (response.status_code, response["Location"]) == (302, "/accounts/login/?next=/groups/")


def test_admission_joins_the_group_that_voted(application, candidate, group_b):
    Company.objects.filter(pk=candidate.pk).update(home_group=group_b)
    application.stage = "voting"
    application.save()
    application.refresh_from_db()
    services.admit(application, actor=None)
    candidate.refresh_from_db()
    assert (candidate.status, candidate.home_group_id) == ("active", application.home_group_id)


def test_a_vote_needs_a_recent_meeting(application, group_a):
    old = f.MeetingFactory(
        group=group_a,
        register_state="completed",
        occurrence_date=timezone.localdate() - datetime.timedelta(weeks=9),
    )
    with pytest.raises(ValidationError) as error:
        services.open_vote(application=application, meeting=old, actor=None)
    assert error.value.message_dict == {
        "meeting": ["Choose a meeting from the last eight weeks or the next four months."]
    }
