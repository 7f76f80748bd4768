"""API: the directory search and "who can help?", as the pages show them."""

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from verbund.api.pagination import Converted, Pagination
from verbund.api.schemas import Ref
from verbund.common.http import check_perm
from verbund.directory.queries import Result, search, who_can_help
from verbund.members.labels import label as taxonomy_label

router = Router(tags=["directory"])
WHO_CAN_HELP_LIMIT = 20


class SkillOut(Schema):
    code: str
    label: str


class DirectoryItemOut(Schema):
    """A company found, with its score and why it matched. Never its revenue."""

    code: str
    name: str
    city: str
    region: str
    home_group: Ref | None
    skills: list[SkillOut]
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
