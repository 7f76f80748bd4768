"""Pages of "who can help" requests: mine, asking (need → suggestions → send), one request
with its answers (the asker) or the own company's answer form (an asked company), accepting
an answer as a referral. Anyone else gets 404, the office and the board included."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from verbund.common.http import check_perm, get_visible_or_404, run_service
from verbund.directory.queries import directory_companies
from verbund.network.queries import roles_of
from verbund.referrals.forms_help_requests import AcceptForm, AnswerForm, AskForm, NeedForm
from verbund.referrals.models import AnswerStatus, HelpAnswer, HelpRequest, HelpRequestStatus
from verbund.referrals.queries import help_request_role, help_requests_visible_to, suggest_helpers
from verbund.referrals.services import (
    accept_answer,
    answer_help,
    ask_for_help,
    close_help_request,
)
from verbund.referrals.services.help_requests import suggested_reasons

DETAIL = "referrals:help_request_detail"
LIST_LIMIT = 100  # per section of the list; the page says when there are more


@login_required
def help_request_list(request: HttpRequest) -> HttpResponse:
    """Asked by me and asked of my company, open ones first."""
    check_perm(request, "referrals.view_own_help_requests")
    person = roles_of(request.user).person
    open_first = Case(
        When(status=HelpRequestStatus.OPEN, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    mine = (
        help_requests_visible_to(request.user)
        .select_related("asked_by__company")
        .order_by(open_first, "-created_at", "-id")
    )
    context = {
        "asked_by_me": _section(mine.filter(asked_by=person)),
        "asked_of_us": _section(mine.exclude(asked_by=person)),
    }
    return render(request, "referrals/help_request_list.html", context)


def _section(items: QuerySet[HelpRequest]) -> dict[str, Any]:
    """The first LIST_LIMIT items, and how many there are (counted only when there are more)."""
    first = list(items[: LIST_LIMIT + 1])
    total = len(first) if len(first) <= LIST_LIMIT else items.count()
    return {"items": first[:LIST_LIMIT], "total": total, "more": total > LIST_LIMIT}


@login_required
def help_request_create(request: HttpRequest) -> HttpResponse:
    """Describe the need, see the suggestions with their reasons, tick and send."""
    check_perm(request, "referrals.ask_for_help")
    data = request.POST if request.method == "POST" else request.GET
    need_form = NeedForm(data or None)
    suggestions = []
    if need_form.is_valid():
        suggestions = suggest_helpers(
            request.user, need_form.cleaned_data["need"], need_form.cleaned_data["region"]
        )
    choices = [(s.company.code, s.company.name) for s in suggestions]
    form = AskForm(request.POST if request.method == "POST" else None, choices=choices)
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        companies = directory_companies(request.user).filter(code__in=values["companies"])
        created = run_service(
            form,
            lambda: ask_for_help(
                need=values["need"],
                region=values["region"],
                companies=list(companies),
                actor=request.user,
                # As ranked above for the same need and region: not ranked a second time.
                reasons=suggested_reasons(suggestions),
            ),
        )
        if created is not None:
            messages.success(request, _("Your help request has been sent."))
            return redirect(DETAIL, code=created.code)
    context = {"need_form": need_form, "form": form, "suggestions": suggestions}
    return render(request, "referrals/help_request_form.html", context)


def visible_help_request(request: HttpRequest, code: str) -> HelpRequest:
    help_request = get_visible_or_404(
        help_requests_visible_to(request.user).select_related("asked_by__company", "referral"),
        code=code,
    )
    check_perm(request, "referrals.view_help_request", help_request)
    return help_request


def visible_answers(request: HttpRequest, help_request: HelpRequest) -> Any:
    """All answers for the asker; the own company's alone for an asked company."""
    answers = help_request.answers.select_related("company", "answered_by")
    if help_request_role(request.user, help_request) == "asker":
        return answers
    return answers.filter(company_id=roles_of(request.user).company_id)


@login_required
def help_request_detail(request: HttpRequest, code: str) -> HttpResponse:
    help_request = visible_help_request(request, code)
    return _render_detail(request, help_request)


def _render_detail(
    request: HttpRequest, help_request: HelpRequest, answer_form: AnswerForm | None = None
) -> HttpResponse:
    role = help_request_role(request.user, help_request)
    answers = list(visible_answers(request, help_request))
    own = answers[0] if role == "asked" and answers else None
    open_ = help_request.status == HelpRequestStatus.OPEN
    context = {
        "help_request": help_request,
        "role": role,
        "answers": answers,
        "own_answer": own,
        "is_open": open_,
        "answer_form": answer_form
        or (
            AnswerForm()
            if own and open_ and request.user.has_perm("referrals.answer_help", own)
            else None
        ),
        "offered": AnswerStatus.OFFERED,
    }
    return render(request, "referrals/help_request_detail.html", context)


@login_required
@require_POST
def help_request_answer(request: HttpRequest, code: str) -> HttpResponse:
    """A person of an asked company answers for it."""
    help_request = visible_help_request(request, code)
    answer = get_object_or_404(
        visible_answers(request, help_request), company_id=roles_of(request.user).company_id
    )
    check_perm(request, "referrals.answer_help", answer)
    form = AnswerForm(request.POST)
    if form.is_valid():
        done = run_service(
            form,
            lambda: answer_help(
                answer=answer,
                can_help=form.cleaned_data["can_help"],
                message=form.cleaned_data["message"],
                actor=request.user,
            ),
        )
        if done is not None:
            messages.success(request, _("Your answer has been sent."))
            return redirect(DETAIL, code=code)
    return _render_detail(request, help_request, form)


@login_required
def help_request_accept(request: HttpRequest, code: str, company: str) -> HttpResponse:
    """The asker accepts an offered answer: the customer's contact data, then the referral."""
    help_request = visible_help_request(request, code)
    check_perm(request, "referrals.accept_help_answer", help_request)
    answer: HelpAnswer = get_object_or_404(
        visible_answers(request, help_request), company__code=company
    )
    form = AcceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        referral = run_service(
            form, lambda: accept_answer(answer=answer, actor=request.user, **form.cleaned_data)
        )
        if referral is not None:
            messages.success(request, _("The answer has been accepted and passed as a referral."))
            return redirect("referrals:referral_detail", code=referral.code)
    context = {"help_request": help_request, "answer": answer, "form": form}
    return render(request, "referrals/help_request_accept.html", context)


@login_required
@require_POST
def help_request_close(request: HttpRequest, code: str) -> HttpResponse:
    help_request = visible_help_request(request, code)
    check_perm(request, "referrals.close_help_request", help_request)
    try:
        close_help_request(help_request=help_request, actor=request.user)
    except ValidationError as error:  # shown as a message; nothing changed
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The help request has been closed."))
    return redirect(DETAIL, code=code)
