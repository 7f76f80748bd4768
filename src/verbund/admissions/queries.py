"""Reads about guests and applications: who sees which, who may vote, the skill overlap."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from verbund.admissions.models import (
    Application,
    BoardCase,
    Guest,
    GuestConsent,
    GuestVisit,
    VisitStatus,
    VoteChoice,
)
from verbund.meetings.models import AttendanceStatus, Meeting, RegisterState
from verbund.members.models import MEMBER_STATUSES, Company, Person, Skill
from verbund.network.models import (
    AdmissionRule,
    Group,
    NetworkRole,
    NetworkRoleKind,
    current_term,
)
from verbund.network.queries import get_network, roles_of

# Guests are invited to the coming months' meetings, not to one a year ahead.
INVITE_AHEAD = datetime.timedelta(weeks=16)


def applications_visible_to(user: Any) -> QuerySet[Application]:
    """Office and board: all; members: their groups' (home group); a candidate (or the guest
    linked to the application): their own."""
    roles = roles_of(user)
    applications = Application.objects.select_related("company", "home_group")
    if roles.is_office or roles.is_board:
        return applications
    if roles.person is None:
        return applications.none()
    own = Q(company_id=roles.company_id) if roles.company_id is not None else Q(pk__in=[])
    # A guest whose company applied follows the application's status (as its people do).
    own |= Q(Exists(Guest.objects.filter(application=OuterRef("pk"), person=roles.person)))
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


# ---------------------------------------------------------------- guests


def current_consent() -> GuestConsent | None:
    """The consent text a self-registering guest agrees to now (the newest version)."""
    return GuestConsent.objects.order_by("-version").first()


def attended_visits(guest: Guest) -> int:
    """Visits the guest came to."""
    return guest.visits.filter(status=VisitStatus.ATTENDED).count()


def counted_visits(guest: Guest) -> int:
    """What counts against the network's visit limit: visits the guest came to and those
    they are expected at, today or later, for a meeting that is not cancelled (so that
    invitations cannot stack up past the limit). No-shows and expected visits of past days
    (never recorded) do not count."""
    coming = Q(status=VisitStatus.EXPECTED, visited_on__gte=timezone.localdate()) & ~Q(
        meeting__is_cancelled=True
    )
    return guest.visits.filter(Q(status=VisitStatus.ATTENDED) | coming).count()


def with_visit_counts(guests: QuerySet[Guest]) -> QuerySet[Guest]:
    """Annotate `attended` and `expected` visits for lists, in subqueries (no row doubling)."""

    def count(status: str) -> Coalesce:
        visits = (
            GuestVisit.objects.filter(guest=OuterRef("pk"), status=status)
            .order_by()
            .values("guest")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return Coalesce(Subquery(visits), 0)

    return guests.annotate(
        attended=count(VisitStatus.ATTENDED), expected=count(VisitStatus.EXPECTED)
    )


def guests_visible_to(user: Any) -> QuerySet[Guest]:
    """Office and board: all; the people of a group: the guests who visit it (they meet them
    at breakfast) and the guests they invited; a guest: only themself; others: none."""
    roles = roles_of(user)
    guests = Guest.objects.select_related("person", "group", "invited_by", "application", "consent")
    if roles.is_office or roles.is_board:
        return guests
    if roles.person is None:
        return guests.none()
    groups = roles.group_ids | roles.moderated_group_ids | roles.secretary_group_ids
    if groups:
        visiting = GuestVisit.objects.filter(group_id__in=groups).values("guest_id")
        return guests.filter(Q(pk__in=visiting) | Q(invited_by=roles.person))
    if roles.is_guest:
        return guests.filter(person=roles.person)
    return guests.none()


def with_contact_visibility(guests: QuerySet[Guest], user: Any) -> QuerySet[Guest]:
    """Annotate `contact_visible`: whether `user` may see the guest's e-mail and phone, as
    the rule `admissions.view_guest_contact` decides, in the list's one query (not a query
    per guest). Keep the two in step."""
    roles = roles_of(user)
    if roles.is_office:
        return guests.annotate(contact_visible=Value(True))
    if roles.person is None:
        return guests.annotate(contact_visible=Value(False))
    runs = roles.moderated_group_ids | roles.secretary_group_ids
    visits = GuestVisit.objects.filter(guest=OuterRef("pk"), group_id__in=runs)
    visible = Q(invited_by=roles.person) | Q(person=roles.person)
    if runs:
        visible |= Q(Exists(visits))
    return guests.annotate(contact_visible=ExpressionWrapper(visible, output_field=BooleanField()))


def guest_groups(user: Any) -> frozenset[int]:
    """The groups whose guests the user runs: moderated or kept minutes for."""
    roles = roles_of(user)
    return roles.moderated_group_ids | roles.secretary_group_ids


def invitable_meetings(user: Any) -> QuerySet[Meeting]:
    """Coming meetings the user may invite a guest to: their groups' (the office: all)."""
    roles = roles_of(user)
    meetings = Meeting.objects.filter(
        starts_at__gt=timezone.now(),
        is_cancelled=False,
        occurrence_date__lte=timezone.localdate() + INVITE_AHEAD,
    ).select_related("group")
    if not roles.is_office:
        groups = roles.group_ids | roles.moderated_group_ids | roles.secretary_group_ids
        meetings = meetings.filter(group_id__in=groups)
    return meetings.order_by("starts_at", "group__name")


def next_public_meetings(group: Group, count: int = 4) -> QuerySet[Meeting]:
    """The group's next meetings shown on its public visit page."""
    return Meeting.objects.filter(
        group=group, starts_at__gt=timezone.now(), is_cancelled=False
    ).order_by("starts_at")[:count]


def guest_visits_of(meeting: Meeting) -> QuerySet[GuestVisit]:
    """The guests expected at or come to a meeting, for its register."""
    return (
        GuestVisit.objects.filter(meeting=meeting)
        .select_related("guest__person", "guest__invited_by")
        .order_by("guest__person__last_name", "guest__person__first_name")
    )
