"""The skills database by API: the office's taxonomy (/skills, /vendors, /industries) and a
company's skills, markets, catalogue, partnerships and finder opt-in, for the whole cast."""

import json

import pytest

from tests import factories as f
from tests.api.conftest import (
    API,
    de,
    forbidden_body,
    get,
    not_found_body,
    unauthenticated_body,
    warm_client,
)
from tests.conftest import client_for
from verbund.common.models import AuditEntry
from verbund.directory.services import reindex_company
from verbund.members.models import Industry, Offering, Skill, Vendor, VendorPartnership


@pytest.fixture
def taxonomy(db):
    return {
        "security": f.SkillFactory(
            label_de="IT-Sicherheit", label_en="IT security", synonyms="Firewall, NIS2"
        ),
        "cloud": f.SkillFactory(label_de="Cloud", label_en="Cloud"),
        "quantum": f.SkillFactory(label_de="Quantenkryptografie", label_en="Quantum cryptography"),
        "health": f.IndustryFactory(label_de="Gesundheitswesen", label_en="Healthcare"),
        "trade": f.IndustryFactory(label_de="Handwerk", label_en="Crafts"),
        "hp": f.VendorFactory(name="HP"),
        "sophos": f.VendorFactory(name="Sophos"),
    }


@pytest.fixture
def filled(company_a, taxonomy):
    """company_a with one catalogue entry and one partnership (ids for PATCH and DELETE)."""
    return {
        "offering": f.OfferingFactory(
            company=company_a, title="Firewall-Check", description="vor Ort"
        ),
        "partnership": f.VendorPartnershipFactory(
            company=company_a, vendor=taxonomy["hp"], level="silver", certifications="HP ASE"
        ),
    }


def call(user, method: str, path: str, data: dict | None = None):
    """Send `data` as JSON to an API path as `user` (anonymous for None)."""
    send = getattr(client_for(user), method)
    return send(API + path, data=json.dumps(data or {}), content_type="application/json")


def invalid(field: str, message: str, schema: bool = False) -> dict:
    """The 422 body naming `field` (a schema error has the general message on top)."""
    top = de("Please correct the marked fields.") if schema else message
    return {"message": top, "errors": [{"field": field, "message": message}]}


def audit() -> list[tuple]:
    return list(
        AuditEntry.objects.order_by("id").values_list(
            "action", "actor_repr", "object_id", "changes"
        )
    )


def found(user, q: str) -> list[str]:
    """The names the directory finds for `q`, as `user` searches."""
    response = client_for(user).get(API + "/directory", {"q": q})
    return [item["name"] for item in response.json()["items"]]


def _skill(skill) -> dict:
    return {"code": skill.code, "label_de": skill.label_de, "label_en": skill.label_en}


# ---------------------------------------------------------------- reading the taxonomy


@pytest.mark.parametrize("who", ["office", "board", "moderator", "member", "member2"])
def test_taxonomy_lists_for_everyone_in_the_network(cast, taxonomy, who):
    t = taxonomy
    bodies = [get(cast[who], path).json() for path in ("/skills", "/vendors", "/industries")]
    assert bodies == [
        {
            "count": 3,
            "items": [
                {**_skill(t["cloud"]), "synonyms": []},
                {**_skill(t["security"]), "synonyms": ["Firewall", "NIS2"]},
                {**_skill(t["quantum"]), "synonyms": []},
            ],
        },
        {
            "count": 2,
            "items": [{"id": t["hp"].pk, "name": "HP"}, {"id": t["sophos"].pk, "name": "Sophos"}],
        },
        {
            "count": 2,
            "items": [
                {"id": t["health"].pk, "label_de": "Gesundheitswesen", "label_en": "Healthcare"},
                {"id": t["trade"].pk, "label_de": "Handwerk", "label_en": "Crafts"},
            ],
        },
    ]


@pytest.mark.parametrize("path", ["/skills", "/vendors", "/industries"])
def test_taxonomy_lists_guest_403_anonymous_401(cast, taxonomy, path):
    guest, anonymous = get(cast["guest"], path), get(None, path)
    assert [(r.status_code, r.json()) for r in (guest, anonymous)] == [
        (403, forbidden_body()),
        (401, unauthenticated_body()),
    ]


@pytest.mark.parametrize(
    ("path", "name"), [("/skills", "label_de"), ("/vendors", "name"), ("/industries", "label_de")]
)
@pytest.mark.parametrize("extra", [0, 2])
def test_taxonomy_lists_query_count(django_assert_num_queries, member, path, name, extra):
    for number in range(extra + 1):
        f.SkillFactory(label_de=f"Eintrag {number}", synonyms=f"Wort {number}")
        f.VendorFactory(name=f"Eintrag {number}")
        f.IndustryFactory(label_de=f"Eintrag {number}")
    client = warm_client(member)
    with django_assert_num_queries(8):
        response = client.get(API + path)
    names = [item[name] for item in response.json()["items"]]
    assert names == [f"Eintrag {number}" for number in range(extra + 1)]


# ---------------------------------------------------------------- the office keeps the taxonomy


def test_skill_create_by_office(cast, db):
    data = {"label_de": " Backup ", "label_en": "Backup", "synonyms": ["Sicherung", " Restore"]}
    response = call(cast["office"], "post", "/skills", data)
    skill = Skill.objects.get()
    assert (response.status_code, response.json()) == (
        201,
        {**_skill(skill), "synonyms": ["Sicherung", "Restore"]},
    )
    assert (skill.label_de, skill.synonyms) == ("Backup", "Sicherung, Restore")
    assert audit() == [
        (
            "skill.create",
            "office@example.org",
            skill.code,
            {"label_de": "Backup", "label_en": "Backup", "synonyms": "Sicherung, Restore"},
        )
    ]


def test_skill_create_duplicate_label_is_422_naming_the_field(cast, taxonomy):
    data = {"label_de": "cloud", "label_en": "Cloud computing"}
    response = call(cast["office"], "post", "/skills", data)
    message = de("“%(value)s” is already in the list.") % {"value": "cloud"}
    assert (response.status_code, response.json()) == (422, invalid("label_de", message))
    assert (Skill.objects.count(), audit()) == (3, [])


def test_skill_update_by_office_reindexes_its_companies(cast, company_a, taxonomy):
    company_a.skills.add(taxonomy["cloud"])
    reindex_company(company_a)
    before = found(cast["member2"], "Wolkenrechner")
    path = f"/skills/{taxonomy['cloud'].code}"
    response = call(cast["office"], "patch", path, {"synonyms": ["Wolkenrechner"]})
    assert (response.status_code, response.json()) == (
        200,
        {**_skill(taxonomy["cloud"]), "synonyms": ["Wolkenrechner"]},
    )
    assert (before, found(cast["member2"], "Wolkenrechner")) == ([], ["Alpen IT Service GmbH"])
    assert audit()[-1] == (
        "skill.update",
        "office@example.org",
        taxonomy["cloud"].code,
        {"synonyms": ["", "Wolkenrechner"]},
    )


def test_skill_update_empty_label_is_422(cast, taxonomy):
    path = f"/skills/{taxonomy['cloud'].code}"
    response = call(cast["office"], "patch", path, {"label_en": ""})
    message = de("This field cannot be blank.")
    assert (response.status_code, response.json()) == (422, invalid("label_en", message))
    assert (Skill.objects.get(pk=taxonomy["cloud"].pk).label_en, audit()) == ("Cloud", [])


def test_skill_update_unknown_code_is_404(cast, taxonomy):
    response = call(cast["office"], "patch", "/skills/XXXXXXXXXX", {"label_en": "X"})
    assert (response.status_code, response.json()) == (404, not_found_body())


def test_vendor_and_industry_create_by_office(cast, db):
    vendor = call(cast["office"], "post", "/vendors", {"name": "Cisco"})
    industry = call(
        cast["office"], "post", "/industries", {"label_de": "Logistik", "label_en": "Logistics"}
    )
    cisco, logistics = Vendor.objects.get(), Industry.objects.get()
    assert [(r.status_code, r.json()) for r in (vendor, industry)] == [
        (201, {"id": cisco.pk, "name": "Cisco"}),
        (201, {"id": logistics.pk, "label_de": "Logistik", "label_en": "Logistics"}),
    ]
    assert audit() == [
        ("vendor.create", "office@example.org", str(cisco.pk), {"name": "Cisco"}),
        (
            "industry.create",
            "office@example.org",
            str(logistics.pk),
            {"label_de": "Logistik", "label_en": "Logistics"},
        ),
    ]


def test_vendor_create_without_name_is_422(cast, db):
    response = call(cast["office"], "post", "/vendors", {})
    assert (response.status_code, response.json()) == (
        422,
        invalid("name", de("This field is required."), schema=True),
    )


TAXONOMY_WRITES = [
    ("post", "/skills", {"label_de": "Backup", "label_en": "Backup"}),
    ("patch", "/skills/{cloud}", {"label_en": "Cloud services"}),
    ("post", "/vendors", {"name": "Cisco"}),
    ("post", "/industries", {"label_de": "Logistik", "label_en": "Logistics"}),
]


@pytest.mark.parametrize(("method", "path", "data"), TAXONOMY_WRITES)
@pytest.mark.parametrize(
    ("who", "status"),
    [(who, 403) for who in ("board", "moderator", "member", "colleague", "guest")]
    + [("anonymous", 401)],
)
def test_taxonomy_writes_others_refused(cast, taxonomy, method, path, data, who, status):
    path = path.format(cloud=taxonomy["cloud"].code)
    response = call(cast[who], method, path, data)
    body = forbidden_body() if status == 403 else unauthenticated_body()
    assert (response.status_code, response.json()) == (status, body)
    counts = (Skill.objects.count(), Vendor.objects.count(), Industry.objects.count())
    assert (counts, Skill.objects.get(pk=taxonomy["cloud"].pk).label_en, audit()) == (
        (3, 2, 2),
        "Cloud",
        [],
    )


# ---------------------------------------------------------------- a company's skills database


def _offering(offering) -> dict:
    return {"id": offering.pk, "title": offering.title, "description": offering.description}


def _partnership(partnership) -> dict:
    return {
        "id": partnership.pk,
        "vendor_id": partnership.vendor_id,
        "vendor": partnership.vendor.name,
        "level": partnership.level,
        "certifications": partnership.certifications,
    }


COMPANY_WRITES = [
    ("put", "skills", {"skills": []}),
    ("put", "markets", {"industries": [], "customer_sizes": [], "regions_served": []}),
    ("post", "offerings", {"title": "Backup-Check"}),
    ("patch", "offerings/{offering}", {"title": "Anderer Titel"}),
    ("delete", "offerings/{offering}", None),
    ("put", "partnerships", {"vendor_id": "sophos", "level": "gold"}),
    ("delete", "partnerships/{partnership}", None),
    ("put", "public-finder", {"enabled": True}),
]


def _write(company, filled, taxonomy, suffix: str, data: dict | None):
    ids = {
        "offering": filled["offering"].pk,
        "partnership": filled["partnership"].pk,
        "sophos": taxonomy["sophos"].pk,
    }
    path = f"/companies/{company.code}/" + suffix.format(**ids)
    if data and "vendor_id" in data:
        data = {**data, "vendor_id": ids[data["vendor_id"]]}
    return path, data


def _unchanged(company, filled) -> tuple:
    company.refresh_from_db()
    return (
        list(company.skills.all()),
        list(Offering.objects.values_list("pk", "title")),
        list(VendorPartnership.objects.values_list("pk", "level")),
        company.public_finder,
        audit(),
    )


@pytest.mark.parametrize(("method", "suffix", "data"), COMPANY_WRITES)
@pytest.mark.parametrize(
    ("who", "status"),
    [(who, 403) for who in ("colleague", "member2", "moderator", "board")]
    + [("guest", 404), ("anonymous", 401)],
)
def test_company_writes_others_refused(
    cast, company_a, filled, taxonomy, method, suffix, data, who, status
):
    company_a.skills.add(taxonomy["cloud"])
    before = _unchanged(company_a, filled)
    path, data = _write(company_a, filled, taxonomy, suffix, data)
    response = call(cast[who], method, path, data)
    body = {403: forbidden_body(), 404: not_found_body(), 401: unauthenticated_body()}[status]
    assert (response.status_code, response.json()) == (status, body)
    assert _unchanged(company_a, filled) == before


@pytest.mark.parametrize("who", ["member", "office"])
def test_company_skills_replaced_logged_and_indexed(cast, company_a, taxonomy, who):
    company_a.skills.add(taxonomy["cloud"])
    reindex_company(company_a)
    before = found(cast["member2"], "Quantenkryptografie")
    codes = [taxonomy["quantum"].code, taxonomy["security"].code]
    response = call(cast[who], "put", f"/companies/{company_a.code}/skills", {"skills": codes})
    assert (response.status_code, response.json()) == (
        200,
        {"skills": [_skill(taxonomy["security"]), _skill(taxonomy["quantum"])]},
    )
    assert (before, found(cast["member2"], "Quantenkryptografie")) == (
        [],
        ["Alpen IT Service GmbH"],
    )
    assert audit() == [
        (
            "company.skills",
            f"{who}@example.org",
            company_a.code,
            {"skills": [["Cloud"], ["IT-Sicherheit", "Quantenkryptografie"]]},
        )
    ]


def test_company_skills_unknown_code_changes_nothing(cast, company_a, taxonomy):
    company_a.skills.add(taxonomy["cloud"])
    codes = [taxonomy["security"].code, "NOSUCHCODE"]
    response = call(cast["member"], "put", f"/companies/{company_a.code}/skills", {"skills": codes})
    message = de("Unknown skill: %(value)s.") % {"value": "NOSUCHCODE"}
    assert (response.status_code, response.json()) == (422, invalid("skills", message))
    assert (list(company_a.skills.all()), audit()) == ([taxonomy["cloud"]], [])


def test_company_markets_replaced_logged_and_indexed(cast, company_a, taxonomy):
    data = {
        "industries": [taxonomy["trade"].pk, taxonomy["health"].pk],
        "customer_sizes": ["public", "small"],
        "regions_served": ["Schwaben", " Allgäu ", "Schwaben"],
    }
    response = call(cast["member"], "put", f"/companies/{company_a.code}/markets", data)
    industries = [
        {"id": taxonomy["health"].pk, "label_de": "Gesundheitswesen", "label_en": "Healthcare"},
        {"id": taxonomy["trade"].pk, "label_de": "Handwerk", "label_en": "Crafts"},
    ]
    assert (response.status_code, response.json()) == (
        200,
        {
            "industries": industries,
            "customer_sizes": ["small", "public"],
            "regions_served": ["Schwaben", "Allgäu"],
        },
    )
    assert audit() == [
        (
            "company.markets",
            "member@example.org",
            company_a.code,
            {
                "industries": [[], ["Gesundheitswesen", "Handwerk"]],
                "customer_sizes": [[], ["small", "public"]],
                "regions_served": [[], ["Schwaben", "Allgäu"]],
            },
        )
    ]
    assert found(cast["member2"], "Allgäu") == ["Alpen IT Service GmbH"]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"industries": [999999]}, "industries", ("Unknown industry: %(value)s.", "999999")),
        (
            {"customer_sizes": ["huge"]},
            "customer_sizes",
            ("Unknown customer size: %(size)s.", "huge"),
        ),
    ],
)
def test_company_markets_unknown_entry_changes_nothing(
    cast, company_a, taxonomy, data, field, message
):
    data = {"industries": [], "customer_sizes": [], "regions_served": ["Schwaben"], **data}
    response = call(cast["member"], "put", f"/companies/{company_a.code}/markets", data)
    text, value = message
    key = "size" if field == "customer_sizes" else "value"
    expected = invalid(field, de(text) % {key: value})
    company_a.refresh_from_db()
    assert (response.status_code, response.json()) == (422, expected)
    assert (company_a.regions_served, audit()) == ([], [])


def test_offering_added_at_the_end_logged_and_indexed(cast, company_a, filled):
    data = {"title": " Quantenresistente VPN ", "description": "Beratung"}
    response = call(cast["member"], "post", f"/companies/{company_a.code}/offerings", data)
    added = Offering.objects.get(title="Quantenresistente VPN")
    assert (response.status_code, response.json(), added.position) == (
        201,
        {"id": added.pk, "title": "Quantenresistente VPN", "description": "Beratung"},
        filled["offering"].position + 1,
    )
    assert audit() == [
        (
            "offering.add",
            "member@example.org",
            company_a.code,
            {"title": "Quantenresistente VPN", "description": "Beratung"},
        )
    ]
    assert found(cast["member2"], "Quantenresistente") == ["Alpen IT Service GmbH"]


def test_offering_without_title_is_422(cast, company_a, db):
    response = call(
        cast["member"], "post", f"/companies/{company_a.code}/offerings", {"title": " "}
    )
    message = de("This field cannot be blank.")
    assert (response.status_code, response.json()) == (422, invalid("title", message))
    assert (Offering.objects.count(), audit()) == (0, [])


def test_offering_patch_keeps_fields_left_out(cast, company_a, filled):
    offering = filled["offering"]
    path = f"/companies/{company_a.code}/offerings/{offering.pk}"
    response = call(cast["office"], "patch", path, {"title": "Firewall-Audit"})
    assert (response.status_code, response.json()) == (
        200,
        {"id": offering.pk, "title": "Firewall-Audit", "description": "vor Ort"},
    )
    assert audit() == [
        (
            "offering.update",
            "office@example.org",
            company_a.code,
            {"title": ["Firewall-Check", "Firewall-Audit"]},
        )
    ]


def test_offering_delete(cast, company_a, filled):
    path = f"/companies/{company_a.code}/offerings/{filled['offering'].pk}"
    response = call(cast["member"], "delete", path)
    assert (response.status_code, response.content, Offering.objects.count()) == (204, b"", 0)
    assert audit() == [
        ("offering.remove", "member@example.org", company_a.code, {"title": "Firewall-Check"})
    ]


@pytest.mark.parametrize(
    ("kind", "method"),
    [("offerings", "patch"), ("offerings", "delete"), ("partnerships", "delete")],
)
def test_rows_of_another_company_are_404(cast, company_a, company_b, taxonomy, kind, method):
    """An id is looked up within the company in the path: company_b's rows are not there."""
    offering = f.OfferingFactory(company=company_b)
    partnership = f.VendorPartnershipFactory(company=company_b, vendor=taxonomy["hp"])
    row = offering if kind == "offerings" else partnership
    path = f"/companies/{company_a.code}/{kind}/{row.pk}"
    response = call(cast["member"], method, path, {"title": "Gekapert"})
    assert (response.status_code, response.json(), audit()) == (404, not_found_body(), [])


def test_partnership_created_then_updated(cast, company_a, taxonomy):
    path = f"/companies/{company_a.code}/partnerships"
    sophos = taxonomy["sophos"]
    first = call(cast["member"], "put", path, {"vendor_id": sophos.pk, "level": "silver"})
    data = {"vendor_id": sophos.pk, "level": "gold", "certifications": "Sophos CE"}
    second = call(cast["member"], "put", path, data)
    partnership = VendorPartnership.objects.get()
    row = {"id": partnership.pk, "vendor_id": sophos.pk, "vendor": "Sophos"}
    assert [(r.status_code, r.json()) for r in (first, second)] == [
        (200, {**row, "level": "silver", "certifications": ""}),
        (200, {**row, "level": "gold", "certifications": "Sophos CE"}),
    ]
    changes = {"vendor": "Sophos", "level": "gold", "certifications": "Sophos CE"}
    assert audit() == [
        (
            "partnership.add",
            "member@example.org",
            company_a.code,
            {"vendor": "Sophos", "level": "silver", "certifications": ""},
        ),
        ("partnership.update", "member@example.org", company_a.code, changes),
    ]
    assert found(cast["member2"], "Sophos CE") == ["Alpen IT Service GmbH"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            {"vendor_id": 999999, "level": "gold"},
            ("vendor_id", ("Unknown vendor: %(value)s.", {"value": "999999"}), False),
        ),
        ({"level": "diamond"}, ("level", "Choose a partner level from the list.", False)),
        (
            {"level": "gold", "certifications": "x" * 301},
            (
                "certifications",
                ("Enter at most %(limit_value)s characters.", {"limit_value": 300}),
                True,
            ),
        ),
    ],
)
def test_partnership_bad_input_changes_nothing(cast, company_a, taxonomy, data, expected):
    data = {"vendor_id": taxonomy["hp"].pk, **data}
    response = call(cast["member"], "put", f"/companies/{company_a.code}/partnerships", data)
    field, message, schema = expected
    if isinstance(message, tuple):  # translated first, then filled in, as the service does
        shown = de(message[0]) % message[1]
    else:
        shown = message if schema else de(message)
    assert (response.status_code, response.json()) == (422, invalid(field, shown, schema))
    assert (VendorPartnership.objects.count(), audit()) == (0, [])


def test_partnership_delete(cast, company_a, filled):
    path = f"/companies/{company_a.code}/partnerships/{filled['partnership'].pk}"
    response = call(cast["office"], "delete", path)
    assert (response.status_code, response.content) == (204, b"")
    assert (VendorPartnership.objects.count(), audit()) == (
        0,
        [("partnership.remove", "office@example.org", company_a.code, {"vendor": "HP"})],
    )


def test_public_finder_switched_on_and_off(cast, company_a):
    path = f"/companies/{company_a.code}/public-finder"
    on = call(cast["member"], "put", path, {"enabled": True})
    off = call(cast["member"], "put", path, {"enabled": False})
    company_a.refresh_from_db()
    assert [(r.status_code, r.json()) for r in (on, off)] == [
        (200, {"enabled": True}),
        (200, {"enabled": False}),
    ]
    assert (company_a.public_finder, [entry[3] for entry in audit()]) == (
        False,
        [{"public_finder": [False, True]}, {"public_finder": [True, False]}],
    )


# ---------------------------------------------------------------- a company's rows with their ids


@pytest.mark.parametrize("who", ["member2", "colleague", "board", "office"])
def test_company_rows_listed_for_whoever_sees_the_company(cast, company_a, filled, who):
    offerings = get(cast[who], f"/companies/{company_a.code}/offerings")
    partnerships = get(cast[who], f"/companies/{company_a.code}/partnerships")
    assert [(r.status_code, r.json()) for r in (offerings, partnerships)] == [
        (200, {"count": 1, "items": [_offering(filled["offering"])]}),
        (200, {"count": 1, "items": [_partnership(filled["partnership"])]}),
    ]


@pytest.mark.parametrize("kind", ["offerings", "partnerships"])
def test_company_rows_guest_404_anonymous_401(cast, company_a, filled, kind):
    guest = get(cast["guest"], f"/companies/{company_a.code}/{kind}")
    anonymous = get(None, f"/companies/{company_a.code}/{kind}")
    assert [(r.status_code, r.json()) for r in (guest, anonymous)] == [
        (404, not_found_body()),
        (401, unauthenticated_body()),
    ]


@pytest.mark.parametrize("extra", [0, 2])
@pytest.mark.parametrize("kind", ["offerings", "partnerships"])
def test_company_rows_query_count(django_assert_num_queries, member, company_a, kind, extra):
    for number in range(extra + 1):
        f.OfferingFactory(company=company_a, title=f"Eintrag {number}", position=number)
        vendor = f.VendorFactory(name=f"Eintrag {number}")
        f.VendorPartnershipFactory(company=company_a, vendor=vendor)
    client = warm_client(member)
    with django_assert_num_queries(9):
        response = client.get(f"{API}/companies/{company_a.code}/{kind}")
    name = "title" if kind == "offerings" else "vendor"
    names = [item[name] for item in response.json()["items"]]
    assert names == [f"Eintrag {number}" for number in range(extra + 1)]
