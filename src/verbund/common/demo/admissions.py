"""The demo's admissions (seeds 000/001): the two candidate companies have applied.

One waits for the vote at the first group's next breakfast; the other was vetoed at its group's
last breakfast and is now a case before the advisory board. Everything goes through the
services, as the system, without mail (the people concerned were told at the time).
"""

from __future__ import annotations

from verbund.admissions.models import Application, VoteChoice
from verbund.admissions.queries import eligible_voters
from verbund.admissions.services import cast_vote, close_vote, open_vote
from verbund.common.demo.meetings import GroupMeetings
from verbund.meetings.models import Meeting, RegisterState
from verbund.members.models import Company, CompanyStatus, Person

VETO_REASON = (
    "Wir arbeiten im selben Ort für dieselben Kunden; nach einem Streit um einen Auftrag 2025 "
    "fehlt mir das Vertrauen. Ich erläutere das gern im Beirat."
)


def build_admissions(schedule: list[GroupMeetings], recommender: Person) -> None:
    """The two candidates' applications: one with an open vote, one before the board."""
    first, second = Company.objects.filter(status=CompanyStatus.CANDIDATE).order_by("pk")[:2]
    waiting = _application(first, schedule[0], recommender)
    open_vote(application=waiting, meeting=schedule[0].upcoming[0], actor=None)
    group = schedule[1]
    held = Meeting.objects.filter(group=group.group, register_state=RegisterState.COMPLETED)
    vetoed = _application(second, group, _member_of(group))
    last = held.latest("occurrence_date")  # the demo's groups have met for a year
    vetoed = open_vote(application=vetoed, meeting=last, actor=None)
    voters = list(eligible_voters(vetoed).order_by("pk"))
    for voter in voters[1:]:
        cast_vote(application=vetoed, person=voter, choice=VoteChoice.YES, actor=None)
    cast_vote(
        application=vetoed,
        person=voters[0],
        choice=VoteChoice.VETO,
        reason=VETO_REASON,
        actor=None,
    )
    close_vote(application=vetoed, actor=None, mail=False)


def _application(company: Company, meetings: GroupMeetings, recommender: Person) -> Application:
    # The candidates were registered before applications existed as a step of their own:
    # their application is recorded here, as submitted, for their intended home group.
    return Application.objects.create(
        company=company, home_group=meetings.group, recommended_by=recommender
    )


def _member_of(meetings: GroupMeetings) -> Person:
    members = Person.objects.filter(
        group_memberships__group=meetings.group, company__status=CompanyStatus.ACTIVE
    )
    return members.earliest("pk")
