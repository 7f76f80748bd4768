"""Application pages: the list, submitting one, and its page with the members' vote.

The page shows each viewer what their role needs: the candidate's own people the stage only;
the home group's members the company, the recommender and the skill overlap; the moderator
and the office the vote's controls and counts. Veto reasons are never on these pages (the
board reads them in its case).
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from verbund.admissions.forms import ActionForm, ApplicationForm, OpenVoteForm, VoteForm
from verbund.admissions.models import OPEN_STAGES, Application, BoardCase, Stage, VoteChoice
from verbund.admissions.queries import applications_visible_to, eligible_voters, skill_overlap
from verbund.admissions.services import (
    cast_vote,
    close_vote,
    open_vote,
    submit_application,
    withdraw_application,
)
from verbund.admissions.views.guests import applying_guest
from verbund.common.http import check_perm, get_visible_or_404, paginate, run_service
from verbund.members.models import MEMBER_STATUSES, Person
from verbund.members.queries import people_visible_to
from verbund.network.queries import roles_of

DETAILS = "admissions.view_application_details"
MANAGE_VOTE = "admissions.manage_vote"
WITHDRAW = "admissions.withdraw_application"
SUBMIT = "admissions.submit_application"
DETAIL_TEMPLATE = "admissions/application_detail.html"

# What a stage's closing tells the moderator.
CLOSED_MESSAGES = {
    Stage.ADMITTED: gettext_lazy("The vote is closed: %(company)s is admitted."),
    Stage.BOARD: gettext_lazy(
        "The vote is closed: a member vetoed, so the advisory board decides."
    ),
    Stage.REJECTED: gettext_lazy("The vote is closed: the application is rejected."),
}


def _visible(user: Any) -> QuerySet[Application]:
    return applications_visible_to(user).select_related("recommended_by", "vote_meeting")


def visible_application(request: HttpRequest, code: str) -> Application:
    """The application if the viewer may see it, else 404."""
    return get_visible_or_404(_visible(request.user), code=code)


@login_required
def application_list(request: HttpRequest) -> HttpResponse:
    """Applications the viewer may see, newest first."""
    page = paginate(request, _visible(request.user))
    user = request.user
    rows = [(application, user.has_perm(DETAILS, application)) for application in page]
    context = {
        "page": page,
        "rows": rows,
        "may_submit": user.has_perm(SUBMIT),
        "may_see_board_cases": user.has_perm("admissions.view_board_case"),
    }
    return render(request, "admissions/application_list.html", context)


def _recommenders(user: Any) -> QuerySet[Person] | None:
    """People the office may name as recommender; None for a member (they recommend)."""
    if not roles_of(user).is_office:
        return None
    people = people_visible_to(user).filter(company__status__in=MEMBER_STATUSES)
    return people.select_related("company").order_by("last_name", "first_name")


@login_required
def application_create(request: HttpRequest) -> HttpResponse:
    """Submit a candidate company (the office, or a member recommending it)."""
    check_perm(request, SUBMIT)
    # From a guest's page: the guest's company applies (the guest is linked to it).
    guest = applying_guest(request)
    initial = {"name": guest.company_name, "home_group": guest.group} if guest else None
    form = ApplicationForm(
        request.POST or None, recommenders=_recommenders(request.user), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        roles = roles_of(request.user)
        recommender = form.cleaned_data.get("recommended_by") if roles.is_office else roles.person
        application = run_service(
            form,
            partial(
                submit_application,
                company_data=form.company_data(),
                home_group=form.cleaned_data["home_group"],
                recommended_by=recommender,
                actor=request.user,
                guest=guest,
            ),
        )
        if application is not None:
            messages.success(request, _("The application is submitted."))
            return redirect("admissions:application_detail", code=application.code)
    return render(request, "admissions/application_form.html", {"form": form, "guest": guest})


@login_required
def application_detail(request: HttpRequest, code: str) -> HttpResponse:
    """One application, as the viewer's role may see it."""
    return render_detail(request, visible_application(request, code))


def render_detail(
    request: HttpRequest, application: Application, forms: dict[str, Form] | None = None
) -> HttpResponse:
    """The application page; `forms` replaces empty forms by bound ones showing errors."""
    context: dict[str, Any] = {"application": application}
    if request.user.has_perm(DETAILS, application):
        context.update(_details(request, application, forms or {}))
    return render(request, DETAIL_TEMPLATE, context)


def _details(request: HttpRequest, application: Application, forms: dict[str, Form]) -> dict:
    """Everything but the stage: for the office, the board and the home group's members."""
    user = request.user
    is_open = application.stage in OPEN_STAGES
    can = {
        "manage_vote": user.has_perm(MANAGE_VOTE, application),
        "withdraw": is_open and user.has_perm(WITHDRAW, application),
        "board_case": user.has_perm("admissions.view_board_case", application)
        and BoardCase.objects.filter(application=application).exists(),
    }
    context: dict[str, Any] = {
        "can": can,
        "overlap": skill_overlap(application),
        "action_form": forms.get("action") or ActionForm(),
    }
    if application.stage == Stage.SUBMITTED and can["manage_vote"]:
        context["open_vote_form"] = forms.get("open_vote") or OpenVoteForm(application=application)
    if application.stage == Stage.VOTING:
        context.update(_vote_context(request, application, forms))
        if can["manage_vote"]:
            context["counts"] = vote_counts(application)
    return context


def _vote_context(request: HttpRequest, application: Application, forms: dict[str, Form]) -> dict:
    person = roles_of(request.user).person
    my_vote = application.votes.filter(person=person).first() if person else None
    may_vote = my_vote is None and _is_eligible(application, person)
    return {
        "my_vote": my_vote,
        "may_vote": may_vote,
        "vote_form": (forms.get("vote") or VoteForm()) if may_vote else None,
    }


def _is_eligible(application: Application, person: Person | None) -> bool:
    return person is not None and eligible_voters(application).filter(pk=person.pk).exists()


def vote_counts(application: Application) -> list[tuple[str, int]]:
    """The count of the vote so far (never who vetoed, nor why)."""
    choices = list(application.votes.values_list("choice", flat=True))
    eligible = eligible_voters(application)
    return [
        (_("Yes"), choices.count(VoteChoice.YES)),
        (_("Veto"), choices.count(VoteChoice.VETO)),
        (_("Eligible to vote"), eligible.count()),
        (_("Not yet voted"), eligible.exclude(votes__application=application).count()),
    ]


@require_POST
@login_required
def vote_opening(request: HttpRequest, code: str) -> HttpResponse:
    """The moderator or the office puts the application to the vote at a meeting."""
    application = visible_application(request, code)
    check_perm(request, MANAGE_VOTE, application)
    form = OpenVoteForm(request.POST, application=application)
    if form.is_valid():
        call = partial(
            open_vote,
            application=application,
            meeting=form.cleaned_data["meeting"],
            actor=request.user,
        )
        if run_service(form, call) is not None:
            messages.success(request, _("The vote is open."))
            return redirect("admissions:application_detail", code=application.code)
    return render_detail(request, application, {"open_vote": form})


@require_POST
@login_required
def vote_closing(request: HttpRequest, code: str) -> HttpResponse:
    """Count the votes and carry out the result (admission, board case or rejection)."""
    application = visible_application(request, code)
    check_perm(request, MANAGE_VOTE, application)
    form = ActionForm(request.POST)
    closed = run_service(form, partial(close_vote, application=application, actor=request.user))
    if closed is None:
        return render_detail(request, application, {"action": form})
    message = CLOSED_MESSAGES[Stage(closed.stage)] % {"company": closed.company.name}
    messages.success(request, message)
    return redirect("admissions:application_detail", code=application.code)


@require_POST
@login_required
def vote(request: HttpRequest, code: str) -> HttpResponse:
    """An eligible member casts their own vote; anyone else who sees the application: 403."""
    application = visible_application(request, code)
    check_perm(request, DETAILS, application)
    person = roles_of(request.user).person
    if not _is_eligible(application, person):
        raise PermissionDenied(DETAILS)
    form = VoteForm(request.POST)
    if form.is_valid():
        call = partial(
            cast_vote,
            application=application,
            person=person,
            actor=request.user,
            **form.cleaned_data,
        )
        if run_service(form, call) is not None:
            messages.success(request, _("Thank you, your vote is recorded."))
            return redirect("admissions:application_detail", code=application.code)
    # Once the vote is closed there is no vote form to show the message on.
    key = "vote" if application.stage == Stage.VOTING else "action"
    return render_detail(request, application, {key: form})


@require_POST
@login_required
def withdrawal(request: HttpRequest, code: str) -> HttpResponse:
    """The office or the recommender withdraws an open application."""
    application = visible_application(request, code)
    check_perm(request, WITHDRAW, application)
    form = ActionForm(request.POST)
    call = partial(withdraw_application, application=application, actor=request.user)
    if run_service(form, call) is None:
        return render_detail(request, application, {"action": form})
    messages.success(request, _("The application is withdrawn."))
    return redirect("admissions:application_detail", code=application.code)
