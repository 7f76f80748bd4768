"""API: the directory search, "who can help?", totals and export, as the pages give them."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from verbund.api.pagination import Converted, Pagination
from verbund.api.schemas import Ref
from verbund.common.http import check_perm
from verbund.directory.exports import filename, write_csv, write_xlsx
from verbund.directory.queries import Result, network_totals_with_revenue, search, who_can_help
from verbund.directory.views.export import XLSX
from verbund.members.labels import label as taxonomy_label

router = Router(tags=["directory"])
WHO_CAN_HELP_LIMIT = 20


class DirectorySkillOut(Schema):
    code: str
    label: str


class DirectoryItemOut(Schema):
    """A company found, with its score and why it matched. Never its revenue."""

    code: str
    name: str
    city: str
    region: str
    home_group: Ref | None
    skills: list[DirectorySkillOut]
    score: float
    reasons: list[str]


def _item(result: Result) -> dict:
    company = result.company
    group = company.home_group
    return {
        "code": company.code,
        "name": company.name,
        "city": company.city,
        "region": company.region,
        "home_group": {"code": group.code, "name": group.name} if group else None,
        "skills": [
            {"code": skill.code, "label": taxonomy_label(skill)} for skill in company.skills.all()
        ],
        "score": result.score,
        "reasons": [str(reason) for reason in result.reasons],
    }


@router.get("/directory", response=list[DirectoryItemOut])
@paginate(Pagination)
def directory(
    request: HttpRequest,
    q: str = "",
    skill: str = "",
    region: str = "",
    vendor: str = "",
    group: str = "",
):
    """Active member companies matching `q` (typo-tolerant, German and English) and the
    facets (`skill` code, `region`, `vendor` name, `group` code), best first. Guests get 403."""
    check_perm(request, "members.view_directory")
    results = search(request.user, q, skill=skill, region=region, vendor=vendor, group=group)
    return Converted(results, _item)


@router.get("/directory/who-can-help", response=list[DirectoryItemOut])
def directory_who_can_help(request: HttpRequest, need: str = ""):
    """The companies (not the caller's own) best fitting a customer's need described in a
    sentence, at most 20, each with the reasons for the match. Guests get 403."""
    check_perm(request, "members.view_directory")
    return [_item(result) for result in who_can_help(request.user, need)[:WHO_CAN_HELP_LIMIT]]


class TotalsOut(Schema):
    """The network's size as the directory page shows it. `revenue_millions` is the
    revenue of all active companies together in millions of EUR, rounded to tens (so that
    comparing two readings does not tell one company's revenue), null unless at least five
    companies report one."""

    companies: int
    people: int
    employees: int
    revenue_millions: int | None


@router.get("/directory/totals", response=TotalsOut)
def directory_totals(request: HttpRequest):
    """Active member companies, their people and employees, and their revenue together
    (office, board and members; guests get 403)."""
    check_perm(request, "members.view_directory")
    totals = network_totals_with_revenue()
    return {
        "companies": totals.companies,
        "people": totals.people,
        "employees": totals.employees,
        "revenue_millions": totals.revenue_millions,
    }


EXPORTS = {"csv": (write_csv, "text/csv; charset=utf-8"), "xlsx": (write_xlsx, XLSX)}
EXPORT_RESPONSES = {
    200: {
        "description": "The file, as the directory page's export gives it.",
        "content": {
            media_type: {"schema": {"type": "string", "format": "binary"}}
            for media_type in ("text/csv", XLSX)
        },
    }
}


@router.get("/directory/export", openapi_extra={"responses": EXPORT_RESPONSES})
def directory_export(
    request: HttpRequest,
    file_format: str = Query("csv", alias="format", description="`csv` or `xlsx`"),
    q: str = "",
    skill: str = "",
    region: str = "",
    vendor: str = "",
    group: str = "",
):
    """Every company `GET /directory` finds for the same filters, as a CSV (for German
    Excel) or XLSX file: the page's export, never revenue or contact data. Guests get 403."""
    check_perm(request, "members.view_directory")
    if file_format not in EXPORTS:
        raise ValidationError({"format": _("Choose the format csv or xlsx.")})
    # Read as the page's export reads them: stripped.
    facets = {"skill": skill, "region": region, "vendor": vendor, "group": group}
    facets = {key: value.strip() for key, value in facets.items()}
    results = search(request.user, q.strip(), **facets)
    write, content_type = EXPORTS[file_format]
    response = HttpResponse(write(results), content_type=content_type)
    name = filename(file_format, timezone.localdate())
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
