"""Reads about applications: who sees which, who may vote, what overlaps with the group."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from verbund.admissions.models import Application, BoardCase, VoteChoice
from verbund.meetings.models import AttendanceStatus, RegisterState
from verbund.members.models import MEMBER_STATUSES, Company, Person, Skill
from verbund.network.models import AdmissionRule, NetworkRole, NetworkRoleKind, current_term
from verbund.network.queries import get_network, roles_of


def applications_visible_to(user: Any) -> QuerySet[Application]:
    """Office and board: all; members: their groups' (home group); a candidate: their own."""
    roles = roles_of(user)
    applications = Application.objects.select_related("company", "home_group")
    if roles.is_office or roles.is_board:
        return applications
    if roles.person is None:
        return applications.none()
    own = Q(company_id=roles.company_id) if roles.company_id is not None else Q(pk__in=[])
    if roles.is_member:
        groups = roles.group_ids | roles.moderated_group_ids
        return applications.filter(own | Q(home_group_id__in=groups))
    return applications.filter(own)


def present_statuses() -> list[str]:
    """Register statuses that count as present for a vote, per the network's settings."""
    network = get_network()
    statuses = [AttendanceStatus.PRESENT.value]
    if network.late_counts_present:
        statuses.append(AttendanceStatus.LATE.value)
    if network.substitute_counts_present:
        statuses.append(AttendanceStatus.SUBSTITUTE.value)
    return statuses


def eligible_voters(application: Application) -> QuerySet[Person]:
    """The people who may vote on `application` under the network's admission rule.

    Present members of the vote meeting's completed register (or, under the all-members
    rule, every member of the home group); people of active companies only, never the
    candidate's own people.
    """
    people = Person.objects.filter(company__status__in=MEMBER_STATUSES).exclude(
        company_id=application.company_id
    )
    if get_network().admission_rule == AdmissionRule.ALL_MEMBERS:
        return people.filter(group_memberships__group_id=application.home_group_id)
    meeting = application.vote_meeting
    if meeting is None or meeting.register_state != RegisterState.COMPLETED:
        return people.none()
    return people.filter(
        attendance__meeting=meeting, attendance__status__in=present_statuses()
    ).distinct()


def board_members() -> QuerySet[Person]:
    """People on the advisory board today (a seat counts only for an active company)."""
    seats = NetworkRole.objects.filter(
        current_term(timezone.localdate()), kind=NetworkRoleKind.BOARD
    )
    return Person.objects.filter(
        company__status__in=MEMBER_STATUSES, pk__in=seats.values("person_id")
    )


def conflicted_company_ids(case: BoardCase) -> set[int]:
    """Companies whose board members abstain: the candidate's and every vetoing member's."""
    vetoing = case.application.votes.filter(choice=VoteChoice.VETO).values_list(
        "person__company_id", flat=True
    )
    return {case.application.company_id, *(pk for pk in vetoing if pk is not None)}


def skill_overlap(application: Application) -> list[tuple[Skill, list[str]]]:
    """Skills the candidate shares with the home group's active companies, with their names.

    Information for the vote ("kollegiale Wettbewerber"), never a reason to refuse.
    """
    members = Company.objects.filter(
        home_group_id=application.home_group_id, status__in=MEMBER_STATUSES
    ).exclude(pk=application.company_id)
    rows = (
        Company.skills.through.objects.filter(
            company__in=members, skill__in=application.company.skills.all()
        )
        .select_related("skill", "company")
        .order_by("skill__label_de", "company__name")
    )
    overlap: dict[int, tuple[Skill, list[str]]] = {}
    for row in rows:
        overlap.setdefault(row.skill_id, (row.skill, []))[1].append(row.company.name)
    return list(overlap.values())
