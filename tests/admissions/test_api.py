"""The admissions API: applications, the members' vote and the board's cases, for the cast.

The issue's check: a member gets 403 at /board-cases, the board sees the case, the office
sees no veto reason.
"""

import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from tests import factories as f
from tests.admissions.conftest import BoardCaseFactory, VoteFactory
from tests.api.conftest import (
    API,
    de,
    forbidden_body,
    get,
    not_found_body,
    unauthenticated_body,
)
from tests.conftest import client_for
from verbund.admissions.models import Application, BoardVote, Vote
from verbund.members.models import Company, CompanyStatus


def _local(moment) -> str | None:
    return None if moment is None else DjangoJSONEncoder().default(timezone.localtime(moment))


def post(user, path: str, data: dict | None = None):
    return client_for(user).post(
        API + path, data=json.dumps(data or {}), content_type="application/json"
    )


def invalid(field: str, message: str) -> dict:
    return {"message": message, "errors": [{"field": field, "message": message}]}


def _item(application) -> dict:
    application.refresh_from_db()
    meeting = application.vote_meeting
    return {
        "code": application.code,
        "stage": application.stage,
        "company": {"code": application.company.code, "name": "Neuland IT GmbH"},
        "home_group": {"code": application.home_group.code, "name": "Ortsgruppe München-Nord"},
        "recommended_by": "Maria Huber",
        "created_at": _local(application.created_at),
        "vote_meeting": meeting.code if meeting else None,
    }


def _detail(application, overlap=()) -> dict:
    return _item(application) | {"skill_overlap": list(overlap)}


def _candidate_view(application, detail=True) -> dict:
    application.refresh_from_db()
    hidden = ("company", "home_group", "recommended_by", "created_at", "vote_meeting")
    return (
        {"code": application.code, "stage": application.stage}
        | dict.fromkeys(hidden)
        | ({"skill_overlap": None} if detail else {})
    )


def _page(*items) -> dict:
    return {"items": list(items), "count": len(items)}


@pytest.fixture
def candidate_user(candidate):
    return candidate.people.get().user


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/applications"),
        ("get", "/applications/{code}"),
        ("post", "/applications"),
        ("post", "/applications/{code}/vote-opening"),
        ("get", "/applications/{code}/votes"),
        ("post", "/applications/{code}/votes"),
        ("post", "/applications/{code}/vote-closing"),
        ("post", "/applications/{code}/withdrawal"),
        ("get", "/board-cases"),
        ("get", "/board-cases/{code}"),
        ("post", "/board-cases/{code}/votes"),
        ("post", "/board-cases/{code}/decision"),
    ],
)
def test_admissions_paths_anonymous_gets_401(application, method, path):
    response = getattr(client_for(None), method)(API + path.format(code=application.code))
    assert (response.status_code, response.json()) == (401, unauthenticated_body())


# ---------------------------------------------------------------- list and detail


@pytest.mark.parametrize("who", ["office", "board", "moderator", "member", "colleague"])
def test_application_list_for_those_who_see_it(cast, application, who):
    response = get(cast[who], "/applications")
    assert (response.status_code, response.json()) == (200, _page(_item(application)))


@pytest.mark.parametrize("who", ["member2", "guest"])
def test_application_list_empty_for_other_group_and_guest(cast, application, who):
    response = get(cast[who], "/applications")
    assert (response.status_code, response.json()) == (200, _page())


def test_application_list_candidate_sees_only_code_and_stage(application, candidate_user):
    response = get(candidate_user, "/applications")
    assert (response.status_code, response.json()) == (
        200,
        _page(_candidate_view(application, detail=False)),
    )


def test_application_list_filters_by_stage(office, voting, group_a):
    other = Application.objects.create(
        company=f.CompanyFactory(home_group=group_a), home_group=group_a
    )
    voting_page = get(office, "/applications?stage=voting")
    submitted_page = get(office, "/applications?stage=submitted")
    assert (voting_page.json()["items"], submitted_page.json()["items"]) == (
        [_item(voting)],
        [
            _item(other)
            | {
                "company": {"code": other.company.code, "name": other.company.name},
                "recommended_by": None,
            }
        ],
    )


def test_application_detail_with_skill_overlap(
    member, application, candidate, company_a, moderator
):
    skill = f.SkillFactory(label_de="Netzwerktechnik", label_en="Networking")
    other = f.SkillFactory(label_de="Buchhaltung", label_en="Accounting")
    candidate.skills.set([skill, other])
    company_a.skills.set([skill])
    Company.objects.get(name="Isar Netzwerke GmbH").skills.set([skill])
    response = get(member, f"/applications/{application.code}")
    expected = _detail(
        application,
        [
            {
                "skill": "Netzwerktechnik",
                "companies": ["Alpen IT Service GmbH", "Isar Netzwerke GmbH"],
            }
        ],
    )
    assert (response.status_code, response.json()) == (200, expected)


def test_application_detail_never_shows_veto_reasons(board, voting, member_person):
    VoteFactory(application=voting, person=member_person, choice="veto", reason="Wettbewerber")
    response = get(board, f"/applications/{voting.code}")
    assert (response.status_code, "Wettbewerber" in response.content.decode()) == (200, False)


def test_application_detail_candidate_sees_only_code_and_stage(application, candidate_user):
    response = get(candidate_user, f"/applications/{application.code}")
    assert (response.status_code, response.json()) == (200, _candidate_view(application))


@pytest.mark.parametrize("who", ["member2", "guest"])
def test_application_detail_invisible_is_404(cast, application, who):
    response = get(cast[who], f"/applications/{application.code}")
    assert (response.status_code, response.json()) == (404, not_found_body())


# ---------------------------------------------------------------- submitting


def _submission(group, recommender) -> dict:
    return {
        "company": {"name": "Neuland IT GmbH", "city": "Augsburg", "employees": 12},
        "home_group": group.code,
        "recommended_by": recommender.code if recommender else None,
    }


def test_submit_by_recommending_member(member, member_person, group_a):
    response = post(member, "/applications", _submission(group_a, member_person))
    application = Application.objects.get()
    assert (response.status_code, response.json()) == (201, _detail(application))
    assert (application.company.city, application.company.employees) == ("Augsburg", 12)


def test_submit_for_another_recommender_refused(colleague, member_person, group_a):
    response = post(colleague, "/applications", _submission(group_a, member_person))
    message = de("Members can only submit candidates they recommend themselves.")
    assert (response.status_code, response.json(), Application.objects.count()) == (
        422,
        invalid("recommended_by", message),
        0,
    )


def test_submit_unknown_group_is_422(office, member_person):
    data = _submission(member_person.company.home_group, member_person) | {"home_group": "nope"}
    response = post(office, "/applications", data)
    assert (response.status_code, response.json()) == (
        422,
        invalid("home_group", de("There is nothing with this code.")),
    )


def test_submit_refused_for_guest(guest, member_person, group_a):
    response = post(guest, "/applications", _submission(group_a, member_person))
    assert (response.status_code, response.json()) == (403, forbidden_body())


# ---------------------------------------------------------------- the vote


@pytest.mark.parametrize("who", ["moderator", "office"])
def test_vote_opening_by_moderator_or_office(cast, application, vote_meeting, who):
    response = post(
        cast[who], f"/applications/{application.code}/vote-opening", {"meeting": vote_meeting.code}
    )
    application.refresh_from_db()
    assert (response.status_code, response.json()["stage"], response.json()["vote_meeting"]) == (
        200,
        "voting",
        vote_meeting.code,
    )


@pytest.mark.parametrize(("who", "status"), [("member", 403), ("board", 403), ("member2", 404)])
def test_vote_opening_refused(cast, application, vote_meeting, who, status):
    response = post(
        cast[who], f"/applications/{application.code}/vote-opening", {"meeting": vote_meeting.code}
    )
    body = forbidden_body() if status == 403 else not_found_body()
    assert (response.status_code, response.json()) == (status, body)


def test_vote_opening_at_another_groups_meeting_is_422(office, application, group_b):
    meeting = f.MeetingFactory(group=group_b)
    path = f"/applications/{application.code}/vote-opening"
    response = post(office, path, {"meeting": meeting.code})
    message = de("The vote takes place at a meeting of %(group)s.") % {
        "group": "Ortsgruppe München-Nord"
    }
    application.refresh_from_db()
    assert (response.status_code, response.json(), application.stage) == (
        422,
        invalid("meeting", message),
        "submitted",
    )


def test_vote_opening_at_an_invisible_meeting_is_422(moderator, application, group_b):
    meeting = f.MeetingFactory(group=group_b)
    path = f"/applications/{application.code}/vote-opening"
    response = post(moderator, path, {"meeting": meeting.code})
    message = de("There is nothing with this code.")
    assert (response.status_code, response.json()) == (422, invalid("meeting", message))


def test_vote_cast_once(member, voting):
    first = post(member, f"/applications/{voting.code}/votes", {"choice": "yes"})
    again = post(member, f"/applications/{voting.code}/votes", {"choice": "veto", "reason": "x"})
    vote = Vote.objects.get()
    body = {"choice": "yes", "reason": "", "cast_at": _local(vote.cast_at)}
    assert (first.status_code, first.json(), again.status_code, again.json()) == (
        201,
        body,
        200,
        body,
    )


def test_veto_without_reason_is_422(member, voting):
    response = post(member, f"/applications/{voting.code}/votes", {"choice": "veto"})
    message = de("A veto needs a reason (only the board reads it).")
    assert (response.status_code, response.json()) == (422, invalid("reason", message))


def test_absent_colleague_may_not_vote(colleague, voting):
    response = post(colleague, f"/applications/{voting.code}/votes", {"choice": "yes"})
    message = de("%(person)s may not vote on this application.") % {"person": "Klaus Huber"}
    assert (response.status_code, response.json()) == (422, invalid("person", message))


@pytest.mark.parametrize(("who", "status"), [("candidate", 403), ("member2", 404)])
def test_vote_refused_for_candidate_and_other_group(cast, voting, candidate_user, who, status):
    user = candidate_user if who == "candidate" else cast[who]
    response = post(user, f"/applications/{voting.code}/votes", {"choice": "yes"})
    body = forbidden_body() if status == 403 else not_found_body()
    assert (response.status_code, response.json(), Vote.objects.count()) == (status, body, 0)


@pytest.fixture
def vetoed(voting, member_person, moderator):
    VoteFactory(application=voting, person=moderator.person, choice="yes")
    VoteFactory(application=voting, person=member_person, choice="veto", reason="Wettbewerber")
    return voting


def _counts(reasons) -> dict:
    return {"yes": 1, "veto": 1, "eligible": 2, "not_yet_voted": 0, "veto_reasons": reasons}


@pytest.mark.parametrize("who", ["moderator", "office"])
def test_vote_counts_without_reasons_for_moderator_and_office(cast, vetoed, who):
    response = get(cast[who], f"/applications/{vetoed.code}/votes")
    assert (response.status_code, response.json()) == (200, _counts(None))


def test_vote_counts_with_reasons_for_board(board, vetoed, member_person):
    response = get(board, f"/applications/{vetoed.code}/votes")
    reasons = [
        {"person": {"code": member_person.code, "name": "Maria Huber"}, "reason": "Wettbewerber"}
    ]
    assert (response.status_code, response.json()) == (200, _counts(reasons))


@pytest.mark.parametrize(("who", "status"), [("member", 403), ("colleague", 403), ("member2", 404)])
def test_vote_counts_refused(cast, vetoed, who, status):
    response = get(cast[who], f"/applications/{vetoed.code}/votes")
    body = forbidden_body() if status == 403 else not_found_body()
    assert (response.status_code, response.json()) == (status, body)


def test_vote_closing_yes_admits(moderator, member_person, voting, candidate):
    VoteFactory(application=voting, person=member_person, choice="yes")
    response = post(moderator, f"/applications/{voting.code}/vote-closing")
    candidate.refresh_from_db()
    assert (response.status_code, response.json(), candidate.status) == (
        200,
        _detail(voting),
        CompanyStatus.ACTIVE,
    )
    assert response.json()["stage"] == "admitted"


def test_vote_closing_veto_goes_to_board(moderator, vetoed):
    response = post(moderator, f"/applications/{vetoed.code}/vote-closing")
    assert (response.status_code, response.json()["stage"]) == (200, "board")


def test_vote_closing_full_network_is_422_and_stays_voting(
    moderator, member_person, voting, network
):
    network.member_cap = Company.objects.filter(status=CompanyStatus.ACTIVE).count()
    network.save()
    VoteFactory(application=voting, person=member_person, choice="yes")
    response = post(moderator, f"/applications/{voting.code}/vote-closing")
    message = de("The network is full: all %(cap)d places are taken.") % {"cap": 2}
    voting.refresh_from_db()
    assert (response.status_code, response.json(), voting.stage) == (
        422,
        invalid("status", message),
        "voting",
    )


def test_vote_closing_refused_for_member(member, voting):
    response = post(member, f"/applications/{voting.code}/vote-closing")
    assert (response.status_code, response.json()) == (403, forbidden_body())


def test_withdrawal_by_recommender(member, application):
    response = post(member, f"/applications/{application.code}/withdrawal")
    assert (response.status_code, response.json()["stage"]) == (200, "withdrawn")


@pytest.mark.parametrize(("who", "status"), [("colleague", 403), ("member2", 404)])
def test_withdrawal_refused(cast, application, who, status):
    response = post(cast[who], f"/applications/{application.code}/withdrawal")
    body = forbidden_body() if status == 403 else not_found_body()
    application.refresh_from_db()
    assert (response.status_code, response.json(), application.stage) == (
        status,
        body,
        "submitted",
    )


# ---------------------------------------------------------------- board cases


@pytest.fixture
def case(vetoed):
    vetoed.stage = "board"
    vetoed.save()
    return BoardCaseFactory(application=vetoed)


def _case_item(case) -> dict:
    case.refresh_from_db()
    application = case.application
    return {
        "code": application.code,
        "company": {"code": application.company.code, "name": "Neuland IT GmbH"},
        "home_group": {"code": application.home_group.code, "name": "Ortsgruppe München-Nord"},
        "opened_at": _local(case.opened_at),
        "decision": case.decision or None,
    }


def test_board_cases_board_sees_the_case(board, case):
    response = get(board, "/board-cases")
    assert (response.status_code, response.json()) == (200, _page(_case_item(case)))


@pytest.mark.parametrize("who", ["office", "moderator", "member", "member2", "guest"])
def test_board_cases_forbidden_for_everyone_else(cast, case, who):
    response = get(cast[who], "/board-cases")
    assert (response.status_code, response.json()) == (403, forbidden_body())


def test_board_case_detail_with_reasons_and_votes(board, case, member_person):
    BoardVote.objects.create(case=case, person=board.person, choice="admit")
    vote = BoardVote.objects.get()
    response = get(board, f"/board-cases/{case.application.code}")
    board_ref = {"code": board.person.code, "name": "Petra Lang"}
    assert (response.status_code, response.json()) == (
        200,
        _case_item(case)
        | {
            "rationale": "",
            "decided_by": None,
            "decided_at": None,
            "veto_reasons": [
                {
                    "person": {"code": member_person.code, "name": "Maria Huber"},
                    "reason": "Wettbewerber",
                }
            ],
            "votes": [{"person": board_ref, "choice": "admit", "cast_at": _local(vote.cast_at)}],
        },
    )


@pytest.mark.parametrize(
    ("who", "status"), [("office", 403), ("member", 403), ("member2", 404), ("guest", 404)]
)
def test_board_case_detail_refused(cast, case, who, status):
    response = get(cast[who], f"/board-cases/{case.application.code}")
    body = forbidden_body() if status == 403 else not_found_body()
    assert (response.status_code, response.json()) == (status, body)


def test_board_vote_cast_once(board, case):
    first = post(board, f"/board-cases/{case.application.code}/votes", {"choice": "admit"})
    again = post(board, f"/board-cases/{case.application.code}/votes", {"choice": "reject"})
    vote = BoardVote.objects.get()
    body = {
        "person": {"code": board.person.code, "name": "Petra Lang"},
        "choice": "admit",
        "cast_at": _local(vote.cast_at),
    }
    assert (first.status_code, first.json(), again.status_code, again.json()) == (
        201,
        body,
        200,
        body,
    )


def test_board_vote_refused_for_office(office, case):
    response = post(office, f"/board-cases/{case.application.code}/votes", {"choice": "admit"})
    assert (response.status_code, response.json(), BoardVote.objects.count()) == (
        403,
        forbidden_body(),
        0,
    )


def test_board_decision_admits(board, case, network, candidate):
    network.board_quorum = 1
    network.save()
    BoardVote.objects.create(case=case, person=board.person, choice="admit")
    response = post(
        board,
        f"/board-cases/{case.application.code}/decision",
        {"decision": "admit", "rationale": "Ergänzt die Gruppe."},
    )
    case.refresh_from_db()
    candidate.refresh_from_db()
    body = response.json()
    assert (response.status_code, body["decision"], body["rationale"], body["decided_by"]) == (
        200,
        "admit",
        "Ergänzt die Gruppe.",
        {"code": board.person.code, "name": "Petra Lang"},
    )
    assert (body["decided_at"], candidate.status) == (_local(case.decided_at), "active")


def test_board_decision_without_quorum_is_422(board, case):
    response = post(
        board,
        f"/board-cases/{case.application.code}/decision",
        {"decision": "admit", "rationale": "Ergänzt die Gruppe."},
    )
    message = de("The board needs %(quorum)d votes to decide; %(total)d cast so far.") % {
        "quorum": 3,
        "total": 0,
    }
    assert (response.status_code, response.json()) == (422, invalid("decision", message))


def test_board_decision_refused_for_office(office, case):
    response = post(
        office,
        f"/board-cases/{case.application.code}/decision",
        {"decision": "admit", "rationale": "x"},
    )
    assert (response.status_code, response.json()) == (403, forbidden_body())


# ---------------------------------------------------------------- a guest's company applies


def test_submit_for_a_guest_links_the_guest_who_then_follows_the_status(
    member, member_person, group_a, guest
):
    data = _submission(group_a, member_person) | {"guest": guest.person.code}
    response = post(member, "/applications", data)
    application = Application.objects.get()
    guest.person.guest.refresh_from_db()
    assert (response.status_code, guest.person.guest.application) == (201, application)
    listing = get(guest, "/applications")
    detail = get(guest, f"/applications/{application.code}")
    assert (listing.status_code, listing.json()) == (
        200,
        _page(_candidate_view(application, detail=False)),
    )
    assert (detail.status_code, detail.json()) == (200, _candidate_view(application))
    page = client_for(guest).get(f"/applications/{application.code}/")
    assert (page.status_code, de("Submitted") in page.content.decode()) == (200, True)


def test_another_guest_sees_nothing_of_it(member, member_person, group_a, guest):
    other = f.GuestVisitFactory(
        group=group_a, guest__person__user=f.UserFactory(email="gast2@example.org")
    ).guest.person.user
    post(
        member, "/applications", _submission(group_a, member_person) | {"guest": guest.person.code}
    )
    application = Application.objects.get()
    assert (
        get(other, "/applications").json(),
        get(other, f"/applications/{application.code}").status_code,
    ) == (
        _page(),
        404,
    )


def test_submit_for_a_guest_the_member_does_not_see_is_422(member2, group_b, guest):
    recommender = member2.person
    data = _submission(group_b, recommender) | {"guest": guest.person.code}
    response = post(member2, "/applications", data)
    assert (response.status_code, response.json(), Application.objects.count()) == (
        422,
        invalid("guest", de("There is nothing with this code.")),
        0,
    )
