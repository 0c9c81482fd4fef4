"""Tagging feedback items with the stored codebook and learned model, idempotently.

Services flush; the view or task that owns the work commits once.
"""

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, insert, inspect, literal, or_, select, update
from sqlalchemy.exc import SQLAlchemyError

from surveys.models import FeedbackItem
from themes import comment_text, safeguarding
from themes.codebook import codebook_from_rows, codebook_version, list_themes
from themes.learning import latest_model
from themes.models import (
    ItemAnalysis,
    ItemTheme,
    SafeguardingFlag,
    SweepMark,
    TagSource,
    Theme,
)
from themes.tagger import LearnedModel, Tagger, default_codebook
from voice.db import db, utcnow

BATCH_SIZE = 200


_TAGGERS: dict[str, Tagger] = {}


def current_tagger() -> tuple[Tagger, str]:
    """The tagger for the stored codebook and learned model, built once per content.

    Keyed on the themes' words themselves (a few rows), not only on ids, so that a tagger is
    never reused for a codebook that merely has the same change number."""
    themes = list_themes(active_only=True)
    stored = latest_model()
    content = json.dumps(
        [
            [t.id, t.slug, t.name, t.signals, t.weak_signals, t.not_signals]
            for t in sorted(themes, key=lambda theme: theme.id)
        ]
    )
    key = hashlib.sha256(content.encode()).hexdigest() + f"-m{stored.id if stored else 0}"
    if stored is not None:
        key += stored.created_at.isoformat()
    tagger = _TAGGERS.get(key)
    if tagger is None:
        model = LearnedModel.from_json(stored.model_json) if stored else None
        tagger = Tagger(codebook_from_rows(themes), model)
        _TAGGERS.clear()
        _TAGGERS[key] = tagger
    return tagger, f"c{codebook_version()}-m{stored.id if stored else 0}"


def read_only_tagger() -> Tagger:
    """For the command line: the stored codebook, or the default one when the database is
    fresh or not migrated. Reads only; never seeds or writes."""
    try:
        if not inspect(db.engine).has_table(Theme.__tablename__):
            return Tagger(default_codebook())
        themes = list(
            db.session.scalars(select(Theme).where(Theme.active.is_(True)).order_by(Theme.id))
        )
        stored = latest_model()
    except SQLAlchemyError:
        return Tagger(default_codebook())
    finally:
        db.session.rollback()
    if not themes:
        return Tagger(default_codebook())
    model = LearnedModel.from_json(stored.model_json) if stored else None
    return Tagger(codebook_from_rows(themes), model)


@dataclass
class _Writes:
    """Rows to write for one batch, sent in a few statements rather than one per row."""

    new_analyses: list[dict[str, Any]] = field(default_factory=list)
    analyses: list[dict[str, Any]] = field(default_factory=list)
    new_tags: list[dict[str, Any]] = field(default_factory=list)
    tags: list[dict[str, Any]] = field(default_factory=list)
    gone_tags: list[int] = field(default_factory=list)
    flags: list[SafeguardingFlag] = field(default_factory=list)


def tag_items(item_ids: Sequence[int]) -> list[int]:
    """Tag the items and store the results; safe to run again on the same ids.

    Human decisions are never touched. Returns the ids of safeguarding flags raised now."""
    tagger, version = current_tagger()
    themes = dict(db.session.execute(select(Theme.slug, Theme.id)).all())
    items = comment_text.originals_to_tag(item_ids)
    if not items:
        return []
    ids = [item_id for item_id, _text in items]
    analyses = {
        item_id: (analysis_id, reviewed_at)
        for item_id, analysis_id, reviewed_at in db.session.execute(
            select(ItemAnalysis.item_id, ItemAnalysis.id, ItemAnalysis.reviewed_at).where(
                ItemAnalysis.item_id.in_(ids)
            )
        )
    }
    tags: dict[int, dict[int, tuple[int, TagSource]]] = {}
    for tag_id, item_id, theme_id, source in db.session.execute(
        select(ItemTheme.id, ItemTheme.item_id, ItemTheme.theme_id, ItemTheme.source).where(
            ItemTheme.item_id.in_(ids)
        )
    ):
        tags.setdefault(item_id, {})[theme_id] = (tag_id, source)
    flagged = set(
        db.session.scalars(
            select(SafeguardingFlag.item_id).where(SafeguardingFlag.item_id.in_(ids))
        )
    )
    writes = _Writes()
    now = utcnow()
    for item_id, text in items:
        result = tagger.tag(text or "")
        values = {
            "sentiment": result.sentiment,
            "sentiment_label": result.sentiment_label,
            "key_phrases": json.dumps(list(result.key_phrases), ensure_ascii=False),
            "redacted_text": result.redacted,
            "auto_slugs": json.dumps(list(result.slugs)),
            "tagger_version": version,
            "tagged_at": now,
        }
        analysis_id, reviewed_at = analyses.get(item_id, (None, None))
        if analysis_id is None:
            writes.new_analyses.append({"item_id": item_id, **values})
        else:
            writes.analyses.append({"id": analysis_id, **values})
        if reviewed_at is None:
            found = {themes[hit.slug]: hit for hit in result.themes if hit.slug in themes}
            _plan_auto_tags(item_id, tags.get(item_id, {}), found, writes)
        if result.safeguarding and item_id not in flagged:
            flag = SafeguardingFlag(item_id=item_id, reason=result.safeguarding_reason or "")
            writes.flags.append(flag)
    _write(writes, ids, now)
    for flag in writes.flags:
        safeguarding.record(flag.id, "raised")
    db.session.flush()
    return [flag.id for flag in writes.flags]


def _plan_auto_tags(
    item_id: int,
    existing: dict[int, tuple[int, TagSource]],
    found: dict[int, Any],
    writes: _Writes,
) -> None:
    """Replace the automatic tags of an item; rows a person decided on stay as they are."""
    for theme_id, (tag_id, source) in existing.items():
        if source is TagSource.AUTO and theme_id not in found:
            writes.gone_tags.append(tag_id)
    for theme_id, hit in found.items():
        values = {
            "confidence": hit.confidence,
            "evidence": json.dumps(list(hit.evidence), ensure_ascii=False),
        }
        known = existing.get(theme_id)
        if known is None:
            writes.new_tags.append(
                {
                    "item_id": item_id,
                    "theme_id": theme_id,
                    "source": TagSource.AUTO,
                    "reviewed": False,
                    "removed": False,
                    **values,
                }
            )
        elif known[1] is TagSource.AUTO:
            writes.tags.append({"id": known[0], **values})


def _write(writes: _Writes, ids: Sequence[int], now: datetime) -> None:
    if writes.new_analyses:
        db.session.execute(insert(ItemAnalysis), writes.new_analyses)
    if writes.analyses:
        db.session.execute(update(ItemAnalysis), writes.analyses)
    if writes.gone_tags:
        db.session.execute(delete(ItemTheme).where(ItemTheme.id.in_(writes.gone_tags)))
    if writes.new_tags:
        db.session.execute(insert(ItemTheme), writes.new_tags)
    if writes.tags:
        db.session.execute(update(ItemTheme), writes.tags)
    db.session.add_all(writes.flags)
    db.session.execute(
        update(FeedbackItem)
        .where(FeedbackItem.id.in_(ids))
        .values(tagged_at=now)
        .execution_options(synchronize_session=False)
    )
    db.session.flush()


def items_to_sweep(*, seen_for: timedelta, queued_for: timedelta, limit: int = 10_000) -> list[int]:
    """Untagged items whose hand-over to the workers looks lost, marked as queued now.

    An item is taken only once the sweep has seen it untagged for `seen_for` (a new item was
    queued when it was stored, and is usually tagged by then), and not again within
    `queued_for` of the last time the sweep queued it: an item waiting behind a long queue is
    left in it, not queued a second time."""
    now = utcnow()
    db.session.execute(
        delete(SweepMark).where(
            SweepMark.item_id.in_(
                select(FeedbackItem.id).where(FeedbackItem.tagged_at.is_not(None))
            )
        )
    )
    unseen = (
        select(FeedbackItem.id, literal(now, SweepMark.seen_at.type))
        .outerjoin(SweepMark, SweepMark.item_id == FeedbackItem.id)
        .where(FeedbackItem.tagged_at.is_(None), SweepMark.item_id.is_(None))
        .order_by(FeedbackItem.id)
        .limit(limit)
    )
    db.session.execute(insert(SweepMark).from_select(["item_id", "seen_at"], unseen))
    due = list(
        db.session.scalars(
            select(SweepMark.item_id)
            .join(FeedbackItem, FeedbackItem.id == SweepMark.item_id)
            .where(
                FeedbackItem.tagged_at.is_(None),
                SweepMark.seen_at <= now - seen_for,
                or_(SweepMark.queued_at.is_(None), SweepMark.queued_at <= now - queued_for),
            )
            .order_by(SweepMark.item_id)
            .limit(limit)
        )
    )
    if due:
        db.session.execute(
            update(SweepMark).where(SweepMark.item_id.in_(due)).values(queued_at=now)
        )
    return due


def batches(ids: Sequence[int], size: int = BATCH_SIZE) -> list[list[int]]:
    return [list(ids[start : start + size]) for start in range(0, len(ids), size)]
