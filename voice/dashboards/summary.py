"""Keeping dash_theme_days in step with the tags.

Tagging stamps `feedback_items.tagged_at`, a review stamps `item_analyses.reviewed_at`, and a
codebook change (merge, retire) writes a codebook_changes row. `catch_up` finds the days of
the items stamped since the last run (looking back a few minutes more, so a batch that
committed late is not missed) and rebuilds exactly those days; a codebook change, or no
earlier run, rebuilds everything. Rebuilding a day is delete-and-insert in one transaction,
so running it twice gives the same rows. dash_phrase_days (the key phrases of items no theme
caught) is rebuilt for the same days, because the same stamps are what change it."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import delete, func, insert, literal_column, select

from surveys.models import FeedbackItem
from themes.models import CodebookChange, ItemAnalysis, ItemTheme
from voice.dashboards.models import PHRASE_LENGTH, PhraseDay, SummaryState, ThemeDay
from voice.db import db, utcnow

OVERLAP = timedelta(minutes=10)


def _day(column: Any) -> Any:
    if db.engine.dialect.name == "postgresql":
        return func.date(func.timezone("UTC", column))
    return func.date(column)


def _grouped(day: date | None) -> Any:
    day_column = _day(FeedbackItem.created_at)
    label = func.coalesce(ItemAnalysis.sentiment_label, literal_column("'neutral'"))
    query = (
        select(
            day_column,
            ItemTheme.theme_id,
            FeedbackItem.source_group,
            FeedbackItem.channel,
            label,
            func.count(),
        )
        .join(FeedbackItem, FeedbackItem.id == ItemTheme.item_id)
        .outerjoin(ItemAnalysis, ItemAnalysis.item_id == ItemTheme.item_id)
        .where(ItemTheme.removed.is_(False))
        .group_by(
            day_column,
            ItemTheme.theme_id,
            FeedbackItem.source_group,
            FeedbackItem.channel,
            label,
        )
    )
    if day is not None:
        start = datetime.combine(day, time.min, tzinfo=UTC)
        query = query.where(
            FeedbackItem.created_at >= start, FeedbackItem.created_at < start + timedelta(days=1)
        )
    return query


def _insert(day: date | None) -> None:
    columns = ["day", "theme_id", "source_group", "channel", "sentiment_label", "voices"]
    db.session.execute(
        insert(ThemeDay).from_select(
            [ThemeDay.__table__.c[name] for name in columns], _grouped(day)
        )
    )


def phrases_of(key_phrases: str | None) -> set[str]:
    """An item's key phrases as stored in the summary (each counted once per item)."""
    try:
        found = json.loads(key_phrases or "[]")
    except ValueError:
        return set()
    return {str(p).strip()[:PHRASE_LENGTH] for p in found if str(p).strip()}


def untagged_phrases() -> Any:
    """Each analysed item that no theme caught (now), with its day and key phrases."""
    live = (
        select(ItemTheme.id)
        .where(ItemTheme.item_id == FeedbackItem.id, ItemTheme.removed.is_(False))
        .correlate(FeedbackItem)
        .exists()
    )
    return (
        select(_day(FeedbackItem.created_at), ItemAnalysis.key_phrases)
        .join(ItemAnalysis, ItemAnalysis.item_id == FeedbackItem.id)
        .where(~live, ItemAnalysis.key_phrases != "[]")
    )


def _phrase_rows(day: date | None) -> Iterator[dict[str, Any]]:
    query = untagged_phrases()
    if day is not None:
        start = datetime.combine(day, time.min, tzinfo=UTC)
        query = query.where(
            FeedbackItem.created_at >= start, FeedbackItem.created_at < start + timedelta(days=1)
        )
    counts: Counter[tuple[date, str]] = Counter()
    rows = db.session.execute(query.execution_options(yield_per=5000))
    for item_day, key_phrases in rows:
        when = _as_date(item_day)
        counts.update((when, phrase) for phrase in phrases_of(key_phrases))
    for (when, phrase), items in counts.items():
        yield {"day": when, "phrase": phrase, "items": items}


def _insert_phrases(day: date | None) -> None:
    batch: list[dict[str, Any]] = []
    for row in _phrase_rows(day):
        batch.append(row)
        if len(batch) >= 5000:
            db.session.execute(insert(PhraseDay), batch)
            batch = []
    if batch:
        db.session.execute(insert(PhraseDay), batch)


def rebuild_days(days: Iterable[date]) -> int:
    count = 0
    for day in sorted(set(days)):
        db.session.execute(delete(ThemeDay).where(ThemeDay.day == day))
        _insert(day)
        db.session.execute(delete(PhraseDay).where(PhraseDay.day == day))
        _insert_phrases(day)
        count += 1
    db.session.flush()
    return count


def rebuild_all() -> None:
    db.session.execute(delete(ThemeDay))
    _insert(None)
    db.session.execute(delete(PhraseDay))
    _insert_phrases(None)
    db.session.flush()


def _state() -> SummaryState | None:
    return db.session.get(SummaryState, 1)


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def catch_up(now: datetime | None = None) -> int:
    """Bring the summary up to date; returns the number of days rebuilt (-1: all of them)."""
    now = now or utcnow()
    version = db.session.scalar(select(func.max(CodebookChange.id))) or 0
    state = _state()
    if state is None or state.codebook_version != version:
        rebuild_all()
        if state is None:
            state = SummaryState(id=1, refreshed_at=now, codebook_version=version)
            db.session.add(state)
        state.refreshed_at, state.codebook_version = now, version
        db.session.flush()
        return -1
    since = state.refreshed_at - OVERLAP
    day_column = _day(FeedbackItem.created_at)
    touched = set(
        db.session.scalars(select(day_column).where(FeedbackItem.tagged_at >= since).distinct())
    )
    touched |= set(
        db.session.scalars(
            select(day_column)
            .join(ItemAnalysis, ItemAnalysis.item_id == FeedbackItem.id)
            .where(ItemAnalysis.reviewed_at >= since)
            .distinct()
        )
    )
    count = rebuild_days(_as_date(value) for value in touched if value is not None)
    state.refreshed_at = now
    db.session.flush()
    return count
