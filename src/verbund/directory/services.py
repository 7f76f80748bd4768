"""Keeping the search index in step with the data: called by every service that changes
what a company can be found by (no nightly job)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from verbund.common.audit import log_action
from verbund.common.mail import queue_mail
from verbund.directory.models import Lead, LeadRecipient, SearchDocument
from verbund.directory.queries import public_search
from verbund.members.models import Person


def public_document_text(company: Any) -> str:
    """What the public finder may match: the fields it shows (name, place, description,
    offerings, skills). Uses plain fields only, so the migration that filled it could too."""
    parts: list[str] = [company.name, company.city, company.region, company.description]
    for offering in company.offerings.all():
        parts += [offering.title, offering.description]
    for skill in company.skills.all():
        synonyms = [word.strip() for word in skill.synonyms.split(",")]
        parts += [skill.label_de, skill.label_en, *synonyms]
    return "\n".join(part for part in parts if part)


def document_text(company: Any, public: str | None = None) -> str:
    """The searchable text of a company, German and English side by side: the public part
    (`public`, if already built) and what members may search besides (vendors, industries,
    regions served, people)."""
    parts: list[str] = [public_document_text(company) if public is None else public]
    for partnership in company.partnerships.select_related("vendor"):
        parts += [partnership.vendor.name, partnership.certifications]
    for industry in company.industries.all():
        parts += [industry.label_de, industry.label_en]
    parts += [str(region) for region in company.regions_served or []]
    for person in company.people.all():
        parts += [person.function, person.expertise]
    return "\n".join(part for part in parts if part)


def reindex_company(company: Any) -> SearchDocument:
    """Rebuild one company's search document. Call inside the changing service's transaction.

    Stored lowercased: the engines then match trigrams without folding case per search."""
    public = public_document_text(company)
    document, _created = SearchDocument.objects.update_or_create(
        company=company,
        defaults={
            "text": document_text(company, public).lower(),
            "public_text": public.lower(),
        },
    )
    return document


MAX_LEAD_COMPANIES = 5
CONSENT_TEXT = gettext_lazy(
    "I agree that my details are passed to the selected member companies to answer my request"
)


@transaction.atomic
def send_lead(
    *,
    customer_name: str,
    customer_company: str,
    customer_email: str,
    customer_phone: str,
    need: str,
    region: str,
    consent: bool,
    company_codes: list[str],
    searched_need: str | None = None,
    searched_region: str | None = None,
    language: str = "de",
) -> Lead:
    """Store a customer's request from the public finder and send it to the chosen companies.

    Only companies the finder matched may be chosen (at most five): matched for the need and
    region searched (`searched_*`, defaulting to the request's own need and region).
    Side effects: one Lead, one LeadRecipient per company, one e-mail per admin of each
    company (after commit, in the admin's language), one audit entry (actor: the system).
    """
    if not consent:
        raise ValidationError({"consent": _("Please agree that we pass on your details.")})
    codes = set(company_codes)
    if not codes:
        raise ValidationError({"companies": _("Please choose at least one company.")})
    if len(codes) > MAX_LEAD_COMPANIES:
        raise ValidationError(
            {
                "companies": _("Please choose at most %(max)d companies.")
                % {"max": MAX_LEAD_COMPANIES}
            }
        )
    found = public_search(
        need if searched_need is None else searched_need,
        region if searched_region is None else searched_region,
    )
    matched = {result.company.code: result.company for result in found}
    if not codes <= set(matched):
        raise ValidationError({"companies": _("Please choose among the companies found.")})
    lead = Lead(
        customer_name=customer_name,
        customer_company=customer_company,
        customer_email=customer_email,
        customer_phone=customer_phone,
        need=need,
        region=region,
        consent_at=timezone.now(),
        language=language,
    )
    lead.full_clean()
    lead.save()
    companies = [matched[code] for code in sorted(codes)]
    LeadRecipient.objects.bulk_create(
        [LeadRecipient(lead=lead, company=company) for company in companies]
    )
    admins = Person.objects.filter(
        company__in=companies, is_company_admin=True, user__is_active=True
    ).select_related("user", "company")
    for admin in admins:
        assert admin.user is not None  # the query above asks for an active login
        queue_mail(
            to=admin.user.email,
            template="directory/mail/lead",
            context={"lead": lead, "person": admin, "company": admin.company},
            language=admin.user.language,
        )
    log_action(
        actor=None,
        action="lead.send",
        obj=lead,
        changes={"companies": [company.name for company in companies]},
    )
    return lead


@transaction.atomic
def mark_lead_seen(*, actor: Any, recipient: LeadRecipient) -> None:
    """Note that the recipient company opened the lead (the first time only).

    Side effects: sets `seen_at` and writes one audit entry, once.
    """
    if recipient.seen_at is not None:
        return
    recipient.seen_at = timezone.now()
    recipient.save(update_fields=["seen_at"])
    log_action(actor=actor, action="lead.seen", obj=recipient.lead)
