"""Who may do what with the code of honour and conduct cases (django-rules predicates).

What a caller sees of a case is decided in one place, `queries.view_level`; the predicates
here only ask it.
"""

import rules

from verbund.conduct.queries import ViewLevel, view_level
from verbund.members.rules import is_company_admin
from verbund.network.queries import roles_of
from verbund.network.rules import is_board, is_member, is_office


@rules.predicate
def sees_case(user, case) -> bool:
    return case is not None and view_level(user, case) is not None


@rules.predicate
def sees_case_contents(user, case) -> bool:
    return case is not None and view_level(user, case) in (ViewLevel.FULL, ViewLevel.ACCUSED)


@rules.predicate
def manages_case(user, case) -> bool:
    """The board (for a case: unless of the accused company)."""
    if case is None:
        return roles_of(user).is_board
    return view_level(user, case) == ViewLevel.FULL


@rules.predicate
def answers_case(user, case) -> bool:
    """The accused company's admins and the person concerned, once the hearing opened."""
    return case is not None and view_level(user, case) == ViewLevel.ACCUSED


rules.add_perm("conduct.publish_code", is_office)
rules.add_perm("conduct.view_code", rules.is_authenticated)

rules.add_perm("conduct.file_case", is_member | is_office)
rules.add_perm("conduct.view_case", sees_case)
rules.add_perm("conduct.view_case_contents", sees_case_contents)
# Moving and deciding: the board; a board member who filed the case has a conflict, which
# the services refuse with a message (as the admissions' board cases do).
rules.add_perm("conduct.manage_case", manages_case)
rules.add_perm("conduct.give_statement", answers_case)
rules.add_perm("conduct.view_case_figures", is_board)
# A resignation is the company's own decision (its admin) or carried by the office.
rules.add_perm("members.give_resignation", is_office | is_company_admin)
