"""What reviews teach the tagger, and how much: training on reviewed items and the learning
curve (train on some reviewed folds, score the held-out one). Plain Python."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from .codebook import Codebook
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
) -> dict[str, Any]:
    """Cross-validated micro and macro F1 after learning from N reviewed items: each fold in
    turn is held out and scored, the model trained on the first N items of the others."""
    slugs = codebook.slugs
    points = []
    for step in steps:
        gold: list[set[str]] = []
        predicted: list[set[str]] = []
        for fold in range(folds):
            held = [row for number, row in enumerate(rows) if number % folds == fold]
            train = [row for number, row in enumerate(rows) if number % folds != fold]
            model = learn(codebook, train[:step]) if step else None
            tagger = Tagger(codebook, model, key_phrases=False)
            gold += [kept for _text, kept in held]
            predicted += [set(tagger.tag(text).slugs) for text, _kept in held]
        result = evaluate(gold, predicted, slugs)
        points.append(
            {
                "reviewed": min(step, max(len(rows) - len(rows) // folds, 0)),
                "micro_f1": round(result["micro"]["f1"], 3),
                "macro_f1": round(result["macro"]["f1"], 3),
            }
        )
    return {"folds": folds, "items": len(rows), "points": points}
