"""The member-facing group pages: list, detail, and the moderator's description edit."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from verbund.common.http import (
    check_perm,
    get_visible_or_404,
    page_or_partial,
    paginate,
    run_service,
)
from verbund.members.models import SEAT_STATUSES
from verbund.members.queries import companies_visible_to, people_visible_to
from verbund.network.forms.group import GroupDescriptionForm
from verbund.network.models import Group, GroupKind
from verbund.network.queries import current_roles, groups_visible_to, with_sizes
from verbund.network.services import update_group


@login_required
def group_list(request: HttpRequest) -> HttpResponse:
    """The groups the viewer may see, with their sizes, filterable by kind."""
    # A GROUP BY drops the model's default ordering, and pages need a stable one.
    groups = with_sizes(groups_visible_to(request.user)).order_by("name")
    kind = request.GET.get("kind", "")
    if kind in GroupKind.values:
        groups = groups.filter(kind=kind)
    else:
        kind = ""
    context = {"page": paginate(request, groups), "kind": kind, "kinds": GroupKind.choices}
    template = page_or_partial(request, "network/group_list.html", "results")
    return render(request, template, context)


@login_required
def group_detail(request: HttpRequest, code: str) -> HttpResponse:
    """A group's profile; its companies and members only for those who may see members."""
    group = get_visible_or_404(with_sizes(groups_visible_to(request.user)), code=code)
    context: dict[str, Any] = {
        "group": group,
        "group_roles": current_roles(group),
        "can_edit": request.user.has_perm("network.change_group", group),
        "show_members": request.user.has_perm("network.view_group_members", group),
        # Guests see the moderators' names but cannot open the members' directory.
        "link_people": request.user.has_perm("members.view_directory"),
    }
    if context["show_members"]:
        context.update(_member_lists(request, group))
    return render(request, "network/group_detail.html", context)


def _member_lists(request: HttpRequest, group: Group) -> dict[str, Any]:
    companies = companies_visible_to(request.user).filter(
        home_group=group, status__in=SEAT_STATUSES
    )
    people = people_visible_to(request.user).filter(group_memberships__group=group)
    return {
        "companies": companies,
        "people": people,
        "show_status": request.user.has_perm("members.view_company_status"),
    }


@login_required
def group_edit(request: HttpRequest, code: str) -> HttpResponse:
    """A moderator (or the office) edits the group's description."""
    group = get_visible_or_404(groups_visible_to(request.user), code=code)
    check_perm(request, "network.change_group", group)
    data = request.POST if request.method == "POST" else None
    form = GroupDescriptionForm(data, initial={"description": group.description})
    if form.is_valid():
        saved = run_service(
            form,
            lambda: update_group(group=group, data=form.cleaned_data, actor=request.user),
        )
        if saved is not None:
            messages.success(
                request, _("The description of %(group)s was saved.") % {"group": group.name}
            )
            return redirect("network:group_detail", code=group.code)
        group.refresh_from_db()  # a refused change may have been applied in memory only
    return render(request, "network/group_edit.html", {"group": group, "form": form})
