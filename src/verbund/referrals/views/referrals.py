"""Pages of referrals: my referrals (given / received), passing one on a phone, one referral
by the viewer's view level (FULL: the parties; COMPANY: a party's company admin, without the
customer), its status steps, the closed business, and the export. They call the same
services and queries as the API; anyone else gets 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from verbund.api.referrals import own_referrals
from verbund.common.http import check_perm, get_visible_or_404, paginate, run_service
from verbund.network.queries import roles_of
from verbund.referrals.exports import EXPORTS, filename, for_export
from verbund.referrals.forms_referrals import ClosedBusinessForm, ReferralForm, StatusForm
from verbund.referrals.models import STATUS_TRANSITIONS, Referral, ReferralStatus
from verbund.referrals.queries import FULL, is_receiving_person, referral_view, referrals_visible_to
from verbund.referrals.services import change_status, confirm_closed_business, pass_referral

OWN = "referrals.view_own_referrals"
DIRECTIONS = ("", "given", "received")
DETAIL_TEMPLATE = "referrals/referral_detail.html"


def _loaded(referrals: QuerySet[Referral]) -> QuerySet[Referral]:
    """Everything a row or the detail shows, in a fixed number of queries."""
    return referrals.select_related(
        "giver", "giver_company", "meeting", "closed_business__confirmed_by"
    ).prefetch_related("parties__company", "parties__person")


def _refused(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
def referral_list(request: HttpRequest) -> HttpResponse:
    """ "My referrals": all, given or received (`?direction=`), by status (`?status=`)."""
    check_perm(request, OWN)
    direction = request.GET.get("direction", "")
    status = request.GET.get("status", "")
    try:
        referrals = own_referrals(request.user, direction, status)
    except ValidationError as error:
        _refused(request, error)
        direction, status = "", ""
        referrals = own_referrals(request.user)
    page = paginate(request, _loaded(referrals))
    person = roles_of(request.user).person
    rows = [_row(referral, person) for referral in page.object_list]
    context = {
        "page": page,
        "rows": rows,
        "direction": direction,
        "status": status,
        "statuses": ReferralStatus.choices,
        "tabs": [("", _("All")), ("given", _("Given")), ("received", _("Received"))],
    }
    return render(request, "referrals/referral_list.html", context)


def _row(referral: Referral, person: Any) -> dict[str, Any]:
    """One list row; the view level from the prefetched parties (no query per row)."""
    parties = list(referral.parties.all())
    full = referral.giver_id == person.pk or any(p.person_id == person.pk for p in parties)
    given = referral.giver_company_id == person.company_id
    others = [party.company.name for party in parties] if given else [referral.giver_company.name]
    closed = getattr(referral, "closed_business", None)
    return {
        "referral": referral,
        "given": given,
        "other": ", ".join(others),
        "value": closed.value if closed is not None and full else None,
    }


@login_required
def referral_create(request: HttpRequest) -> HttpResponse:
    """Pass a referral: receiver, need and contact person are enough."""
    check_perm(request, "referrals.pass_referral")
    roles = roles_of(request.user)
    if request.method == "POST":
        form = ReferralForm(request.POST, roles=roles)
        if form.is_valid():
            referral = run_service(form, lambda: _pass(request, form))
            if referral is not None:
                messages.success(request, _("Thank you! Your referral has been passed on."))
                return redirect("referrals:referral_detail", code=referral.code)
    else:
        form = ReferralForm(roles=roles)
    return render(request, "referrals/referral_form.html", {"form": form})


def _pass(request: HttpRequest, form: ReferralForm) -> Referral:
    data = form.cleaned_data
    return pass_referral(
        actor=request.user,
        kind=data["kind"],
        need=data["need"],
        temperature=data["temperature"],
        customer_name=data["customer_name"],
        customer_company=data["customer_company"],
        customer_email=data["customer_email"],
        customer_phone=data["customer_phone"],
        parties=form.parties(),
        meeting=data["meeting"],
    )


def visible_referral(request: HttpRequest, code: str) -> Referral:
    """One of the viewer's referrals (404 for anyone who is no party nor a party's admin)."""
    referral = get_visible_or_404(_loaded(referrals_visible_to(request.user)), code=code)
    check_perm(request, "referrals.view_referral", referral)
    return referral


@login_required
def referral_detail(request: HttpRequest, code: str) -> HttpResponse:
    return render_referral(request, visible_referral(request, code))


def render_referral(
    request: HttpRequest, referral: Referral, closed_form: Form | None = None
) -> HttpResponse:
    return render(request, DETAIL_TEMPLATE, detail_context(request, referral, closed_form))


def detail_context(
    request: HttpRequest, referral: Referral, closed_form: Form | None
) -> dict[str, Any]:
    """The referral with what this viewer may see and do of it."""
    full = referral_view(request.user, referral) == FULL
    receiving = is_receiving_person(roles_of(request.user).person, referral)
    allowed = STATUS_TRANSITIONS[referral.status]
    closed = getattr(referral, "closed_business", None)
    may_confirm = receiving and referral.status == ReferralStatus.WON and closed is None
    return {
        "referral": referral,
        "full": full,
        "receiving": receiving,
        "parties": list(referral.parties.all()),
        "history": list(referral.status_changes.all()) if full else [],
        "next_statuses": [s for s in ReferralStatus if s in allowed] if receiving else [],
        "status_form": StatusForm() if receiving and allowed else None,
        "closed": closed,
        "closed_form": closed_form or (ClosedBusinessForm() if may_confirm else None),
    }


@require_POST
@login_required
def referral_status(request: HttpRequest, code: str) -> HttpResponse:
    """A receiver moves the status one step the table allows, with an optional note."""
    referral = visible_referral(request, code)
    check_perm(request, "referrals.change_referral_status", referral)
    try:
        change_status(
            referral=referral,
            to_status=request.POST.get("status", ""),
            note=request.POST.get("note", "").strip(),
            actor=request.user,
        )
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The status has been changed; the giver is told."))
    return redirect("referrals:referral_detail", code=code)


@require_POST
@login_required
def referral_closed_business(request: HttpRequest, code: str) -> HttpResponse:
    """A receiver confirms the value of a won referral, once, with a thank-you."""
    referral = visible_referral(request, code)
    check_perm(request, "referrals.confirm_closed_business", referral)
    form = ClosedBusinessForm(request.POST)
    if form.is_valid():
        closed = run_service(
            form,
            lambda: confirm_closed_business(
                referral=referral,
                value=form.cleaned_data["value"],
                thank_you=form.cleaned_data["thank_you"],
                actor=request.user,
            ),
        )
        if closed is not None:
            messages.success(request, _("Thank you! The closed business is recorded."))
            return redirect("referrals:referral_detail", code=code)
    return render_referral(request, referral, form)


@login_required
def referral_export(request: HttpRequest) -> HttpResponse:
    """What the list shows for the same filters, as CSV (German Excel) or XLSX."""
    check_perm(request, OWN)
    file_format = request.GET.get("format", "csv")
    try:
        if file_format not in EXPORTS:
            raise ValidationError({"format": _("Choose the format csv or xlsx.")})
        referrals = own_referrals(
            request.user, request.GET.get("direction", ""), request.GET.get("status", "")
        )
    except ValidationError as error:
        _refused(request, error)
        return redirect("referrals:referral_list")
    write, content_type = EXPORTS[file_format]
    response = HttpResponse(write(for_export(referrals), request.user), content_type=content_type)
    name = filename(file_format, timezone.localdate())
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
