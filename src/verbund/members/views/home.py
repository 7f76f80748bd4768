"""The start page: what each viewer needs first, by their roles."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.directory.queries import network_totals_with_revenue
from verbund.members.models import Company, CompanyStatus, Person
from verbund.members.queries import network_totals
from verbund.network.models import Group, NetworkRole, NetworkRoleKind, current_term
from verbund.network.queries import Roles, get_network, groups_visible_to, roles_of


@login_required
def start_page(request: HttpRequest) -> HttpResponse:
    """The personal start page: member, board, office and guest sections as the roles call for."""
    roles = roles_of(request.user)
    if not (roles.sees_network or roles.is_guest):
        context = {"person": roles.person, "network": get_network()}
        return render(request, "members/home_inactive.html", context)
    context: dict[str, Any] = {"person": roles.person}
    if roles.is_member:
        context.update(_member_context(request, roles))
    if roles.is_board:
        context["board_term"] = _board_term(roles.person)
    if roles.is_office:
        context["office_counts"] = _office_counts()
    if roles.is_guest:
        context["visited_groups"] = groups_visible_to(request.user)
    return render(request, "members/home.html", context)


def _member_context(request: HttpRequest, roles: Roles) -> dict[str, Any]:
    company = roles.person.company
    return {
        "company": company,
        "can_edit_company": request.user.has_perm("members.change_company", company),
        "my_groups": _my_groups(roles),
        "totals": network_totals(),
        # Employees and revenue (rounded, over at least five companies), as the directory.
        "size": network_totals_with_revenue(),
    }


def _my_groups(roles: Roles) -> list[tuple[Group, list[str]]]:
    """The viewer's groups, each with the roles they hold in it (moderator, secretary)."""
    ids = roles.group_ids | roles.moderated_group_ids | roles.secretary_group_ids
    rows = []
    for group in Group.objects.filter(pk__in=ids):
        held = []
        if group.pk in roles.moderated_group_ids:
            held.append(_("Moderator"))
        if group.pk in roles.secretary_group_ids:
            held.append(_("Secretary"))
        rows.append((group, held))
    return rows


def _board_term(person: Person) -> NetworkRole | None:
    terms = NetworkRole.objects.filter(
        current_term(timezone.localdate()), person=person, kind=NetworkRoleKind.BOARD
    )
    return terms.order_by("starts_on").first()


def _office_counts() -> dict[str, int]:
    """The office's overview: companies by status, people and groups."""
    by_status = dict(Company.objects.order_by().values_list("status").annotate(total=Count("pk")))
    return {
        "active": by_status.get(CompanyStatus.ACTIVE, 0),
        "candidates": by_status.get(CompanyStatus.CANDIDATE, 0),
        "suspended": by_status.get(CompanyStatus.SUSPENDED, 0),
        "people": Person.objects.count(),
        "groups": Group.objects.count(),
    }
