"""What other packages may read about themes: the current codebook and how often each theme is
raised. They call these, never the models' queries, so each rule is written here once."""

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, func, literal_column, select

from surveys.models import FeedbackItem, SurveyResponse
from surveys.queries import ItemScope, in_scope
from surveys.types import Channel, HowAnswered, SourceGroup
from themes import comment_text
from themes.codebook import codebook_version as codebook_version
from themes.comment_text import Place, Viewer
from themes.models import ItemAnalysis, ItemTheme, Theme
from voice.db import db


@dataclass(frozen=True)
class ThemeSummary:
    id: int
    slug: str
    name: str
    easy_read_name: str


@dataclass(frozen=True)
class RaisedTheme:
    theme: ThemeSummary
    voices: int


def _summary(theme: Theme) -> ThemeSummary:
    return ThemeSummary(theme.id, theme.slug, theme.name, theme.easy_read_name)


def current_themes() -> list[ThemeSummary]:
    """The active themes of the codebook, by name."""
    rows = db.session.scalars(select(Theme).where(Theme.active.is_(True)).order_by(Theme.name))
    return [_summary(theme) for theme in rows]


def get_theme_summary(theme_id: int) -> ThemeSummary | None:
    theme = db.session.get(Theme, theme_id)
    return _summary(theme) if theme is not None else None


def themes_raised_by(
    group: SourceGroup, start: datetime, end: datetime, *, limit: int = 5
) -> list[RaisedTheme]:
    """The themes one source group raised most in a period (comments given from start until
    end), most first: a comment counts once per theme it is tagged with."""
    voices = func.count(func.distinct(ItemTheme.item_id))
    rows = db.session.execute(
        select(Theme, voices)
        .join(ItemTheme, ItemTheme.theme_id == Theme.id)
        .join(FeedbackItem, FeedbackItem.id == ItemTheme.item_id)
        .where(
            ItemTheme.removed.is_(False),
            FeedbackItem.source_group == group,
            FeedbackItem.created_at >= start,
            FeedbackItem.created_at < end,
        )
        .group_by(Theme.id)
        .order_by(voices.desc(), Theme.name)
        .limit(limit)
    )
    return [RaisedTheme(_summary(theme), int(number)) for theme, number in rows]


def themes_with_ids(theme_ids: Select[int] | Iterable[int]) -> list[Theme]:
    """The themes with these ids, by name. Callers may link them to their own records (a
    statement's themes) but change them only through the codebook."""
    ids = theme_ids if isinstance(theme_ids, Select) else list(theme_ids)
    return list(db.session.scalars(select(Theme).where(Theme.id.in_(ids)).order_by(Theme.name)))


def theme_ids_with_slug(slug: str) -> Select[int]:
    return select(Theme.id).where(Theme.slug == slug)


def items_tagged_with(theme_ids: Select[int] | Iterable[int]) -> Select[int]:
    """Ids of the comments that carry any of these themes (a tag a reviewer removed does not
    count)."""
    ids = theme_ids if isinstance(theme_ids, Select) else list(theme_ids)
    return select(ItemTheme.item_id).where(ItemTheme.theme_id.in_(ids), ~ItemTheme.removed)


def themes_of_items(
    item_ids: Select[int] | Iterable[int], *, removed_too: bool = False
) -> Select[int]:
    """Ids of the themes these comments carry; with `removed_too`, also those a reviewer took
    off (so counts that once included a comment are corrected)."""
    ids = item_ids if isinstance(item_ids, Select) else list(item_ids)
    query = select(ItemTheme.theme_id).where(ItemTheme.item_id.in_(ids))
    return query if removed_too else query.where(~ItemTheme.removed)


def newest_items_tagged_with(
    theme_ids: Iterable[int],
    viewer: Viewer,
    place: Place,
    *,
    leaving_out: Select[int],
    limit: int,
) -> list[int]:
    """The newest comments carrying these themes that this viewer may see there, without those
    `leaving_out` returns."""
    return list(
        db.session.scalars(
            select(ItemTheme.item_id)
            .where(
                ItemTheme.theme_id.in_(list(theme_ids)),
                ~ItemTheme.removed,
                ItemTheme.item_id.not_in(leaving_out),
                comment_text.visible(viewer, place, ItemTheme.item_id),
            )
            .distinct()
            .order_by(ItemTheme.item_id.desc())
            .limit(limit)
        )
    )


def voices_by_theme(
    excluding: Select[int] | None = None,
) -> list[tuple[Theme, int]]:
    """Every theme with the number of comments carrying it, leaving out the themes whose ids
    `excluding` returns."""
    query = (
        select(Theme, func.count(func.distinct(ItemTheme.item_id)))
        .join(ItemTheme, ItemTheme.theme_id == Theme.id)
        .where(~ItemTheme.removed)
        .group_by(Theme.id)
    )
    if excluding is not None:
        query = query.where(Theme.id.not_in(excluding))
    return [(theme, int(number)) for theme, number in db.session.execute(query)]


# -- the dashboard's counts and lists, over the comments in an ItemScope ----------------------


def theme_with_slug(slug: str) -> ThemeSummary | None:
    theme = db.session.scalar(select(Theme).where(Theme.slug == slug))
    return _summary(theme) if theme is not None else None


def theme_summaries_with_ids(theme_ids: Iterable[int]) -> list[ThemeSummary]:
    """The themes with these ids, by name."""
    return [_summary(theme) for theme in themes_with_ids(theme_ids)]


def themes_to_filter_by() -> list[ThemeSummary]:
    """Every theme not merged into another, retired ones too (their comments are still there to
    look back on), by name."""
    rows = db.session.scalars(
        select(Theme).where(Theme.merged_into_id.is_(None)).order_by(Theme.name)
    )
    return [_summary(theme) for theme in rows]


def items_with_sentiment(label: str) -> Select[int]:
    """Ids of the comments the tagger read as this sentiment ("positive", "negative", ...)."""
    return select(ItemAnalysis.item_id).where(ItemAnalysis.sentiment_label == label)


def theme_sentiment_counts(scope: ItemScope) -> dict[int, dict[str, int]]:
    """For each theme, how many comments in the scope carry it, by sentiment (a comment not
    analysed yet counts as neutral)."""
    rows = db.session.execute(
        select(ItemTheme.theme_id, ItemAnalysis.sentiment_label, func.count(FeedbackItem.id))
        .join(FeedbackItem, FeedbackItem.id == ItemTheme.item_id)
        .outerjoin(ItemAnalysis, ItemAnalysis.item_id == ItemTheme.item_id)
        .where(ItemTheme.removed.is_(False), *in_scope(scope))
        .group_by(ItemTheme.theme_id, ItemAnalysis.sentiment_label)
    )
    counted: dict[int, dict[str, int]] = {}
    for theme_id, label, number in rows:
        by_label = counted.setdefault(theme_id, {})
        by_label[label or "neutral"] = by_label.get(label or "neutral", 0) + int(number)
    return counted


def sentiment_counts(scope: ItemScope) -> dict[str, int]:
    """How many analysed comments in the scope the tagger read as each sentiment."""
    rows = db.session.execute(
        select(ItemAnalysis.sentiment_label, func.count(FeedbackItem.id))
        .join(FeedbackItem, FeedbackItem.id == ItemAnalysis.item_id)
        .where(*in_scope(scope))
        .group_by(ItemAnalysis.sentiment_label)
    )
    return {label: int(number) for label, number in rows}


def held_back_count(scope: ItemScope) -> int:
    """How many comments in the scope are under an open safeguarding flag (a count is all that
    staff other than safeguarding leads may know of them)."""
    return (
        db.session.scalar(
            select(func.count(FeedbackItem.id)).where(
                FeedbackItem.id.in_(comment_text.held_back_ids()), *in_scope(scope)
            )
        )
        or 0
    )


def _phrases(stored: str | None) -> list[str]:
    """An analysis's key phrases (stored as a JSON list; anything unreadable is none)."""
    try:
        found = json.loads(stored or "[]")
    except ValueError:
        return []
    return [str(phrase) for phrase in found] if isinstance(found, list) else []


def latest_key_phrases(scope: ItemScope, *, scan: int) -> list[list[str]]:
    """The key phrases of the newest `scan` analysed comments in the scope, one list a comment,
    leaving out comments under an open safeguarding flag."""
    rows = db.session.scalars(
        select(ItemAnalysis.key_phrases)
        .join(FeedbackItem, FeedbackItem.id == ItemAnalysis.item_id)
        .where(*in_scope(scope), comment_text.not_held_back())
        .order_by(FeedbackItem.created_at.desc())
        .limit(scan)
    )
    return [_phrases(stored) for stored in rows]


@dataclass(frozen=True)
class ListedComment:
    """Where an analysed comment came from and how it reads, without its words (those come
    from themes.comment_text, which decides who sees them)."""

    item_id: int
    created_at: datetime
    source_group: SourceGroup
    channel: Channel
    language: str
    sentiment: str
    how_answered: HowAnswered | None


def _comments_query(
    scope: ItemScope, viewer: Viewer, place: Place, *, consented_to_quote: bool
) -> Select[*tuple[Any, ...]]:
    query = (
        select(
            FeedbackItem.id,
            FeedbackItem.created_at,
            FeedbackItem.source_group,
            FeedbackItem.channel,
            FeedbackItem.language,
            ItemAnalysis.sentiment_label,
            SurveyResponse.how_answered,
        )
        .join(ItemAnalysis, ItemAnalysis.item_id == FeedbackItem.id)
        .outerjoin(SurveyResponse, SurveyResponse.id == FeedbackItem.response_id)
        .where(*in_scope(scope), comment_text.visible(viewer, place))
    )
    if consented_to_quote:
        query = query.where(FeedbackItem.consent_to_quote.is_(True))
    return query


def _listed(rows: Iterable[Any]) -> list[ListedComment]:
    return [
        ListedComment(
            item_id=row[0],
            created_at=row[1],
            source_group=row[2],
            channel=row[3],
            language=row[4],
            sentiment=row[5] or "neutral",
            how_answered=row[6],
        )
        for row in rows
    ]


def comments_in(
    scope: ItemScope,
    viewer: Viewer,
    place: Place,
    *,
    limit: int,
    offset: int = 0,
    most_negative_first: bool = False,
    consented_to_quote: bool = False,
) -> list[ListedComment]:
    """Analysed comments in the scope that this viewer may see there (never those under an open
    safeguarding flag, unless the gate allows it), newest first or most negative first; with
    `consented_to_quote`, only those whose authors agreed to be quoted."""
    query = _comments_query(scope, viewer, place, consented_to_quote=consented_to_quote)
    if most_negative_first:
        query = query.order_by(ItemAnalysis.sentiment, FeedbackItem.id.desc())
    else:
        query = query.order_by(FeedbackItem.created_at.desc(), FeedbackItem.id.desc())
    return _listed(db.session.execute(query.limit(limit).offset(offset)))


def each_comment_in(
    scope: ItemScope, viewer: Viewer, place: Place, *, batch: int
) -> Iterator[list[ListedComment]]:
    """Every analysed comment in the scope this viewer may see there, newest first, `batch` at
    a time, read from the database as they are asked for (an export never holds them all)."""
    query = _comments_query(scope, viewer, place, consented_to_quote=False).order_by(
        FeedbackItem.created_at.desc(), FeedbackItem.id.desc()
    )
    result = db.session.execute(query.execution_options(yield_per=batch))
    for rows in result.partitions():
        yield _listed(rows)


def theme_names_of_items(item_ids: Iterable[int]) -> dict[int, list[str]]:
    """The names of the themes each of these comments carries, by name (a tag a reviewer
    removed does not count)."""
    ids = list(item_ids)
    found: dict[int, list[str]] = {}
    if not ids:
        return found
    for item_id, name in db.session.execute(
        select(ItemTheme.item_id, Theme.name)
        .join(Theme, Theme.id == ItemTheme.theme_id)
        .where(ItemTheme.item_id.in_(ids), ItemTheme.removed.is_(False))
        .order_by(Theme.name)
    ):
        found.setdefault(item_id, []).append(name)
    return found


# -- for keeping a copy of the counts by day (the dashboard's summary tables) -----------------


def _day_given() -> Any:
    """The UTC day a comment was given, in SQL."""
    if db.engine.dialect.name == "postgresql":
        return func.date(func.timezone("UTC", FeedbackItem.created_at))
    return func.date(FeedbackItem.created_at)


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _given_on(day: date) -> list[Any]:
    start = datetime.combine(day, time.min, tzinfo=UTC)
    return [FeedbackItem.created_at >= start, FeedbackItem.created_at < start + timedelta(days=1)]


def theme_counts_by_day(day: date | None = None) -> Select[*tuple[Any, ...]]:
    """For each UTC day the comments were given (or only `day`), theme, source group, channel
    and sentiment (neutral when not analysed): how many comments carry the theme. Columns in
    that order. A query, not rows, so that a copy of it is made by one INSERT ... SELECT
    inside the database however many comments there are."""
    day_given = _day_given()
    label = func.coalesce(ItemAnalysis.sentiment_label, literal_column("'neutral'"))
    query = (
        select(
            day_given,
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
            day_given,
            ItemTheme.theme_id,
            FeedbackItem.source_group,
            FeedbackItem.channel,
            label,
        )
    )
    return query if day is None else query.where(*_given_on(day))


def untagged_key_phrases(
    *,
    day: date | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
    among: Select[int] | None = None,
    batch: int = 5000,
) -> Iterator[tuple[date, list[str]]]:
    """The UTC day and key phrases of each analysed comment that no theme caught (now) and
    that has any: all of them, or those given on `day`, from `start` until `end`, or among the
    ids `among` returns. Read `batch` rows at a time."""
    live = (
        select(ItemTheme.id)
        .where(ItemTheme.item_id == FeedbackItem.id, ItemTheme.removed.is_(False))
        .correlate(FeedbackItem)
        .exists()
    )
    query = (
        select(_day_given(), ItemAnalysis.key_phrases)
        .join(ItemAnalysis, ItemAnalysis.item_id == FeedbackItem.id)
        .where(~live, ItemAnalysis.key_phrases != "[]")
    )
    if day is not None:
        query = query.where(*_given_on(day))
    if start is not None:
        query = query.where(FeedbackItem.created_at >= start)
    if end is not None:
        query = query.where(FeedbackItem.created_at < end)
    if among is not None:
        query = query.where(FeedbackItem.id.in_(among))
    for given, stored in db.session.execute(query.execution_options(yield_per=batch)):
        yield _as_date(given), _phrases(stored)


def days_retagged_since(since: datetime) -> set[date]:
    """The UTC days on which the comments were given whose tags changed since then: tagged
    (or tagged again) or reviewed."""
    day_given = _day_given()
    tagged = select(day_given).where(FeedbackItem.tagged_at >= since)
    reviewed = (
        select(day_given)
        .join(ItemAnalysis, ItemAnalysis.item_id == FeedbackItem.id)
        .where(ItemAnalysis.reviewed_at >= since)
    )
    found = set(db.session.scalars(tagged.distinct())) | set(
        db.session.scalars(reviewed.distinct())
    )
    return {_as_date(value) for value in found if value is not None}
