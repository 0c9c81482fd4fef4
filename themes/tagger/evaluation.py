"""Precision, recall and F1 for multi-label theme tagging."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def _ratio(top: float, bottom: float) -> float:
    return top / bottom if bottom else 0.0


def _f1(precision: float, recall: float) -> float:
    return _ratio(2 * precision * recall, precision + recall)


class Scorer:
    """Accumulate true and false positives one item at a time, so streams need no list."""

    def __init__(self, slugs: Iterable[str]) -> None:
        self.slugs: tuple[str, ...] = tuple(slugs)
        self.true_pos = dict.fromkeys(self.slugs, 0)
        self.false_pos = dict.fromkeys(self.slugs, 0)
        self.false_neg = dict.fromkeys(self.slugs, 0)
        self.items = 0
        self.exact = 0

    def add(self, gold: set[str], predicted: set[str]) -> None:
        self.items += 1
        gold_known = {slug for slug in gold if slug in self.true_pos}
        predicted_known = {slug for slug in predicted if slug in self.true_pos}
        if gold_known == predicted_known:
            self.exact += 1
        for slug in gold_known & predicted_known:
            self.true_pos[slug] += 1
        for slug in predicted_known - gold_known:
            self.false_pos[slug] += 1
        for slug in gold_known - predicted_known:
            self.false_neg[slug] += 1

    def result(self) -> dict[str, Any]:
        per_theme: dict[str, dict[str, Any]] = {}
        for slug in self.slugs:
            tp, fp, fn = self.true_pos[slug], self.false_pos[slug], self.false_neg[slug]
            precision = _ratio(tp, tp + fp)
            recall = _ratio(tp, tp + fn)
            per_theme[slug] = {
                "precision": precision,
                "recall": recall,
                "f1": _f1(precision, recall),
                "support": tp + fn,
                # Neither given nor found in any item: nothing to score it on.
                "scored": tp + fp + fn > 0,
            }
        tp = sum(self.true_pos.values())
        fp = sum(self.false_pos.values())
        fn = sum(self.false_neg.values())
        micro_p, micro_r = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
        scored = [row for row in per_theme.values() if row["scored"]]
        count = len(scored)
        macro_p = _ratio(sum(t["precision"] for t in scored), count)
        macro_r = _ratio(sum(t["recall"] for t in scored), count)
        return {
            "per_theme": per_theme,
            "micro": {"precision": micro_p, "recall": micro_r, "f1": _f1(micro_p, micro_r)},
            # Macro F1 is the mean of the per-theme F1 scores (not F1 of the mean P and R).
            "macro": {
                "precision": macro_p,
                "recall": macro_r,
                "f1": _ratio(sum(t["f1"] for t in scored), count),
            },
            "items": self.items,
            "exact_match": _ratio(self.exact, self.items),
        }


def evaluate(
    gold: Iterable[set[str]], predicted: Iterable[set[str]], slugs: Iterable[str]
) -> dict[str, Any]:
    """Score predicted theme sets against gold ones, item by item.

    Returns ``{"per_theme": {slug: {precision, recall, f1, support}}, "micro": {...},
    "macro": {...}, "items": n, "exact_match": share}``. Slugs outside ``slugs`` are
    ignored. A theme with no gold and no predicted items is not scored (``"scored": False``)
    and is left out of the macro average.
    """
    scorer = Scorer(slugs)
    gold_iter, predicted_iter = iter(gold), iter(predicted)
    while True:
        gold_item = next(gold_iter, None)
        predicted_item = next(predicted_iter, None)
        if gold_item is None and predicted_item is None:
            break
        if gold_item is None or predicted_item is None:
            raise ValueError("gold and predicted must have the same number of items")
        scorer.add(set(gold_item), set(predicted_item))
    return scorer.result()
