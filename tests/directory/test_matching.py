"""The matching rule, and the engines' narrowing that must never lose a match."""

import pytest

from tests import factories as f
from verbund.directory.matching import Matcher, required_grams, words_of
from verbund.directory.models import SearchDocument
from verbund.directory.queries import _candidates, search
from verbund.directory.services import reindex_company
from verbund.members.models import Company


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("abc", (("abc",), 1)),
        ("firewall", (("all", "ewa", "fir", "ire", "rew", "wal"), 2)),
        (
            "virtualisierung",
            (tuple("ali eru ier irt isi lis rtu run sie tua ual ung vir".split()), 5),  # noqa: SIM905
        ),
    ],
)
def test_required_grams(word, expected):
    assert required_grams(word) == expected


def test_words_of_keeps_twelve_words_of_three_to_fifty_letters():
    text = "ab " + "x" * 51 + " " + " ".join(f"wort{n:02d}" for n in range(14))
    assert words_of(text) == [f"wort{n:02d}" for n in range(12)]


def test_matcher_scores_occurrence_and_similar_words():
    matcher = Matcher(["firewalls", "wetpark", "server", "cloud"])
    text = "westpark it-consulting gmbh\nfirewall-betreuung\nwebserver"
    assert matcher.scores(text) == {"firewalls": 8 / 11, "wetpark": 6 / 11, "server": 1.0}


def test_matcher_compares_again_for_words_new_in_a_later_text():
    matcher = Matcher(["netzwerken"])
    assert (matcher.scores("lan und wlan"), matcher.scores("netzwerk")) == (
        {},
        {"netzwerken": 8 / 12},
    )


def test_documents_are_stored_lowercase(db):
    company = f.CompanyFactory(name="ÜBER-IT Systemhaus GmbH", city="München")
    document = reindex_company(company)
    assert SearchDocument.objects.get(pk=document.pk).text.split("\n")[:2] == [
        "über-it systemhaus gmbh",
        "münchen",
    ]


@pytest.mark.parametrize(
    "query", ["Westpark", "Wetpark", "Netzwerken", "Sicherheit", "Daacenter", "LAN", "über"]
)
def test_engine_candidates_hold_every_match(directory_data, query):
    """The engine's candidates are exactly the texts holding enough trigrams: what the
    scoring then accepts is a subset, on both engines."""
    words = words_of(query)
    documents = SearchDocument.objects.select_related("company")
    holding = {
        document.company.name
        for document in documents
        if all(
            sum(gram in document.text for gram in required_grams(word)[0])
            >= required_grams(word)[1]
            for word in words
        )
    }
    found = set(Company.objects.filter(pk__in=_candidates(words, 1)).values_list("name", flat=True))
    matched = {result.company.name for result in search(directory_data["office"], query)}
    assert (found, matched <= found) == (holding, True)


def test_results_load_only_the_slice_taken(directory_data, django_assert_num_queries):
    results = search(directory_data["member"], "")
    with django_assert_num_queries(3):  # companies, their skills, their vendors
        page = results[1:3]
    assert [result.company.name for result in page] == [
        "Donau Datacenter AG",
        "Isar Netzwerke GmbH",
    ]


def test_results_iterate_in_one_load(directory_data, django_assert_num_queries):
    results = search(directory_data["member"], "")
    with django_assert_num_queries(3):
        names = [result.company.name for result in results]
    assert (len(results), names[0], names[-1]) == (
        5,
        "Alpen IT Service GmbH",
        "Westpark IT-Consulting GmbH",
    )
