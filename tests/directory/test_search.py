"""The search: the same results on SQLite and PostgreSQL (the suite runs on both)."""

from decimal import Decimal

import pytest

from tests import factories as f
from tests.pages.html import de
from verbund.directory.queries import (
    facets,
    network_totals_with_revenue,
    rounded_millions,
    search,
    who_can_help,
)
from verbund.directory.services import reindex_company
from verbund.members.models import Company, CompanyStatus


def names(results) -> list[str]:
    return [result.company.name for result in results]


def _skill(name: str) -> str:
    return de("%(label)s (skill)") % {"label": name}


def _vendor(name: str) -> str:
    return de("%(label)s (vendor)") % {"label": name}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Westpark", ["Westpark IT-Consulting GmbH"]),
        ("Wetpark", ["Westpark IT-Consulting GmbH"]),
        ("Daacenter", ["Donau Datacenter AG"]),
        ("Sicherheit", ["Isar Netzwerke GmbH", "Westpark IT-Consulting GmbH"]),
        ("Netzwerk", ["Isar Netzwerke GmbH", "Lech Systemhaus GmbH"]),
        ("Netzwerken", ["Isar Netzwerke GmbH", "Lech Systemhaus GmbH"]),
        ("Cybersecurity", ["Isar Netzwerke GmbH", "Westpark IT-Consulting GmbH"]),
        ("networking", ["Lech Systemhaus GmbH"]),
        ("colocation", ["Donau Datacenter AG"]),
        ("Quantencomputer", []),
    ],
)
def test_search_finds_by_text(directory_data, query, expected):
    assert names(search(directory_data["member"], query)) == expected


def test_search_two_words_ranks_both_matched_first(directory_data):
    results = search(directory_data["member"], "Netzwerk Sicherheit")
    assert [(r.company.name, r.score) for r in results] == [
        ("Isar Netzwerke GmbH", 2.0),
        ("Lech Systemhaus GmbH", 1.0),
        ("Westpark IT-Consulting GmbH", 1.0),
    ]


def test_search_three_words_needs_two_of_them(directory_data):
    results = search(directory_data["member"], "Netzwerk Sicherheit Sophos")
    assert names(results) == ["Isar Netzwerke GmbH", "Westpark IT-Consulting GmbH"]


@pytest.mark.parametrize(
    ("facet", "expected"),
    [
        ({"skill": "network"}, ["Lech Systemhaus GmbH"]),
        ({"vendor": "Sophos"}, ["Westpark IT-Consulting GmbH"]),
        ({"region": "Schwaben"}, ["Lech Systemhaus GmbH"]),
        ({"region": "Niederbayern"}, ["Donau Datacenter AG"]),
        ({"group": "b"}, ["Donau Datacenter AG", "Lech Systemhaus GmbH"]),
    ],
)
def test_search_facets_filter(directory_data, skills, group_b, facet, expected):
    facet = {
        "skill": skills[facet["skill"]].code if "skill" in facet else None,
        "vendor": facet.get("vendor"),
        "region": facet.get("region"),
        "group": group_b.code if "group" in facet else None,
    }
    assert names(search(directory_data["member"], "", **facet)) == expected


def test_facets_count_the_directory_companies(directory_data, skills, group_a, group_b):
    assert facets(directory_data["member"]) == {
        "skills": [
            (skills["security"].code, "IT-Sicherheit", 2),
            (skills["network"].code, "Netzwerktechnik", 1),
            (skills["datacenter"].code, "Rechenzentrum", 1),
        ],
        "vendors": [("Cisco", "Cisco", 1), ("Sophos", "Sophos", 1)],
        "groups": [
            (group_b.code, "Ortsgruppe Augsburg", 2),
            (group_a.code, "Ortsgruppe München-Nord", 3),
        ],
        # Oberbayern: three companies' own region, and Lech Systemhaus serves it.
        "regions": [
            ("Niederbayern", "Niederbayern", 1),
            ("Oberbayern", "Oberbayern", 4),
            ("Schwaben", "Schwaben", 1),
        ],
    }


def test_search_region_includes_regions_served(directory_data):
    assert names(search(directory_data["member"], "Netzwerk", region="Oberbayern")) == [
        "Isar Netzwerke GmbH",
        "Lech Systemhaus GmbH",
    ]


def test_search_text_and_facet_combine(directory_data, group_a):
    results = search(directory_data["member"], "Netzwerk", group=group_a.code)
    assert names(results) == ["Isar Netzwerke GmbH"]


def test_search_without_words_lists_all_by_name(directory_data):
    assert names(search(directory_data["member"], "")) == [
        "Alpen IT Service GmbH",
        "Donau Datacenter AG",
        "Isar Netzwerke GmbH",
        "Lech Systemhaus GmbH",
        "Westpark IT-Consulting GmbH",
    ]


def test_search_skips_inactive_companies_even_for_office(directory_data, group_a):
    gone = f.CompanyFactory(
        name="Westpark Alt GmbH", home_group=group_a, status=CompanyStatus.RESIGNED
    )
    reindex_company(gone)
    assert names(search(directory_data["office"], "Westpark")) == ["Westpark IT-Consulting GmbH"]


def test_search_shows_guest_nothing(directory_data):
    assert names(search(directory_data["guest"], "Westpark")) == []


def test_who_can_help_gives_reasons(directory_data):
    results = who_can_help(
        directory_data["member2"], "Unser Kunde braucht eine Firewall mit Sophos und IT-Sicherheit"
    )
    assert [(r.company.name, [str(reason) for reason in r.reasons]) for r in results] == [
        ("Westpark IT-Consulting GmbH", ["Firewall", _skill("IT-Sicherheit"), _vendor("Sophos")]),
        ("Isar Netzwerke GmbH", [_skill("IT-Sicherheit")]),
    ]


def test_who_can_help_leaves_out_own_company(directory_data):
    results = who_can_help(directory_data["moderator"], "Jemand für IT-Sicherheit")
    assert names(results) == ["Westpark IT-Consulting GmbH"]


def test_who_can_help_only_stop_words_finds_nothing(directory_data):
    assert len(who_can_help(directory_data["member"], "Wer kann uns helfen und für die")) == 0


def test_totals_sum_revenue_over_five_companies(directory_data):
    assert network_totals_with_revenue().__dict__ == {
        "companies": 5,
        "people": 5,
        "employees": 100,
        "revenue_millions": 10,  # 13 M EUR, rounded to tens
    }


@pytest.mark.parametrize(
    ("revenue", "millions"),
    [("137400000", 140), ("134999999.99", 130), ("135000000", 140), ("4999999", 0)],
)
def test_revenue_is_rounded_to_tens_of_millions(revenue, millions):
    assert rounded_millions(Decimal(revenue)) == millions


def test_totals_hide_revenue_below_five_companies(directory_data):
    Company.objects.filter(name="Westpark IT-Consulting GmbH").update(annual_revenue=None)
    assert network_totals_with_revenue().revenue_millions is None
