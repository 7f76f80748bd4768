"""The members' vote under both admission rules, closing it, and the caps on admission."""

import pytest
from django.core.exceptions import ValidationError

from tests import factories as f
from tests.admissions.conftest import attend
from verbund.admissions import services
from verbund.admissions.models import BoardCase, Vote
from verbund.common.models import AuditEntry
from verbund.members.models import Company, CompanyStatus


def _vote(user, application, choice="yes", reason=""):
    return services.cast_vote(
        application=application, person=user.person, choice=choice, reason=reason, actor=user
    )


def _stage(application):
    application.refresh_from_db()
    return application.stage


def test_cast_vote_by_present_member(member, voting):
    vote = _vote(member, voting)
    entry = AuditEntry.objects.get(action="application.vote")
    assert (vote.person, vote.choice, vote.reason) == (member.person, "yes", "")
    assert (entry.actor, entry.changes) == (member, {"person": "Maria Huber"})


def test_cast_vote_second_time_changes_nothing(member, voting):
    first = _vote(member, voting)
    second = _vote(member, voting, choice="veto", reason="Konkurrent")
    assert (second.pk, second.choice, Vote.objects.count()) == (first.pk, "yes", 1)
    assert AuditEntry.objects.filter(action="application.vote").count() == 1


def test_cast_vote_absent_member_refused(colleague, voting):
    with pytest.raises(ValidationError) as error:
        _vote(colleague, voting)
    assert error.value.message_dict == {"person": ["Klaus Huber may not vote on this application."]}


def test_cast_vote_member_of_other_group_refused(member2, voting):
    with pytest.raises(ValidationError) as error:
        _vote(member2, voting)
    assert error.value.message_dict == {
        "person": ["Jonas Krenzke may not vote on this application."]
    }


def test_cast_vote_candidates_own_person_never_votes(voting, vote_meeting, candidate):
    person = candidate.people.get()
    f.AttendanceRecordFactory(meeting=vote_meeting, person=person, status="present")
    with pytest.raises(ValidationError) as error:
        _vote(person.user, voting)
    assert error.value.message_dict == {"person": ["Nina Neu may not vote on this application."]}


def test_cast_vote_for_someone_else_refused(moderator, member, voting):
    with pytest.raises(ValidationError) as error:
        services.cast_vote(application=voting, person=member.person, choice="yes", actor=moderator)
    assert error.value.message_dict == {"person": ["You can only cast your own vote."]}


def test_cast_vote_veto_needs_reason(member, voting):
    with pytest.raises(ValidationError) as error:
        _vote(member, voting, choice="veto", reason="  ")
    assert error.value.message_dict == {
        "reason": ["A veto needs a reason (only the board reads it)."]
    }


def test_cast_vote_needs_completed_register(member, voting, vote_meeting):
    vote_meeting.register_state = "draft"
    vote_meeting.save()
    with pytest.raises(ValidationError) as error:
        _vote(member, voting)
    assert error.value.message_dict == {"person": ["Maria Huber may not vote on this application."]}


@pytest.mark.parametrize(
    ("status", "late_counts", "allowed"),
    [
        ("late", True, True),
        ("late", False, False),
        ("substitute", True, True),
        ("excused", True, False),
    ],
)
def test_cast_vote_late_and_substitute_follow_settings(
    colleague, voting, vote_meeting, network, status, late_counts, allowed
):
    network.late_counts_present = late_counts
    network.save()
    vote_meeting.attendance.filter(person=colleague.person).update(status=status)
    if allowed:
        assert _vote(colleague, voting).choice == "yes"
    else:
        with pytest.raises(ValidationError):
            _vote(colleague, voting)


def test_cast_vote_only_while_voting(member, application):
    with pytest.raises(ValidationError) as error:
        _vote(member, application)
    assert error.value.message_dict == {"application": ["This application is not being voted on."]}


def test_close_vote_yes_admits_and_invites(
    moderator, member, voting, candidate, mailoutbox, django_capture_on_commit_callbacks
):
    _vote(member, voting)
    with django_capture_on_commit_callbacks(execute=True):
        services.close_vote(application=voting, actor=moderator)
    candidate.refresh_from_db()
    assert (_stage(voting), candidate.status) == ("admitted", CompanyStatus.ACTIVE)
    assert [(m.to, m.subject) for m in mailoutbox] == [
        (["neu@example.org"], "Ihr Zugang zu Testnetz")
    ]
    assert list(
        AuditEntry.objects.filter(object_id=voting.code)
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["application.vote", "application.admitted"]


def test_close_vote_without_votes_refused(moderator, voting):
    with pytest.raises(ValidationError) as error:
        services.close_vote(application=voting, actor=moderator)
    assert error.value.message_dict == {"application": ["Nobody has voted yet."]}
    assert _stage(voting) == "voting"


def test_close_vote_veto_opens_board_case_and_mails_board_discreetly(
    moderator, member, board, voting, mailoutbox, django_capture_on_commit_callbacks
):
    board.language = "en"  # the German text follows with the translations
    board.save()
    _vote(moderator, voting)
    _vote(member, voting, choice="veto", reason="Direkter Wettbewerber in Freising")
    with django_capture_on_commit_callbacks(execute=True):
        services.close_vote(application=voting, actor=moderator)
    assert (_stage(voting), BoardCase.objects.get().application) == ("board", voting)
    assert [(m.to, m.subject) for m in mailoutbox] == [
        (
            ["board@example.org"],
            "A case for the advisory board: the application of Neuland IT GmbH",
        )
    ]
    bodies = mailoutbox[0].body + mailoutbox[0].alternatives[0][0]
    leaks = [word for word in ("Freising", "Wettbewerber", "Maria", "Huber") if word in bodies]
    assert leaks == []


def test_close_vote_network_full_leaves_application_voting(
    moderator, member, voting, candidate, network, mailoutbox, django_capture_on_commit_callbacks
):
    network.member_cap = Company.objects.filter(status=CompanyStatus.ACTIVE).count()
    network.save()
    _vote(member, voting)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValidationError) as error,
    ):
        services.close_vote(application=voting, actor=moderator)
    candidate.refresh_from_db()
    assert error.value.message_dict == {"status": ["The network is full: all 2 places are taken."]}
    assert (_stage(voting), candidate.status, mailoutbox) == ("voting", "candidate", [])


def test_close_vote_group_full_leaves_application_voting(moderator, member, voting, group_a):
    group_a.capacity = 2
    group_a.save()
    _vote(member, voting)
    with pytest.raises(ValidationError) as error:
        services.close_vote(application=voting, actor=moderator)
    assert error.value.message_dict == {
        "home_group": ["Ortsgruppe München-Nord is full (2 companies)."]
    }
    assert _stage(voting) == "voting"


@pytest.mark.parametrize("who", ["member", "member2", "board", "guest"])
def test_close_vote_refused_for_others(cast, voting, who):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.close_vote(application=voting, actor=cast[who])


# ------------------------------------------------------------------ unanimity of all members
@pytest.fixture
def all_members(network):
    network.admission_rule = "all_members"
    network.save()


def test_all_members_absent_member_may_vote(all_members, colleague, voting):
    assert _vote(colleague, voting).choice == "yes"


def test_all_members_close_names_missing_votes(all_members, moderator, member, voting):
    _vote(member, voting)
    with pytest.raises(ValidationError) as error:
        services.close_vote(application=voting, actor=moderator)
    assert error.value.message_dict == {"application": ["2 members have not voted yet."]}
    _vote(moderator, voting)
    with pytest.raises(ValidationError) as error:
        services.close_vote(application=voting, actor=moderator)
    assert error.value.message_dict == {"application": ["1 member has not voted yet."]}


def test_all_members_unanimous_yes_admits(all_members, moderator, member, colleague, voting):
    for user in (moderator, member, colleague):
        _vote(user, voting)
    services.close_vote(application=voting, actor=moderator)
    assert _stage(voting) == "admitted"


def test_all_members_veto_rejects_without_board(all_members, moderator, member, voting):
    _vote(member, voting, choice="veto", reason="Passt nicht")
    services.close_vote(application=voting, actor=moderator)
    assert (_stage(voting), BoardCase.objects.count()) == ("rejected", 0)


def test_all_members_people_of_suspended_company_do_not_vote(all_members, member2, voting, group_a):
    person = f.PersonFactory(company__status=CompanyStatus.SUSPENDED, company__home_group=group_a)
    f.GroupMembershipFactory(group=group_a, person=person)
    attend(voting.vote_meeting, person.user)
    with pytest.raises(ValidationError):
        _vote(person.user, voting)
