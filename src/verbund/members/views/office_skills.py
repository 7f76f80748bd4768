"""The office keeps the shared taxonomy: skills (with labels and synonyms), vendors, industries."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Count
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy

from verbund.common.http import run_service
from verbund.members.forms.skills import IndustryForm, SkillForm, VendorForm
from verbund.members.models import Industry, Skill, Vendor
from verbund.members.services import create_industry, create_skill, create_vendor, update_skill

# section → (form class, context name, service, success message)
CREATORS: dict[str, tuple[type[Form], str, Any, Any]] = {
    "skill": (SkillForm, "skill_form", create_skill, gettext_lazy("The skill is added.")),
    "vendor": (VendorForm, "vendor_form", create_vendor, gettext_lazy("The vendor is added.")),
    "industry": (
        IndustryForm,
        "industry_form",
        create_industry,
        gettext_lazy("The industry is added."),
    ),
}


@login_required
@permission_required("members.manage_taxonomy", raise_exception=True)
def skill_list(request: HttpRequest) -> HttpResponse:
    """The taxonomy's skills, vendors and industries, each with a form to add one."""
    forms: dict[str, Form] = {
        name: form_class(prefix=section) for section, (form_class, name, *_rest) in CREATORS.items()
    }
    section = request.POST.get("section", "") if request.method == "POST" else ""
    if section in CREATORS:
        form_class, name, service, message = CREATORS[section]
        form = forms[name] = form_class(request.POST, prefix=section)
        if form.is_valid() and run_service(
            form, partial(service, actor=request.user, **form.cleaned_data)
        ):
            messages.success(request, str(message))
            return redirect("office:skill_list")
    context = {
        **forms,
        "skills": Skill.objects.annotate(companies_count=Count("companies")).order_by("label_de"),
        "vendors": Vendor.objects.annotate(companies_count=Count("partnerships")).order_by("name"),
        "industries": Industry.objects.annotate(companies_count=Count("companies")).order_by(
            "label_de"
        ),
    }
    return render(request, "members/office/skill_list.html", context)


@login_required
@permission_required("members.manage_taxonomy", raise_exception=True)
def skill_edit(request: HttpRequest, code: str) -> HttpResponse:
    """Change a skill's labels and synonyms (every company with it is reindexed)."""
    skill = get_object_or_404(Skill, code=code)
    initial = {"label_de": skill.label_de, "label_en": skill.label_en, "synonyms": skill.synonyms}
    form = SkillForm(request.POST or None, initial=initial)
    if form.is_valid() and run_service(
        form, partial(update_skill, skill=skill, actor=request.user, **form.cleaned_data)
    ):
        messages.success(request, str(gettext_lazy("The skill is saved.")))
        return redirect("office:skill_list")
    return render(request, "members/office/skill_edit.html", {"skill": skill, "form": form})
