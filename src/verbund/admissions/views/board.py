"""The advisory board's cases: the veto reasons (who and why), the board's votes, the decision.

For the board only. A case is looked up among the applications the viewer sees (404
otherwise) and then needs the board's permission (403), as in the REST API.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from verbund.admissions.forms import BoardVoteForm, DecisionForm
from verbund.admissions.models import BoardCase, BoardDecision
from verbund.admissions.queries import (
    applications_visible_to,
    board_members,
    conflicted_company_ids,
)
from verbund.admissions.services import cast_board_vote, decide_board_case, read_veto_reasons
from verbund.common.http import check_perm, get_visible_or_404, paginate, run_service
from verbund.network.queries import get_network, roles_of

VIEW_CASE = "admissions.view_board_case"
DECIDE_CASE = "admissions.decide_board_case"
DETAIL_TEMPLATE = "admissions/board_case_detail.html"
CHOICES = BoardDecision.choices


@login_required
def board_case_list(request: HttpRequest) -> HttpResponse:
    """The board's cases, newest first, open or decided."""
    check_perm(request, VIEW_CASE)
    cases = BoardCase.objects.select_related("application__company", "application__home_group")
    return render(request, "admissions/board_case_list.html", {"page": paginate(request, cases)})


def visible_case(request: HttpRequest, code: str) -> BoardCase:
    """The case of a visible application (404 otherwise), for the board only (403)."""
    case = get_visible_or_404(
        BoardCase.objects.select_related(
            "application__company",
            "application__home_group",
            "application__vote_meeting",
            "decided_by",
        ).filter(application__in=applications_visible_to(request.user)),
        application__code=code,
    )
    check_perm(request, VIEW_CASE, case)
    return case


@login_required
def board_case_detail(request: HttpRequest, code: str) -> HttpResponse:
    return render_case(request, visible_case(request, code))


def render_case(
    request: HttpRequest, case: BoardCase, forms: dict[str, Form] | None = None
) -> HttpResponse:
    """The case page; `forms` replaces empty forms by bound ones showing errors."""
    return render(request, DETAIL_TEMPLATE, case_context(request, case, forms or {}))


def case_context(request: HttpRequest, case: BoardCase, forms: dict[str, Form]) -> dict[str, Any]:
    person = roles_of(request.user).person
    votes = list(case.votes.select_related("person"))
    is_open = not case.decision
    my_vote = next((v for v in votes if person is not None and v.person_id == person.pk), None)
    conflicted = person is not None and person.company_id in conflicted_company_ids(case)
    seated = person is not None and board_members().filter(pk=person.pk).exists()
    may_vote = is_open and my_vote is None and seated and not conflicted
    vetoes = read_veto_reasons(case.application, actor=request.user)
    return {
        "case": case,
        "application": case.application,
        "vetoes": vetoes,
        "votes": votes,
        "tally": [(label, sum(v.choice == value for v in votes)) for value, label in CHOICES],
        "quorum": get_network().board_quorum,
        "my_vote": my_vote,
        "conflicted": is_open and conflicted,
        "vote_form": (forms.get("vote") or BoardVoteForm()) if may_vote else None,
        # Who may not vote has no vote form to show the refusal on: it is shown on its own.
        "refused_vote": None if may_vote else forms.get("vote"),
        "decision_form": (forms.get("decision") or DecisionForm()) if is_open else None,
    }


@require_POST
@login_required
def board_vote(request: HttpRequest, code: str) -> HttpResponse:
    """A board member casts their own vote (those with a conflict abstain)."""
    case = visible_case(request, code)
    check_perm(request, DECIDE_CASE, case)
    form = BoardVoteForm(request.POST)
    if form.is_valid():
        call = partial(
            cast_board_vote,
            case=case,
            person=roles_of(request.user).person,
            choice=form.cleaned_data["choice"],
            actor=request.user,
        )
        if run_service(form, call) is not None:
            messages.success(request, _("Thank you, your vote is recorded."))
            return redirect("admissions:board_case_detail", code=code)
    return render_case(request, case, {"vote": form})


@require_POST
@login_required
def board_decision(request: HttpRequest, code: str) -> HttpResponse:
    """Record the board's decision with its rationale (it must follow the majority)."""
    case = visible_case(request, code)
    check_perm(request, DECIDE_CASE, case)
    form = DecisionForm(request.POST)
    if form.is_valid():
        call = partial(decide_board_case, case=case, actor=request.user, **form.cleaned_data)
        decided = run_service(form, call)
        if decided is not None:
            messages.success(
                request,
                _("The board's decision is recorded: %(decision)s.")
                % {"decision": decided.get_decision_display()},
            )
            return redirect("admissions:board_case_detail", code=code)
    return render_case(request, case, {"decision": form})
