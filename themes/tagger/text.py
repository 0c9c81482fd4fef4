"""Tokenising and word normalisation shared by every step of the tagger.

Everything here is regular expressions and small dictionaries: no NLTK data is needed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from textblob.en.inflect import singularize


def word_list(text: str) -> tuple[str, ...]:
    """Split a block of space-separated words (used for the word lists below)."""
    return tuple(text.split())


# Curly quotes, dashes and the ampersand are folded so that "don’t" and "don't" or
# "speech & language" and "speech and language" look the same to later steps.
_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u00a0": " ",
    }
)

_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+|\s+-\s+|\s*•\s*")
_TOKEN = re.compile(r"\d+:\d+|\w+(?:'\w+)*|&|[!?]")
_REPEATS = re.compile(r"(\w)\1{2,}")

NEGATORS = frozenset(
    {
        "no",
        "not",
        "never",
        "without",
        "nothing",
        "nobody",
        "none",
        "neither",
        "nor",
        "cannot",
        "lack",
        "lacking",
    }
)

# Words too common to carry a theme; they are skipped when signals are matched, so a
# signal "waiting for an assessment" also matches "waiting for his assessment".
# Articles and possessives may be left out or swapped in the text ("waiting for an
# assessment" matches "waiting for his assessment"); other small words in a signal must be
# there ("child in need" does not match "children need").
OPTIONAL_WORDS = frozenset(word_list("a an the my our your their his her its this that some any"))

STOPWORDS = frozenset(
    word_list("""a an the of and or for to in on at by with from into about as is are was were be
    been being am it its this that these those my our your their his her him them me us we i you
    he she they who which what there here so very really just also any some such than then
    has have had do does did can could would should will shall may might must""")
)

_NO_SINGULAR = frozenset(
    word_list("""news series species means always sometimes perhaps various previous serious anxious
    nervous famous obvious physics maths sats camhs adhs pips ehcps whereas unless less yes
    plus thus bus gas this his its has was is us does goes""")
)


_IRREGULAR = {"children": "child", "women": "woman", "men": "man", "mice": "mouse"}


def fold(text: str) -> str:
    """Return text with typographic quotes and dashes replaced by plain ones."""
    return text.translate(_FOLD)


def split_sentences(text: str) -> list[str]:
    """Split text into sentences or line-separated fragments, dropping empty ones."""
    return [part for part in _SENTENCE_END.split(text) if part and not part.isspace()]


def tokenize(sentence: str) -> list[str]:
    """Return the word tokens of one sentence, keeping case and inner apostrophes."""
    return _TOKEN.findall(sentence)


def squeeze_repeats(word: str) -> str:
    """Shorten runs of three or more letters ("soooo" -> "soo") as people type for emphasis."""
    return _REPEATS.sub(r"\1\1", word)


def is_negation(word: str) -> bool:
    """True for "no", "never", "don't", "isn't" and friends (lower-cased input)."""
    return word in NEGATORS or word.endswith("n't")


@lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    """Reduce a lower-cased word to a crude root so word forms meet.

    Plurals go through textblob's ``singularize``; "-ing" and "-ed" endings and a final
    "e" are removed and doubled consonants undone ("waiting" / "waited" / "waits" ->
    "wait", "bullied" / "bullying" / "bullies" -> "bully", "placed" / "places" -> "plac").
    The same function is applied to codebook signals, so a root only has to be
    consistent, not a real word.
    """
    if word.endswith("'s"):
        word = word[:-2]
    word = _IRREGULAR.get(word, word)
    if len(word) <= 3 or not word.isalpha():
        return word
    plural = False
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and word not in _NO_SINGULAR:
        singular = singularize(word)
        plural = singular != word
        word = singular
    stripped = False
    if plural and word.endswith("ing"):
        # "feelings", "outings", "meetings" are nouns: "feeling" must not become "feel".
        pass
    elif word.endswith("ied") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("ing") and len(word) > 5:
        word, stripped = word[:-3], True
    elif word.endswith("ed") and len(word) > 4 and not word.endswith("eed"):
        word, stripped = word[:-2], True
    doubled = len(word) > 2 and word[-1] == word[-2] and word[-1] not in "aeiouslz"
    if stripped and (doubled or (word.endswith("ll") and len(word) >= 6)):
        word = word[:-1]
    if word.endswith("e") and len(word) > 3 and not word.endswith("ee"):
        word = word[:-1]
    return word


def content_keys(words: Iterable[str]) -> set[str]:
    """Roots of the words that carry meaning (no stopwords, no bare numbers)."""
    return {word_key(w) for w in words if w not in STOPWORDS and not w.isdigit() and len(w) > 1}
