"""`verbund demo` fills the skills database believably and indexes every company."""

from django.db.models import Count

from verbund.admissions.models import Stage
from verbund.common.demo import names
from verbund.directory.models import SearchDocument
from verbund.members.models import Company, Industry, Offering, Skill, Vendor, VendorPartnership


def skill_counts() -> dict[str, object]:
    # The network's 60 companies: the history's rejected and withdrawn candidates filled in
    # only their application.
    network = Company.objects.exclude(applications__stage__in=(Stage.REJECTED, Stage.WITHDRAWN))
    companies = network.annotate(
        skills_n=Count("skills", distinct=True),
        offerings_n=Count("offerings", distinct=True),
        partnerships_n=Count("partnerships", distinct=True),
        industries_n=Count("industries", distinct=True),
    )
    return {
        "skills": Skill.objects.count(),
        "vendors": Vendor.objects.count(),
        "industries": Industry.objects.count(),
        "offerings": Offering.objects.count(),
        "partnerships": VendorPartnership.objects.count(),
        "company_skills": Company.skills.through.objects.count(),
        "public_finder": Company.objects.filter(public_finder=True).count(),
        "documents": SearchDocument.objects.count(),
        "skills_range": (
            min(c.skills_n for c in companies),
            max(c.skills_n for c in companies),
        ),
        "offerings_range": (
            min(c.offerings_n for c in companies),
            max(c.offerings_n for c in companies),
        ),
        "partnerships_range": (
            min(c.partnerships_n for c in companies),
            max(c.partnerships_n for c in companies),
        ),
        "industries_range": (
            min(c.industries_n for c in companies),
            max(c.industries_n for c in companies),
        ),
        "without_sizes_or_regions": network.filter(customer_sizes=[]).count()
        + network.filter(regions_served=[]).count(),
    }


def test_demo_fills_every_company_skills_database(db, demo):
    assert skill_counts() == {
        "skills": 30,
        "vendors": 14,
        "industries": 10,
        "offerings": 143,
        "partnerships": 105,
        "company_skills": 268,
        "public_finder": 20,
        "documents": 66,  # the candidates are indexed too
        "skills_range": (2, 6),
        "offerings_range": (1, 4),
        "partnerships_range": (1, 3),
        "industries_range": (1, 3),
        "without_sizes_or_regions": 0,
    }


def test_demo_company_kind_decides_its_core_skills(db, demo):
    datacenters = Company.objects.filter(description=names.COMPANY_KINDS["Datacenter"])
    with_data_centre = datacenters.filter(skills__label_en="Data centre")
    assert (datacenters.count() > 0, with_data_centre.count()) == (True, datacenters.count())


def test_demo_search_documents_hold_the_skills(db, demo):
    company = Company.objects.filter(skills__label_de="IT-Sicherheit").order_by("pk").first()
    lines = SearchDocument.objects.get(company=company).text.split("\n")
    assert lines[lines.index("it-sicherheit") : lines.index("it-sicherheit") + 6] == [
        "it-sicherheit",
        "it security",
        "firewall",
        "virenschutz",
        "nis2",
        "cybersecurity",
    ]
