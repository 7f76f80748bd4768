"""The advisory board's case after a veto: votes, conflicts, quorum, majority, decision."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests import factories as f
from tests.admissions.conftest import BoardCaseFactory, VoteFactory
from tests.conftest import client_for
from verbund.admissions import services
from verbund.admissions.models import BoardVote
from verbund.common.models import AuditEntry
from verbund.members.models import CompanyStatus
from verbund.network.models import NetworkRoleKind


@pytest.fixture
def case(application, member_person):
    application.stage = "board"
    application.save()
    VoteFactory(application=application, person=member_person, choice="veto", reason="Nein")
    return BoardCaseFactory(application=application)


def _board_vote(user, case, choice="admit"):
    return services.cast_board_vote(case=case, person=user.person, choice=choice, actor=user)


def _decide(user, case, decision="admit", rationale="Ergänzt die Gruppe."):
    return services.decide_board_case(case=case, decision=decision, rationale=rationale, actor=user)


def test_board_vote_recorded_once(board, case):
    first = _board_vote(board, case)
    again = _board_vote(board, case, choice="reject")
    assert (again.pk, again.choice, BoardVote.objects.count()) == (first.pk, "admit", 1)


@pytest.mark.parametrize("who", ["office", "member", "moderator", "member2", "guest"])
def test_board_vote_refused_for_non_board(cast, case, who):
    with pytest.raises(PermissionDenied):
        services.cast_board_vote(
            case=case, person=cast["board"].person, choice="admit", actor=cast[who]
        )


def test_board_vote_for_another_board_member_refused(board, board2, case):
    with pytest.raises(ValidationError) as error:
        services.cast_board_vote(case=case, person=board2.person, choice="admit", actor=board)
    assert error.value.message_dict == {"person": ["You can only cast your own vote."]}


def test_board_member_from_vetoing_company_abstains(case, company_a):
    person = f.PersonFactory(company=company_a)
    f.NetworkRoleFactory(person=person, kind=NetworkRoleKind.BOARD)
    with pytest.raises(ValidationError) as error:
        services.cast_board_vote(case=case, person=person, choice="reject", actor=None)
    assert error.value.message_dict == {
        "person": ["You have a conflict of interest in this case and abstain."]
    }


def test_board_vote_by_ended_term_refused(case, group_b):
    person = f.PersonFactory(company__home_group=group_b)
    f.NetworkRoleFactory(person=person, kind=NetworkRoleKind.BOARD, ends_on="2024-12-31")
    with pytest.raises(ValidationError) as error:
        services.cast_board_vote(case=case, person=person, choice="admit", actor=None)
    assert error.value.message_dict == {"person": ["Only members of the advisory board vote here."]}


def test_decide_needs_quorum(board, board2, case):
    _board_vote(board, case)
    _board_vote(board2, case)
    with pytest.raises(ValidationError) as error:
        _decide(board, case)
    assert error.value.message_dict == {
        "decision": ["The board needs 3 votes to decide; 2 cast so far."]
    }


def test_decide_tie_refused(board, board2, case, network):
    network.board_quorum = 2
    network.save()
    _board_vote(board, case, "admit")
    _board_vote(board2, case, "reject")
    with pytest.raises(ValidationError) as error:
        _decide(board, case)
    assert error.value.message_dict == {
        "decision": ["The board's votes are tied; it cannot decide yet."]
    }


def test_decide_against_majority_refused(board, board2, board3, case):
    for user, choice in ((board, "admit"), (board2, "admit"), (board3, "reject")):
        _board_vote(user, case, choice)
    with pytest.raises(ValidationError) as error:
        _decide(board3, case, decision="reject")
    assert error.value.message_dict == {
        "decision": ["The decision must follow the board's majority: Admit."]
    }


def test_decide_needs_rationale(board, case):
    with pytest.raises(ValidationError) as error:
        _decide(board, case, rationale=" ")
    assert error.value.message_dict == {"rationale": ["Please write down the board's rationale."]}


def test_decide_admit_activates_candidate(board, board2, board3, case, candidate):
    for user in (board, board2, board3):
        _board_vote(user, case)
    _decide(board, case)
    case.refresh_from_db()
    candidate.refresh_from_db()
    assert (case.decision, case.decided_by, case.application.stage, candidate.status) == (
        "admit",
        board.person,
        "admitted",
        CompanyStatus.ACTIVE,
    )


def test_decide_reject_rejects(board, board2, board3, case, candidate):
    for user in (board, board2, board3):
        _board_vote(user, case, "reject")
    _decide(board2, case, decision="reject")
    case.refresh_from_db()
    candidate.refresh_from_db()
    assert (case.decision, case.application.stage, candidate.status) == (
        "reject",
        "rejected",
        CompanyStatus.CANDIDATE,
    )


def test_decide_twice_refused(board, board2, board3, case):
    for user in (board, board2, board3):
        _board_vote(user, case)
    _decide(board, case)
    with pytest.raises(ValidationError) as error:
        _decide(board, case)
    assert error.value.message_dict == {"case": ["The board has already decided this case."]}


def test_decide_admit_network_full_stays_with_board(board, board2, board3, case, network):
    network.member_cap = 4  # company A and the three board members' companies
    network.save()
    for user in (board, board2, board3):
        _board_vote(user, case)
    with pytest.raises(ValidationError) as error:
        _decide(board, case)
    case.refresh_from_db()
    assert error.value.message_dict == {"status": ["The network is full: all 4 places are taken."]}
    assert (case.decision, case.application.stage) == ("", "board")


def test_reading_veto_reasons_is_audited_without_the_reason(board, case, office):
    [veto] = services.read_veto_reasons(case.application, actor=board)
    entry = AuditEntry.objects.get(action="application.veto_reasons_read")
    assert (veto.reason, entry.actor, entry.object_id, entry.changes) == (
        "Nein",
        board,
        case.application.code,
        {"vetoes": 1},
    )
    with pytest.raises(PermissionDenied):
        services.read_veto_reasons(case.application, actor=office)
    assert AuditEntry.objects.filter(action="application.veto_reasons_read").count() == 1


def test_board_case_page_and_api_log_each_read(board, case):
    client = client_for(board)
    pages = [
        f"/board-cases/{case.application.code}/",
        f"/api/v1/board-cases/{case.application.code}",
    ]
    assert [client.get(url).status_code for url in pages] == [200, 200]
    assert AuditEntry.objects.filter(action="application.veto_reasons_read").count() == 2
