"""Who may do what with referrals and one-to-ones (django-rules predicates)."""

import rules

from verbund.network.models import GroupKind
from verbund.network.queries import roles_of
from verbund.network.rules import is_board, is_member, is_office
from verbund.referrals.queries import FULL, help_request_role, is_receiving_person, referral_view

# ---------------------------------------------------------------- referrals (obj: a Referral)


@rules.predicate
def sees_referral(user, referral) -> bool:
    return referral is not None and referral_view(user, referral) is not None


@rules.predicate
def is_referral_party(user, referral) -> bool:
    """The giver or a receiving person: sees the customer's contact data."""
    return referral is not None and referral_view(user, referral) == FULL


@rules.predicate
def receives_referral(user, referral) -> bool:
    return referral is not None and is_receiving_person(roles_of(user).person, referral)


rules.add_perm("referrals.pass_referral", is_member)
rules.add_perm("referrals.view_own_referrals", is_member)
rules.add_perm("referrals.view_referral", sees_referral)
rules.add_perm("referrals.view_referral_customer", is_referral_party)
# The status and the closed business are the receivers' to keep.
rules.add_perm("referrals.change_referral_status", is_member & receives_referral)
rules.add_perm("referrals.confirm_closed_business", is_member & receives_referral)


# ---------------------------------------------------------------- one-to-ones (obj: a
# OneToOneMeeting)


@rules.predicate
def in_one_to_one(user, one_to_one) -> bool:
    """One of the two people of the one-to-one."""
    person = roles_of(user).person
    return (
        one_to_one is not None
        and person is not None
        and person.pk in (one_to_one.requested_by_id, one_to_one.partner_id)
    )


@rules.predicate
def is_one_to_one_partner(user, one_to_one) -> bool:
    person = roles_of(user).person
    return one_to_one is not None and person is not None and person.pk == one_to_one.partner_id


rules.add_perm("referrals.request_one_to_one", is_member)
# The two people alone (while their companies are members): the office and the board have no
# business with what two members talk about.
rules.add_perm("referrals.view_one_to_one", is_member & in_one_to_one)
rules.add_perm("referrals.answer_one_to_one", is_member & is_one_to_one_partner)
rules.add_perm("referrals.change_one_to_one", is_member & in_one_to_one)
# One's own list and the request form: members.
rules.add_perm("referrals.view_own_one_to_ones", is_member)


# ---------------------------------------------------------------- scorecard (obj: a Group)


@rules.predicate
def keeps_group_register(user, group) -> bool:
    """The group's moderator or secretary (current term, active company)."""
    roles = roles_of(user)
    return group is not None and group.pk in (roles.moderated_group_ids | roles.secretary_group_ids)


@rules.predicate
def is_regional_group(user, group) -> bool:
    return group is not None and group.kind == GroupKind.REGIONAL


# One's own card: members, and the office's people (their own only). A group's table of
# rated figures (never the closed value): its moderator and secretary, of a regional group
# only: a card holds referrals, one-to-ones and guests from the whole network, which are no
# business of a working group's or a circle's moderator.
rules.add_perm("referrals.view_own_scorecard", is_member | is_office)
rules.add_perm("referrals.view_group_scorecard", is_regional_group & keeps_group_register)


# ---------------------------------------------------------------- help requests (obj: a
# HelpRequest; for answering: a HelpAnswer)


@rules.predicate
def sees_help_request(user, help_request) -> bool:
    return help_request is not None and help_request_role(user, help_request) is not None


@rules.predicate
def asked_for_help(user, help_request) -> bool:
    """The asker: sees every answer, accepts one, closes the request."""
    return help_request is not None and help_request_role(user, help_request) == "asker"


@rules.predicate
def of_answering_company(user, answer) -> bool:
    """A person of the asked company (not the asker): answers for the company."""
    person = roles_of(user).person
    return (
        answer is not None
        and person is not None
        and person.company_id == answer.company_id
        and person.pk != answer.request.asked_by_id
    )


rules.add_perm("referrals.ask_for_help", is_member)
rules.add_perm("referrals.view_own_help_requests", is_member)
rules.add_perm("referrals.view_help_request", is_member & sees_help_request)
rules.add_perm("referrals.answer_help", is_member & of_answering_company)
rules.add_perm("referrals.accept_help_answer", is_member & asked_for_help)
rules.add_perm("referrals.close_help_request", is_member & asked_for_help)


# ---------------------------------------------------------------- value of membership (obj:
# a Company for a company's card)


@rules.predicate
def of_company(user, company) -> bool:
    person = roles_of(user).person
    return company is not None and person is not None and person.company_id == company.pk


@rules.predicate
def is_company_admin_of(user, company) -> bool:
    person = roles_of(user).person
    return (
        company is not None
        and person is not None
        and person.company_id == company.pk
        and person.is_company_admin
    )


# The page with the aggregates and the group matrix: whoever sees the network's inside.
rules.add_perm("referrals.view_value", is_member | is_office | is_board)
# A company's figures: its own people; the share (it reveals the revenue): its admins alone.
rules.add_perm("referrals.view_company_value", is_member & of_company)
rules.add_perm("referrals.view_revenue_share", is_member & is_company_admin_of)
# Who refers to whom by company (counts only): the office and the board.
rules.add_perm("referrals.view_company_matrix", is_office | is_board)
