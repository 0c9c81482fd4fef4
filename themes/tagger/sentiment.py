"""Sentiment: textblob's pattern analyser plus a small lexicon of words about services.

The pattern lexicon (the engine behind ``textblob.en.sentiments.PatternAnalyzer``) was
built from product reviews and knows "great" and "awful" but not "waiting", "refused",
"bullied" or "listened". Words it does not know get a score from ``DOMAIN`` below; the two
sets of assessments are averaged together.

Negation: pattern already turns "not good" into a mild negative. For domain words a
preceding "no", "not", "never", "without" or "n't" within three words flips the meaning:
"no problems", "never been bullied" become mildly positive and "not listened to" becomes
negative. "No" or "lack of" right before a service ("no transport", "lack of respite") is
scored as a complaint by the tagger, which calls :func:`lack_assessment`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from textblob._text import Sentiment as _PatternSentiment
from textblob.en import sentiment as _pattern_sentiment

from .text import is_negation, word_list

DOMAIN: dict[str, float] = {
    # problems people describe
    "problem": -0.4,
    "problems": -0.4,
    "issue": -0.3,
    "issues": -0.3,
    "trouble": -0.4,
    "complaint": -0.3,
    "complaints": -0.3,
    "complain": -0.3,
    "delay": -0.4,
    "delays": -0.4,
    "delayed": -0.4,
    "backlog": -0.4,
    "struggle": -0.5,
    "struggled": -0.5,
    "struggling": -0.5,
    "struggles": -0.5,
    "battle": -0.5,
    "battling": -0.5,
    "fight": -0.5,
    "fighting": -0.5,
    "refused": -0.5,
    "refuse": -0.4,
    "refusal": -0.4,
    "rejected": -0.5,
    "ignored": -0.6,
    "ignore": -0.4,
    "dismissed": -0.5,
    "doubted": -0.5,
    "denied": -0.5,
    "cheated": -0.6,
    "stress": -0.5,
    "stressful": -0.6,
    "stressed": -0.5,
    "anxiety": -0.3,
    "worried": -0.4,
    "worry": -0.3,
    "worrying": -0.4,
    "scared": -0.5,
    "frightened": -0.5,
    "terrified": -0.7,
    "upset": -0.5,
    "upsetting": -0.5,
    "distress": -0.5,
    "distressed": -0.5,
    "crisis": -0.6,
    "exhausting": -0.6,
    "knackered": -0.5,
    "bullied": -0.6,
    "bullying": -0.6,
    "isolated": -0.4,
    "excluded": -0.5,
    "exclusion": -0.4,
    "cuts": -0.4,
    "lack": -0.4,
    "lacking": -0.4,
    "shortage": -0.4,
    "shortages": -0.4,
    "nightmare": -0.7,
    "rubbish": -0.6,
    "chasing": -0.3,
    "unanswered": -0.4,
    "inaccessible": -0.5,
    "hopeless": -0.6,
    "meltdown": -0.4,
    "meltdowns": -0.4,
    "unsafe": -0.6,
    "lonely": -0.5,
    "loneliness": -0.5,
    "missed": -0.3,
    "unmet": -0.4,
    "unjust": -0.6,
    "maddening": -0.7,
    "dread": -0.6,
    "pinballing": -0.4,
    # how families describe being let down by services
    "blamed": -0.6,
    "blame": -0.5,
    "blaming": -0.5,
    "judged": -0.5,
    "tribunal": -0.4,
    "fobbed": -0.6,
    "chase": -0.4,
    # things going well
    "loves": 0.6,
    "explained": 0.3,
    "lifeline": 0.7,
    "helpful": 0.5,
    "helped": 0.4,
    "supportive": 0.6,
    "supported": 0.4,
    "listened": 0.4,
    "listens": 0.4,
    "understood": 0.4,
    "thank": 0.5,
    "thanks": 0.5,
    "grateful": 0.6,
    "improved": 0.4,
    "improvement": 0.3,
    "caring": 0.4,
    "welcoming": 0.5,
    "enjoyed": 0.5,
    "enjoys": 0.5,
    "valued": 0.4,
    "value": 0.3,
    "included": 0.3,
    "confident": 0.4,
    "glad": 0.5,
    "fab": 0.7,
    "ace": 0.6,
}

_NEGATION_WINDOW = 3

# Ways of saying things went badly that no single word carries ("passed around", "took five
# months"). "#" is any number, in figures or words.
PHRASES: dict[tuple[str, ...], float] = {
    tuple(phrase.split()): polarity
    for phrase, polarity in {
        "passed around": -0.5,
        "pillar to post": -0.6,
        "moving the goalposts": -0.5,
        "nobody told": -0.5,
        "no one told": -0.5,
        "nobody explained": -0.5,
        "still waiting": -0.5,
        "still have no": -0.5,
        "let down": -0.6,
        "took # months": -0.5,
        "took # years": -0.5,
        "took # weeks": -0.4,
        "# months for": -0.4,
        "# years for": -0.4,
        "wait and see": -0.4,
    }.items()
}
_NUMBER_WORDS = frozenset(
    word_list("""a one two three four five six seven eight nine ten eleven twelve eighteen
    twenty few several many""")
)


def _is_number(word: str) -> bool:
    return word.isdigit() or word in _NUMBER_WORDS


def _matches(words: Sequence[str], at: int, phrase: tuple[str, ...]) -> bool:
    if at + len(phrase) > len(words):
        return False
    for word, wanted in zip(words[at : at + len(phrase)], phrase, strict=True):
        if wanted == "#":
            if not _is_number(word):
                return False
        elif word != wanted:
            return False
    return True


_PHRASE_FIRSTS = frozenset(phrase[0] for phrase in PHRASES)
_NUMBER_FIRST = "#" in _PHRASE_FIRSTS
# The longest word of each phrase: a clause holding none of them holds no phrase, which is
# told without looking at the words one by one.
_PHRASE_ANCHORS = frozenset(max((w for w in phrase if w != "#"), key=len) for phrase in PHRASES)


@lru_cache(maxsize=4096)
def _phrases_from(word: str) -> tuple[tuple[tuple[str, ...], float], ...]:
    """The phrases that may start at ``word``, in the order of ``PHRASES``."""
    number = _is_number(word)
    return tuple(
        (phrase, polarity)
        for phrase, polarity in PHRASES.items()
        if phrase[0] == word or (phrase[0] == "#" and number)
    )


def phrase_assessments(words: Sequence[str]) -> list[float]:
    found: list[float] = []
    if _PHRASE_ANCHORS.isdisjoint(words):
        return found
    for at, word in enumerate(words):
        # Most words start no phrase: only those that do are looked up.
        if word in _PHRASE_FIRSTS or (_NUMBER_FIRST and _is_number(word)):
            found.extend(
                polarity for phrase, polarity in _phrases_from(word) if _matches(words, at, phrase)
            )
    return found


class _Lexicon(dict[str, Any]):
    """The pattern sentiment lexicon copied into a plain dict, scored by the pattern engine's
    own ``assessments``: the lazy dictionary it ships as pays a method lookup on every word."""

    assessments = _PatternSentiment.assessments

    def __init__(self, source: Any) -> None:
        source.get("good")  # loads the lexicon on first use
        super().__init__(dict.items(source))
        self.labeler = source.labeler
        self.negations = source.negations
        self.modifiers = source.modifiers
        self.modifier = source.modifier


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    return _Lexicon(_pattern_sentiment)


def assessments(words: Sequence[str]) -> list[float]:
    """Return polarity scores for one clause given as lower-cased words."""
    lexicon = _lexicon()
    found: list[float] = []
    if not lexicon.keys().isdisjoint(words):
        # Only call the analyser when it knows a word: it would return nothing otherwise.
        # The engine behind PatternAnalyzer, fed our own tokens (no tokenizer, no NLTK).
        scored = lexicon.assessments(((w, None) for w in words), True)
        found = [polarity for _words, polarity, _subjectivity, _label in scored]
    if not DOMAIN.keys().isdisjoint(words):
        for i, word in enumerate(words):
            polarity = DOMAIN.get(word)
            if polarity is None or word in lexicon:
                continue
            start = max(0, i - _NEGATION_WINDOW)
            if any(is_negation(w) for w in words[start:i]):
                polarity = 0.4 if polarity < 0 else -0.8 * polarity
            found.append(polarity)
    found.extend(phrase_assessments(words))
    return found


def lack_assessment() -> float:
    """The score given to "no <service>" or "lack of <service>"."""
    return -0.4


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def label(overall: float, clause_scores: Sequence[float]) -> str:
    """Map scores to "positive", "negative", "mixed" or "neutral".

    "mixed" means at least one clause is clearly positive and another clearly negative
    ("the club is great but the bus is always late"); "neutral" means no clear feeling
    either way, which is common for factual comments.
    """
    if any(s >= 0.2 for s in clause_scores) and any(s <= -0.2 for s in clause_scores):
        return "mixed"
    if overall > 0.1:
        return "positive"
    if overall < -0.1:
        return "negative"
    return "neutral"
