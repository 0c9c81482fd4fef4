"""Queries and changes for the codebook, tagging, review, learning and safeguarding.

Services flush; the view or task that owns the work commits once.
"""

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, inspect, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from surveys.models import FeedbackItem
from themes import comment_text, safeguarding
from themes.models import (
    CodebookChange,
    ItemAnalysis,
    ItemTheme,
    JobStatus,
    RetagJob,
    SafeguardingFlag,
    StoredModel,
    TagSource,
    Theme,
)
from themes.tagger import Codebook, LearnedModel, Tagger, ThemeDef, default_codebook, evaluate
from voice.db import db, utcnow

BATCH_SIZE = 200
MIN_REVIEWED_TO_TRAIN = 20


class CodebookError(ValueError):
    """A codebook change that cannot be made (for example a slug already in use)."""


# -- codebook -----------------------------------------------------------------------------


def _lines(values: Iterable[str]) -> str:
    return "\n".join(value.strip() for value in values if value.strip())


def split_signals(text: str) -> tuple[str, ...]:
    """Signals as typed by staff: one a line or separated by commas."""
    return tuple(part.strip() for part in re.split(r"[\n,]", text or "") if part.strip())


def _log(action: str, theme: Theme | None, user_id: int | None, detail: str = "") -> None:
    db.session.add(CodebookChange(action=action, theme=theme, changed_by_id=user_id, detail=detail))


def ensure_codebook() -> None:
    """Load the default SEND codebook into an empty database.

    Run lazily by everything that reads the codebook, so a fresh database (and every test,
    whose tables are emptied after it) gets the default themes without a separate step.
    """
    if db.session.scalar(select(func.count(Theme.id))):
        return
    try:
        with db.session.begin_nested():
            for theme in default_codebook():
                row = Theme(
                    slug=theme.slug,
                    name=theme.name,
                    easy_read_name=theme.easy_read_name,
                    description=theme.description,
                    signals=_lines(theme.signals),
                    weak_signals=_lines(theme.weak_signals),
                    not_signals=_lines(theme.not_signals),
                )
                db.session.add(row)
            _log("seed", None, None, "default SEND codebook")
    except IntegrityError:
        pass  # another worker seeded it at the same moment


def list_themes(*, active_only: bool = False) -> list[Theme]:
    ensure_codebook()
    query = select(Theme).order_by(Theme.active.desc(), Theme.name)
    if active_only:
        query = query.where(Theme.active.is_(True))
    return list(db.session.scalars(query))


def get_theme(theme_id: int) -> Theme | None:
    return db.session.get(Theme, theme_id)


def slugify(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:64] or "theme"


def add_theme(
    *,
    name: str,
    easy_read_name: str,
    description: str,
    signals: str,
    user_id: int | None,
    slug: str | None = None,
) -> Theme:
    ensure_codebook()
    slug = slugify(slug or name)
    if db.session.scalar(select(Theme.id).where(Theme.slug == slug)) is not None:
        raise CodebookError(slug)
    theme = Theme(
        slug=slug,
        name=name.strip(),
        easy_read_name=(easy_read_name or name).strip(),
        description=description.strip(),
        signals=_lines(split_signals(signals)),
    )
    db.session.add(theme)
    db.session.flush()
    _log("add", theme, user_id, theme.name)
    return theme


def update_theme(
    theme: Theme,
    *,
    name: str,
    easy_read_name: str,
    description: str,
    signals: str,
    user_id: int | None,
) -> None:
    before = theme.name
    theme.name = name.strip()
    theme.easy_read_name = easy_read_name.strip() or theme.name
    theme.description = description.strip()
    theme.signals = _lines(split_signals(signals))
    _log("edit", theme, user_id, f"{before} -> {theme.name}")
    db.session.flush()


def retire_theme(theme: Theme, *, user_id: int | None) -> None:
    theme.active = False
    _log("retire", theme, user_id, theme.name)
    db.session.flush()


def restore_theme(theme: Theme, *, user_id: int | None) -> None:
    theme.active = True
    theme.merged_into_id = None
    _log("restore", theme, user_id, theme.name)
    db.session.flush()


def merge_themes(source: Theme, target: Theme, *, user_id: int | None) -> int:
    """Move every tag from source to target, fold the signals in, retire the source.

    Returns the number of items whose tags moved."""
    if source.id == target.id:
        raise CodebookError(source.slug)
    rows = list(db.session.scalars(select(ItemTheme).where(ItemTheme.theme_id == source.id)))
    target_items = {
        row.item_id: row
        for row in db.session.scalars(select(ItemTheme).where(ItemTheme.theme_id == target.id))
    }
    for row in rows:
        existing = target_items.get(row.item_id)
        if existing is None:
            row.theme_id = target.id
            continue
        # The item already has the target theme: keep the stronger decision.
        if row.source is TagSource.HUMAN and not row.removed:
            existing.source, existing.removed, existing.reviewed = TagSource.HUMAN, False, True
        existing.confidence = max(existing.confidence, row.confidence)
        db.session.delete(row)
    merged = list(split_signals(target.signals))
    merged += [s for s in split_signals(source.signals) if s not in merged]
    target.signals = _lines(merged)
    source.active = False
    source.merged_into_id = target.id
    _log("merge", source, user_id, f"{source.slug} -> {target.slug}")
    db.session.flush()
    return len(rows)


def codebook_version() -> int:
    return db.session.scalar(select(func.max(CodebookChange.id))) or 0


def recent_changes(limit: int = 20) -> list[CodebookChange]:
    return list(
        db.session.scalars(select(CodebookChange).order_by(CodebookChange.id.desc()).limit(limit))
    )


def codebook_from_rows(themes: Sequence[Theme]) -> Codebook:
    return Codebook(
        themes=tuple(
            ThemeDef(
                slug=theme.slug,
                name=theme.name,
                easy_read_name=theme.easy_read_name,
                description=theme.description,
                signals=split_signals(theme.signals),
                weak_signals=split_signals(theme.weak_signals),
                not_signals=split_signals(theme.not_signals),
            )
            for theme in themes
        )
    )


# -- the tagger in use --------------------------------------------------------------------

_TAGGERS: dict[str, Tagger] = {}


def latest_model() -> StoredModel | None:
    return db.session.scalar(select(StoredModel).order_by(StoredModel.id.desc()).limit(1))


def current_tagger() -> tuple[Tagger, str]:
    """The tagger for the stored codebook and learned model, built once per content.

    Keyed on the themes' words themselves (a few rows), not only on ids, so that a tagger is
    never reused for a codebook that merely has the same change number."""
    ensure_codebook()
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


# -- tagging ------------------------------------------------------------------------------


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
        tag_id, source = existing.get(theme_id, (None, None))
        if tag_id is None:
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
        elif source is TagSource.AUTO:
            writes.tags.append({"id": tag_id, **values})


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


def untagged_item_ids(limit: int = 10_000) -> list[int]:
    return list(
        db.session.scalars(
            select(FeedbackItem.id)
            .where(FeedbackItem.tagged_at.is_(None))
            .order_by(FeedbackItem.id)
            .limit(limit)
        )
    )


def batches(ids: Sequence[int], size: int = BATCH_SIZE) -> list[list[int]]:
    return [list(ids[start : start + size]) for start in range(0, len(ids), size)]


# -- re-tag jobs --------------------------------------------------------------------------


def start_retag_job(*, user_id: int | None) -> RetagJob:
    total = db.session.scalar(select(func.count(FeedbackItem.id))) or 0
    job = RetagJob(total=total, requested_by_id=user_id)
    db.session.add(job)
    db.session.flush()
    return job


def get_retag_job(job_id: int) -> RetagJob | None:
    return db.session.get(RetagJob, job_id)


def latest_retag_job() -> RetagJob | None:
    return db.session.scalar(select(RetagJob).order_by(RetagJob.id.desc()).limit(1))


def item_ids_after(last_id: int, size: int = BATCH_SIZE) -> list[int]:
    return list(
        db.session.scalars(
            select(FeedbackItem.id)
            .where(FeedbackItem.id > last_id)
            .order_by(FeedbackItem.id)
            .limit(size)
        )
    )


def record_job_progress(job_id: int, *, done: int, status: JobStatus) -> None:
    values: dict[str, Any] = {"done": done, "status": status}
    if status in {JobStatus.DONE, JobStatus.FAILED}:
        values["finished_at"] = utcnow()
    db.session.execute(update(RetagJob).where(RetagJob.id == job_id).values(**values))


# -- review -------------------------------------------------------------------------------


@dataclass
class ReviewView:
    item: FeedbackItem  # where and when it came from; its words are in `comment`
    comment: comment_text.CommentText
    analysis: ItemAnalysis | None
    tags: list[ItemTheme]


def next_item_to_review(after_id: int = 0) -> FeedbackItem | None:
    """The next tagged, unreviewed item with no open safeguarding flag."""
    query = (
        select(FeedbackItem)
        .join(ItemAnalysis, ItemAnalysis.item_id == FeedbackItem.id)
        .where(ItemAnalysis.reviewed_at.is_(None))
        .where(comment_text.not_held_back())
        .order_by(FeedbackItem.id)
    )
    item = db.session.scalar(query.where(FeedbackItem.id > after_id).limit(1))
    return item or db.session.scalar(query.limit(1))


def count_to_review() -> int:
    return (
        db.session.scalar(
            select(func.count(ItemAnalysis.id))
            .where(ItemAnalysis.reviewed_at.is_(None))
            .where(comment_text.not_held_back(ItemAnalysis.item_id))
        )
        or 0
    )


def review_view(
    item_id: int, viewer: comment_text.Viewer, place: comment_text.Place
) -> ReviewView | None:
    """None when there is no such comment, or when this viewer may not see it here."""
    comment = comment_text.text(item_id, viewer, place)
    item = db.session.get(FeedbackItem, item_id)
    if comment is None or item is None:
        return None
    analysis = db.session.scalar(select(ItemAnalysis).where(ItemAnalysis.item_id == item_id))
    tags = list(
        db.session.scalars(
            select(ItemTheme)
            .where(ItemTheme.item_id == item_id, ItemTheme.removed.is_(False))
            .order_by(ItemTheme.confidence.desc())
        )
    )
    return ReviewView(item=item, comment=comment, analysis=analysis, tags=tags)


def save_review(item_id: int, chosen_theme_ids: Iterable[int], *, user_id: int | None) -> None:
    """Store a person's decision: the chosen themes stay, the others are marked removed."""
    chosen = set(chosen_theme_ids)
    rows = {
        row.theme_id: row
        for row in db.session.scalars(select(ItemTheme).where(ItemTheme.item_id == item_id))
    }
    for theme_id, row in rows.items():
        row.source = TagSource.HUMAN
        row.reviewed = True
        row.removed = theme_id not in chosen
    for theme_id in chosen - rows.keys():
        db.session.add(
            ItemTheme(
                item_id=item_id,
                theme_id=theme_id,
                source=TagSource.HUMAN,
                reviewed=True,
                confidence=1.0,
            )
        )
    analysis = db.session.scalar(select(ItemAnalysis).where(ItemAnalysis.item_id == item_id))
    if analysis is None:
        analysis = ItemAnalysis(item_id=item_id)
        db.session.add(analysis)
    analysis.reviewed_at = utcnow()
    analysis.reviewed_by_id = user_id
    db.session.flush()


def item_slugs(item_id: int) -> list[str]:
    return list(
        db.session.scalars(
            select(Theme.slug)
            .join(ItemTheme, ItemTheme.theme_id == Theme.id)
            .where(ItemTheme.item_id == item_id, ItemTheme.removed.is_(False))
            .order_by(Theme.slug)
        )
    )


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
    result["model"] = latest_model()
    return result


def train_model() -> StoredModel | None:
    """Train the learned model on every reviewed item; None when there are too few."""
    pairs = _reviewed_pairs()
    if len(pairs) < MIN_REVIEWED_TO_TRAIN:
        return None
    model = LearnedModel().fit((text, slugs) for text, slugs, _auto in pairs)
    stored = StoredModel(trained_on=len(pairs), model_json=model.to_json())
    db.session.add(stored)
    db.session.flush()
    return stored


# -- emerging themes ----------------------------------------------------------------------


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
