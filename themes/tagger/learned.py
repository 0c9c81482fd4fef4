"""A small Naive Bayes model learned from items staff have reviewed.

One binary classifier per theme ("about this theme" or not) over the set of word roots in
an item (binarised multinomial Naive Bayes with add-one smoothing). It is plain Python and
dictionaries, so it trains in milliseconds and is stored as JSON in the database.

It also learns which codebook signals reviewers keep rejecting for a theme ("school" alone
is not school-support): a theme the rules found only through such signals is dropped unless
the word model backs it. Otherwise it only adds to what the codebook rules find (see
:class:`themes.tagger.Tagger`): a theme is added when the model has seen at least
``min_examples`` reviewed items with that theme and is very sure (``add_threshold``), or,
with a lower bar (``support_threshold``), when the rules found weak evidence for it. So a
model trained on a handful of items cannot make rule-only tagging worse. The defaults were
chosen by three-fold cross-validation on the development set (about 70 training items a
fold): looser ones added wrong themes, these never lowered micro-F1. Naive Bayes is
over-confident on long texts, hence the high bars.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable
from typing import Any

from .spelling import MISSPELLINGS
from .text import content_keys, fold, split_sentences, tokenize

FORMAT_VERSION = 1


def features(text: str) -> set[str]:
    """The word roots of a text, as the model sees them (misspelling table applied)."""
    words: list[str] = []
    for sentence in split_sentences(fold(text)):
        for token in tokenize(sentence):
            lowered = token.lower()
            words.extend(MISSPELLINGS.get(lowered, lowered).replace("-", " ").split())
    return content_keys(words)


class LearnedModel:
    def __init__(
        self,
        *,
        alpha: float = 1.0,
        min_examples: int = 10,
        add_threshold: float = 0.98,
        support_threshold: float = 0.9,
    ) -> None:
        self.alpha = alpha
        self.min_examples = min_examples
        self.add_threshold = add_threshold
        self.support_threshold = support_threshold
        self.docs = 0
        self.tokens = 0
        self.word_docs: Counter[str] = Counter()
        self.theme_docs: Counter[str] = Counter()
        self.theme_tokens: Counter[str] = Counter()
        self.theme_words: dict[str, Counter[str]] = {}
        # How often reviewers kept or removed a theme the codebook rules gave for a signal.
        self.kept: dict[str, Counter[str]] = {}
        self.rejected: dict[str, Counter[str]] = {}
        self.min_rejections = 4
        self.reject_share = 0.75

    # -- training -------------------------------------------------------------------------

    def fit(self, items: Iterable[tuple[str, Iterable[str]]]) -> LearnedModel:
        """Add reviewed items, each a (text, slugs) pair; can be called again to add more."""
        for text, slugs in items:
            self.add_example(features(text), set(slugs))
        return self

    def add_example(self, words: set[str], slugs: set[str]) -> None:
        self.docs += 1
        self.tokens += len(words)
        self.word_docs.update(words)
        for slug in slugs:
            self.theme_docs[slug] += 1
            self.theme_tokens[slug] += len(words)
            self.theme_words.setdefault(slug, Counter()).update(words)

    def add_rule_feedback(self, rule_evidence: dict[str, Iterable[str]], kept: set[str]) -> None:
        """What a reviewer did with the themes the rules gave one item: each theme's
        signals ("school") count as kept when the reviewer kept the theme, else rejected."""
        for slug, signals in rule_evidence.items():
            bucket = self.kept if slug in kept else self.rejected
            bucket.setdefault(slug, Counter()).update(set(signals))

    def demoted(self, slug: str) -> frozenset[str]:
        """Signals reviewers keep rejecting for a theme: alone, they are no longer enough."""
        rejected, kept = self.rejected.get(slug, Counter()), self.kept.get(slug, Counter())
        return frozenset(
            signal
            for signal, number in rejected.items()
            if number >= self.min_rejections
            and number / (number + kept[signal]) >= self.reject_share
        )

    def lessons(self) -> list[tuple[str, str]]:
        """(signal, slug) for every demoted signal, for the quality page."""
        return sorted(
            (signal, slug) for slug in sorted(self.rejected) for signal in self.demoted(slug)
        )

    # -- prediction -----------------------------------------------------------------------

    def trusted(self, slug: str) -> bool:
        """True when the model has seen enough examples of the theme to be listened to."""
        return self.theme_docs[slug] >= self.min_examples and self.theme_docs[slug] < self.docs

    def probability(self, words: set[str], slug: str) -> float:
        """P(theme | words) from the theme's binary Naive Bayes model."""
        positive = self.theme_docs[slug]
        negative = self.docs - positive
        if positive == 0 or negative == 0:
            return 0.0
        vocabulary = len(self.word_docs) + 1
        theme_words = self.theme_words.get(slug, Counter())
        pos_total = self.theme_tokens[slug] + self.alpha * vocabulary
        neg_total = (self.tokens - self.theme_tokens[slug]) + self.alpha * vocabulary
        log_odds = math.log(positive / negative)
        for word in words:
            if word not in self.word_docs:
                continue
            in_theme = theme_words[word]
            out_theme = self.word_docs[word] - in_theme
            log_odds += math.log((in_theme + self.alpha) / pos_total)
            log_odds -= math.log((out_theme + self.alpha) / neg_total)
        if log_odds > 30:
            return 1.0
        if log_odds < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-log_odds))

    def evidence(self, words: set[str], slug: str, limit: int = 3) -> tuple[str, ...]:
        """The words that pushed most towards the theme, strongest first."""
        theme_words = self.theme_words.get(slug, Counter())
        scored = [
            (theme_words[word] / self.word_docs[word], theme_words[word], word)
            for word in words
            if theme_words[word] >= 2
        ]
        scored.sort(reverse=True)
        return tuple(word for _share, _count, word in scored[:limit])

    def slugs(self) -> list[str]:
        return sorted(self.theme_docs)

    # -- storage --------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": "voice-theme-nb",
            "version": FORMAT_VERSION,
            "alpha": self.alpha,
            "min_examples": self.min_examples,
            "add_threshold": self.add_threshold,
            "support_threshold": self.support_threshold,
            "docs": self.docs,
            "tokens": self.tokens,
            "word_docs": dict(self.word_docs),
            "themes": {
                slug: {
                    "docs": self.theme_docs[slug],
                    "tokens": self.theme_tokens[slug],
                    "words": dict(self.theme_words.get(slug, {})),
                }
                for slug in sorted(self.theme_docs)
            },
            "kept": {slug: dict(counts) for slug, counts in sorted(self.kept.items())},
            "rejected": {slug: dict(counts) for slug, counts in sorted(self.rejected.items())},
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LearnedModel:
        if data.get("format") != "voice-theme-nb" or data.get("version") != FORMAT_VERSION:
            raise ValueError("not a stored theme model of a version this code can read")
        model = cls(
            alpha=float(data["alpha"]),
            min_examples=int(data["min_examples"]),
            add_threshold=float(data["add_threshold"]),
            support_threshold=float(data["support_threshold"]),
        )
        model.docs = int(data["docs"])
        model.tokens = int(data["tokens"])
        model.word_docs = Counter({str(k): int(v) for k, v in data["word_docs"].items()})
        for slug, theme in data["themes"].items():
            model.theme_docs[slug] = int(theme["docs"])
            model.theme_tokens[slug] = int(theme["tokens"])
            model.theme_words[slug] = Counter({str(k): int(v) for k, v in theme["words"].items()})
        for name, bucket in (("kept", model.kept), ("rejected", model.rejected)):
            for slug, counts in data.get(name, {}).items():
                bucket[slug] = Counter({str(k): int(v) for k, v in counts.items()})
        return model

    @classmethod
    def from_json(cls, text: str) -> LearnedModel:
        return cls.from_dict(json.loads(text))
