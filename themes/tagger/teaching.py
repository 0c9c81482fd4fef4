"""What reviews teach the tagger, and how much: training on reviewed items and the learning
curve (train on some reviewed folds, score the held-out one). Plain Python."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from .codebook import Codebook
from .crossval import group_folds
from .evaluation import evaluate
from .learned import LearnedModel
from .tagger import Tagger


def learn(codebook: Codebook, reviewed: Iterable[tuple[str, set[str]]]) -> LearnedModel:
    """A model from reviewed items, each (text, the themes the reviewer kept): the word model,
    and for every theme the codebook rules gave, whether its signals were kept or rejected."""
    rules = Tagger(codebook, key_phrases=False)
    model = LearnedModel()
    for text, kept in reviewed:
        model.fit([(text, kept)])
        found = rules.tag(text).themes
        model.add_rule_feedback({hit.slug: hit.evidence for hit in found}, set(kept))
    return model


def learning_curve(
    codebook: Codebook,
    rows: Sequence[tuple[str, set[str]]],
    *,
    folds: int = 5,
    steps: Sequence[int] = (0, 60, 120, 240),
    groups: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Cross-validated micro and macro F1 after learning from N reviewed items: each fold in
    turn is held out and scored, the model trained on the first N items of the others.

    With ``groups`` (each row's source) every fold holds whole sources, so no fold is scored
    on comments from a source it learned from; without, rows are dealt round the folds."""
    slugs = codebook.slugs
    if groups is not None:
        fold_of = group_folds(groups, folds)
    else:
        fold_of = [number % folds for number in range(len(rows))]
    points = []
    largest_train = max((sum(1 for f in fold_of if f != fold) for fold in range(folds)), default=0)
    for step in steps:
        gold: list[set[str]] = []
        predicted: list[set[str]] = []
        for fold in range(folds):
            held = [row for row, f in zip(rows, fold_of, strict=True) if f == fold]
            train = [row for row, f in zip(rows, fold_of, strict=True) if f != fold]
            if not held:
                continue
            model = learn(codebook, train[:step]) if step else None
            tagger = Tagger(codebook, model, key_phrases=False)
            gold += [kept for _text, kept in held]
            predicted += [set(tagger.tag(text).slugs) for text, _kept in held]
        result = evaluate(gold, predicted, slugs)
        points.append(
            {
                "reviewed": min(step, largest_train),
                "micro_f1": round(result["micro"]["f1"], 3),
                "macro_f1": round(result["macro"]["f1"], 3),
            }
        )
    return {
        "folds": folds,
        "items": len(rows),
        "grouped_by": "source" if groups is not None else None,
        "points": points,
    }
