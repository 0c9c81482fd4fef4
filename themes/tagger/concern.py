"""A learned second opinion for the safeguarding flag: do the words read like a disclosure?

The patterns in :mod:`themes.tagger.safeguarding` list the ways people put harm into words,
and no list is ever complete. This model catches some of what they miss. It is logistic
regression over the words of a sentence, its pairs of words and the groups of three to five
letters inside each word, so "cuting", "blaydes" and "od'd" share most of their features
with the spelt words. The weights are plain JSON in ``concern_weights.json`` beside this
file, written by ``bench/train_concern.py`` from the labelled safeguarding sets (disclosures
and hard negatives) and ordinary SEND comments; the same script cross-validates it and
chooses the threshold.

A comment is scored sentence by sentence (and as a whole), and its score is the highest, so
a disclosure inside a long comment about transport is not diluted by the rest of it.

Pure Python and dictionaries, like the rest of the tagger: no Flask, no database.
"""

from __future__ import annotations

import json
import math
import random
import re
import zlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .text import STOPWORDS, fold, split_sentences, word_list

FORMAT_VERSION = 1
WEIGHTS_PATH = Path(__file__).with_name("concern_weights.json")

# The start of the reason a flag raised by this model gives; the words it read follow.
REASON = "the words together read like a disclosure"

_WORD = re.compile(r"[a-z0-9]+")
_GRAM_SIZES = (3, 4)
# Words that may be shown as what the model read: never pronouns and small words, which
# say nothing to the safeguarding lead.
_NOT_SHOWN = STOPWORDS | frozenset(
    word_list("im ive its dont didnt cant wont doesnt isnt wasnt if when because then got get gets")
)


def words(text: str) -> list[str]:
    """The lower-cased words of a text as the model sees them, apostrophes dropped so that
    "dont" and "don't" are one word."""
    return _WORD.findall(fold(text).lower().replace("'", ""))


def _word_features(word: str) -> list[str]:
    padded = f"<{word}>"
    found = [f"w {word}"]
    for size in _GRAM_SIZES:
        found.extend(f"c {padded[i : i + size]}" for i in range(len(padded) - size + 1))
    return found


def _pair_features(tokens: Sequence[str]) -> list[str]:
    return [f"b {a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]


def features(tokens: Sequence[str]) -> dict[str, float]:
    """Counts of each feature divided by the square root of the number of features, so long
    and short sentences weigh alike."""
    counts: dict[str, int] = defaultdict(int)
    for word in tokens:
        for key in _word_features(word):
            counts[key] += 1
    for key in _pair_features(tokens):
        counts[key] += 1
    if not counts:
        return {}
    scale = 1.0 / math.sqrt(sum(counts.values()))
    return {key: count * scale for key, count in counts.items()}


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@dataclass
class ConcernModel:
    weights: dict[str, float]
    bias: float
    threshold: float = 0.5

    def __post_init__(self) -> None:
        self._words: dict[str, tuple[float, int]] = {}
        # The word pairs' weights by first word, so a pair no weight starts costs one lookup.
        self._pairs: dict[str, dict[str, float]] = defaultdict(dict)
        for key, weight in self.weights.items():
            if key.startswith("b "):
                _b, first, second = key.split(" ")
                self._pairs[first][second] = weight

    def _word(self, word: str) -> tuple[float, int]:
        found = self._words.get(word)
        if found is None:
            keys = _word_features(word)
            found = (sum(self.weights.get(k, 0.0) for k in keys), len(keys))
            if len(self._words) < 100_000:
                self._words[word] = found
        return found

    def _sums(self, tokens: Sequence[str]) -> tuple[float, int]:
        """The weighted sum of a sentence's features and their number, word by word (each
        word's share is kept), which makes scoring every comment cheap."""
        total = 0.0
        count = 0
        cache = self._words
        for word in tokens:
            weight, number = cache.get(word) or self._word(word)
            total += weight
            count += number
        pairs = self._pairs
        for first, second in zip(tokens, tokens[1:], strict=False):
            following = pairs.get(first)
            if following is not None:
                total += following.get(second, 0.0)
        return total, count + max(0, len(tokens) - 1)

    def _probability(self, total: float, count: int) -> float:
        return _sigmoid(self.bias + total / math.sqrt(count)) if count else 0.0

    def probability(self, tokens: Sequence[str]) -> float:
        """The same as the dot product of the weights with :func:`features`."""
        return self._probability(*self._sums(tokens))

    def _parts(self, text: str) -> list[list[str]]:
        parts = [words(s) for s in split_sentences(fold(text))]
        parts = [p for p in parts if p]
        if len(parts) > 1:
            parts.append([w for p in parts for w in p])
        return parts

    def score(self, text: str) -> float:
        """The highest probability of any sentence of the text, or of the whole text."""
        parts = [words(s) for s in split_sentences(fold(text))]
        parts = [p for p in parts if p]
        sums = [self._sums(p) for p in parts]
        best = max((self._probability(*pair) for pair in sums), default=0.0)
        if len(parts) > 1:
            # The whole text: the sentences' sums and the word pairs across their ends.
            total = sum(t for t, _c in sums)
            count = sum(c for _t, c in sums) + len(parts) - 1
            weights = self.weights
            for before, after in zip(parts, parts[1:], strict=False):
                total += weights.get(f"b {before[-1]} {after[0]}", 0.0)
            best = max(best, self._probability(total, count))
        return best

    def concerning(self, text: str) -> bool:
        return self.score(text) >= self.threshold

    def top_words(self, text: str, count: int = 3) -> tuple[str, ...]:
        """The words that pushed the most concerning sentence's score up the most."""
        parts = self._parts(text)
        if not parts:
            return ()
        tokens = max(parts, key=self.probability)
        weights = self.weights
        pushes: dict[str, float] = defaultdict(float)
        for word in tokens:
            pushes[word] += self._word(word)[0]
        for a, b in zip(tokens, tokens[1:], strict=False):
            pair = weights.get(f"b {a} {b}", 0.0) / 2
            pushes[a] += pair
            pushes[b] += pair
        ranked = sorted(
            (w for w, push in pushes.items() if push > 0 and w not in _NOT_SHOWN),
            key=lambda w: -pushes[w],
        )
        return tuple(ranked[:count])

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT_VERSION,
            "bias": round(self.bias, 5),
            "threshold": self.threshold,
            "weights": {k: round(v, 4) for k, v in sorted(self.weights.items())},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ConcernModel:
        if data.get("format") != FORMAT_VERSION:
            raise ValueError("concern weights in an unknown format")
        return cls(
            weights={str(k): float(v) for k, v in data["weights"].items()},
            bias=float(data["bias"]),
            threshold=float(data["threshold"]),
        )


def train(
    examples: Sequence[tuple[str, bool]],
    *,
    epochs: int = 12,
    l2: float = 1e-4,
    rate: float = 0.5,
    seed: int = 17,
    keep: float = 1e-3,
    min_count: int = 2,
) -> ConcernModel:
    """Fit L2-regularised logistic regression by AdaGrad over shuffled examples.

    Disclosures and other comments weigh the same in total however many there are of each.
    Features seen in fewer than ``min_count`` examples are left out, and weights smaller than
    ``keep`` are dropped from the stored model.
    """
    rows = []
    for text, flag in examples:
        rows.append((features(words(text)), 1.0 if flag else 0.0))
        sentences = split_sentences(fold(text))
        if not flag and len(sentences) > 1:
            # Comments are scored sentence by sentence, so each sentence of an ordinary
            # comment is an ordinary example too; a disclosure's sentences are not all one.
            rows.extend((features(words(s)), 0.0) for s in sentences)
    seen: dict[str, int] = defaultdict(int)
    for found, _target in rows:
        for key in found:
            seen[key] += 1
    rows = [({k: v for k, v in found.items() if seen[k] >= min_count}, y) for found, y in rows]
    rows = [row for row in rows if row[0]]
    positives = sum(1 for _f, y in rows if y) or 1
    negatives = (len(rows) - positives) or 1
    balance = {1.0: len(rows) / (2 * positives), 0.0: len(rows) / (2 * negatives)}
    weights: dict[str, float] = defaultdict(float)
    squares: dict[str, float] = defaultdict(lambda: 1e-8)
    bias = 0.0
    bias_square = 1e-8
    order = list(range(len(rows)))
    shuffler = random.Random(seed)  # noqa: S311 - shuffles training examples, no secret
    for _epoch in range(epochs):
        shuffler.shuffle(order)
        for index in order:
            found, target = rows[index]
            z = bias + sum(weights[k] * v for k, v in found.items())
            error = (_sigmoid(z) - target) * balance[target]
            for key, value in found.items():
                gradient = error * value + l2 * weights[key]
                squares[key] += gradient * gradient
                weights[key] -= rate * gradient / math.sqrt(squares[key])
            bias_square += error * error
            bias -= rate * error / math.sqrt(bias_square)
    kept = {k: v for k, v in weights.items() if abs(v) >= keep}
    return ConcernModel(weights=kept, bias=bias)


def stratified_folds(rows: Sequence[tuple[str, str]], folds: int = 5) -> list[int]:
    """A fold number for each (text, kind) row, the same on every run and machine.

    Within each kind the texts are ordered by a CRC-32 of the text and dealt round the folds
    (starting at a fold chosen by a CRC-32 of the kind), so every fold holds each kind of
    harm and the hard negatives in nearly equal shares.
    """
    by_kind: dict[str, list[int]] = defaultdict(list)
    for index, (_text, kind) in enumerate(rows):
        by_kind[kind].append(index)
    numbers = [0] * len(rows)
    for kind, indexes in by_kind.items():
        indexes.sort(key=lambda i: (zlib.crc32(rows[i][0].encode("utf-8")), rows[i][0]))
        start = zlib.crc32(kind.encode("utf-8")) % folds
        for rank, index in enumerate(indexes):
            numbers[index] = (rank + start) % folds
    return numbers


def load(path: Path = WEIGHTS_PATH) -> ConcernModel:
    return ConcernModel.from_json(json.loads(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def default_model() -> ConcernModel | None:
    """The shipped model, or None when its weights file is missing."""
    if not WEIGHTS_PATH.exists():
        return None
    return load(WEIGHTS_PATH)


def concern_reason(top: Sequence[str]) -> str:
    """The reason stored with a flag the model raised: "<REASON>: word, word, word"."""
    return f"{REASON}: {', '.join(top)}" if top else REASON
