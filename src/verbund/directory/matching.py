"""How a query word matches a company's text: trigram similarity, as pg_trgm computes it.

The same functions serve both engines: the database only narrows the candidates with
`required_grams` (a condition every match fulfils), and each candidate is then scored here.
Trigram similarity also plays the part of stemming: inflected forms share most trigrams
("Netzwerken" finds "Netzwerk", "Firewalls" finds "Firewall").
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

MIN_WORD = 3
MAX_WORD = 50  # longer "words" are noise, and their trigrams would make the query huge
MAX_WORDS = 12  # a need described in a sentence rarely has more words that say something
SIMILAR = 0.5  # trigram similarity from which a word counts as "meant" (one letter missing)
WORD_RE = re.compile(r"[^\W_]+")

# German and English words that say nothing about the need.
STOP_WORDS = frozenset(
    """
     aber about alle als also and anyone are auch auf aus bei bin bis bitte brauche braucht
     can could customer customers das dass dem den der des die ein eine einem einen einer
     eines for from für gibt habe haben has hat have helfen help her hier hilfe hilft his ich
     ihr into ist jemand jemanden kann kunde kunden können könnte looking mit nach need needs
     neue neuen neues new nicht noch oder our sich sie sind soll sollte somebody someone
     suchen sucht that the their them this und uns unser unsere vom von vor want wants was
     welche welcher wer what which who wie will wir wird with would zum zur zwischen über
    """.split()  # noqa: SIM905
)


def words_of(text: str, *, drop_stop_words: bool = False) -> list[str]:
    """The query's words (3 to 50 letters, lowercased, each once, in order, at most 12)."""
    words: list[str] = []
    for word in WORD_RE.findall(text.lower()):
        stop = drop_stop_words and word in STOP_WORDS
        if MIN_WORD <= len(word) <= MAX_WORD and word not in words and not stop:
            words.append(word)
    return words[:MAX_WORDS]


@lru_cache(maxsize=65536)
def trigrams(word: str) -> frozenset[str]:
    """pg_trgm's trigrams of one word: padded with two spaces before and one after.

    Cached: the same words recur across documents and requests.
    """
    padded = f"  {word} "
    return frozenset(padded[i : i + 3] for i in range(len(padded) - 2))


def similarity(word: str, other: str) -> float:
    """Trigram similarity of two words, as pg_trgm's `similarity()` computes it."""
    mine, theirs = trigrams(word), trigrams(other)
    return len(mine & theirs) / len(mine | theirs)


@lru_cache(maxsize=4096)
def required_grams(word: str) -> tuple[tuple[str, ...], int]:
    """The word's inner trigrams, and how many of them a text must contain to hold the word
    or a word similar to it.

    Similarity >= SIMILAR means at least SIMILAR * |trigrams| shared trigrams; at most three
    of those are the padded ones at the word's edges, so the rest are inner trigrams, which
    occur in the text as they are. At least one is always required: a short word that shares
    none of its inner trigrams is not taken for a typo.
    """
    grams = trigrams(word)
    inner = sorted(gram for gram in grams if " " not in gram)
    needed = math.ceil(SIMILAR * len(grams) - (len(grams) - len(inner)))
    return tuple(inner), max(1, needed)


def may_hold(word: str, text: str) -> bool:
    """Whether `text` contains enough of the word's trigrams (the engines' condition)."""
    inner, needed = required_grams(word)
    return sum(gram in text for gram in inner) >= needed


def _may_be_similar(word: str, other: str) -> bool:
    # A word has len + 1 trigrams at most; shared / union cannot reach SIMILAR when the
    # sizes differ too much, so such pairs are skipped without building the sets.
    short, long = sorted((len(word) + 1, len(other) + 1))
    return short / long >= SIMILAR


@lru_cache(maxsize=4096)
def words_of_text(text: str) -> frozenset[str]:
    """The distinct words of a document (cached: documents change rarely, searches often)."""
    return frozenset(WORD_RE.findall(text))


class Matcher:
    """Scores lowercase texts against the query words.

    A query word that does not occur in a text counts with its best similarity to one of
    the text's words (from SIMILAR up). Each query word is compared with each distinct word
    once per search, not once per text: the texts of a network share most of their words.
    """

    def __init__(self, words: list[str]) -> None:
        self.words = words
        self._similar: dict[str, dict[str, float]] = {word: {} for word in words}
        self._compared: dict[str, set[str]] = {word: set() for word in words}

    def scores(self, text: str) -> dict[str, float]:
        """Each query word the text matches, with its score (1.0 if it occurs in it)."""
        found: dict[str, float] = {}
        for word in self.words:
            if word in text:
                found[word] = 1.0
            elif may_hold(word, text) and (best := self._best(word, words_of_text(text))):
                found[word] = best
        return found

    def _best(self, word: str, vocabulary: frozenset[str]) -> float:
        similar, compared = self._similar[word], self._compared[word]
        for other in vocabulary - compared:
            if _may_be_similar(word, other) and (score := similarity(word, other)) >= SIMILAR:
                similar[other] = score
        compared |= vocabulary
        return max((score for other, score in similar.items() if other in vocabulary), default=0.0)


def matched_words(words: list[str] | tuple[str, ...], text: str) -> dict[str, float]:
    """Each query word the lowercase text matches, with its score."""
    return Matcher(list(words)).scores(text)
