"""Writes on the skills database: a company's skills, markets, catalogue, vendor
partnerships and finder opt-in, and the office's taxonomy.

Every function runs in one transaction, checks the actor's permission, writes the audit log
and rebuilds the company's search document.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from verbund.common.audit import diff, log_action
from verbund.common.permissions import require_perm
from verbund.directory.services import reindex_company
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

# ---------------------------------------------------------------- skills database
# Each write below changes what the company can be found by, so each ends by reindexing it.


def _reindex(company: Company) -> None:
    # The caller may hold the company with its catalogue prefetched: index what is stored now.
    reindex_company(Company.objects.get(pk=company.pk))


def _labels(items: Any) -> list[str]:
    return sorted(str(item) for item in items)


@transaction.atomic
def set_company_skills(*, company: Company, skills: Any, actor: Any) -> Company:
    """Replace the company's skills from the taxonomy. Side effects: audit entry, reindex."""
    require_perm(actor, "members.change_company", company)
    old = _labels(company.skills.all())
    company.skills.set(skills)
    log_action(
        actor=actor,
        action="company.skills",
        obj=company,
        changes={"skills": [old, _labels(skills)]},
    )
    _reindex(company)
    return company


def _clean_regions(regions: list[str]) -> list[str]:
    cleaned = list(dict.fromkeys(region.strip() for region in regions if region.strip()))
    if any(len(region) > 100 for region in cleaned) or len(cleaned) > 30:
        raise ValidationError(
            {"regions_served": _("Name at most 30 regions of at most 100 characters each.")}
        )
    return cleaned


@transaction.atomic
def set_company_markets(
    *,
    company: Company,
    industries: Any,
    customer_sizes: list[str],
    regions_served: list[str],
    actor: Any,
) -> Company:
    """Set the industries, customer sizes and regions a company serves.

    Side effects: audit entry, reindex.
    """
    require_perm(actor, "members.change_company", company)
    unknown = [size for size in customer_sizes if size not in CustomerSize.values]
    if unknown:
        raise ValidationError(
            {"customer_sizes": _("Unknown customer size: %(size)s.") % {"size": unknown[0]}}
        )
    regions = _clean_regions(regions_served)
    sizes = [size for size in CustomerSize.values if size in customer_sizes]
    changes = {
        "industries": [_labels(company.industries.all()), _labels(industries)],
        "customer_sizes": [company.customer_sizes, sizes],
        "regions_served": [company.regions_served, regions],
    }
    company.industries.set(industries)
    company.customer_sizes, company.regions_served = sizes, regions
    company.save(update_fields=["customer_sizes", "regions_served"])
    log_action(actor=actor, action="company.markets", obj=company, changes=changes)
    _reindex(company)
    return company


@transaction.atomic
def add_offering(*, company: Company, title: str, description: str = "", actor: Any) -> Offering:
    """Add an entry at the end of the service catalogue. Side effects: audit entry, reindex."""
    require_perm(actor, "members.change_company", company)
    last = company.offerings.aggregate(last=Max("position"))["last"]
    offering = Offering(
        company=company,
        title=title.strip(),
        description=description.strip(),
        position=0 if last is None else last + 1,
    )
    offering.full_clean()
    offering.save()
    log_action(
        actor=actor,
        action="offering.add",
        obj=company,
        changes={"title": offering.title, "description": offering.description},
    )
    _reindex(company)
    return offering


@transaction.atomic
def update_offering(*, offering: Offering, title: str, description: str, actor: Any) -> Offering:
    """Change a catalogue entry's title and description. Side effects: audit entry, reindex."""
    company = offering.company
    require_perm(actor, "members.change_company", company)
    changes = diff(offering, {"title": title.strip(), "description": description.strip()})
    offering.title, offering.description = title.strip(), description.strip()
    offering.full_clean()
    offering.save()
    log_action(actor=actor, action="offering.update", obj=company, changes=changes)
    _reindex(company)
    return offering


@transaction.atomic
def remove_offering(*, offering: Offering, actor: Any) -> None:
    """Delete a catalogue entry. Side effects: audit entry, reindex."""
    company = offering.company
    require_perm(actor, "members.change_company", company)
    offering.delete()
    log_action(actor=actor, action="offering.remove", obj=company, changes={"title": str(offering)})
    _reindex(company)


@transaction.atomic
def set_partnership(
    *, company: Company, vendor: Vendor, level: str, certifications: str = "", actor: Any
) -> VendorPartnership:
    """Create or update the company's partnership with `vendor`.

    Side effects: audit entry, reindex.
    """
    require_perm(actor, "members.change_company", company)
    if level not in PartnerLevel.values:
        raise ValidationError({"level": _("Choose a partner level from the list.")})
    partnership, created = VendorPartnership.objects.update_or_create(
        company=company,
        vendor=vendor,
        defaults={"level": level, "certifications": certifications.strip()},
    )
    log_action(
        actor=actor,
        action="partnership.add" if created else "partnership.update",
        obj=company,
        changes={"vendor": vendor.name, "level": level, "certifications": certifications.strip()},
    )
    _reindex(company)
    return partnership


@transaction.atomic
def remove_partnership(*, partnership: VendorPartnership, actor: Any) -> None:
    """End a vendor partnership. Side effects: audit entry, reindex."""
    company = partnership.company
    require_perm(actor, "members.change_company", company)
    vendor = partnership.vendor.name
    partnership.delete()
    log_action(actor=actor, action="partnership.remove", obj=company, changes={"vendor": vendor})
    _reindex(company)


@transaction.atomic
def set_public_finder(*, company: Company, enabled: bool, actor: Any) -> Company:
    """Opt the company in to (or out of) the public partner finder.

    Side effects: audit entry, reindex.
    """
    require_perm(actor, "members.change_company", company)
    changes = {"public_finder": [company.public_finder, enabled]}
    company.public_finder = enabled
    company.save(update_fields=["public_finder"])
    log_action(actor=actor, action="company.public_finder", obj=company, changes=changes)
    _reindex(company)
    return company


# ---------------------------------------------------------------- the office's taxonomy


def _check_unique(model: Any, field: str, value: str, message: str, pk: Any = None) -> None:
    # Case-insensitive, so "cloud" does not sit next to "Cloud"; the message names the label.
    if model.objects.filter(**{f"{field}__iexact": value}).exclude(pk=pk).exists():
        raise ValidationError({field: message % {"value": value}})


def _check_labels(model: Any, label_de: str, label_en: str, pk: Any = None) -> None:
    _check_unique(model, "label_de", label_de, _("“%(value)s” is already in the list."), pk)
    _check_unique(model, "label_en", label_en, _("“%(value)s” is already in the list."), pk)


def _synonyms(text: str) -> str:
    return ", ".join(dict.fromkeys(word.strip() for word in text.split(",") if word.strip()))


@transaction.atomic
def create_skill(*, label_de: str, label_en: str, synonyms: str = "", actor: Any) -> Skill:
    """Add a skill to the taxonomy. Side effect: audit entry."""
    require_perm(actor, "members.manage_taxonomy")
    _check_labels(Skill, label_de.strip(), label_en.strip())
    skill = Skill(
        label_de=label_de.strip(), label_en=label_en.strip(), synonyms=_synonyms(synonyms)
    )
    skill.full_clean()
    skill.save()
    log_action(
        actor=actor,
        action="skill.create",
        obj=skill,
        changes={
            "label_de": skill.label_de,
            "label_en": skill.label_en,
            "synonyms": skill.synonyms,
        },
    )
    return skill


@transaction.atomic
def update_skill(*, skill: Skill, label_de: str, label_en: str, synonyms: str, actor: Any) -> Skill:
    """Change a skill's labels and synonyms.

    Side effects: audit entry; every company with the skill is reindexed.
    """
    require_perm(actor, "members.manage_taxonomy")
    data = {"label_de": label_de.strip(), "label_en": label_en.strip()}
    data["synonyms"] = _synonyms(synonyms)
    _check_labels(Skill, data["label_de"], data["label_en"], skill.pk)
    changes = diff(skill, data)
    for field, value in data.items():
        setattr(skill, field, value)
    skill.full_clean()
    skill.save()
    log_action(actor=actor, action="skill.update", obj=skill, changes=changes)
    for company in Company.objects.filter(skills=skill):
        reindex_company(company)
    return skill


@transaction.atomic
def create_vendor(*, name: str, actor: Any) -> Vendor:
    """Add a vendor companies can name as a partner. Side effect: audit entry."""
    require_perm(actor, "members.manage_taxonomy")
    _check_unique(Vendor, "name", name.strip(), _("“%(value)s” is already in the list."))
    vendor = Vendor(name=name.strip())
    vendor.full_clean()
    vendor.save()
    log_action(actor=actor, action="vendor.create", obj=vendor, changes={"name": vendor.name})
    return vendor


@transaction.atomic
def create_industry(*, label_de: str, label_en: str, actor: Any) -> Industry:
    """Add an industry companies can say they serve. Side effect: audit entry."""
    require_perm(actor, "members.manage_taxonomy")
    _check_labels(Industry, label_de.strip(), label_en.strip())
    industry = Industry(label_de=label_de.strip(), label_en=label_en.strip())
    industry.full_clean()
    industry.save()
    changes = {"label_de": industry.label_de, "label_en": industry.label_en}
    log_action(actor=actor, action="industry.create", obj=industry, changes=changes)
    return industry
