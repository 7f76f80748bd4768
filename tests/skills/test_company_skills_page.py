"""/companies/<code>/skills/: the company admin edits the skills database, for the whole cast."""

import pytest

from tests import factories as f
from tests.conftest import client_for
from tests.pages.html import de, element, items, parse
from tests.skills.conftest import checked, errors
from verbund.common.models import AuditEntry
from verbund.directory.models import SearchDocument
from verbund.directory.services import document_text
from verbund.members.models import Offering, VendorPartnership


def url(company) -> str:
    return f"/companies/{company.code}/skills/"


def post(user, company, **data):
    return client_for(user).post(url(company), data)


def new_lines(company, before: str) -> list[str]:
    """The lines of the company's search document that the text `before` did not have."""
    old = before.lower().split("\n")
    return [
        line
        for line in SearchDocument.objects.get(company=company).text.split("\n")
        if line not in old
    ]


# ---------------------------------------------------------------- cast


@pytest.mark.parametrize("who", ["member", "office"])
def test_skills_page_admin_and_office_may(cast, company_a, taxonomy, who):
    company_a.skills.add(taxonomy["cloud"])
    response = client_for(cast[who]).get(url(company_a))
    assert (response.status_code, checked(response, "skills")) == (
        200,
        [str(taxonomy["cloud"].pk)],
    )


@pytest.mark.parametrize("who", ["colleague", "member2", "moderator", "board"])
def test_skills_page_others_who_see_the_company_get_403(cast, company_a, taxonomy, who):
    get = client_for(cast[who]).get(url(company_a))
    before = AuditEntry.objects.count()
    posted = post(cast[who], company_a, section="skills", skills=[taxonomy["cloud"].pk])
    assert (get.status_code, posted.status_code, element(get, "skill-choices")) == (
        403,
        403,
        None,
    )
    assert (list(company_a.skills.all()), AuditEntry.objects.count()) == ([], before)


def test_skills_page_guest_gets_404(cast, company_a):
    response = client_for(cast["guest"]).get(url(company_a))
    assert (response.status_code, "Alpen IT" in response.content.decode()) == (404, False)


def test_skills_page_anonymous_goes_to_login(company_a):
    response = client_for(None).get(url(company_a))
    assert (response.status_code, response["Location"]) == (
        302,
        f"/accounts/login/?next=/companies/{company_a.code}/skills/",
    )


def test_skills_page_is_linked_from_the_edit_page(cast, company_a):
    response = client_for(cast["member"]).get(f"/companies/{company_a.code}/edit/")
    assert element(response, "skills-link").attrs["href"] == url(company_a)


# ---------------------------------------------------------------- saving


def test_skills_saved_logged_and_indexed(cast, company_a, taxonomy):
    before = document_text(company_a)
    skills = [taxonomy["security"].pk, taxonomy["cloud"].pk]
    response = post(cast["member"], company_a, section="skills", skills=skills)
    entry = AuditEntry.objects.get(action="company.skills")
    assert (response.status_code, response["Location"]) == (302, url(company_a))
    assert sorted(s.label_de for s in company_a.skills.all()) == ["Cloud", "IT-Sicherheit"]
    assert entry.changes == {"skills": [[], ["Cloud", "IT-Sicherheit"]]}
    assert new_lines(company_a, before) == [
        "cloud",
        "cloud",
        "it-sicherheit",
        "it security",
        "firewall",
        "nis2",
    ]


def test_skills_unknown_skill_is_refused(cast, company_a, taxonomy):
    response = post(cast["member"], company_a, section="skills", skills=["999999"])
    assert (response.status_code, errors(response)) == (
        200,
        [
            de("Select a valid choice. %(value)s is not one of the available choices.")
            % {"value": "999999"}
        ],
    )
    assert (list(company_a.skills.all()), AuditEntry.objects.count()) == ([], 0)


def test_markets_saved_logged_and_indexed(cast, company_a, taxonomy):
    before = document_text(company_a)
    response = post(
        cast["member"],
        company_a,
        section="markets",
        industries=[taxonomy["health"].pk],
        customer_sizes=["public", "small"],
        regions_served="Oberbayern, Schwaben , ,Oberbayern",
    )
    company_a.refresh_from_db()
    assert (response.status_code, company_a.customer_sizes, company_a.regions_served) == (
        302,
        ["small", "public"],
        ["Oberbayern", "Schwaben"],
    )
    assert AuditEntry.objects.get(action="company.markets").changes == {
        "industries": [[], ["Gesundheitswesen"]],
        "customer_sizes": [[], ["small", "public"]],
        "regions_served": [[], ["Oberbayern", "Schwaben"]],
    }
    assert new_lines(company_a, before) == [
        "gesundheitswesen",
        "healthcare",
        "schwaben",  # Oberbayern was already there: the company's own region
    ]


def test_markets_unknown_customer_size_is_refused(cast, company_a, taxonomy):
    response = post(cast["member"], company_a, section="markets", customer_sizes=["huge"])
    company_a.refresh_from_db()
    assert (response.status_code, errors(response)) == (
        200,
        [
            de("Select a valid choice. %(value)s is not one of the available choices.")
            % {"value": "huge"}
        ],
    )
    assert (company_a.customer_sizes, AuditEntry.objects.count()) == ([], 0)


def test_markets_too_long_region_is_refused(cast, company_a):
    response = post(cast["member"], company_a, section="markets", regions_served="x" * 101)
    company_a.refresh_from_db()
    assert (response.status_code, errors(response)) == (
        200,
        [de("Name at most 30 regions of at most 100 characters each.")],
    )
    assert (company_a.regions_served, AuditEntry.objects.count()) == ([], 0)


def test_offering_added_logged_and_indexed(cast, company_a):
    before = document_text(company_a)
    response = post(
        cast["member"],
        company_a,
        section="offering_add",
        **{"add-title": "Firewall-Check", "add-description": "Prüfung vor Ort"},
    )
    offering = Offering.objects.get(company=company_a)
    assert (response.status_code, offering.title, offering.description) == (
        302,
        "Firewall-Check",
        "Prüfung vor Ort",
    )
    assert AuditEntry.objects.get(action="offering.add").changes == {
        "title": "Firewall-Check",
        "description": "Prüfung vor Ort",
    }
    assert new_lines(company_a, before) == ["firewall-check", "prüfung vor ort"]


def test_offering_without_title_is_refused(cast, company_a):
    response = post(cast["member"], company_a, section="offering_add", **{"add-title": " "})
    assert (response.status_code, errors(response)) == (200, [de("This field is required.")])
    assert (Offering.objects.count(), AuditEntry.objects.count()) == (0, 0)


def test_offering_updated_and_removed(cast, company_a):
    before = document_text(company_a)
    offering = f.OfferingFactory(company=company_a, title="Alt")
    edit_page = client_for(cast["member"]).get(url(company_a) + f"?edit={offering.pk}")
    updated = post(
        cast["member"],
        company_a,
        section="offering_update",
        offering=offering.pk,
        **{"edit-title": "Neu", "edit-description": "Beschreibung"},
    )
    offering.refresh_from_db()
    indexed = new_lines(company_a, before)
    removed = post(cast["member"], company_a, section="offering_remove", offering=offering.pk)
    assert element(edit_page, "id_edit-title").attrs["value"] == "Alt"
    assert (updated.status_code, offering.title, indexed) == (302, "Neu", ["neu", "beschreibung"])
    assert (removed.status_code, Offering.objects.count()) == (302, 0)
    assert list(AuditEntry.objects.order_by("pk").values_list("action", "changes")) == [
        ("offering.update", {"title": ["Alt", "Neu"], "description": ["", "Beschreibung"]}),
        ("offering.remove", {"title": "Neu"}),
    ]
    assert new_lines(company_a, before) == []


def test_offering_update_with_empty_title_is_refused(cast, company_a):
    offering = f.OfferingFactory(company=company_a, title="Alt")
    response = post(
        cast["member"],
        company_a,
        section="offering_update",
        offering=offering.pk,
        **{"edit-title": ""},
    )
    offering.refresh_from_db()
    assert (response.status_code, errors(response), offering.title) == (
        200,
        [de("This field is required.")],
        "Alt",
    )


def test_offering_of_another_company_gets_404(cast, company_a, company_b):
    offering = f.OfferingFactory(company=company_b, title="Fremd")
    response = post(cast["member"], company_a, section="offering_remove", offering=offering.pk)
    assert (response.status_code, Offering.objects.get().title) == (404, "Fremd")


def test_partnership_set_updated_removed_and_indexed(cast, company_a, taxonomy):
    before = document_text(company_a)
    hp = taxonomy["hp"].pk
    post(cast["member"], company_a, section="partnership", vendor=hp, level="silver")
    response = post(
        cast["member"],
        company_a,
        section="partnership",
        vendor=hp,
        level="gold",
        certifications="HP Amplify Power Services",
    )
    partnership = VendorPartnership.objects.get(company=company_a)
    indexed = new_lines(company_a, before)
    page = client_for(cast["member"]).get(url(company_a))
    removed = post(
        cast["member"], company_a, section="partnership_remove", partnership=partnership.pk
    )
    assert (response.status_code, partnership.level, indexed) == (
        302,
        "gold",
        ["hp", "hp amplify power services"],
    )
    assert items(page, "partnerships")[0].startswith(f"HP · {de('Gold partner')}")
    assert (removed.status_code, VendorPartnership.objects.count()) == (302, 0)
    assert list(AuditEntry.objects.order_by("pk").values_list("action", flat=True)) == [
        "partnership.add",
        "partnership.update",
        "partnership.remove",
    ]


def test_partnership_without_vendor_or_with_unknown_level_is_refused(cast, company_a, taxonomy):
    response = post(cast["member"], company_a, section="partnership", level="diamond")
    assert (response.status_code, errors(response)) == (
        200,
        [
            de("This field is required."),
            de("Select a valid choice. %(value)s is not one of the available choices.")
            % {"value": "diamond"},
        ],
    )
    assert (VendorPartnership.objects.count(), AuditEntry.objects.count()) == (0, 0)


def test_public_finder_opt_in_and_out(cast, company_a):
    opted_in = post(cast["member"], company_a, section="finder", enabled="on")
    company_a.refresh_from_db()
    was = company_a.public_finder
    post(cast["member"], company_a, section="finder")
    company_a.refresh_from_db()
    assert (opted_in.status_code, was, company_a.public_finder) == (302, True, False)
    assert list(AuditEntry.objects.order_by("pk").values_list("changes", flat=True)) == [
        {"public_finder": [False, True]},
        {"public_finder": [True, False]},
    ]
    assert SearchDocument.objects.filter(company=company_a).count() == 1


def test_unknown_section_is_refused(cast, company_a):
    response = post(cast["member"], company_a, section="revenue")
    assert (response.status_code, AuditEntry.objects.count()) == (400, 0)


# ---------------------------------------------------------------- the profile shows it


def test_company_detail_shows_the_skills_database(cast, company_a, taxonomy):
    company_a.skills.add(taxonomy["security"], taxonomy["cloud"])
    company_a.industries.add(taxonomy["trade"])
    company_a.regions_served = ["Oberbayern", "Schwaben"]
    company_a.save()
    f.OfferingFactory(company=company_a, title="Firewall-Check", description="vor Ort")
    f.VendorPartnershipFactory(
        company=company_a, vendor=taxonomy["sophos"], level="gold", certifications="Sophos CE"
    )
    response = client_for(cast["member2"]).get(f"/companies/{company_a.code}/")
    skills = [span.text() for span in element(response, "skills").find_all("span")]
    assert skills == ["Cloud", "IT-Sicherheit"]
    assert items(response, "offerings") == ["Firewall-Check \N{EN DASH} vor Ort"]
    assert items(response, "partnerships") == [f"Sophos · {de('Gold partner')} (Sophos CE)"]
    assert element(response, "industries").text() == "Handwerk"
    assert element(response, "regions-served").text() == "Oberbayern, Schwaben"
    assert element(response, "edit-skills") is None


# ---------------------------------------------------------------- query counts


@pytest.mark.parametrize("extra", [1, 3])
def test_skills_page_query_count_is_constant(member, company_a, extra, django_assert_num_queries):
    for number in range(extra):
        skill = f.SkillFactory(label_de=f"Fähigkeit {number}", label_en=f"Skill {number}")
        company_a.skills.add(skill)
        f.OfferingFactory(company=company_a, title=f"Leistung {number}")
        f.VendorPartnershipFactory(company=company_a, vendor=f.VendorFactory(name=f"V{number}"))
    client = client_for(member)
    with django_assert_num_queries(15):
        response = client.get(url(company_a))
    expected = [f"Leistung {number}" for number in range(extra)]
    assert [
        li.find_all("strong")[0].text() for li in element(response, "offerings").find_all("li")
    ] == expected
    assert len(checked(response, "skills")) == extra
    assert [p.text().split(" · ")[0] for p in element(response, "partnerships").find_all("li")] == [
        f"V{number}" for number in range(extra)
    ]
    assert len(parse(response).find_all("form")) >= 6
