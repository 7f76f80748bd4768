"""API: the skills database — the office's taxonomy and each company's skills, markets,
service catalogue, vendor partnerships and finder opt-in, with the rules of the pages."""

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from verbund.api.members import LabelOut, OfferingOut, PartnershipOut, SkillOut
from verbund.api.pagination import Pagination
from verbund.api.schemas import enum
from verbund.common.http import check_perm, get_visible_or_404
from verbund.members.models import (
    Company,
    CustomerSize,
    Industry,
    Offering,
    PartnerLevel,
    Skill,
    Vendor,
    VendorPartnership,
)
from verbund.members.queries import companies_visible_to
from verbund.members.services import (
    add_offering,
    create_industry,
    create_skill,
    create_vendor,
    remove_offering,
    remove_partnership,
    set_company_markets,
    set_company_skills,
    set_partnership,
    set_public_finder,
    update_offering,
    update_skill,
)

router = Router(tags=["skills"])

# The page's permissions: the taxonomy is read by everyone who sees the network, kept by the
# office; a company's skills database is edited by its company admin and the office.
VIEW = "members.view_directory"
MANAGE_TAXONOMY = "members.manage_taxonomy"
CHANGE_COMPANY = "members.change_company"


def _kept(new: str | None, old: str) -> str:
    """A PATCH field's value: left out (or null) keeps the old one; "" is a value."""
    return old if new is None else new


# ---------------------------------------------------------------- the taxonomy


class TaxonomySkillOut(SkillOut):
    """A skill of the shared taxonomy with the other words people use for it."""

    synonyms: list[str]

    @staticmethod
    def resolve_synonyms(skill: Skill) -> list[str]:
        return skill.synonym_list


class VendorOut(Schema):
    """A vendor; its `id` names it in a company's partnerships."""

    id: int
    name: str


class IndustryOut(LabelOut):
    """An industry; its `id` names it in a company's markets."""

    id: int


class SkillIn(Schema):
    """A skill's labels (each unique, ignoring case) and synonyms (without commas)."""

    label_de: str
    label_en: str
    synonyms: list[str] = []


class SkillPatch(Schema):
    """Fields to change; fields left out stay as they are."""

    label_de: str | None = None
    label_en: str | None = None
    synonyms: list[str] | None = None


class VendorIn(Schema):
    name: str


class IndustryIn(Schema):
    label_de: str
    label_en: str


@router.get("/skills", response=list[TaxonomySkillOut])
@paginate(Pagination)
def skill_list(request: HttpRequest):
    """The skills of the taxonomy by German label (office, board and members; guests 403)."""
    check_perm(request, VIEW)
    return Skill.objects.order_by("label_de", "pk")


@router.get("/vendors", response=list[VendorOut])
@paginate(Pagination)
def vendor_list(request: HttpRequest):
    """The vendors by name (office, board and members; guests 403)."""
    check_perm(request, VIEW)
    return Vendor.objects.order_by("name", "pk")


@router.get("/industries", response=list[IndustryOut])
@paginate(Pagination)
def industry_list(request: HttpRequest):
    """The industries by German label (office, board and members; guests 403)."""
    check_perm(request, VIEW)
    return Industry.objects.order_by("label_de", "pk")


@router.post("/skills", response={201: TaxonomySkillOut})
def skill_create(request: HttpRequest, payload: SkillIn):
    """Add a skill to the taxonomy (office only)."""
    check_perm(request, MANAGE_TAXONOMY)
    skill = create_skill(
        label_de=payload.label_de,
        label_en=payload.label_en,
        synonyms=", ".join(payload.synonyms),
        actor=request.user,
    )
    return Status(201, skill)


@router.patch("/skills/{code}", response=TaxonomySkillOut)
def skill_update(request: HttpRequest, code: str, payload: SkillPatch):
    """Change a skill's labels or synonyms (office only); every company with the skill is
    found by its new words at once."""
    check_perm(request, MANAGE_TAXONOMY)
    skill = get_object_or_404(Skill, code=code)
    synonyms = payload.synonyms
    return update_skill(
        skill=skill,
        label_de=_kept(payload.label_de, skill.label_de),
        label_en=_kept(payload.label_en, skill.label_en),
        synonyms=skill.synonyms if synonyms is None else ", ".join(synonyms),
        actor=request.user,
    )


@router.post("/vendors", response={201: VendorOut})
def vendor_create(request: HttpRequest, payload: VendorIn):
    """Add a vendor companies can name as a partner (office only)."""
    check_perm(request, MANAGE_TAXONOMY)
    return Status(201, create_vendor(name=payload.name, actor=request.user))


@router.post("/industries", response={201: IndustryOut})
def industry_create(request: HttpRequest, payload: IndustryIn):
    """Add an industry companies can say they serve (office only)."""
    check_perm(request, MANAGE_TAXONOMY)
    industry = create_industry(
        label_de=payload.label_de, label_en=payload.label_en, actor=request.user
    )
    return Status(201, industry)


# ---------------------------------------------------------------- a company's skills database


class CompanySkillsIn(Schema):
    """The company's skills as taxonomy codes; they replace the ones it has."""

    skills: list[str]


class CompanySkillsOut(Schema):
    skills: list[SkillOut]


class MarketsIn(Schema):
    """Industry ids, customer sizes and regions; they replace what the company serves."""

    industries: list[int]
    customer_sizes: list[str] = Field(
        ..., json_schema_extra={"items": {"type": "string", "enum": CustomerSize.values}}
    )
    regions_served: list[str]


class MarketsOut(Schema):
    industries: list[IndustryOut]
    customer_sizes: list[CustomerSize]
    regions_served: list[str]


class OfferingWithIdOut(OfferingOut):
    """A catalogue entry; its `id` addresses it under its company."""

    id: int


class OfferingIn(Schema):
    title: str
    description: str = ""


class OfferingPatch(Schema):
    """Fields to change; fields left out stay as they are."""

    title: str | None = None
    description: str | None = None


class PartnershipWithIdOut(PartnershipOut):
    """A vendor partnership; its `id` addresses it under its company, `vendor` is the
    vendor's name and `vendor_id` its id."""

    id: int
    vendor_id: int


class PartnershipIn(Schema):
    """A partnership with the vendor `vendor_id`: created, or updated if there is one."""

    vendor_id: int
    level: str = Field(..., **enum(PartnerLevel.values))
    certifications: str = Field("", max_length=300)


class PublicFinderIn(Schema):
    enabled: bool


class PublicFinderOut(Schema):
    """Whether the company is shown in the public partner finder."""

    enabled: bool


def _company(request: HttpRequest, code: str) -> Company:
    """The company the caller may see (else 404) and may edit (else 403), as on its page."""
    company = get_visible_or_404(companies_visible_to(request.user), code=code)
    check_perm(request, CHANGE_COMPANY, company)
    return company


def _known(queryset: QuerySet, field: str, wanted: list, name: str, message: str) -> list:
    """The rows whose `field` is in `wanted`; 422 naming `name` if one is unknown."""
    found = {getattr(row, field): row for row in queryset.filter(**{f"{field}__in": wanted})}
    unknown = [value for value in wanted if value not in found]
    if unknown:
        raise ValidationError({name: message % {"value": unknown[0]}})
    return list({value: found[value] for value in wanted}.values())


def _markets(company: Company) -> dict:
    return {
        "industries": list(company.industries.order_by("label_de", "pk")),
        "customer_sizes": company.customer_sizes,
        "regions_served": company.regions_served,
    }


@router.get("/companies/{code}/offerings", response=list[OfferingWithIdOut])
@paginate(Pagination)
def offering_list(request: HttpRequest, code: str):
    """The company's service catalogue in its order, with the ids (whoever sees the company)."""
    company = get_visible_or_404(companies_visible_to(request.user), code=code)
    return company.offerings.order_by("position", "pk")


@router.get("/companies/{code}/partnerships", response=list[PartnershipWithIdOut])
@paginate(Pagination)
def partnership_list(request: HttpRequest, code: str):
    """The company's vendor partnerships by vendor, with the ids (whoever sees the company)."""
    company = get_visible_or_404(companies_visible_to(request.user), code=code)
    return company.partnerships.select_related("vendor").order_by("vendor__name", "pk")


@router.put("/companies/{code}/skills", response=CompanySkillsOut)
def company_skills_update(request: HttpRequest, code: str, payload: CompanySkillsIn):
    """Replace the company's skills (its company admin and the office); an unknown code
    changes nothing."""
    company = _company(request, code)
    message = _("Unknown skill: %(value)s.")
    skills = _known(Skill.objects.all(), "code", payload.skills, "skills", message)
    set_company_skills(company=company, skills=skills, actor=request.user)
    return {"skills": list(company.skills.order_by("label_de", "pk"))}


@router.put("/companies/{code}/markets", response=MarketsOut)
def company_markets_update(request: HttpRequest, code: str, payload: MarketsIn):
    """Replace the industries, customer sizes and regions the company serves (its company
    admin and the office); an unknown entry changes nothing."""
    company = _company(request, code)
    message = _("Unknown industry: %(value)s.")
    industries = _known(Industry.objects.all(), "pk", payload.industries, "industries", message)
    set_company_markets(
        company=company,
        industries=industries,
        customer_sizes=payload.customer_sizes,
        regions_served=payload.regions_served,
        actor=request.user,
    )
    return _markets(company)


@router.post("/companies/{code}/offerings", response={201: OfferingWithIdOut})
def offering_create(request: HttpRequest, code: str, payload: OfferingIn):
    """Add an entry at the end of the service catalogue (its company admin and the office)."""
    company = _company(request, code)
    offering = add_offering(
        company=company, title=payload.title, description=payload.description, actor=request.user
    )
    return Status(201, offering)


def _offering(request: HttpRequest, code: str, offering_id: int) -> Offering:
    return get_object_or_404(_company(request, code).offerings, pk=offering_id)


@router.patch("/companies/{code}/offerings/{offering_id}", response=OfferingWithIdOut)
def offering_update(request: HttpRequest, code: str, offering_id: int, payload: OfferingPatch):
    """Change a catalogue entry's title or description (its company admin and the office)."""
    offering = _offering(request, code, offering_id)
    return update_offering(
        offering=offering,
        title=_kept(payload.title, offering.title),
        description=_kept(payload.description, offering.description),
        actor=request.user,
    )


@router.delete("/companies/{code}/offerings/{offering_id}", response={204: None})
def offering_delete(request: HttpRequest, code: str, offering_id: int):
    """Delete a catalogue entry (its company admin and the office)."""
    remove_offering(offering=_offering(request, code, offering_id), actor=request.user)
    return Status(204, None)


@router.put("/companies/{code}/partnerships", response=PartnershipWithIdOut)
def partnership_set(request: HttpRequest, code: str, payload: PartnershipIn):
    """Create the partnership with a vendor, or change its level and certifications if the
    company has one (its company admin and the office)."""
    company = _company(request, code)
    vendor = Vendor.objects.filter(pk=payload.vendor_id).first()
    if vendor is None:
        message = _("Unknown vendor: %(value)s.") % {"value": payload.vendor_id}
        raise ValidationError({"vendor_id": message})
    return set_partnership(
        company=company,
        vendor=vendor,
        level=payload.level,
        certifications=payload.certifications,
        actor=request.user,
    )


@router.delete("/companies/{code}/partnerships/{partnership_id}", response={204: None})
def partnership_delete(request: HttpRequest, code: str, partnership_id: int):
    """End a vendor partnership (its company admin and the office)."""
    company = _company(request, code)
    partnership = get_object_or_404(VendorPartnership, company=company, pk=partnership_id)
    remove_partnership(partnership=partnership, actor=request.user)
    return Status(204, None)


@router.put("/companies/{code}/public-finder", response=PublicFinderOut)
def public_finder_update(request: HttpRequest, code: str, payload: PublicFinderIn):
    """Opt the company in to (or out of) the public partner finder (its company admin and
    the office)."""
    company = _company(request, code)
    set_public_finder(company=company, enabled=payload.enabled, actor=request.user)
    return {"enabled": company.public_finder}
