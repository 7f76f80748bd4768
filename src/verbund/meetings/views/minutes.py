"""The moderator's agenda and the secretary's minutes: items, text, decisions, action items."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from verbund.common.http import check_perm, get_visible_or_404, run_service
from verbund.meetings.forms.minutes import (
    ActionItemForm,
    ActionItemStatusForm,
    AgendaItemForm,
    DecisionForm,
    MinutesForm,
    MoveForm,
)
from verbund.meetings.models import ActionItem, Meeting
from verbund.meetings.queries import meetings_visible_to
from verbund.meetings.services import (
    add_action_item,
    add_agenda_item,
    add_decision,
    move_agenda_item,
    remove_agenda_item,
    set_action_item_status,
    write_minutes,
)
from verbund.meetings.views.meetings import (
    DETAIL_TEMPLATE,
    agenda_context,
    render_detail,
    visible_meeting,
)


def _agenda_meeting(request: HttpRequest, code: str) -> Meeting:
    meeting = visible_meeting(request, code)
    check_perm(request, "meetings.change_agenda", meeting)
    return meeting


def _agenda_response(
    request: HttpRequest, meeting: Meeting, form: Form | None = None
) -> HttpResponse:
    """HTMX swaps the agenda in place; without it, back to the meeting page."""
    if request.htmx:
        forms = {"agenda": form} if form is not None else {}
        return render(request, f"{DETAIL_TEMPLATE}#agenda", agenda_context(request, meeting, forms))
    if form is not None:
        return render_detail(request, meeting, {"agenda": form})
    return redirect(reverse("meetings:meeting_detail", args=[meeting.code]) + "#agenda")


@require_POST
@login_required
def agenda_add(request: HttpRequest, code: str) -> HttpResponse:
    """The moderator appends an item to the agenda."""
    meeting = _agenda_meeting(request, code)
    form = AgendaItemForm(request.POST, meeting=meeting)
    if form.is_valid():
        call = partial(add_agenda_item, meeting=meeting, data=form.cleaned_data, actor=request.user)
        if run_service(form, call) is not None:
            return _agenda_response(request, meeting)
    return _agenda_response(request, meeting, form)


@require_POST
@login_required
def agenda_remove(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """The moderator removes an item from the agenda."""
    meeting = _agenda_meeting(request, code)
    item = get_object_or_404(meeting.agenda.select_related("meeting"), pk=pk)
    remove_agenda_item(item=item, actor=request.user)
    return _agenda_response(request, meeting)


@require_POST
@login_required
def agenda_move(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """The moderator moves an item one place up or down."""
    meeting = _agenda_meeting(request, code)
    item = get_object_or_404(meeting.agenda.select_related("meeting"), pk=pk)
    form = MoveForm(request.POST)
    if form.is_valid():
        move_agenda_item(item=item, up=form.cleaned_data["direction"] == "up", actor=request.user)
    else:
        messages.error(request, _("Please move the item up or down."))
    return _agenda_response(request, meeting)


# The three forms of the minutes section, by the `action` they post.
MINUTES_FORMS: dict[str, Callable[..., Form]] = {
    "minutes": lambda data, meeting: MinutesForm(data),
    "decision": lambda data, meeting: DecisionForm(data),
    "action_item": lambda data, meeting: ActionItemForm(data, meeting=meeting),
}

MINUTES_SAVED = {
    "minutes": gettext_lazy("The minutes are saved."),
    "decision": gettext_lazy("The decision is recorded."),
    "action_item": gettext_lazy("The action item is recorded."),
}


def _minutes_call(action: str, form: Form, meeting: Meeting, actor: Any) -> Callable[[], Any]:
    data = form.cleaned_data
    if action == "minutes":
        return partial(write_minutes, meeting=meeting, text=data["minutes"], actor=actor)
    if action == "decision":
        return partial(add_decision, meeting=meeting, text=data["text"], actor=actor)
    return partial(add_action_item, meeting=meeting, data=data, actor=actor)


@require_POST
@login_required
def minutes(request: HttpRequest, code: str) -> HttpResponse:
    """The secretary or moderator saves the minutes' text, a decision or an action item."""
    meeting = visible_meeting(request, code)
    check_perm(request, "meetings.write_minutes", meeting)
    action = request.POST.get("action", "")
    if action not in MINUTES_FORMS:
        messages.error(request, _("Please use one of the forms of the minutes."))
        return redirect("meetings:meeting_detail", code=meeting.code)
    form = MINUTES_FORMS[action](request.POST, meeting)
    call = _minutes_call(action, form, meeting, request.user) if form.is_valid() else None
    if call is not None and run_service(form, call) is not None:
        messages.success(request, MINUTES_SAVED[action])
        return redirect(reverse("meetings:meeting_detail", args=[meeting.code]) + "#minutes")
    return render_detail(request, meeting, {action: form})


@require_POST
@login_required
def action_item_status(request: HttpRequest, code: str) -> HttpResponse:
    """The secretary or moderator marks an action item done, dropped or open again."""
    items = ActionItem.objects.filter(meeting__in=meetings_visible_to(request.user))
    item = get_visible_or_404(items.select_related("meeting"), code=code)
    check_perm(request, "meetings.write_minutes", item.meeting)
    form = ActionItemStatusForm(request.POST)
    call = partial(set_action_item_status, item=item, actor=request.user)
    if form.is_valid() and run_service(form, partial(call, **form.cleaned_data)) is not None:
        names = {"item": item, "status": item.get_status_display()}
        messages.success(request, _("%(item)s is now: %(status)s.") % names)
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(_back_to(request, item))


def _back_to(request: HttpRequest, item: ActionItem) -> str:
    """The meeting page the change was made on (a later meeting shows carried-over items)."""
    shown = meetings_visible_to(request.user).filter(code=request.POST.get("back", "")).first()
    meeting = shown or item.meeting
    return reverse("meetings:meeting_detail", args=[meeting.code]) + "#action-items"
