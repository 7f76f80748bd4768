"""Submitting an application, opening the vote, withdrawing; the TRANSITIONS table."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests import factories as f
from verbund.admissions import services
from verbund.admissions.models import Application, Stage
from verbund.common.models import AuditEntry
from verbund.members.models import CompanyStatus
from verbund.network.models import GroupKind


def _submit(actor, group, recommended_by):
    return services.submit_application(
        company_data={"name": "Neuland IT GmbH", "city": "Augsburg"},
        home_group=group,
        recommended_by=recommended_by,
        actor=actor,
    )


def test_submit_by_recommending_member_creates_candidate(member, member_person, group_a):
    application = _submit(member, group_a, member_person)
    company = application.company
    entry = AuditEntry.objects.get(action="application.submit")
    assert (application.stage, application.created_by, application.recommended_by) == (
        "submitted",
        member,
        member_person,
    )
    assert (company.name, company.status, company.home_group) == (
        "Neuland IT GmbH",
        CompanyStatus.CANDIDATE,
        group_a,
    )
    assert (entry.actor, entry.object_id, entry.changes) == (
        member,
        application.code,
        {
            "company": "Neuland IT GmbH",
            "home_group": "Ortsgruppe München-Nord",
            "recommended_by": "Maria Huber",
        },
    )


def test_submit_by_office_for_another_recommender(office, member_person, group_a):
    application = _submit(office, group_a, member_person)
    assert (application.stage, application.recommended_by) == ("submitted", member_person)


def test_submit_member_cannot_name_another_recommender(colleague, member_person, group_a):
    with pytest.raises(ValidationError) as error:
        _submit(colleague, group_a, member_person)
    assert error.value.message_dict == {
        "recommended_by": ["Members can only submit candidates they recommend themselves."]
    }
    assert Application.objects.count() == 0


def test_submit_without_recommendation_refused_when_required(office, group_a):
    with pytest.raises(ValidationError) as error:
        _submit(office, group_a, None)
    assert error.value.message_dict == {
        "recommended_by": ["The network requires a member's recommendation."]
    }


def test_submit_without_recommendation_when_network_allows(office, group_a, network):
    network.recommendation_required = False
    network.save()
    assert _submit(office, group_a, None).recommended_by is None


def test_submit_recommender_of_inactive_company_refused(office, group_a):
    suspended = f.PersonFactory(company__status=CompanyStatus.SUSPENDED)
    with pytest.raises(ValidationError) as error:
        _submit(office, group_a, suspended)
    assert error.value.message_dict == {
        "recommended_by": ["Only a person of an active member company can recommend."]
    }


@pytest.mark.parametrize("kind", ["working", "closed"])
def test_submit_needs_an_open_regional_group(office, member_person, group_a, kind):
    if kind == "working":
        group_a.kind = GroupKind.WORKING
    else:
        group_a.is_closed = True
    group_a.save()
    with pytest.raises(ValidationError) as error:
        _submit(office, group_a, member_person)
    expected = {
        "working": "Only a regional group can be a home group.",
        "closed": "Ortsgruppe München-Nord is closed to new companies.",
    }[kind]
    assert error.value.message_dict == {"home_group": [expected]}


@pytest.mark.parametrize("who", ["guest", "stranger"])
def test_submit_refused_for_non_members(guest, group_a, member_person, who):
    actor = guest if who == "guest" else f.UserFactory()
    with pytest.raises(PermissionDenied):
        _submit(actor, group_a, member_person)


@pytest.mark.parametrize("who", ["moderator", "office"])
def test_open_vote_by_moderator_or_office(cast, application, vote_meeting, who):
    services.open_vote(application=application, meeting=vote_meeting, actor=cast[who])
    application.refresh_from_db()
    entry = AuditEntry.objects.get(action="application.voting")
    assert (application.stage, application.vote_meeting) == ("voting", vote_meeting)
    assert entry.changes == {
        "stage": ["submitted", "voting"],
        "meeting": "Unternehmerfrühstück (20.11.2026)",
    }


@pytest.mark.parametrize("who", ["member", "member2", "board", "guest"])
def test_open_vote_refused_for_others(cast, application, vote_meeting, who):
    with pytest.raises(PermissionDenied):
        services.open_vote(application=application, meeting=vote_meeting, actor=cast[who])
    application.refresh_from_db()
    assert application.stage == "submitted"


def test_open_vote_needs_a_meeting_of_the_home_group(moderator, application, group_b):
    meeting = f.MeetingFactory(group=group_b)
    with pytest.raises(ValidationError) as error:
        services.open_vote(application=application, meeting=meeting, actor=moderator)
    assert error.value.message_dict == {
        "meeting": ["The vote takes place at a meeting of Ortsgruppe München-Nord."]
    }


def test_open_vote_twice_refused_by_transitions(moderator, voting, vote_meeting):
    with pytest.raises(ValidationError) as error:
        services.open_vote(application=voting, meeting=vote_meeting, actor=moderator)
    assert error.value.message_dict == {
        "stage": ["An application cannot go from Voting to Voting."]
    }


def test_withdraw_by_recommender(member, application):
    services.withdraw_application(application=application, actor=member)
    application.refresh_from_db()
    assert (application.stage, application.decided_at is not None) == ("withdrawn", True)


@pytest.mark.parametrize("who", ["colleague", "member2", "moderator", "board"])
def test_withdraw_refused_for_others(cast, application, who):
    with pytest.raises(PermissionDenied):
        services.withdraw_application(application=application, actor=cast[who])


def test_withdrawn_application_cannot_be_put_to_vote(office, application, vote_meeting):
    services.withdraw_application(application=application, actor=office)
    with pytest.raises(ValidationError) as error:
        services.open_vote(application=application, meeting=vote_meeting, actor=office)
    assert error.value.message_dict == {
        "stage": ["An application cannot go from Withdrawn to Voting."]
    }
    assert Stage(Application.objects.get().stage) == Stage.WITHDRAWN
