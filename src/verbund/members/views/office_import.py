"""The office imports an existing member list: upload → preview → confirm.

The parsed rows wait in the session between preview and confirmation (no file is kept);
the confirmation plans them again against the database as it is then, and applies all or
nothing.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from verbund.common.http import run_service
from verbund.members.forms.office_import import ImportUploadForm
from verbund.members.imports import ImportPlan, apply_import, plan_import, read_rows

SESSION_KEY = "members_import"
TEMPLATE = "members/office/import.html"


@login_required
@permission_required("members.add_company", raise_exception=True)
def import_members(request: HttpRequest) -> HttpResponse:
    """Upload a member list and see what importing it would do; confirm to import it."""
    if request.method == "POST" and "confirm" in request.POST:
        return _confirm(request)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    plan: ImportPlan | None = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        rows = run_service(form, lambda: read_rows(upload, upload.name))
        if rows is not None:
            plan = plan_import(rows)
            request.session[SESSION_KEY] = {"rows": rows, "filename": upload.name}
    return render(request, TEMPLATE, _context(form, plan, request))


def _context(form: ImportUploadForm, plan: ImportPlan | None, request: HttpRequest) -> Any:
    stored = request.session.get(SESSION_KEY) or {}
    return {"form": form, "plan": plan, "filename": stored.get("filename", "")}


def _confirm(request: HttpRequest) -> HttpResponse:
    stored = request.session.get(SESSION_KEY)
    if not stored:
        messages.error(request, _("Upload the file again: the preview has expired."))
        return redirect("office:import_members")
    plan = plan_import(stored["rows"])
    try:
        counts = apply_import(plan, actor=request.user)
    except ValidationError as error:
        context = _context(ImportUploadForm(), plan, request)
        return render(request, TEMPLATE, {**context, "apply_errors": error.messages})
    del request.session[SESSION_KEY]
    messages.success(
        request,
        _("Import done: %(create)d created, %(update)d updated, %(unchanged)d unchanged.") % counts,
    )
    return redirect("office:import_members")
