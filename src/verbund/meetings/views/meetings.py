"""A group's meetings and one meeting's page: agenda, RSVP, register summary and minutes."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, OuterRef, QuerySet, Subquery, Value
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from verbund.common.http import check_perm, get_visible_or_404, paginate, run_service
from verbund.meetings.forms.meeting import RsvpForm
from verbund.meetings.forms.minutes import (
    ActionItemForm,
    AgendaItemForm,
    DecisionForm,
    MinutesForm,
)
from verbund.meetings.models import (
    ActionItem,
    ActionItemStatus,
    AttendanceStatus,
    Meeting,
    Rsvp,
)
from verbund.meetings.queries import meetings_visible_to, standing
from verbund.meetings.services import set_rsvp
from verbund.network.models import Group
from verbund.network.queries import get_network, groups_visible_to, roles_of

DETAIL_TEMPLATE = "meetings/meeting_detail.html"
UPCOMING_SHOWN = 10
PAST_PER_PAGE = 20

# What the viewer may do on the meeting page, by the permission it takes.
DETAIL_PERMS = {
    "change_agenda": "meetings.change_agenda",
    "write_minutes": "meetings.write_minutes",
    "view_register": "meetings.view_register",
    "record_attendance": "meetings.record_attendance",
    "rsvp": "meetings.rsvp",
}


def visible_meeting(request: HttpRequest, code: str) -> Meeting:
    """The meeting if the viewer may see it, else 404."""
    return get_visible_or_404(meetings_visible_to(request.user), code=code)


@login_required
def meeting_list(request: HttpRequest, code: str) -> HttpResponse:
    """A group's upcoming and past meetings with the viewer's answer and attendance standing."""
    group = get_visible_or_404(groups_visible_to(request.user), code=code)
    # Every member sees the group, but only its own people see its meetings.
    if not request.user.has_perm("meetings.view_group_meetings", group):
        raise Http404
    person = roles_of(request.user).person
    meetings = _with_my_answer(meetings_visible_to(request.user).filter(group=group), person)
    now = timezone.now()
    past = meetings.filter(ends_at__lt=now).order_by("-starts_at")
    context = {
        "group": group,
        "upcoming": list(meetings.filter(ends_at__gte=now).order_by("starts_at")[:UPCOMING_SHOWN]),
        "page": paginate(request, past, PAST_PER_PAGE),
        "standing": _my_standing(request.user, group),
    }
    return render(request, "meetings/meeting_list.html", context)


def _with_my_answer(meetings: QuerySet[Meeting], person: Any) -> QuerySet[Meeting]:
    """Annotate `my_answer` (yes/no/None) in the same query as the meetings."""
    if person is None:
        return meetings.annotate(my_answer=Value(None))
    answer = Rsvp.objects.filter(meeting=OuterRef("pk"), person=person).values("answer")[:1]
    return meetings.annotate(my_answer=Subquery(answer))


def _my_standing(user: Any, group: Group) -> dict[str, Any] | None:
    """The viewer's own standing in the group, if they are one of its members."""
    roles = roles_of(user)
    if roles.person is None or group.pk not in roles.group_ids:
        return None
    return {
        "standing": standing(roles.person, group),
        "months": get_network().attendance_window_months,
    }


@login_required
def meeting_detail(request: HttpRequest, code: str) -> HttpResponse:
    """One meeting: agenda, open action items, RSVP, register summary and minutes."""
    return render_detail(request, visible_meeting(request, code))


def render_detail(
    request: HttpRequest, meeting: Meeting, forms: dict[str, Form] | None = None
) -> HttpResponse:
    """The meeting page; `forms` replaces the empty forms by bound ones showing errors."""
    return render(request, DETAIL_TEMPLATE, detail_context(request, meeting, forms or {}))


def detail_context(
    request: HttpRequest, meeting: Meeting, forms: dict[str, Form]
) -> dict[str, Any]:
    """Everything the meeting page (or its agenda partial) shows to this viewer."""
    context = agenda_context(request, meeting, forms)
    can = context["can"]
    if can["rsvp"]:
        context.update(_rsvp_context(request, meeting, forms))
    if can["view_register"]:
        context.update(_minutes_context(meeting, forms))
    return context


def agenda_context(
    request: HttpRequest, meeting: Meeting, forms: dict[str, Form]
) -> dict[str, Any]:
    """What the agenda partial needs (HTMX swaps it alone after a change)."""
    return {
        "meeting": meeting,
        "can": {name: request.user.has_perm(perm, meeting) for name, perm in DETAIL_PERMS.items()},
        "agenda": list(meeting.agenda.select_related("speaker")),
        "agenda_form": forms.get("agenda") or AgendaItemForm(meeting=meeting),
    }


def _rsvp_context(request: HttpRequest, meeting: Meeting, forms: dict[str, Form]) -> dict[str, Any]:
    mine = Rsvp.objects.filter(meeting=meeting, person=roles_of(request.user).person).first()
    initial = {"answer": mine.answer, "note": mine.note} if mine else {}
    return {
        "my_rsvp": mine,
        "rsvp_open": not meeting.is_cancelled and meeting.starts_at > timezone.now(),
        "rsvp_form": forms.get("rsvp") or RsvpForm(initial=initial),
    }


def _minutes_context(meeting: Meeting, forms: dict[str, Form]) -> dict[str, Any]:
    counts = dict(meeting.attendance.order_by().values_list("status").annotate(n=Count("pk")))
    return {
        "register_counts": [(label, counts.get(v, 0)) for v, label in AttendanceStatus.choices],
        "carried_over": list(
            ActionItem.objects.filter(
                group_id=meeting.group_id,
                status=ActionItemStatus.OPEN,
                meeting__starts_at__lt=meeting.starts_at,
            ).select_related("owner", "meeting")
        ),
        "decisions": list(meeting.decisions.all()),
        "action_items": list(meeting.action_items.select_related("owner")),
        "status_choices": ActionItemStatus.choices,
        "minutes_form": forms.get("minutes") or MinutesForm(initial={"minutes": meeting.minutes}),
        "decision_form": forms.get("decision") or DecisionForm(),
        "action_item_form": forms.get("action_item") or ActionItemForm(meeting=meeting),
    }


@require_POST
@login_required
def rsvp(request: HttpRequest, code: str) -> HttpResponse:
    """A member answers for themself: attending, or apologies with a note."""
    meeting = visible_meeting(request, code)
    check_perm(request, "meetings.rsvp", meeting)
    form = RsvpForm(request.POST)
    if form.is_valid():
        call = partial(set_rsvp, meeting=meeting, actor=request.user, **form.cleaned_data)
        if run_service(form, call) is not None:
            messages.success(request, _("Thank you, your answer is saved."))
            return redirect("meetings:meeting_detail", code=meeting.code)
    return render_detail(request, meeting, {"rsvp": form})
