"""The directory result as a CSV or XLSX download, filtered exactly as the page is."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from verbund.common.http import check_perm
from verbund.directory.exports import filename, write_csv, write_xlsx
from verbund.directory.queries import Results, search
from verbund.directory.views.search import FILTERS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _results(request: HttpRequest) -> Results:
    check_perm(request, "members.view_directory")
    # The page's filters (`search.FILTERS`), read the same way.
    q, skill, region, vendor, group = (request.GET.get(key, "").strip() for key in FILTERS)
    return search(request.user, q, skill=skill, region=region, vendor=vendor, group=group)


def _download(content: bytes, content_type: str, extension: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    name = filename(extension, timezone.localdate())
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def export_csv(request: HttpRequest) -> HttpResponse:
    """All companies the directory finds for the query, as CSV for German Excel."""
    return _download(write_csv(_results(request)), "text/csv; charset=utf-8", "csv")


@login_required
def export_xlsx(request: HttpRequest) -> HttpResponse:
    """All companies the directory finds for the query, as an Excel workbook."""
    return _download(write_xlsx(_results(request)), XLSX, "xlsx")
