"""The office's own pages for the network: overview, settings and board/office terms."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from verbund.common.http import run_service
from verbund.members.models import SEAT_STATUSES, Company, CompanyStatus, Person
from verbund.network.forms.office import NetworkForm, NetworkRoleAssignForm, RoleEndForm
from verbund.network.models import Group, GroupKind, NetworkRole
from verbund.network.queries import get_network
from verbund.network.services import assign_network_role, end_network_role, update_network


def _counts(queryset: Any, field: str, choices: Any) -> list[tuple[str, str, int]]:
    """`(value, label, count)` for every choice, zero included, from one grouped query."""
    found = dict(queryset.values_list(field).annotate(n=Count("pk")).order_by())
    return [(choice.value, choice.label, found.get(choice.value, 0)) for choice in choices]


@login_required
@permission_required("network.view_office", raise_exception=True)
def office_index(request: HttpRequest) -> HttpResponse:
    """The office's overview: companies by status, people, groups by kind, places taken."""
    companies = _counts(Company.objects.all(), "status", CompanyStatus)
    taken = sum(count for value, _label, count in companies if value in SEAT_STATUSES)
    return render(
        request,
        "network/office/index.html",
        {
            "network": get_network(),
            "companies": companies,
            "groups": _counts(Group.objects.all(), "kind", GroupKind),
            "people_count": Person.objects.count(),
            "places_taken": taken,
        },
    )


@login_required
@permission_required("network.change_network", raise_exception=True)
def network_edit(request: HttpRequest) -> HttpResponse:
    """Change the network's settings."""
    network = get_network()
    form = NetworkForm(request.POST or None, instance=network)
    if form.is_valid():
        call = partial(update_network, network=network, data=form.cleaned_data, actor=request.user)
        if run_service(form, call) is not None:
            messages.success(request, _("The network's settings are saved."))
            return redirect("office:network_edit")
    return render(request, "network/office/network_edit.html", {"form": form})


@login_required
@permission_required("network.manage_roles", raise_exception=True)
def role_list(request: HttpRequest) -> HttpResponse:
    """Board and office terms, current and others; assign a new term."""
    form = NetworkRoleAssignForm(request.POST or None)
    if form.is_valid():
        call = partial(assign_network_role, **form.cleaned_data, actor=request.user)
        if run_service(form, call) is not None:
            messages.success(request, _("The term is assigned."))
            return redirect("office:role_list")
    return _render_roles(request, assign_form=form)


@require_POST
@login_required
@permission_required("network.manage_roles", raise_exception=True)
def network_role_end(request: HttpRequest, pk: int) -> HttpResponse:
    """End a board or office term on the date given."""
    role = get_object_or_404(NetworkRole.objects.select_related("person"), pk=pk)
    form = RoleEndForm.for_role(role.pk, request.POST)
    if form.is_valid():
        call = partial(end_network_role, role=role, actor=request.user, **form.cleaned_data)
        if run_service(form, call) is not None:
            messages.success(
                request,
                _("The term of %(person)s ends on the date given.") % {"person": role.person},
            )
            return redirect("office:role_list")
    return _render_roles(request, end_form=form, failed_pk=role.pk)


def _render_roles(
    request: HttpRequest,
    *,
    assign_form: Any = None,
    end_form: Any = None,
    failed_pk: int | None = None,
) -> HttpResponse:
    roles = with_end_forms(
        NetworkRole.objects.select_related("person__company").order_by(
            "kind", "-starts_on", "person__last_name"
        ),
        end_form=end_form,
        failed_pk=failed_pk,
    )
    return render(
        request,
        "network/office/role_list.html",
        {
            "current": [role for role in roles if role.is_current],
            "others": [role for role in roles if not role.is_current],
            "assign_form": assign_form or NetworkRoleAssignForm(),
        },
    )


def with_end_forms(
    roles: Iterable[Any], *, end_form: Any = None, failed_pk: int | None = None
) -> list[Any]:
    """Mark each term current or not; give each term that has not ended its own end form.

    The end form that was just refused keeps its input and message; the others start fresh.
    """
    today = timezone.localdate()
    marked = list(roles)
    for role in marked:
        running = role.ends_on is None or role.ends_on >= today
        role.is_current = running and role.starts_on <= today
        if running:  # an ended term cannot end again
            role.end_form = end_form if role.pk == failed_pk else RoleEndForm.for_role(role.pk)
    return marked
