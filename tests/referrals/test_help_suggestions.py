"""Won referrals in the "who can help" suggestions: counted only on the directory's own terms
(skill labels and synonyms, vendor names, offering titles) found in the need, and shown only
from two won referrals on a term up, so that no single deal and no free word (a customer's
name) can be probed."""

# The directory fixtures (and the help request ones) are imported, not in a conftest.
# ruff: noqa: F811

import pytest

from tests import factories as f
from tests.api.conftest import get
from tests.directory.conftest import directory_data, skills, westpark  # noqa: F401
from tests.referrals.test_help_services import NEED, _english, _won, helpers  # noqa: F401
from verbund.directory.services import reindex_company
from verbund.referrals.queries import suggest_helpers

WESTPARK_REASONS = [
    "Firewall",
    "IT security (skill)",
    "Sophos (vendor)",
    "Firewall-Betreuung (offering)",
]


def _listed(user, need):
    return [(s.company.name, s.won, s.reasons) for s in suggest_helpers(user, need)]


def test_free_words_of_a_won_referral_never_count(helpers):
    # The customer's name is in two won referrals' needs; it is no term of the directory.
    _won(helpers["member"], helpers["board"], "Ayinger Brauerei: Firewall mit Sophos")
    _won(helpers["member2"], helpers["board"], "Ayinger Brauerei, zweiter Standort")
    assert _listed(helpers["member"], "Ayinger") == []
    response = get(helpers["member"], "/help-requests/suggestions?need=Ayinger")
    assert (response.status_code, response.json()) == (200, [])


def test_one_won_referral_on_a_term_is_never_pointed_at(helpers):
    _won(helpers["member2"], helpers["board"], "Sophos für die Kanzlei")
    assert _listed(helpers["member"], "Sophos") == [
        ("Westpark IT-Consulting GmbH", 0, ["Sophos (vendor)"])
    ]


def test_two_won_referrals_on_a_term_boost_and_name_the_term(helpers):
    # Donau: two on the vendor Sophos (any case, in a compound); Lech: two on the skill
    # IT-Sicherheit (also written with a space); Isar: one on it (not shown), one on printers.
    _won(helpers["member"], helpers["board"], "Sophos-Firewall für eine Praxis")
    _won(helpers["member2"], helpers["board"], "Neue Lizenzen für SOPHOS")
    _won(helpers["member"], helpers["member2"], "IT-Sicherheit für eine Kanzlei")
    _won(helpers["member"], helpers["member2"], "Ein Audit der IT Sicherheit")
    _won(helpers["member"], helpers["moderator"], "IT-Sicherheit im Büro")
    _won(helpers["member"], helpers["moderator"], "Drucker für das Büro")
    assert _listed(helpers["member"], NEED) == [
        ("Westpark IT-Consulting GmbH", 0, WESTPARK_REASONS),
        ("Donau Datacenter AG", 2, ["won referrals on “Sophos”"]),
        ("Lech Systemhaus GmbH", 2, ["won referrals on “IT-Sicherheit”"]),
        ("Isar Netzwerke GmbH", 0, ["IT security (skill)"]),
    ]


def test_offering_titles_are_no_terms(helpers):
    """An offering's title is free text its company writes: titled like a customer, it must
    not let its author probe the won referrals of other companies."""
    f.OfferingFactory(company=helpers["westpark"], title="Ayinger Brauerei")
    reindex_company(helpers["westpark"])
    _won(helpers["member"], helpers["board"], "Ayinger Brauerei: Firewall mit Sophos")
    _won(helpers["member2"], helpers["board"], "Ayinger Brauerei, zweiter Standort")
    assert _listed(helpers["member"], "Ayinger Brauerei") == [
        ("Westpark IT-Consulting GmbH", 0, ["Ayinger", "Brauerei", "Ayinger Brauerei (offering)"])
    ]


@pytest.mark.parametrize(
    ("vocabulary", "won_needs", "need", "term"),
    [
        # A vendor of two letters.
        ("vendor", ["Drucker von HP", "HP-Drucker für die Praxis"], "Drucker von HP", "HP"),
        # A skill starting with an umlaut, in other cases (SQLite folds ASCII only).
        (
            "skill",
            ["Angebot: ÜBERWACHUNGSTECHNIK für ein Lager", "Überwachungstechnik im Büro"],
            "überwachungstechnik gesucht",
            "Überwachungstechnik",
        ),
    ],
)
def test_short_terms_and_umlauts(helpers, vocabulary, won_needs, need, term):
    if vocabulary == "vendor":
        f.VendorFactory(name=term)
    else:
        f.SkillFactory(label_de=term)
    for won_need in won_needs:
        _won(helpers["member"], helpers["board"], won_need)
    assert _listed(helpers["member"], need) == [
        ("Donau Datacenter AG", 2, [f"won referrals on “{term}”"])
    ]


@pytest.mark.parametrize("won", [2, 5])
def test_suggestions_take_the_same_queries_however_many_won(
    helpers, won, django_assert_num_queries
):
    for _ in range(won):
        _won(helpers["member"], helpers["board"], "Sophos für eine Praxis")
        _won(helpers["member"], helpers["member2"], "Sophos im Büro")
    # 8, and 4 for the viewer's roles (which a request caches).
    with django_assert_num_queries(12):
        suggestions = suggest_helpers(helpers["member"], NEED)
    assert {s.company.name: s.won for s in suggestions} == {
        "Donau Datacenter AG": won,
        "Lech Systemhaus GmbH": won,
        "Westpark IT-Consulting GmbH": 0,
        "Isar Netzwerke GmbH": 0,
    }
