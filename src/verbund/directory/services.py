"""Keeping the search index in step with the data: called by every service that changes
what a company can be found by (no nightly job)."""

from __future__ import annotations

from typing import Any

from verbund.directory.models import SearchDocument


def document_text(company: Any) -> str:
    """The searchable text of a company, German and English side by side."""
    parts: list[str] = [company.name, company.city, company.region, company.description]
    for offering in company.offerings.all():
        parts += [offering.title, offering.description]
    for skill in company.skills.all():
        parts += [skill.label_de, skill.label_en, *skill.synonym_list]
    for partnership in company.partnerships.select_related("vendor"):
        parts += [partnership.vendor.name, partnership.certifications]
    for industry in company.industries.all():
        parts += [industry.label_de, industry.label_en]
    parts += [str(region) for region in company.regions_served or []]
    for person in company.people.all():
        parts += [person.function, person.expertise]
    return "\n".join(part for part in parts if part)


def reindex_company(company: Any) -> SearchDocument:
    """Rebuild one company's search document. Call inside the changing service's transaction."""
    document, _created = SearchDocument.objects.update_or_create(
        company=company, defaults={"text": document_text(company)}
    )
    return document
