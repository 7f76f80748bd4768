"""Who may do what with applications (django-rules predicates on an Application or BoardCase)."""

import rules

from verbund.network.queries import roles_of
from verbund.network.rules import is_board, is_member, is_office


def _application(obj):
    """The application of an application or of a board case."""
    return getattr(obj, "application", obj)


@rules.predicate
def in_home_group(user, application) -> bool:
    """A member (or moderator) of the group the candidate wants to join."""
    if application is None:
        return False
    roles = roles_of(user)
    group_id = _application(application).home_group_id
    return roles.is_member and group_id in (roles.group_ids | roles.moderated_group_ids)


@rules.predicate
def moderates_home_group(user, application) -> bool:
    return (
        application is not None
        and _application(application).home_group_id in roles_of(user).moderated_group_ids
    )


@rules.predicate
def is_candidate(user, application) -> bool:
    """A person of the candidate company itself, or the guest linked to the application
    (sees only the status of its application)."""
    roles = roles_of(user)
    if application is None or roles.person is None:
        return False
    application = _application(application)
    if roles.company_id is not None:
        return roles.company_id == application.company_id
    return roles.is_guest and application.guests.filter(person=roles.person).exists()


@rules.predicate
def is_recommender(user, application) -> bool:
    roles = roles_of(user)
    return (
        application is not None
        and roles.person is not None
        and _application(application).recommended_by_id == roles.person.pk
    )


# Submitting: the office, or a member recommending a candidate (the service checks that the
# member recommends it themself).
rules.add_perm("admissions.submit_application", is_office | is_member)
rules.add_perm("admissions.view_application", is_office | is_board | in_home_group | is_candidate)
# Votes, skill overlap, the recommender: everything but the candidate's own view.
rules.add_perm("admissions.view_application_details", is_office | is_board | in_home_group)
# Veto reasons are the board's alone, not the office's (unless on the board).
rules.add_perm("admissions.view_veto_reasons", is_board)
rules.add_perm("admissions.manage_vote", is_office | moderates_home_group)
rules.add_perm("admissions.withdraw_application", is_office | (is_member & is_recommender))
rules.add_perm("admissions.view_board_case", is_board)
rules.add_perm("admissions.decide_board_case", is_board)
# The pipeline: aggregated figures, no names (SPEC 9: "admission pipeline" for office and board).
rules.add_perm("admissions.view_pipeline", is_office | is_board)
# The retention run pseudonymises guests and candidates; the nightly command runs it as the system.
rules.add_perm("admissions.apply_retention", is_office)


# ---------------------------------------------------------------- guests (obj: a Guest or a
# Meeting, as named)


@rules.predicate
def runs_guests_group(user, guest) -> bool:
    """The moderator or secretary of a group the guest visits (they run the guest list)."""
    roles = roles_of(user)
    groups = roles.moderated_group_ids | roles.secretary_group_ids
    return guest is not None and bool(groups) and guest.visits.filter(group_id__in=groups).exists()


@rules.predicate
def invited_the_guest(user, guest) -> bool:
    person = roles_of(user).person
    return guest is not None and person is not None and guest.invited_by_id == person.pk


@rules.predicate
def is_the_guest(user, guest) -> bool:
    person = roles_of(user).person
    return guest is not None and person is not None and guest.person_id == person.pk


@rules.predicate
def in_meetings_group(user, meeting) -> bool:
    """A member, moderator or secretary of the meeting's group."""
    roles = roles_of(user)
    groups = roles.group_ids | roles.moderated_group_ids | roles.secretary_group_ids
    return meeting is not None and meeting.group_id in groups


@rules.predicate
def runs_meetings_group(user, meeting) -> bool:
    """The moderator or secretary of the meeting's group."""
    roles = roles_of(user)
    groups = roles.moderated_group_ids | roles.secretary_group_ids
    return meeting is not None and meeting.group_id in groups


# A guest's e-mail and phone: the office, the moderators and secretaries of the groups the
# guest visits and the inviter (members of the group see name, company, visits, inviter).
rules.add_perm(
    "admissions.view_guest_contact",
    is_office | runs_guests_group | invited_the_guest | is_the_guest,
)
rules.add_perm("admissions.invite_guest", is_office | in_meetings_group)
rules.add_perm("admissions.invite_vendor_guest", is_office | runs_meetings_group)
rules.add_perm("admissions.record_guest_visit", is_office | runs_meetings_group)
rules.add_perm("admissions.publish_guest_consent", is_office)
rules.add_perm("admissions.give_guest_login", is_office)
# The invitation page (obj-less): members invite to their groups' meetings, the office to all.
rules.add_perm("admissions.invite_guests", is_office | is_member)
