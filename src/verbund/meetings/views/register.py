"""The attendance register on a phone (one tap per person) and self check-in by QR code."""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import partial
from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from verbund.admissions.views.guests import register_context as guests_register_context
from verbund.common.http import check_perm, run_service
from verbund.meetings.forms.register import CheckInForm, CompleteForm, RecordForm, ReopenForm
from verbund.meetings.models import (
    AttendanceRecord,
    AttendanceStatus,
    Meeting,
    RegisterState,
    Rsvp,
    RsvpAnswer,
)
from verbund.meetings.queries import attendance_for, register_people
from verbund.meetings.services import check_in as check_in_service
from verbund.meetings.services import (
    complete_register,
    record_attendance,
    regenerate_checkin_code,
    reopen_register,
)
from verbund.meetings.views.meetings import visible_meeting

REGISTER_TEMPLATE = "meetings/meeting_register.html"
STATUSES = AttendanceStatus.choices


@dataclass
class Row:
    """One person on the register with their record, their apology and a form with errors."""

    person: Any
    record: AttendanceRecord | None
    apology: Rsvp | None
    form: Form | None = None

    @property
    def status(self) -> str:
        return self.record.status if self.record else ""

    @property
    def asks_substitute(self) -> bool:
        """Show the substitute's name field: chosen, or asked for by an error."""
        asked = self.form is not None and "substitute_name" in self.form.errors
        return self.status == AttendanceStatus.SUBSTITUTE or asked


def _register_meeting(request: HttpRequest, code: str, perm: str) -> Meeting:
    meeting = visible_meeting(request, code)
    check_perm(request, perm, meeting)
    return meeting


def _apologies(meeting: Meeting) -> dict[int, Rsvp]:
    return {rsvp.person_id: rsvp for rsvp in meeting.rsvps.filter(answer=RsvpAnswer.NO)}


def _rows(meeting: Meeting, failed: Row | None = None) -> list[Row]:
    records, apologies = attendance_for(meeting), _apologies(meeting)
    rows = [Row(p, records.get(p.pk), apologies.get(p.pk)) for p in register_people(meeting)]
    if failed is not None:
        rows = [failed if row.person.pk == failed.person.pk else row for row in rows]
    return rows


def _render_register(
    request: HttpRequest, meeting: Meeting, rows: list[Row] | None = None, **forms: Form
) -> HttpResponse:
    rows = rows if rows is not None else _rows(meeting)
    counts = {value: 0 for value in AttendanceStatus.values}
    for row in rows:
        if row.status:
            counts[row.status] += 1
    context = {
        "meeting": meeting,
        "rows": rows,
        "counts": [(label, counts[value]) for value, label in AttendanceStatus.choices],
        "apology_count": sum(1 for row in rows if row.apology),
        "statuses": STATUSES,
        "is_open": _is_open(meeting),
        "may_reopen": request.user.has_perm("meetings.reopen_register", meeting),
        "complete_form": forms.get("complete_form") or CompleteForm(),
        "reopen_form": forms.get("reopen_form") or ReopenForm(),
        # The guests expected or come, listed next to the members' register (admissions).
        **guests_register_context(request, meeting, forms.get("walk_in_form")),
    }
    return render(request, REGISTER_TEMPLATE, context)


def _is_open(meeting: Meeting) -> bool:
    return meeting.register_state == RegisterState.DRAFT and not meeting.is_cancelled


@login_required
def register(request: HttpRequest, code: str) -> HttpResponse:
    """The register of a meeting: every member with one-tap status buttons."""
    meeting = _register_meeting(request, code, "meetings.record_attendance")
    return _render_register(request, meeting)


@require_POST
@login_required
def record(request: HttpRequest, code: str, person: str) -> HttpResponse:
    """One tap: set a person's status; HTMX swaps only that person's row."""
    meeting = _register_meeting(request, code, "meetings.record_attendance")
    target = get_object_or_404(register_people(meeting), code=person)
    form = RecordForm(request.POST)
    saved = form.is_valid() and run_service(
        form,
        partial(
            record_attendance,
            meeting=meeting,
            person=target,
            actor=request.user,
            **form.cleaned_data,
        ),
    )
    row = Row(
        target,
        AttendanceRecord.objects.filter(meeting=meeting, person=target).first(),
        meeting.rsvps.filter(answer=RsvpAnswer.NO, person=target).first(),
        None if saved else form,
    )
    if request.htmx:
        context = {"meeting": meeting, "row": row, "is_open": _is_open(meeting)}
        return render(request, f"{REGISTER_TEMPLATE}#row", {**context, "statuses": STATUSES})
    if not saved:
        return _render_register(request, meeting, _rows(meeting, failed=row))
    status = row.record.get_status_display() if row.record else ""
    messages.success(request, _("%(person)s: %(status)s.") % {"person": target, "status": status})
    return redirect(reverse("meetings:register", args=[meeting.code]) + f"#person-{target.code}")


@require_POST
@login_required
def complete(request: HttpRequest, code: str) -> HttpResponse:
    """Complete the register: the missing are excused or absent; the rule runs."""
    meeting = _register_meeting(request, code, "meetings.record_attendance")
    form = CompleteForm(request.POST)
    call = partial(complete_register, meeting=meeting, actor=request.user)
    notices = run_service(form, call)
    if notices is None:
        return _render_register(request, meeting, complete_form=form)
    messages.success(
        request,
        ngettext(
            "The register is completed. %(count)d attendance notice was sent.",
            "The register is completed. %(count)d attendance notices were sent.",
            len(notices),
        )
        % {"count": len(notices)},
    )
    return redirect("meetings:register", code=meeting.code)


@require_POST
@login_required
def reopen(request: HttpRequest, code: str) -> HttpResponse:
    """The moderator reopens a completed register for corrections, with a reason."""
    meeting = _register_meeting(request, code, "meetings.reopen_register")
    form = ReopenForm(request.POST)
    if form.is_valid():
        call = partial(reopen_register, meeting=meeting, actor=request.user, **form.cleaned_data)
        if run_service(form, call) is not None:
            messages.success(request, _("The register is open again for corrections."))
            return redirect("meetings:register", code=meeting.code)
    return _render_register(request, meeting, reopen_form=form)


def checkin_url(request: HttpRequest, meeting: Meeting) -> str:
    """The absolute check-in link the QR code holds."""
    path = reverse("meetings:check_in", args=[meeting.code, meeting.checkin_code])
    base = settings.SITE_URL or request.build_absolute_uri("/")
    return base.rstrip("/") + path


@login_required
def checkin_display(request: HttpRequest, code: str) -> HttpResponse:
    """The QR code and link the moderator shows at the venue."""
    meeting = _register_meeting(request, code, "meetings.record_attendance")
    context = {"meeting": meeting, "checkin_url": checkin_url(request, meeting)}
    return render(request, "meetings/meeting_checkin_display.html", context)


@login_required
def checkin_qr(request: HttpRequest, code: str) -> HttpResponse:
    """The check-in link as a QR code (SVG)."""
    meeting = _register_meeting(request, code, "meetings.record_attendance")
    buffer = io.BytesIO()
    segno.make(checkin_url(request, meeting), error="m").save(
        buffer, kind="svg", scale=8, border=2, xmldecl=False
    )
    response = HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
    # A renewed code must show at once; the old image must not come back from a cache.
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@login_required
def checkin_renew(request: HttpRequest, code: str) -> HttpResponse:
    """Make the shown code stale and show a new one."""
    meeting = _register_meeting(request, code, "meetings.record_attendance")
    regenerate_checkin_code(meeting=meeting, actor=request.user)
    messages.success(request, _("A new check-in code is shown; the old one no longer works."))
    return redirect("meetings:checkin_display", code=meeting.code)


@login_required
def check_in(request: HttpRequest, code: str, checkin: str) -> HttpResponse:
    """A member scanned the code: confirm, then be marked present (or told why not)."""
    meeting = visible_meeting(request, code)
    check_perm(request, "meetings.check_in", meeting)
    form = CheckInForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        call = partial(check_in_service, meeting=meeting, code=checkin, actor=request.user)
        checked = run_service(form, call)
        if checked is not None:
            messages.success(
                request,
                _("You are checked in: %(status)s.") % {"status": checked.get_status_display()},
            )
            return redirect("meetings:meeting_detail", code=meeting.code)
    return render(request, "meetings/meeting_check_in.html", {"meeting": meeting, "form": form})
