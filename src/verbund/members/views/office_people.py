"""The office's people pages: everyone, new people with an invitation, and their details."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from verbund.common.http import get_visible_or_404, paginate, run_service
from verbund.members.forms.office import PersonCreateForm, PersonForm
from verbund.members.models import Company
from verbund.members.queries import people_visible_to
from verbund.members.services import create_person, update_person

NO_COMPANY = "none"  # the company filter's value for people without a company


@login_required
@permission_required("members.add_person", raise_exception=True)
def person_list(request: HttpRequest) -> HttpResponse:
    """Everyone, searchable by name or e-mail and filterable by company."""
    people = people_visible_to(request.user)
    company = request.GET.get("company", "")
    if company == NO_COMPANY:
        people = people.filter(company__isnull=True)
    elif company:
        people = people.filter(company__code=company)
    query = request.GET.get("q", "").strip()
    if query:
        people = people.filter(
            Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
            | Q(email__icontains=query)
            | Q(user__email__icontains=query)
        )
    return render(
        request,
        "members/office/person_list.html",
        {
            "page": paginate(request, people.order_by("last_name", "first_name", "pk")),
            "companies": Company.objects.order_by("name").only("code", "name"),
            "company": company,
            "no_company": NO_COMPANY,
            "q": query,
        },
    )


@login_required
@permission_required("members.add_person", raise_exception=True)
def person_create(request: HttpRequest) -> HttpResponse:
    """Enter a person of a company or of the office, optionally with an invited login."""
    form = PersonCreateForm(request.POST or None, initial={"company": _company(request)})
    if form.is_valid():
        call = partial(
            create_person,
            data=form.person_data(),
            actor=request.user,
            login_email=form.cleaned_data["login_email"],
            invite=form.cleaned_data["invite"],
        )
        person = run_service(form, call)
        if person is not None:
            messages.success(request, _("%(person)s is entered.") % {"person": person})
            return redirect("office:person_manage", code=person.code)
    return render(request, "members/office/person_create.html", {"form": form})


def _company(request: HttpRequest) -> Company | None:
    """The company named by `?company=` (a link from the company's page), if any."""
    code = request.GET.get("company")
    return Company.objects.filter(code=code).first() if code else None


@login_required
@permission_required("members.change_person_admin", raise_exception=True)
def person_manage(request: HttpRequest, code: str) -> HttpResponse:
    """A person's data and company-admin flag, with their groups and roles."""
    person = get_visible_or_404(people_visible_to(request.user), code=code)
    form = PersonForm(request.POST or None, instance=person)
    if form.is_valid():
        call = partial(update_person, person=person, data=form.cleaned_data, actor=request.user)
        if run_service(form, call) is not None:
            messages.success(request, _("The person's data are saved."))
            return redirect("office:person_manage", code=person.code)
    return render(
        request,
        "members/office/person_manage.html",
        {
            "person": person,
            "form": form,
            "group_roles": person.group_roles.select_related("group").order_by("-starts_on"),
            "network_roles": person.network_roles.order_by("-starts_on"),
        },
    )
