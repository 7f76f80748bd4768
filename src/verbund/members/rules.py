"""Who may do what with companies and people (django-rules predicates)."""

import rules

from verbund.members.queries import may_see_revenue
from verbund.network.queries import roles_of
from verbund.network.rules import is_board, is_office, sees_network


@rules.predicate
def is_company_admin(user, company) -> bool:
    roles = roles_of(user)
    return (
        company is not None
        and roles.person is not None
        and roles.person.is_company_admin
        and roles.company_id == company.pk
        and roles.is_member
    )


@rules.predicate
def is_self(user, person) -> bool:
    roles = roles_of(user)
    return person is not None and roles.person is not None and roles.person.pk == person.pk


@rules.predicate
def admins_company_of(user, person) -> bool:
    return person is not None and is_company_admin(user, person.company)


@rules.predicate
def sees_revenue(user, company) -> bool:
    return company is not None and may_see_revenue(company, user)


rules.add_perm("members.view_directory", sees_network)
rules.add_perm("members.add_company", is_office)
rules.add_perm("members.change_company", is_office | is_company_admin)
rules.add_perm("members.change_company_status", is_office)
rules.add_perm("members.view_company_status", is_office | is_board)
rules.add_perm("members.view_company_revenue", sees_revenue)
rules.add_perm("members.change_company_revenue", sees_revenue & is_company_admin)
rules.add_perm("members.add_person", is_office)
rules.add_perm("members.change_person", is_self | is_office | admins_company_of)
rules.add_perm("members.change_person_admin", is_office)
rules.add_perm("members.manage_taxonomy", is_office)
