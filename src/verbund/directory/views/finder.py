"""The public partner finder (no login) and the leads it brings to member companies."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from verbund.common.http import (
    client_ip,
    count_request,
    get_visible_or_404,
    paginate,
    run_service,
)
from verbund.directory.forms.finder import FinderSearchForm, LeadForm
from verbund.directory.queries import leads_visible_to, public_search
from verbund.directory.services import mark_lead_seen
from verbund.network.queries import roles_of

FINDER_LIMIT = 20
RATE_LIMIT = 5  # requests sent per IP address ...
RATE_WINDOW = 60 * 60  # ... per hour


def finder(request: HttpRequest) -> HttpResponse:
    """Customers describe a need and a region, see matching companies and send a request."""
    if request.method == "POST":
        return _send(request)
    search = FinderSearchForm(request.GET or None)
    results = public_search(**search.cleaned_data)[:FINDER_LIMIT] if search.is_valid() else []
    form = None
    if results:
        data = search.cleaned_data
        initial = data | {"searched_need": data["need"], "searched_region": data["region"]}
        form = LeadForm(results=results, initial=initial)
    context = {"search": search, "results": results, "form": form}
    return render(request, "directory/finder.html", context)


def _send(request: HttpRequest) -> HttpResponse:
    need = request.POST.get("searched_need", "").strip()
    region = request.POST.get("searched_region", "").strip()
    results = public_search(need, region)[:FINDER_LIMIT]
    form = LeadForm(request.POST, results=results)
    search = FinderSearchForm({"need": need, "region": region})
    search.is_valid()
    context = {"search": search, "results": results, "form": form}
    if over_rate_limit(request):
        context["refused"] = _("You have sent too many requests. Please try again in an hour.")
        return render(request, "directory/finder.html", context, status=429)
    if request.POST.get("homepage"):
        # A bot filled the hidden field: it is told "sent", and nothing is stored.
        return render(request, "directory/finder_sent.html")
    if form.is_valid():
        lead = run_service(form, lambda: form.send(get_language() or "de"))
        if lead is not None:
            return render(request, "directory/finder_sent.html")
    return render(request, "directory/finder.html", context)


def over_rate_limit(request: HttpRequest) -> bool:
    """Count this request for the sender's IP address; True once it exceeds the limit.

    The page and the API (`api/finder.py`) share it, so both count against one limit."""
    return count_request(f"finder-requests:{client_ip(request)}", RATE_WINDOW) > RATE_LIMIT


@login_required
def lead_list(request: HttpRequest) -> HttpResponse:
    """The requests customers sent to the viewer's company through the public finder."""
    if not roles_of(request.user).is_member:
        raise PermissionDenied("directory.view_leads")
    page = paginate(request, leads_visible_to(request.user).order_by("-lead__created_at"))
    return render(request, "directory/lead_list.html", {"page": page})


@login_required
def lead_detail(request: HttpRequest, code: str) -> HttpResponse:
    """One lead with the customer's contact data; marks it seen for the viewer's company."""
    if not roles_of(request.user).is_member:
        raise PermissionDenied("directory.view_leads")
    recipient = get_visible_or_404(leads_visible_to(request.user), lead__code=code)
    mark_lead_seen(actor=request.user, recipient=recipient)
    return render(
        request, "directory/lead_detail.html", {"recipient": recipient, "lead": recipient.lead}
    )
