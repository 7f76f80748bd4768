"""The directory pages: search with facets, and "who can help?"."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from verbund.common.http import check_perm, page_or_partial
from verbund.directory.queries import facets, network_totals_with_revenue, search, who_can_help

FILTERS = ("q", "skill", "region", "vendor", "group")
WHO_CAN_HELP_LIMIT = 20
# Each result carries its skills: 20 a page, as "Who can help?" and the finder show, keep
# a page quick to read and to load.
DIRECTORY_PAGE_SIZE = 20


@login_required
def directory(request: HttpRequest) -> HttpResponse:
    """Search the member companies by text, skill, region, vendor and home group."""
    check_perm(request, "members.view_directory")
    filters = {key: request.GET.get(key, "").strip() for key in FILTERS}
    results = search(request.user, **filters)
    page = Paginator(results, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    template = page_or_partial(request, "directory/directory.html", "results")
    context = {"page": page, "filters": filters, "count": len(results)}
    if template == "directory/directory.html":
        # The swapped results need neither the facet choices nor the totals.
        context |= {"facets": facets(request.user), "totals": network_totals_with_revenue()}
    return render(request, template, context)


@login_required
def who_can_help_page(request: HttpRequest) -> HttpResponse:
    """A member describes a customer's need; the best-fitting companies, with reasons."""
    check_perm(request, "members.view_directory")
    need = request.GET.get("need", "").strip()
    results = who_can_help(request.user, need)[:WHO_CAN_HELP_LIMIT] if need else []
    template = page_or_partial(request, "directory/who_can_help.html", "results")
    return render(request, template, {"need": need, "results": results})
