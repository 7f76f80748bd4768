"""A company's resignation from the company page: give notice, withdraw it (its company
admin or the office). The company page shows the form; these views only take the post and
go back there with the outcome as a message."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from verbund.common.http import check_perm, get_visible_or_404
from verbund.conduct.forms import ResignationForm
from verbund.members.models import Company
from verbund.members.queries import companies_visible_to
from verbund.members.services import give_resignation, withdraw_resignation
from verbund.members.services.resignations import pending_resignation

PERM = "members.give_resignation"


def _company(request: HttpRequest, code: str) -> Company:
    company = get_visible_or_404(companies_visible_to(request.user), code=code)
    check_perm(request, PERM, company)
    return company


@require_POST
@login_required
def resignation_create(request: HttpRequest, code: str) -> HttpResponse:
    """Give notice; it takes effect at the end of the notice period."""
    company = _company(request, code)
    form = ResignationForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        done = give_resignation(company=company, reason=reason, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Notice is given: %(company)s is a member until %(date)s.")
            % {"company": company.name, "date": date_format(done.effective_on)},
        )
    return redirect("members:company_detail", code=company.code)


@require_POST
@login_required
def resignation_withdrawal(request: HttpRequest, code: str) -> HttpResponse:
    """Withdraw the pending notice before it takes effect."""
    company = _company(request, code)
    pending = pending_resignation(company)
    if pending is None:
        messages.error(request, _("There is no notice to withdraw."))
    else:
        withdraw_resignation(resignation=pending, actor=request.user)
        messages.success(request, _("The notice is withdrawn."))
    return redirect("members:company_detail", code=company.code)
