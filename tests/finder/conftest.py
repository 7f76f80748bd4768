"""Finder data on top of the cast: company_a and company_b opted in, the moderator's not."""

import pytest
from django.core.cache import cache

from tests import factories as f
from verbund.directory.services import reindex_company
from verbund.members.models import Company


@pytest.fixture(autouse=True)
def _empty_cache():
    # The rate limit counts in the cache; every test starts with none sent.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def finder_data(cast, company_a, company_b):
    """Three companies offering network security: Alpen IT Service (company_a, opted in),
    Lech Systemhaus (company_b, opted in) and Isar Netzwerke (moderator's, NOT opted in);
    plus Donau Datacenter (board's, opted in, no match)."""
    security = f.SkillFactory(label_de="IT-Sicherheit", label_en="IT security", synonyms="Firewall")
    Company.objects.filter(pk=company_a.pk).update(
        public_finder=True, website="https://alpen.example", description="Firewalls und Netze."
    )
    Company.objects.filter(pk=company_b.pk).update(public_finder=True, region="Schwaben")
    Company.objects.filter(name="Donau Datacenter AG").update(public_finder=True)
    for company in Company.objects.filter(
        name__in=["Alpen IT Service GmbH", "Lech Systemhaus GmbH", "Isar Netzwerke GmbH"]
    ):
        company.skills.add(security)
        f.OfferingFactory(company=company, title=f"Firewall-Betreuung {company.name.split()[0]}")
    for company in Company.objects.all():
        reindex_company(company)
    return cast
