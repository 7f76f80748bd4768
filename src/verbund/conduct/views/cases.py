"""Conduct cases: the list, filing one, a case by the viewer's level, the board's figures.

A case is looked up among those the viewer may see (404 otherwise); how much of it the page
shows is `view_level`'s answer; actions check their permission (403) and call the services.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from verbund.common.http import check_perm, get_visible_or_404, paginate, run_service
from verbund.conduct.forms import CaseDecisionForm, CaseForm, MoveForm, StatementForm
from verbund.conduct.models import CaseOutcome, CaseStage, ConductCase
from verbund.conduct.queries import (
    ViewLevel,
    cases_visible_to,
    is_overdue,
    view_level,
    yearly_figures,
)
from verbund.conduct.services import decide_case, file_case, give_statement, move_case, read_case
from verbund.network.queries import roles_of

DETAIL_TEMPLATE = "conduct/case_detail.html"


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    """The cases the viewer may see, newest first; an open case past its deadline is marked."""
    page = paginate(request, cases_visible_to(request.user))
    today = timezone.localdate()
    rows = [(case, view_level(request.user, case), is_overdue(case, today)) for case in page]
    context = {
        "page": page,
        "rows": rows,
        "may_file": request.user.has_perm("conduct.file_case"),
        "may_see_figures": request.user.has_perm("conduct.view_case_figures"),
    }
    return render(request, "conduct/case_list.html", context)


@login_required
def case_create(request: HttpRequest) -> HttpResponse:
    """A member (not against their own company) or the office files a case."""
    check_perm(request, "conduct.file_case")
    form = CaseForm(request.POST or None, own_company_id=roles_of(request.user).company_id)
    if request.method == "POST" and form.is_valid():
        call = partial(file_case, actor=request.user, **form.cleaned_data)
        case = run_service(form, call)
        if case is not None:
            messages.success(
                request,
                _("Case %(code)s is filed; the advisory board takes it from here.")
                % {"code": case.code},
            )
            return redirect("conduct:case_detail", code=case.code)
    return render(request, "conduct/case_form.html", {"form": form})


def visible_case(request: HttpRequest, code: str) -> ConductCase:
    """A case the viewer may see at some level; 404 otherwise (never a hint it exists)."""
    cases = cases_visible_to(request.user).select_related("filed_by")
    return get_visible_or_404(cases, code=code)


@login_required
def case_detail(request: HttpRequest, code: str) -> HttpResponse:
    case = visible_case(request, code)
    read_case(case, actor=request.user)  # a board member's read is in the audit log
    return render_case(request, case)


def render_case(
    request: HttpRequest, case: ConductCase, forms: dict[str, Form] | None = None
) -> HttpResponse:
    """The case page; `forms` replaces empty forms by bound ones showing errors."""
    return render(request, DETAIL_TEMPLATE, case_context(request, case, forms or {}))


def case_context(request: HttpRequest, case: ConductCase, forms: dict[str, Form]) -> dict[str, Any]:
    user = request.user
    level = view_level(user, case)
    is_open = case.stage != CaseStage.DECIDED
    manages = is_open and user.has_perm("conduct.manage_case", case)
    may_move = manages and case.stage != CaseStage.HEARING
    answers = case.stage == CaseStage.HEARING and user.has_perm("conduct.give_statement", case)
    return {
        "case": case,
        "level": level,
        "full": level == ViewLevel.FULL,
        "contents": level in (ViewLevel.FULL, ViewLevel.ACCUSED),
        "overdue": is_overdue(case),
        "steps": case.steps.select_related("moved_by") if level == ViewLevel.FULL else None,
        "move_form": (forms.get("move") or MoveForm(case=case)) if may_move else None,
        "decision_form": (forms.get("decision") or CaseDecisionForm()) if manages else None,
        "statement_form": (
            forms.get("statement") or StatementForm(initial={"statement": case.statement})
        )
        if answers
        else None,
    }


@require_POST
@login_required
def case_stage(request: HttpRequest, code: str) -> HttpResponse:
    """The board moves the case to review or hearing."""
    case = visible_case(request, code)
    check_perm(request, "conduct.manage_case", case)
    form = MoveForm(request.POST, case=case)
    if form.is_valid():
        call = partial(
            move_case,
            case=case,
            to_stage=form.cleaned_data["stage"],
            deadline=form.cleaned_data["deadline"],
            actor=request.user,
        )
        moved = run_service(form, call)
        if moved is not None:
            messages.success(
                request,
                _("The case is now at the stage: %(stage)s.")
                % {"stage": moved.get_stage_display()},
            )
            return redirect("conduct:case_detail", code=code)
    return render_case(request, case, {"move": form})


@require_POST
@login_required
def case_statement(request: HttpRequest, code: str) -> HttpResponse:
    """The accused company's admin or the person concerned answers during the hearing."""
    case = visible_case(request, code)
    check_perm(request, "conduct.give_statement", case)
    form = StatementForm(request.POST)
    if form.is_valid():
        call = partial(
            give_statement, case=case, text=form.cleaned_data["statement"], actor=request.user
        )
        if run_service(form, call) is not None:
            messages.success(request, _("Your statement is recorded; the board will read it."))
            return redirect("conduct:case_detail", code=code)
    return render_case(request, case, {"statement": form})


@require_POST
@login_required
def case_decision(request: HttpRequest, code: str) -> HttpResponse:
    """The board decides with a rationale; a sanction needs a hearing first."""
    case = visible_case(request, code)
    check_perm(request, "conduct.manage_case", case)
    form = CaseDecisionForm(request.POST)
    if form.is_valid():
        call = partial(decide_case, case=case, actor=request.user, **form.cleaned_data)
        decided = run_service(form, call)
        if decided is not None:
            messages.success(
                request,
                _("The board's decision is recorded: %(outcome)s.")
                % {"outcome": decided.get_outcome_display()},
            )
            return redirect("conduct:case_detail", code=code)
    return render_case(request, case, {"decision": form})


@login_required
def case_figures(request: HttpRequest) -> HttpResponse:
    """The board's yearly figures: cases filed, decided by outcome, resignations, expulsions."""
    check_perm(request, "conduct.view_case_figures")
    context = {"years": yearly_figures(), "outcomes": CaseOutcome.choices}
    return render(request, "conduct/case_figures.html", context)
