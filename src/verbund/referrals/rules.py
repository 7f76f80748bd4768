"""Who may do what with referrals and one-to-ones (django-rules predicates)."""

import rules

from verbund.network.queries import roles_of
from verbund.network.rules import is_member
from verbund.referrals.queries import FULL, is_receiving_person, referral_view

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
