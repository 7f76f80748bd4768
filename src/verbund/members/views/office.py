"""The office's company pages: every company in any status, its profile and status history.

The confidential annual revenue appears nowhere here: it belongs to the company alone.
"""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from verbund.common.http import get_visible_or_404, paginate, run_service
from verbund.members.forms.office import CompanyCreateForm, CompanyForm, CompanyStatusForm
from verbund.members.models import CompanyStatus
from verbund.members.queries import companies_visible_to
from verbund.members.services import change_company_status, create_company, update_company


@login_required
@permission_required("members.add_company", raise_exception=True)
def company_list(request: HttpRequest) -> HttpResponse:
    """Every company, filterable by status and searchable by name or city."""
    companies = companies_visible_to(request.user).annotate(people_count=Count("people"))
    status = request.GET.get("status", "")
    if status in CompanyStatus.values:
        companies = companies.filter(status=status)
    query = request.GET.get("q", "").strip()
    if query:
        companies = companies.filter(Q(name__icontains=query) | Q(city__icontains=query))
    return render(
        request,
        "members/office/company_list.html",
        {
            "page": paginate(request, companies.order_by("name")),
            "statuses": CompanyStatus.choices,
            "status": status,
            "q": query,
        },
    )


@login_required
@permission_required("members.add_company", raise_exception=True)
def company_create(request: HttpRequest) -> HttpResponse:
    """Enter a company: a candidate, or an existing member as active (cap and room apply)."""
    form = CompanyCreateForm(request.POST or None)
    if form.is_valid():
        call = partial(create_company, data=form.cleaned_data, actor=request.user)
        company = run_service(form, call)
        if company is not None:
            messages.success(
                request, _("The company %(company)s is entered.") % {"company": company}
            )
            return redirect("office:company_manage", code=company.code)
    return render(request, "members/office/company_create.html", {"form": form})


@login_required
@permission_required("members.change_company_status", raise_exception=True)
def company_manage(request: HttpRequest, code: str) -> HttpResponse:
    """A company's profile and home group, its status with history, and its people."""
    company = get_visible_or_404(companies_visible_to(request.user), code=code)
    action = request.POST.get("action") if request.method == "POST" else None
    profile_form = CompanyForm(request.POST if action == "profile" else None, instance=company)
    status_form = CompanyStatusForm(
        request.POST if action == "status" else None, company=company, prefix="status"
    )
    if action == "profile" and profile_form.is_valid():
        call = partial(
            update_company, company=company, data=profile_form.cleaned_data, actor=request.user
        )
        if run_service(profile_form, call) is not None:
            messages.success(request, _("The company's profile is saved."))
            return redirect("office:company_manage", code=company.code)
    if action == "status" and status_form.is_valid():
        call = partial(
            change_company_status, company=company, actor=request.user, **status_form.cleaned_data
        )
        if run_service(status_form, call) is not None:
            messages.success(request, _("The company's status is changed."))
            return redirect("office:company_manage", code=company.code)
    return render(
        request,
        "members/office/company_manage.html",
        {
            "company": company,
            "profile_form": profile_form,
            "status_form": status_form,
            "history": company.status_changes.select_related("changed_by"),
            "people": company.people.select_related("user").order_by("last_name", "first_name"),
        },
    )
