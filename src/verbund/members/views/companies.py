"""The member-facing company pages: list, profile and the company admin's edit."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
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
from verbund.members.forms.company import CompanyProfileForm
from verbund.members.models import Company
from verbund.members.queries import companies_visible_to, people_of, with_skills
from verbund.members.services import update_company
from verbund.members.services.resignations import resignation_state
from verbund.network.models import GroupKind
from verbund.network.queries import groups_visible_to


@login_required
def company_list(request: HttpRequest) -> HttpResponse:
    """The companies the viewer may see, searchable by name, filterable by group and region."""
    check_perm(request, "members.view_directory")
    visible = companies_visible_to(request.user)
    filters = {key: request.GET.get(key, "").strip() for key in ("q", "group", "region")}
    context = {
        "page": paginate(request, _filtered(visible, filters)),
        "filters": filters,
        "groups": groups_visible_to(request.user).filter(kind=GroupKind.REGIONAL),
        "regions": _regions(visible),
        "show_status": request.user.has_perm("members.view_company_status"),
    }
    template = page_or_partial(request, "members/company_list.html", "results")
    return render(request, template, context)


def _filtered(companies: QuerySet[Company], filters: dict[str, str]) -> QuerySet[Company]:
    if filters["q"]:
        companies = companies.filter(name__icontains=filters["q"])
    if filters["group"]:
        companies = companies.filter(home_group__code=filters["group"])
    if filters["region"]:
        companies = companies.filter(region=filters["region"])
    return companies


def _regions(companies: QuerySet[Company]) -> list[str]:
    regions = companies.exclude(region="").order_by("region").values_list("region", flat=True)
    return list(regions.distinct())


@login_required
def company_detail(request: HttpRequest, code: str) -> HttpResponse:
    """A company's profile; revenue only for its own people, history only for office and board."""
    company = get_visible_or_404(with_skills(companies_visible_to(request.user)), code=code)
    user = request.user
    context: dict[str, Any] = {
        "company": company,
        "people": people_of(company, user),
        "show_revenue": user.has_perm("members.view_company_revenue", company),
        "show_status": user.has_perm("members.view_company_status", company),
        "can_edit": user.has_perm("members.change_company", company),
    }
    if context["show_status"]:
        context["history"] = company.status_changes.all()
    if user.has_perm("members.give_resignation", company):  # its admin or the office
        context["resignation"] = resignation_state(company)
    return render(request, "members/company_detail.html", context)


@login_required
def company_edit(request: HttpRequest, code: str) -> HttpResponse:
    """The company admin edits the profile (and revenue); the office may use it without revenue."""
    company = get_visible_or_404(companies_visible_to(request.user), code=code)
    check_perm(request, "members.change_company", company)
    with_revenue = request.user.has_perm("members.change_company_revenue", company)
    data = request.POST if request.method == "POST" else None
    form = CompanyProfileForm.for_company(company, data, with_revenue=with_revenue)
    if form.is_valid():
        saved = run_service(
            form,
            lambda: update_company(company=company, data=form.cleaned_data, actor=request.user),
        )
        if saved is not None:
            messages.success(
                request, _("The profile of %(company)s was saved.") % {"company": company.name}
            )
            return redirect("members:company_detail", code=company.code)
        company.refresh_from_db()  # a refused change may have been applied in memory only
    return render(request, "members/company_edit.html", {"company": company, "form": form})
