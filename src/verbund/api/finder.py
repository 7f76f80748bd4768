"""API: the public partner finder, open to anyone (no login), as the finder page offers it.

Customers find opted-in companies for a need and a region and send them a request; the
same forms, search, service and rate limit as the page (`directory/views/finder.py`), so
the API shows no more than the page and refuses what the page refuses.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from verbund.directory.forms.finder import FinderSearchForm, LeadForm
from verbund.directory.queries import Result, public_search
from verbund.directory.views.finder import FINDER_LIMIT, over_rate_limit

router = Router(tags=["finder"])


class FinderSkillOut(Schema):
    """A skill of the company; `matched` when the need asked for it (bold on the page)."""

    label: str
    matched: bool


class FinderCompanyOut(Schema):
    """An opted-in company with the public fields the finder page shows: never its
    revenue, its people or their contact data."""

    code: str
    name: str
    city: str
    region: str
    website: str
    description: str
    skills: list[FinderSkillOut]
    offerings: list[str]


def _company(result: Result) -> dict:
    company = result.company
    return {
        "code": company.code,
        "name": company.name,
        "city": company.city,
        "region": company.region,
        "website": company.website,
        "description": company.description,
        "skills": [{"label": label, "matched": hit} for label, hit in result.skill_labels],
        "offerings": [offering.title for offering in company.offerings.all()],
    }


def _refusal(form: forms.Form) -> ValidationError:
    """The form's errors as one ValidationError, so the API answers 422 naming the fields."""
    return ValidationError(form.errors.as_data())


@router.get("/finder", response=list[FinderCompanyOut], auth=None)
def finder(request: HttpRequest, need: str = "", region: str = ""):
    """Public, no login: the active companies that opted in to the finder matching the
    `need` (a sentence) and serving the `region`, best first, at most 20."""
    search = FinderSearchForm({"need": need, "region": region})
    if not search.is_valid():
        raise _refusal(search)
    return [_company(result) for result in public_search(**search.cleaned_data)[:FINDER_LIMIT]]


class LeadIn(Schema):
    """A customer's request. `companies` are codes from `GET /finder` for `searched_need`
    and `searched_region` (default: `need` and `region`), at most five; `consent` must be
    true (the consent text is the finder page's)."""

    customer_name: str = ""
    customer_company: str = ""
    customer_email: str = ""
    customer_phone: str = ""
    need: str = ""
    region: str = ""
    consent: bool = False
    companies: list[str] = Field(default_factory=list)
    searched_need: str | None = None
    searched_region: str | None = None


class LeadCreatedOut(Schema):
    """The request's code; the customer's data is seen only by the chosen companies."""

    code: str


def _lead_form(payload: LeadIn) -> LeadForm:
    """The page's form, choices found as on the page: for what the customer searched."""
    need = payload.need if payload.searched_need is None else payload.searched_need
    region = payload.region if payload.searched_region is None else payload.searched_region
    data = payload.dict() | {"searched_need": need.strip(), "searched_region": region.strip()}
    results = public_search(data["searched_need"], data["searched_region"])[:FINDER_LIMIT]
    return LeadForm(data, results=results)


@router.post("/finder/requests", response={201: LeadCreatedOut}, auth=None)
def finder_request(request: HttpRequest, payload: LeadIn):
    """Public, no login (and no CSRF token): send a request to chosen companies found by
    the finder; each company's admins get an e-mail and see it under `/leads`. At most
    five requests an hour from one address, counted together with the page's (429)."""
    if over_rate_limit(request):
        raise HttpError(429, _("You have sent too many requests. Please try again in an hour."))
    form = _lead_form(payload)
    if not form.is_valid():
        raise _refusal(form)
    lead = form.send(get_language() or "de")
    return Status(201, {"code": lead.code})
