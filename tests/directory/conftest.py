"""Directory data on top of the cast: skills, vendors and offerings, indexed."""

from decimal import Decimal

import pytest

from tests import factories as f
from verbund.directory.services import reindex_company
from verbund.members.models import Company


@pytest.fixture
def skills(db):
    return {
        "security": f.SkillFactory(
            label_de="IT-Sicherheit", label_en="IT security", synonyms="Cybersecurity"
        ),
        "network": f.SkillFactory(
            label_de="Netzwerktechnik", label_en="Networking", synonyms="LAN, WLAN"
        ),
        "datacenter": f.SkillFactory(
            label_de="Rechenzentrum", label_en="Data centre", synonyms="Colocation, Datacenter"
        ),
    }


@pytest.fixture
def westpark(group_a, skills):
    company = f.CompanyFactory(
        name="Westpark IT-Consulting GmbH",
        home_group=group_a,
        annual_revenue=Decimal("3000000.00"),
    )
    company.skills.add(skills["security"])
    f.VendorPartnershipFactory(company=company, vendor=f.VendorFactory(name="Sophos"))
    f.OfferingFactory(company=company, title="Firewall-Betreuung")
    return company


@pytest.fixture
def directory_data(cast, company_a, company_b, skills, westpark):
    """Five active companies: Alpen IT Service (member's own), Isar Netzwerke (moderator's,
    also security), Lech Systemhaus (networks, Cisco, Schwaben serving Oberbayern), Donau
    Datacenter (Niederbayern), Westpark IT-Consulting (security, Sophos)."""
    isar = Company.objects.get(name="Isar Netzwerke GmbH")
    isar.skills.add(skills["security"])
    company_b.skills.add(skills["network"])
    Company.objects.filter(pk=company_b.pk).update(region="Schwaben", regions_served=["Oberbayern"])
    f.VendorPartnershipFactory(company=company_b, vendor=f.VendorFactory(name="Cisco"))
    f.OfferingFactory(company=company_b, title="Netzwerke und WLAN")
    donau = Company.objects.get(name="Donau Datacenter AG")
    donau.skills.add(skills["datacenter"])
    Company.objects.filter(pk=donau.pk).update(region="Niederbayern")
    for company in Company.objects.all():
        reindex_company(company)
    return cast
