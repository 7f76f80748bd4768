"""Pages of one-to-ones: my one-to-ones, requesting one, and one's page with the steps the
ONE_TO_ONE_TRANSITIONS table allows. Only the two people see a one-to-one (404 for anyone
else, the office and the board included)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from verbund.common.http import check_perm, get_visible_or_404, run_service
from verbund.meetings.queries import window_start
from verbund.members.queries import people_visible_to
from verbund.network.queries import roles_of
from verbund.referrals.forms_one_to_ones import HeldForm, OneToOneForm
from verbund.referrals.models import ONE_TO_ONE_TRANSITIONS, OneToOneMeeting, OneToOneStatus
from verbund.referrals.queries import one_to_one_counts, one_to_ones_visible_to
from verbund.referrals.services import (
    answer_one_to_one,
    cancel_one_to_one,
    record_held,
    request_one_to_one,
)

OWN_LIST = "referrals.view_own_one_to_ones"
DETAIL_TEMPLATE = "referrals/one_to_one_detail.html"
# The held count looks back as far as the scorecard does.
COUNT_MONTHS = 6


@login_required
def one_to_one_list(request: HttpRequest) -> HttpResponse:
    """Mine: requests to answer first, then upcoming ones, then those held."""
    check_perm(request, OWN_LIST)
    person = roles_of(request.user).person
    mine = one_to_ones_visible_to(request.user).select_related(
        "requested_by__company", "partner__company"
    )
    requested = mine.filter(status=OneToOneStatus.REQUESTED)
    since = window_start(timezone.localdate(), COUNT_MONTHS)
    context = {
        "to_answer": requested.filter(partner=person),
        "waiting": requested.filter(requested_by=person),
        "upcoming": mine.filter(status=OneToOneStatus.ACCEPTED).order_by("proposed_for", "id"),
        "held": mine.filter(status=OneToOneStatus.HELD).order_by("-held_on", "-id")[:50],
        "held_count": one_to_one_counts(person, since),
        "months": COUNT_MONTHS,
        "person": person,
    }
    return render(request, "referrals/one_to_one_list.html", context)


@login_required
def one_to_one_create(request: HttpRequest) -> HttpResponse:
    """Ask a person of another member company for a one-to-one (`?with=` their code)."""
    check_perm(request, "referrals.request_one_to_one")
    me = roles_of(request.user).person
    people = people_visible_to(request.user)
    if request.method == "POST":
        form = OneToOneForm(request.POST, people=people, me=me)
        if form.is_valid():
            data = form.cleaned_data
            created = run_service(
                form,
                lambda: request_one_to_one(
                    partner=data["partner"],
                    proposed_for=data["proposed_for"],
                    message=data["message"],
                    actor=request.user,
                ),
            )
            if created is not None:
                messages.success(
                    request,
                    _("Your request has been sent to %(person)s.")
                    % {"person": created.partner.full_name},
                )
                return redirect("referrals:one_to_one_detail", code=created.code)
    else:
        form = OneToOneForm(initial={"partner": request.GET.get("with")}, people=people, me=me)
    return render(request, "referrals/one_to_one_form.html", {"form": form})


def visible_one_to_one(request: HttpRequest, code: str) -> OneToOneMeeting:
    """One of the viewer's one-to-ones (404 for anyone else)."""
    one_to_one = get_visible_or_404(
        one_to_ones_visible_to(request.user).select_related(
            "requested_by__company", "partner__company"
        ),
        code=code,
    )
    check_perm(request, "referrals.view_one_to_one", one_to_one)
    return one_to_one


@login_required
def one_to_one_detail(request: HttpRequest, code: str) -> HttpResponse:
    return render_one_to_one(request, visible_one_to_one(request, code))


def render_one_to_one(
    request: HttpRequest, one_to_one: OneToOneMeeting, held_form: Form | None = None
) -> HttpResponse:
    return render(request, DETAIL_TEMPLATE, detail_context(request, one_to_one, held_form))


def detail_context(
    request: HttpRequest, one_to_one: OneToOneMeeting, held_form: Form | None
) -> dict[str, Any]:
    """The one-to-one with the steps the table allows from its status and this viewer may take."""
    allowed = ONE_TO_ONE_TRANSITIONS[one_to_one.status]
    user = request.user
    may_answer = user.has_perm("referrals.answer_one_to_one", one_to_one)
    may_change = user.has_perm("referrals.change_one_to_one", one_to_one)
    may_hold = may_change and OneToOneStatus.HELD in allowed
    person = roles_of(user).person
    other = one_to_one.partner if one_to_one.requested_by == person else one_to_one.requested_by
    return {
        "one_to_one": one_to_one,
        "other": other,
        "may_answer": may_answer and OneToOneStatus.ACCEPTED in allowed,
        "may_cancel": may_change and OneToOneStatus.CANCELLED in allowed,
        # A refused form is shown with its message even where no form is offered any more.
        "held_form": held_form
        or (HeldForm(initial={"held_on": timezone.localdate()}) if may_hold else None),
    }


def _refused(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@require_POST
@login_required
def one_to_one_answer(request: HttpRequest, code: str) -> HttpResponse:
    """The partner accepts (`accept=1`) or declines (`accept=0`)."""
    one_to_one = visible_one_to_one(request, code)
    check_perm(request, "referrals.answer_one_to_one", one_to_one)
    accept = request.POST.get("accept") == "1"
    try:
        answer_one_to_one(one_to_one=one_to_one, accept=accept, actor=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(
            request,
            _("You have accepted the one-to-one.") if accept else _("You have declined it."),
        )
    return redirect("referrals:one_to_one_detail", code=code)


@require_POST
@login_required
def one_to_one_cancel(request: HttpRequest, code: str) -> HttpResponse:
    one_to_one = visible_one_to_one(request, code)
    check_perm(request, "referrals.change_one_to_one", one_to_one)
    try:
        cancel_one_to_one(one_to_one=one_to_one, actor=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The one-to-one is cancelled."))
    return redirect("referrals:one_to_one_detail", code=code)


@require_POST
@login_required
def one_to_one_held(request: HttpRequest, code: str) -> HttpResponse:
    """Either person records the one-to-one as held, with a note both see."""
    one_to_one = visible_one_to_one(request, code)
    check_perm(request, "referrals.change_one_to_one", one_to_one)
    form = HeldForm(request.POST)
    if form.is_valid():
        held = run_service(
            form,
            lambda: record_held(one_to_one=one_to_one, actor=request.user, **form.cleaned_data),
        )
        if held is not None:
            messages.success(request, _("The one-to-one is recorded as held. Thank you."))
            return redirect("referrals:one_to_one_detail", code=code)
    return render_one_to_one(request, one_to_one, form)
