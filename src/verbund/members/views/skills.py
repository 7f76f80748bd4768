"""The company admin's skills database: skills, markets, catalogue, partnerships, finder.

One page with one form per section; each form posts its `section` back to the page, which
hands it to that section's handler and redirects after a save.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from verbund.common.http import check_perm, get_visible_or_404, run_service
from verbund.members.forms.skills import (
    CompanyMarketsForm,
    CompanySkillsForm,
    OfferingForm,
    PartnershipForm,
    PublicFinderForm,
)
from verbund.members.labels import label
from verbund.members.models import Company, Skill
from verbund.members.queries import companies_visible_to, with_skills
from verbund.members.services import (
    add_offering,
    remove_offering,
    remove_partnership,
    set_company_markets,
    set_company_skills,
    set_partnership,
    set_public_finder,
    update_offering,
)

# A handler returns the form to show again with its errors, or None once it saved.
Handler = Callable[[HttpRequest, Company], tuple[str, Form] | None]


@login_required
def company_skills(request: HttpRequest, code: str) -> HttpResponse:
    """The company admin (or the office) edits what the company can do and for whom."""
    company = get_visible_or_404(with_skills(companies_visible_to(request.user)), code=code)
    check_perm(request, "members.change_company", company)
    failed: tuple[str, Form] | None = None
    if request.method == "POST":
        handler = HANDLERS.get(request.POST.get("section", ""))
        if handler is None:
            return HttpResponseBadRequest(_("Unknown section."))
        failed = handler(request, company)
        if failed is None:
            messages.success(request, _("Your changes were saved."))
            return redirect("members:company_skills", code=company.code)
    context = _context(request, company)
    if failed is not None:
        context[failed[0]] = failed[1]
    return render(request, "members/company_skills.html", context)


def _context(request: HttpRequest, company: Company) -> dict[str, Any]:
    offerings = list(company.offerings.all())
    editing = _editing(request, offerings)
    return {
        "company": company,
        "skill_groups": _skill_groups(),
        "chosen": {skill.pk for skill in company.skills.all()},
        "skills_form": CompanySkillsForm(),
        "markets_form": CompanyMarketsForm(
            initial={
                "industries": [industry.pk for industry in company.industries.all()],
                "customer_sizes": company.customer_sizes,
                "regions_served": ", ".join(company.regions_served),
            }
        ),
        "offerings": offerings,
        "editing": editing,
        "edit_form": OfferingForm(
            prefix="edit",
            initial={"title": editing.title, "description": editing.description},
        )
        if editing
        else None,
        "offering_form": OfferingForm(prefix="add"),
        "partnerships": list(company.partnerships.all()),
        "partnership_form": PartnershipForm(),
        "finder_form": PublicFinderForm(initial={"enabled": company.public_finder}),
    }


def _editing(request: HttpRequest, offerings: list) -> Any:
    wanted = request.GET.get("edit") or request.POST.get("offering")
    return next((o for o in offerings if str(o.pk) == wanted), None)


def _skill_groups() -> list[tuple[str, list[Skill]]]:
    """The taxonomy in the reader's language, grouped by first letter."""
    skills = sorted(Skill.objects.all(), key=lambda skill: label(skill).casefold())
    return [
        (letter, list(group))
        for letter, group in groupby(skills, key=lambda skill: label(skill)[:1].upper())
    ]


def _save_skills(request: HttpRequest, company: Company) -> tuple[str, Form] | None:
    form = CompanySkillsForm(request.POST)
    if form.is_valid() and run_service(
        form,
        lambda: set_company_skills(
            company=company, skills=list(form.cleaned_data["skills"]), actor=request.user
        ),
    ):
        return None
    return "skills_form", form


def _save_markets(request: HttpRequest, company: Company) -> tuple[str, Form] | None:
    form = CompanyMarketsForm(request.POST)
    if form.is_valid() and run_service(
        form, lambda: set_company_markets(company=company, actor=request.user, **form.cleaned_data)
    ):
        return None
    return "markets_form", form


def _add_offering(request: HttpRequest, company: Company) -> tuple[str, Form] | None:
    form = OfferingForm(request.POST, prefix="add")
    if form.is_valid() and run_service(
        form, lambda: add_offering(company=company, actor=request.user, **form.cleaned_data)
    ):
        return None
    return "offering_form", form


def _update_offering(request: HttpRequest, company: Company) -> tuple[str, Form] | None:
    offering = get_object_or_404(company.offerings, pk=request.POST.get("offering"))
    form = OfferingForm(request.POST, prefix="edit")
    if form.is_valid() and run_service(
        form, lambda: update_offering(offering=offering, actor=request.user, **form.cleaned_data)
    ):
        return None
    return "edit_form", form


def _remove_offering(request: HttpRequest, company: Company) -> None:
    offering = get_object_or_404(company.offerings, pk=request.POST.get("offering"))
    remove_offering(offering=offering, actor=request.user)
    return None


def _save_partnership(request: HttpRequest, company: Company) -> tuple[str, Form] | None:
    form = PartnershipForm(request.POST)
    if form.is_valid() and run_service(
        form, lambda: set_partnership(company=company, actor=request.user, **form.cleaned_data)
    ):
        return None
    return "partnership_form", form


def _remove_partnership(request: HttpRequest, company: Company) -> None:
    partnership = get_object_or_404(company.partnerships, pk=request.POST.get("partnership"))
    remove_partnership(partnership=partnership, actor=request.user)
    return None


def _save_finder(request: HttpRequest, company: Company) -> tuple[str, Form] | None:
    form = PublicFinderForm(request.POST)
    if form.is_valid() and run_service(
        form,
        lambda: set_public_finder(
            company=company, enabled=form.cleaned_data["enabled"], actor=request.user
        ),
    ):
        return None
    return "finder_form", form


HANDLERS: dict[str, Handler] = {
    "skills": _save_skills,
    "markets": _save_markets,
    "offering_add": _add_offering,
    "offering_update": _update_offering,
    "offering_remove": _remove_offering,
    "partnership": _save_partnership,
    "partnership_remove": _remove_partnership,
    "finder": _save_finder,
}
