"""Keeping dash_theme_days in step with the tags.

Tagging stamps `feedback_items.tagged_at`, a review stamps `item_analyses.reviewed_at`, and a
codebook change (merge, retire) writes a codebook_changes row. `catch_up` finds the days of
the items stamped since the last run (looking back a few minutes more, so a batch that
committed late is not missed) and rebuilds exactly those days; a codebook change, or no
earlier run, rebuilds everything. Rebuilding a day is delete-and-insert in one transaction,
so running it twice gives the same rows. dash_phrase_days (the key phrases of items no theme
caught) is rebuilt for the same days, because the same stamps are what change it. The counts,
the phrases and the stamped days are asked of themes.queries; the tables here are our own."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import delete, insert

from themes import queries as themes
from voice.dashboards.models import PHRASE_LENGTH, PhraseDay, SummaryState, ThemeDay
from voice.db import db, utcnow

OVERLAP = timedelta(minutes=10)


def _insert(day: date | None) -> None:
    columns = ["day", "theme_id", "source_group", "channel", "sentiment_label", "voices"]
    db.session.execute(
        insert(ThemeDay).from_select(
            [ThemeDay.__table__.c[name] for name in columns], themes.theme_counts_by_day(day)
        )
    )


def phrases_of(key_phrases: Iterable[str]) -> set[str]:
    """An item's key phrases as stored in the summary (each counted once per item)."""
    return {phrase.strip()[:PHRASE_LENGTH] for phrase in key_phrases if phrase.strip()}


def _phrase_rows(day: date | None) -> Iterator[dict[str, Any]]:
    counts: Counter[tuple[date, str]] = Counter()
    for when, phrases in themes.untagged_key_phrases(day=day):
        counts.update((when, phrase) for phrase in phrases_of(phrases))
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


def catch_up(now: datetime | None = None) -> int:
    """Bring the summary up to date; returns the number of days rebuilt (-1: all of them)."""
    now = now or utcnow()
    version = themes.codebook_version()
    state = _state()
    if state is None or state.codebook_version != version:
        rebuild_all()
        if state is None:
            state = SummaryState(id=1, refreshed_at=now, codebook_version=version)
            db.session.add(state)
        state.refreshed_at, state.codebook_version = now, version
        db.session.flush()
        return -1
    count = rebuild_days(themes.days_retagged_since(state.refreshed_at - OVERLAP))
    state.refreshed_at = now
    db.session.flush()
    return count
