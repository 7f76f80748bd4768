"""Pages of the code of honour: read and accept it; the office publishes versions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from verbund.common.http import check_perm, run_service, safe_next
from verbund.conduct.forms import AcceptForm, PublishForm
from verbund.conduct.queries import acceptance_of, current_code, people_bound, versions_with_counts
from verbund.conduct.services import accept_code, publish_code
from verbund.conduct.signals import SESSION_KEY
from verbund.network.queries import roles_of


@login_required
def code_of_honour(request: HttpRequest) -> HttpResponse:
    """The current code in the reader's language; members accept it here."""
    check_perm(request, "conduct.view_code")
    code = current_code()
    roles = roles_of(request.user)
    acceptance = acceptance_of(roles.person, code) if roles.is_member else None
    form = None
    if code is not None and roles.is_member and acceptance is None:
        form = AcceptForm(request.POST or None, initial={"version": code.version})
        if request.method == "POST" and form.is_valid():
            version = form.cleaned_data["version"]
            person = roles.person
            done = run_service(
                form, lambda: accept_code(person=person, version=version, actor=request.user)
            )
            if done is not None:
                request.session.pop(SESSION_KEY, None)
                messages.success(request, _("Thank you: you have accepted the code of honour."))
                return redirect(_next(request))
    context = {"code": code, "acceptance": acceptance, "form": form, "next": _next(request)}
    return render(request, "conduct/code_of_honour.html", context)


def _next(request: HttpRequest) -> str:
    """Where the member wanted to go before being asked to accept (this site only)."""
    return safe_next(request, request.GET.get("next", ""), "/")


@login_required
def office_code(request: HttpRequest) -> HttpResponse:
    """The office: every version with its acceptances, and a new version to publish."""
    check_perm(request, "conduct.publish_code")
    current = current_code()
    form = PublishForm(
        request.POST or None,
        initial={"text_de": current.text_de, "text_en": current.text_en} if current else None,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        code = run_service(
            form,
            lambda: publish_code(
                text_de=data["text_de"], text_en=data["text_en"], actor=request.user
            ),
        )
        if code is not None:
            messages.success(
                request,
                _("Version %(version)d is published; members accept it at their next login.")
                % {"version": code.version},
            )
            return redirect("office:code_of_honour")
    context = {"versions": versions_with_counts(), "bound": people_bound().count(), "form": form}
    return render(request, "conduct/office_code.html", context)
