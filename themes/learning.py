"""What reviews teach: the tagger's quality against reviews, and the learned model.

Services flush; the view or task that owns the work commits once.
"""

import json
from typing import Any

from sqlalchemy import select

from themes import comment_text
from themes.codebook import codebook_from_rows, list_themes
from themes.models import (
    ItemAnalysis,
    ItemTheme,
    StoredModel,
    Theme,
)
from themes.tagger import LearnedModel, evaluate
from themes.tagger.teaching import learn
from voice.db import db

MIN_REVIEWED_TO_TRAIN = 20


def latest_model() -> StoredModel | None:
    return db.session.scalar(select(StoredModel).order_by(StoredModel.id.desc()).limit(1))


def _reviewed_pairs() -> list[tuple[str, set[str], set[str]]]:
    """(redacted text, human slugs, automatic slugs) for every reviewed item. The model learns
    from the redacted words, so no name ever reaches its stored word weights."""
    rows = comment_text.words_for_learning()
    human: dict[int, set[str]] = {}
    for item_id, slug in db.session.execute(
        select(ItemTheme.item_id, Theme.slug)
        .join(Theme, Theme.id == ItemTheme.theme_id)
        .join(ItemAnalysis, ItemAnalysis.item_id == ItemTheme.item_id)
        .where(ItemAnalysis.reviewed_at.is_not(None), ItemTheme.removed.is_(False))
    ):
        human.setdefault(item_id, set()).add(slug)
    return [
        (text, human.get(item_id, set()), set(json.loads(auto))) for item_id, text, auto in rows
    ]


def tagger_quality() -> dict[str, Any]:
    """Precision and recall of the automatic tags against reviewed ones, per theme."""
    pairs = _reviewed_pairs()
    slugs = [theme.slug for theme in list_themes(active_only=True)]
    result = evaluate([p[1] for p in pairs], [p[2] for p in pairs], slugs)
    stored = latest_model()
    result["model"] = stored
    result["lessons"] = LearnedModel.from_json(stored.model_json).lessons() if stored else []
    return result


def train_model() -> StoredModel | None:
    """Train the learned model on every reviewed item; None when there are too few."""
    pairs = _reviewed_pairs()
    if len(pairs) < MIN_REVIEWED_TO_TRAIN:
        return None
    codebook = codebook_from_rows(list_themes(active_only=True))
    model = learn(codebook, ((text, slugs) for text, slugs, _auto in pairs))
    stored = StoredModel(trained_on=len(pairs), model_json=model.to_json())
    db.session.add(stored)
    db.session.flush()
    return stored
