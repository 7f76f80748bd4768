"""/office/skills/: the office keeps the taxonomy; nobody else may."""

import pytest

from tests import factories as f
from tests.conftest import client_for
from tests.pages.html import de, element, items, rows
from tests.skills.conftest import errors
from verbund.common.models import AuditEntry
from verbund.directory.models import SearchDocument
from verbund.directory.services import reindex_company
from verbund.members.models import Industry, Skill, Vendor

LIST = "/office/skills/"


def test_skill_list_office_sees_the_taxonomy(cast, company_a, taxonomy):
    company_a.skills.add(taxonomy["security"])
    response = client_for(cast["office"]).get(LIST)
    assert rows(response, "skills") == [
        ["Cloud", "Cloud", "", "0"],
        ["Drucker & MPS", "Printers & managed print", "", "0"],
        ["IT-Sicherheit", "IT security", "Firewall, NIS2", "1"],
    ]
    assert items(response, "vendors") == ["HP 0", "Sophos 0"]
    assert items(response, "industries") == [
        "Gesundheitswesen / Healthcare 0",
        "Handwerk / Crafts 0",
    ]


@pytest.mark.parametrize("who", ["board", "moderator", "member", "colleague", "member2", "guest"])
def test_skill_list_others_get_403(cast, taxonomy, who):
    get = client_for(cast[who]).get(LIST)
    posted = client_for(cast[who]).post(LIST, {"section": "vendor", "vendor-name": "Cisco"})
    assert (get.status_code, posted.status_code, element(get, "skills")) == (403, 403, None)
    assert list(Vendor.objects.values_list("name", flat=True)) == ["HP", "Sophos"]


def test_skill_list_anonymous_goes_to_login(db):
    response = client_for(None).get(LIST)
    assert (response.status_code, response["Location"]) == (
        302,
        "/accounts/login/?next=/office/skills/",
    )


def test_skill_list_is_in_the_office_nav(cast):
    response = client_for(cast["office"]).get("/office/")
    nav = (
        [a.attrs["href"] for a in element(response, "main").find_all("a")]
        if element(response, "main")
        else []
    )
    assert "/office/skills/" in nav or LIST in response.content.decode()


def test_skill_created_and_logged(cast):
    response = client_for(cast["office"]).post(
        LIST,
        {
            "section": "skill",
            "skill-label_de": "Rechenzentrum",
            "skill-label_en": "Data centre",
            "skill-synonyms": "RZ, Colocation ,, RZ",
        },
    )
    skill = Skill.objects.get()
    assert (response.status_code, skill.label_en, skill.synonyms) == (
        302,
        "Data centre",
        "RZ, Colocation",
    )
    assert AuditEntry.objects.get(action="skill.create").changes == {
        "label_de": "Rechenzentrum",
        "label_en": "Data centre",
        "synonyms": "RZ, Colocation",
    }


def test_skill_with_a_taken_label_is_refused(cast, taxonomy):
    response = client_for(cast["office"]).post(
        LIST, {"section": "skill", "skill-label_de": "Cloud", "skill-label_en": "Cloud computing"}
    )
    assert (response.status_code, errors(response)) == (
        200,
        [de("“%(value)s” is already in the list.") % {"value": "Cloud"}],
    )
    assert (Skill.objects.count(), AuditEntry.objects.count()) == (3, 0)


def test_vendor_and_industry_created_and_duplicates_refused(cast, taxonomy):
    client = client_for(cast["office"])
    client.post(LIST, {"section": "vendor", "vendor-name": "Cisco"})
    client.post(
        LIST,
        {"section": "industry", "industry-label_de": "Logistik", "industry-label_en": "Logistics"},
    )
    duplicate = client.post(LIST, {"section": "vendor", "vendor-name": "HP"})
    empty = client.post(LIST, {"section": "industry", "industry-label_de": ""})
    assert list(Vendor.objects.values_list("name", flat=True)) == ["Cisco", "HP", "Sophos"]
    assert list(Industry.objects.values_list("label_en", flat=True)) == [
        "Healthcare",
        "Crafts",
        "Logistics",
    ]
    assert errors(duplicate) == [de("“%(value)s” is already in the list.") % {"value": "HP"}]
    assert errors(empty) == [de("This field is required."), de("This field is required.")]
    assert list(AuditEntry.objects.order_by("pk").values_list("action", flat=True)) == [
        "vendor.create",
        "industry.create",
    ]


def test_skill_edit_updates_labels_and_reindexes_companies(cast, company_a, taxonomy):
    skill = taxonomy["cloud"]
    company_a.skills.add(skill)
    reindex_company(company_a)
    response = client_for(cast["office"]).post(
        f"/office/skills/{skill.code}/",
        {"label_de": "Cloud-Dienste", "label_en": "Cloud services", "synonyms": "Azure, AWS"},
    )
    text = SearchDocument.objects.get(company=company_a).text.split("\n")
    assert (response.status_code, response["Location"]) == (302, LIST)
    assert text[text.index("cloud-dienste") : text.index("cloud-dienste") + 4] == [
        "cloud-dienste",
        "cloud services",
        "azure",
        "aws",
    ]
    assert AuditEntry.objects.get(action="skill.update").changes == {
        "label_de": ["Cloud", "Cloud-Dienste"],
        "label_en": ["Cloud", "Cloud services"],
        "synonyms": ["", "Azure, AWS"],
    }


def test_skill_edit_with_a_taken_label_is_refused(cast, taxonomy):
    skill = taxonomy["cloud"]
    response = client_for(cast["office"]).post(
        f"/office/skills/{skill.code}/",
        {"label_de": "IT-Sicherheit", "label_en": "Cloud"},
    )
    skill.refresh_from_db()
    assert (response.status_code, errors(response), skill.label_de) == (
        200,
        [de("“%(value)s” is already in the list.") % {"value": "IT-Sicherheit"}],
        "Cloud",
    )
    assert AuditEntry.objects.count() == 0


@pytest.mark.parametrize("who", ["member", "board"])
def test_skill_edit_others_get_403(cast, taxonomy, who):
    response = client_for(cast[who]).post(
        f"/office/skills/{taxonomy['cloud'].code}/", {"label_de": "X", "label_en": "X"}
    )
    assert (response.status_code, Skill.objects.get(pk=taxonomy["cloud"].pk).label_de) == (
        403,
        "Cloud",
    )


@pytest.mark.parametrize("extra", [1, 3])
def test_skill_list_query_count_is_constant(office, extra, django_assert_num_queries):
    for number in range(extra):
        f.SkillFactory(label_de=f"Fähigkeit {number}", label_en=f"Skill {number}")
        f.VendorFactory(name=f"Hersteller {number}")
        f.IndustryFactory(label_de=f"Branche {number}", label_en=f"Industry {number}")
    client = client_for(office)
    with django_assert_num_queries(11):
        response = client.get(LIST)
    assert [row[0] for row in rows(response, "skills")] == [
        f"Fähigkeit {number}" for number in range(extra)
    ]
    assert items(response, "vendors") == [f"Hersteller {number} 0" for number in range(extra)]
