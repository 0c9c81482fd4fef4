"""Honest figures for the tagger: cross-validation grouped by where comments came from, and
a held-out share of sources kept out of tuning. Plain Python.

Comments from one source (one report, one forum thread) share words, names and topics, so a
fold that trains and tests on the same source flatters the model. Every fold here holds whole
sources. The held-out share is chosen by a hash of each source's name, not by the tagger or
the text, so it stays the same from run to run and nobody picks it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .codebook import Codebook
from .evaluation import evaluate
from .learned import LearnedModel
from .tagger import Tagger

HELD_OUT_SHARE = 0.2


@dataclass(frozen=True)
class Labelled:
    """One comment with the themes a person gave it and where it came from."""

    text: str
    themes: frozenset[str]
    source: str = field(default="")


def read_labelled(lines: Iterable[str]) -> list[Labelled]:
    """Rows from JSON lines {"text", "themes", "source"?}; a line without a source is a source
    of its own (its "id", or its line number)."""
    rows = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        item = json.loads(line)
        source = item.get("source") or f"line:{item.get('id', number)}"
        rows.append(Labelled(str(item["text"]), frozenset(item["themes"]), str(source)))
    return rows


def _order(name: str) -> str:
    return hashlib.sha256(name.encode("utf-8")).hexdigest()


def group_folds(groups: Sequence[str], folds: int) -> list[int]:
    """The fold of each row: all rows of one group in one fold, folds about equal in size.

    Groups are taken largest first (ties in hash order) and each goes to the smallest fold.
    """
    sizes: dict[str, int] = {}
    for group in groups:
        sizes[group] = sizes.get(group, 0) + 1
    fold_sizes = [0] * folds
    fold_of: dict[str, int] = {}
    for group in sorted(sizes, key=lambda g: (-sizes[g], _order(g))):
        smallest = min(range(folds), key=lambda f: (fold_sizes[f], f))
        fold_of[group] = smallest
        fold_sizes[smallest] += sizes[group]
    return [fold_of[group] for group in groups]


def split_held_out(
    rows: Sequence[Labelled], share: float = HELD_OUT_SHARE
) -> tuple[list[Labelled], list[Labelled]]:
    """(tuning rows, held-out rows): whole sources, in hash order, until ``share`` of the rows
    are held out."""
    sizes: dict[str, int] = {}
    for row in rows:
        sizes[row.source] = sizes.get(row.source, 0) + 1
    wanted = round(len(rows) * share)
    held: set[str] = set()
    count = 0
    for source in sorted(sizes, key=_order):
        if count >= wanted:
            break
        held.add(source)
        count += sizes[source]
    return [r for r in rows if r.source not in held], [r for r in rows if r.source in held]


def _learn(codebook: Codebook, rows: Sequence[Labelled]) -> LearnedModel:
    from .teaching import learn

    return learn(codebook, [(row.text, set(row.themes)) for row in rows])


def _figures(result: dict[str, Any]) -> dict[str, float]:
    return {
        "micro_f1": round(result["micro"]["f1"], 3),
        "macro_f1": round(result["macro"]["f1"], 3),
        "micro_precision": round(result["micro"]["precision"], 3),
        "micro_recall": round(result["micro"]["recall"], 3),
    }


def score(
    codebook: Codebook, rows: Sequence[Labelled], model: LearnedModel | None = None
) -> dict[str, Any]:
    """:func:`evaluate` of the tagger (rules, and the model if given) on ``rows``."""
    tagger = Tagger(codebook, model, key_phrases=False)
    gold = [set(row.themes) for row in rows]
    predicted = [set(tagger.tag(row.text).slugs) for row in rows]
    return evaluate(gold, predicted, codebook.slugs)


def cross_validate(
    codebook: Codebook, rows: Sequence[Labelled], *, folds: int = 5
) -> dict[str, Any]:
    """Cross-validation grouped by source.

    For each fold: the rules alone, and the rules with a model learned from the other folds
    as if staff had reviewed them, scored on the fold. Returns the per-fold figures, their
    mean, and the figures over all folds' items pooled.
    """
    fold_of = group_folds([row.source for row in rows], folds)
    per_fold = []
    pooled: dict[str, tuple[list[set[str]], list[set[str]]]] = {
        "rules": ([], []),
        "learned": ([], []),
    }
    for fold in range(folds):
        test = [row for row, f in zip(rows, fold_of, strict=True) if f == fold]
        train = [row for row, f in zip(rows, fold_of, strict=True) if f != fold]
        if not test:
            continue
        entry: dict[str, Any] = {
            "fold": fold,
            "items": len(test),
            "sources": len({row.source for row in test}),
        }
        for name, model in (("rules", None), ("learned", _learn(codebook, train))):
            tagger = Tagger(codebook, model, key_phrases=False)
            gold = [set(row.themes) for row in test]
            predicted = [set(tagger.tag(row.text).slugs) for row in test]
            entry[name] = _figures(evaluate(gold, predicted, codebook.slugs))
            pooled[name][0].extend(gold)
            pooled[name][1].extend(predicted)
        per_fold.append(entry)
    summary: dict[str, Any] = {
        "folds": len(per_fold),
        "items": len(rows),
        "grouped_by": "source",
        "per_fold": per_fold,
    }
    for name in ("rules", "learned"):
        count = len(per_fold) or 1
        summary[name] = {
            "mean_micro_f1": round(sum(f[name]["micro_f1"] for f in per_fold) / count, 3),
            "mean_macro_f1": round(sum(f[name]["macro_f1"] for f in per_fold) / count, 3),
            "pooled": _figures(evaluate(*pooled[name], codebook.slugs)),
        }
    return summary


def held_out_figures(
    codebook: Codebook, tuning: Sequence[Labelled], held: Sequence[Labelled]
) -> dict[str, Any]:
    """The rules alone, and with a model learned from every tuning row, on the held-out rows."""
    rules = score(codebook, held)
    learned = score(codebook, held, _learn(codebook, tuning))
    return {
        "items": len(held),
        "sources": len({row.source for row in held}),
        "rules": _figures(rules),
        "learned": _figures(learned),
        "per_theme_f1": {
            slug: round(row["f1"], 3) for slug, row in learned["per_theme"].items() if row["scored"]
        },
    }
