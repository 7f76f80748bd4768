"""API: companies and people, as the pages show them to the caller."""

from datetime import date, datetime
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from verbund.api.pagination import Pagination
from verbund.api.schemas import Ref
from verbund.common.http import check_perm, get_visible_or_404
from verbund.members.models import (
    Company,
    CompanyStatus,
    CompanyStatusChange,
    CustomerSize,
    PartnerLevel,
    Person,
    VendorPartnership,
)
from verbund.members.queries import (
    companies_visible_to,
    may_see_revenue,
    people_of,
    people_visible_to,
    visible_contact,
    with_skills,
)

router = Router(tags=["members"])


def _viewer(context: dict):
    return context["request"].user


class CompanyOut(Schema):
    """A company. `annual_revenue` is confidential: it is null unless the caller is one of
    the company's own people (not even the office or the board see it)."""

    code: str
    name: str
    city: str
    region: str
    website: str
    employees: int | None
    annual_revenue: Decimal | None
    member_since: date | None
    status: CompanyStatus
    home_group: Ref | None

    @staticmethod
    def resolve_annual_revenue(company: Company, context: dict) -> Decimal | None:
        return company.annual_revenue if may_see_revenue(company, _viewer(context)) else None


class StatusChangeOut(Schema):
    from_status: CompanyStatus | None
    to_status: CompanyStatus
    reason: str
    changed_at: datetime

    @staticmethod
    def resolve_from_status(change: CompanyStatusChange) -> str | None:
        return change.from_status or None


class SkillOut(Schema):
    code: str
    label_de: str
    label_en: str


class LabelOut(Schema):
    label_de: str
    label_en: str


class OfferingOut(Schema):
    title: str
    description: str


class PartnershipOut(Schema):
    vendor: str
    level: PartnerLevel
    certifications: str

    @staticmethod
    def resolve_vendor(partnership: VendorPartnership) -> str:
        return partnership.vendor.name


class CompanyDetailOut(CompanyOut):
    """A company with its address, people and skills database; `status_history` (newest
    first) is shown to the office and the board only, null for everyone else."""

    street: str
    postal_code: str
    description: str
    people: list[Ref]
    status_history: list[StatusChangeOut] | None
    skills: list[SkillOut]
    offerings: list[OfferingOut]
    partnerships: list[PartnershipOut]
    industries: list[LabelOut]
    customer_sizes: list[CustomerSize]
    regions_served: list[str]

    @staticmethod
    def resolve_skills(company: Company) -> list:
        return list(company.skills.all())

    @staticmethod
    def resolve_offerings(company: Company) -> list:
        return list(company.offerings.all())

    @staticmethod
    def resolve_partnerships(company: Company) -> list:
        return list(company.partnerships.all())

    @staticmethod
    def resolve_industries(company: Company) -> list:
        return list(company.industries.all())

    @staticmethod
    def resolve_people(company: Company, context: dict) -> list[dict]:
        people = people_of(company, _viewer(context)).prefetch_related(None)
        return [
            {"code": p.code, "name": p.full_name}
            for p in people.order_by("last_name", "first_name", "pk")
        ]

    @staticmethod
    def resolve_status_history(company: Company, context: dict) -> list | None:
        if not _viewer(context).has_perm("members.view_company_status", company):
            return None
        return list(company.status_changes.all())


def _search(queryset: QuerySet, q: str, fields: tuple[str, ...]) -> QuerySet:
    """Every word of `q` must occur in one of `fields` (case-insensitive)."""
    for word in q.split():
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(condition)
    return queryset


@router.get("/companies", response=list[CompanyOut])
@paginate(Pagination)
def company_list(
    request: HttpRequest, q: str = "", group: str = "", status: CompanyStatus | None = None
):
    """Companies the caller may see (office, board and members; guests get 403).

    `q` searches name, city and region; `group` is a home group's code."""
    check_perm(request, "members.view_directory")
    companies = _search(companies_visible_to(request.user), q, ("name", "city", "region"))
    if group:
        companies = companies.filter(home_group__code=group)
    if status is not None:
        companies = companies.filter(status=status)
    return companies.order_by("name", "pk")


@router.get("/companies/{code}", response=CompanyDetailOut)
def company_detail(request: HttpRequest, code: str):
    """One company the caller may see."""
    return get_visible_or_404(with_skills(companies_visible_to(request.user)), code=code)


def _contact(person: Person, context: dict, name: str) -> str | None:
    return visible_contact(person, _viewer(context))[name]


class PersonOut(Schema):
    """A person. `email`, `phone` and `mobile` are null where the person's visibility
    settings hide them from the caller."""

    code: str
    first_name: str
    last_name: str
    function: str
    company: Ref | None
    is_company_admin: bool
    email: str | None
    phone: str | None
    mobile: str | None
    languages: str
    expertise: str
    groups: list[Ref]

    @staticmethod
    def resolve_email(person: Person, context: dict) -> str | None:
        return _contact(person, context, "email")

    @staticmethod
    def resolve_phone(person: Person, context: dict) -> str | None:
        return _contact(person, context, "phone")

    @staticmethod
    def resolve_mobile(person: Person, context: dict) -> str | None:
        return _contact(person, context, "mobile")

    @staticmethod
    def resolve_groups(person: Person) -> list:
        # The memberships (with their groups) are prefetched by `people_visible_to`.
        return [membership.group for membership in person.group_memberships.all()]


@router.get("/people", response=list[PersonOut])
@paginate(Pagination)
def person_list(request: HttpRequest, q: str = "", company: str = ""):
    """People the caller may see (office, board and members; guests get 403).

    `q` searches name, function and company; `company` is a company's code."""
    check_perm(request, "members.view_directory")
    fields = ("first_name", "last_name", "function", "company__name")
    people = _search(people_visible_to(request.user), q, fields)
    if company:
        people = people.filter(company__code=company)
    return people.order_by("last_name", "first_name", "pk")


@router.get("/people/{code}", response=PersonOut)
def person_detail(request: HttpRequest, code: str):
    """One person the caller may see (a guest: only themselves)."""
    return get_visible_or_404(people_visible_to(request.user), code=code)
