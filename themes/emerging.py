"""Emerging phrases: key phrases that recur in comments no theme caught.

Services flush; the view or task that owns the work commits once.
"""

import json
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import select

from themes import comment_text
from themes.models import (
    ItemAnalysis,
    ItemTheme,
)
from voice.db import db


@dataclass
class EmergingPhrase:
    phrase: str
    count: int
    example_ids: list[int]  # their words come from themes.comment_text


def emerging_phrases(*, limit: int = 30, scan: int = 5000) -> list[EmergingPhrase]:
    """Key phrases that recur in tagged items that no theme caught, most frequent first."""
    # NOT EXISTS rather than NOT IN: PostgreSQL turns it into an anti-join, so the newest
    # analyses are walked by primary key until `scan` untagged ones are found.
    themed = (
        select(ItemTheme.id)
        .where(ItemTheme.item_id == ItemAnalysis.item_id, ItemTheme.removed.is_(False))
        .exists()
    )
    rows = db.session.execute(
        select(ItemAnalysis.item_id, ItemAnalysis.key_phrases)
        .where(~themed, comment_text.not_held_back(ItemAnalysis.item_id))
        .order_by(ItemAnalysis.id.desc())
        .limit(scan)
    ).all()
    counts: Counter[str] = Counter()
    examples: dict[str, list[int]] = {}
    for item_id, phrases_json in rows:
        for phrase in set(json.loads(phrases_json or "[]")):
            counts[phrase] += 1
            found = examples.setdefault(phrase, [])
            if len(found) < 3:
                found.append(item_id)
    return [
        EmergingPhrase(phrase=phrase, count=count, example_ids=examples[phrase])
        for phrase, count in counts.most_common(limit)
        if count >= 2
    ]
