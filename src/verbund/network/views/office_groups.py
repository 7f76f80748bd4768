"""The office's group pages: list, create, and manage settings, members and role terms."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from verbund.common.http import get_visible_or_404, page_or_partial, paginate, run_service
from verbund.network.forms.office import (
    GroupForm,
    GroupRoleAssignForm,
    MemberAddForm,
    RoleEndForm,
)
from verbund.network.models import Group, GroupKind
from verbund.network.queries import groups_visible_to, with_sizes
from verbund.network.services import (
    add_group_member,
    assign_group_role,
    create_group,
    end_group_role,
    remove_group_member,
    update_group,
)
from verbund.network.views.office import with_end_forms

MANAGE_TEMPLATE = "network/office/group_manage.html"


@login_required
@permission_required("network.add_group", raise_exception=True)
def group_list(request: HttpRequest) -> HttpResponse:
    """Every group with its size, filterable by kind."""
    groups = with_sizes(groups_visible_to(request.user)).order_by("name")
    kind = request.GET.get("kind", "")
    if kind in GroupKind.values:
        groups = groups.filter(kind=kind)
    return render(
        request,
        "network/office/group_list.html",
        {
            "page": paginate(request, groups),
            "kinds": GroupKind.choices,
            "kind": kind,
        },
    )


@login_required
@permission_required("network.add_group", raise_exception=True)
def group_create(request: HttpRequest) -> HttpResponse:
    """Create a group of one of the four kinds."""
    form = GroupForm(request.POST or None)
    if form.is_valid():
        group = run_service(form, partial(create_group, data=form.cleaned_data, actor=request.user))
        if group is not None:
            messages.success(request, _("The group %(group)s is created.") % {"group": group})
            return redirect("office:group_manage", code=group.code)
    return render(request, "network/office/group_create.html", {"form": form})


@login_required
@permission_required("network.change_group_settings", raise_exception=True)
def group_manage(request: HttpRequest, code: str) -> HttpResponse:
    """A group's settings, members and role terms; each form posts its `action`."""
    group = get_visible_or_404(groups_visible_to(request.user), code=code)
    action = request.POST.get("action") if request.method == "POST" else None
    forms = {
        "settings": GroupForm(request.POST if action == "settings" else None, instance=group),
        "add_member": MemberAddForm(
            request.POST if action == "add_member" else None, group=group, prefix="member"
        ),
        "assign_role": GroupRoleAssignForm(
            request.POST if action == "assign_role" else None, group=group, prefix="role"
        ),
    }
    form = forms.get(action or "")
    if (
        form is None
        or not form.is_valid()
        or run_service(form, _call(action, form, group, request)) is None
    ):
        return _render_manage(request, group, forms=forms)
    if request.htmx and action == "add_member":  # swaps the people section in place
        return _render_manage(request, group, forms={})
    messages.success(request, SUCCESS[action])
    return redirect("office:group_manage", code=group.code)


SUCCESS = {
    "settings": gettext_lazy("The group's settings are saved."),
    "add_member": gettext_lazy("The person is added to the group."),
    "assign_role": gettext_lazy("The role is assigned."),
}


def _call(action: str, form: Any, group: Group, request: HttpRequest) -> Any:
    """The service call for one of the manage page's forms."""
    data = form.cleaned_data
    if action == "settings":
        return partial(update_group, group=group, data=data, actor=request.user)
    if action == "add_member":
        return partial(add_group_member, group=group, person=data["person"], actor=request.user)
    return partial(assign_group_role, group=group, actor=request.user, **data)


@require_POST
@login_required
@permission_required("network.manage_group_members", raise_exception=True)
def membership_remove(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """Remove a person from the group."""
    group = get_visible_or_404(groups_visible_to(request.user), code=code)
    membership = get_object_or_404(group.memberships.select_related("person"), pk=pk)
    remove_group_member(membership=membership, actor=request.user)
    if request.htmx:
        return _render_manage(request, group, forms={})
    messages.success(
        request, _("%(person)s is removed from the group.") % {"person": membership.person}
    )
    return redirect("office:group_manage", code=group.code)


@require_POST
@login_required
@permission_required("network.manage_group_members", raise_exception=True)
def group_role_end(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """End a moderator's or secretary's term on the date given."""
    group = get_visible_or_404(groups_visible_to(request.user), code=code)
    role = get_object_or_404(group.roles.select_related("person", "group"), pk=pk)
    form = RoleEndForm.for_role(role.pk, request.POST)
    if form.is_valid():
        call = partial(end_group_role, role=role, actor=request.user, **form.cleaned_data)
        if run_service(form, call) is not None:
            messages.success(
                request,
                _("The term of %(person)s ends on the date given.") % {"person": role.person},
            )
            return redirect("office:group_manage", code=group.code)
    return _render_manage(request, group, forms={}, end_form=form, failed_pk=role.pk)


def _render_manage(
    request: HttpRequest,
    group: Group,
    *,
    forms: dict[str, Any],
    end_form: Any = None,
    failed_pk: int | None = None,
) -> HttpResponse:
    """The manage page (or, for HTMX, its people section) with the forms as they stand."""
    roles = with_end_forms(
        group.roles.select_related("person__company").order_by("kind", "-starts_on"),
        end_form=end_form,
        failed_pk=failed_pk,
    )
    memberships = group.memberships.select_related("person__company").order_by(
        "person__last_name", "person__first_name"
    )
    return render(
        request,
        page_or_partial(request, MANAGE_TEMPLATE, "people"),
        {
            "group": with_sizes(Group.objects.filter(pk=group.pk)).get(),
            "memberships": memberships,
            "terms": roles,
            "settings_form": forms.get("settings") or GroupForm(instance=group),
            "member_form": forms.get("add_member") or MemberAddForm(group=group, prefix="member"),
            "role_form": forms.get("assign_role")
            or GroupRoleAssignForm(group=group, prefix="role"),
        },
    )
