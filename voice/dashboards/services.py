"""The dashboard's queries. Every one takes the same Filters, so every view agrees."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, select
from sqlalchemy.orm import aliased

from surveys.models import FeedbackItem, SurveyResponse
from surveys.queries import kiosk_group_item_ids, survey_choices
from surveys.types import Channel, HowAnswered, SourceGroup
from themes import comment_text
from themes.comment_text import Place, Viewer
from themes.models import ItemAnalysis, ItemTheme, SafeguardingFlag, Theme
from themes.types import FlagStatus
from voice.dashboards import summary
from voice.dashboards.filters import Filters
from voice.dashboards.models import PhraseDay, ThemeDay
from voice.db import db
from voice.i18n import language_name

PAGE_SIZE = 20
SENTIMENT_ORDER = ("positive", "negative", "mixed", "neutral")


# -- the filters as SQL ---------------------------------------------------------------------


def _moment(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def conditions(filters: Filters, *, with_theme: bool = True) -> list[ColumnElement[bool]]:
    """Where-clauses on FeedbackItem for a view; the theme one is optional so that a view
    can rank all themes within the other filters."""
    found: list[ColumnElement[bool]] = [
        FeedbackItem.created_at >= _moment(filters.start),
        FeedbackItem.created_at < _moment(filters.end + timedelta(days=1)),
    ]
    if filters.audience:
        found.append(FeedbackItem.source_group == filters.audience)
    if filters.channel:
        found.append(FeedbackItem.channel == filters.channel)
    if filters.survey:
        found.append(FeedbackItem.survey_id == filters.survey)
    if filters.setting:
        found.append(FeedbackItem.source_detail == filters.setting)
    if filters.language:
        found.append(FeedbackItem.language == filters.language)
    if filters.sentiment:
        analysis = aliased(ItemAnalysis)
        found.append(
            select(analysis.id)
            .where(
                analysis.item_id == FeedbackItem.id,
                analysis.sentiment_label == filters.sentiment,
            )
            .correlate(FeedbackItem)
            .exists()
        )
    if filters.kiosk_group:
        found.append(FeedbackItem.id.in_(kiosk_group_item_ids(filters.kiosk_group)))
    if with_theme and filters.theme:
        tag, theme = aliased(ItemTheme), aliased(Theme)
        found.append(
            select(tag.id)
            .join(theme, theme.id == tag.theme_id)
            .where(
                tag.item_id == FeedbackItem.id,
                tag.removed.is_(False),
                theme.slug == filters.theme,
            )
            .correlate(FeedbackItem)
            .exists()
        )
    return found


# -- the summary table ---------------------------------------------------------------------


def summary_serves(filters: Filters) -> bool:
    """The daily theme counts hold period, theme, audience, channel and sentiment only."""
    return not (filters.survey or filters.setting or filters.language or filters.kiosk_group)


def _summary_conditions(filters: Filters) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = [ThemeDay.day >= filters.start, ThemeDay.day <= filters.end]
    if filters.audience:
        found.append(ThemeDay.source_group == filters.audience)
    if filters.channel:
        found.append(ThemeDay.channel == filters.channel)
    if filters.sentiment:
        found.append(ThemeDay.sentiment_label == filters.sentiment)
    if filters.theme:
        found.append(ThemeDay.theme_id.in_(select(Theme.id).where(Theme.slug == filters.theme)))
    return found


def _summed(column: Any, filters: Filters) -> dict[Any, int]:
    rows = db.session.execute(
        select(column, func.sum(ThemeDay.voices))
        .where(*_summary_conditions(filters))
        .group_by(column)
    ).all()
    return {key: int(number or 0) for key, number in rows}


def _by_theme(filters: Filters) -> bool:
    """A theme-filtered count that the summary can answer (one tag row per item and theme)."""
    return bool(filters.theme) and summary_serves(filters)


# -- overview -------------------------------------------------------------------------------


def count_voices(filters: Filters) -> int:
    if _by_theme(filters):
        return sum(_summed(ThemeDay.theme_id, filters).values())
    return db.session.scalar(select(func.count(FeedbackItem.id)).where(*conditions(filters))) or 0


def voices_by_audience(filters: Filters) -> dict[SourceGroup, int]:
    counts = dict.fromkeys(SourceGroup, 0)
    if _by_theme(filters):
        counts.update(_summed(ThemeDay.source_group, filters))
        return counts
    rows = db.session.execute(
        select(FeedbackItem.source_group, func.count(FeedbackItem.id))
        .where(*conditions(filters))
        .group_by(FeedbackItem.source_group)
    )
    counts.update(dict(rows.all()))
    return counts


def voices_by_channel(filters: Filters) -> dict[Channel, int]:
    counts = dict.fromkeys(Channel, 0)
    rows = db.session.execute(
        select(FeedbackItem.channel, func.count(FeedbackItem.id))
        .where(*conditions(filters))
        .group_by(FeedbackItem.channel)
    )
    counts.update(dict(rows.all()))
    return counts


@dataclass
class ThemeCount:
    theme: Theme
    voices: int
    sentiments: dict[str, int] = field(default_factory=dict)
    previous: int = 0
    previous_negative: int = 0

    @property
    def negative(self) -> int:
        return self.sentiments.get("negative", 0)

    @property
    def change(self) -> int | None:
        """Percentage change on the previous period (None when there was nothing before)."""
        if not self.previous:
            return None
        return round((self.voices - self.previous) * 100 / self.previous)

    @property
    def negative_share_change(self) -> int | None:
        """Change in the share of negative comments, in percentage points."""
        if not self.previous or not self.voices:
            return None
        now = self.negative * 100 / self.voices
        before = self.previous_negative * 100 / self.previous
        return round(now - before)


def _theme_sentiment_counts(filters: Filters) -> dict[int, dict[str, int]]:
    if summary_serves(filters):
        rows = db.session.execute(
            select(ThemeDay.theme_id, ThemeDay.sentiment_label, func.sum(ThemeDay.voices))
            .where(*_summary_conditions(replace(filters, theme=None)))
            .group_by(ThemeDay.theme_id, ThemeDay.sentiment_label)
        )
        found: dict[int, dict[str, int]] = {}
        for theme_id, label, number in rows:
            found.setdefault(theme_id, {})[label] = int(number or 0)
        return found
    rows = db.session.execute(
        select(ItemTheme.theme_id, ItemAnalysis.sentiment_label, func.count(FeedbackItem.id))
        .join(FeedbackItem, FeedbackItem.id == ItemTheme.item_id)
        .outerjoin(ItemAnalysis, ItemAnalysis.item_id == ItemTheme.item_id)
        .where(ItemTheme.removed.is_(False), *conditions(filters, with_theme=False))
        .group_by(ItemTheme.theme_id, ItemAnalysis.sentiment_label)
    )
    counted: dict[int, dict[str, int]] = {}
    for theme_id, label, number in rows:
        counted.setdefault(theme_id, {})[label or "neutral"] = number
    return counted


def themes_ranked(filters: Filters) -> list[ThemeCount]:
    """Themes by how many voices raised them, with their sentiment split and the same numbers
    for the previous period of the same length."""
    now = _theme_sentiment_counts(filters)
    before = _theme_sentiment_counts(filters.previous())
    ids = set(now) | set(before)
    if filters.theme:
        ids &= set(db.session.scalars(select(Theme.id).where(Theme.slug == filters.theme)))
    themes = {t.id: t for t in db.session.scalars(select(Theme).where(Theme.id.in_(ids)))}
    ranked = [
        ThemeCount(
            theme=themes[theme_id],
            voices=sum(now.get(theme_id, {}).values()),
            sentiments={label: now.get(theme_id, {}).get(label, 0) for label in SENTIMENT_ORDER},
            previous=sum(before.get(theme_id, {}).values()),
            previous_negative=before.get(theme_id, {}).get("negative", 0),
        )
        for theme_id in ids
        if theme_id in themes
    ]
    return sorted(ranked, key=lambda row: (-row.voices, -row.previous, row.theme.name))


NOT_RECORDED = "not_recorded"


def how_young_people_answered(filters: Filters) -> dict[str, int]:
    """Young people's comments in the view by how their response was given (on my own, with
    help, someone answered for me), and those whose response did not say."""
    counts = dict.fromkeys([how.value for how in HowAnswered] + [NOT_RECORDED], 0)
    rows = db.session.execute(
        select(SurveyResponse.how_answered, func.count(FeedbackItem.id))
        .select_from(FeedbackItem)
        .outerjoin(SurveyResponse, SurveyResponse.id == FeedbackItem.response_id)
        .where(FeedbackItem.source_group == SourceGroup.YOUNG_PERSON, *conditions(filters))
        .group_by(SurveyResponse.how_answered)
    )
    for how, number in rows:
        counts[how.value if how else NOT_RECORDED] += number
    return counts


def open_flag_count(filters: Filters) -> int:
    return (
        db.session.scalar(
            select(func.count(SafeguardingFlag.id))
            .join(FeedbackItem, FeedbackItem.id == SafeguardingFlag.item_id)
            .where(SafeguardingFlag.status == FlagStatus.OPEN, *conditions(filters))
        )
        or 0
    )


@dataclass(frozen=True)
class PhraseCount:
    phrase: str
    items: int


def emerging_phrases(filters: Filters, *, limit: int = 10) -> list[PhraseCount]:
    """The key phrases that recur (in two items or more) among the period's items that no
    theme caught, most frequent first, from the daily phrase counts. Items under an open
    safeguarding flag are in those counts; the few of them in the period are taken off here."""
    held: Counter[str] = Counter()
    flagged = summary.untagged_phrases().where(
        FeedbackItem.id.in_(comment_text.held_back_ids()),
        FeedbackItem.created_at >= _moment(filters.start),
        FeedbackItem.created_at < _moment(filters.end + timedelta(days=1)),
    )
    for _day, key_phrases in db.session.execute(flagged):
        held.update(summary.phrases_of(key_phrases))
    total = func.sum(PhraseDay.items)
    rows = db.session.execute(
        select(PhraseDay.phrase, total)
        .where(PhraseDay.day >= filters.start, PhraseDay.day <= filters.end)
        .group_by(PhraseDay.phrase)
        .having(total >= 2)
        .order_by(total.desc(), PhraseDay.phrase)
        # Taking a held-back item's phrases off can move a phrase down by at most one place
        # per held phrase, so this many rows always hold the true top `limit`.
        .limit(limit + len(held))
    ).all()
    found = [PhraseCount(phrase, int(number) - held[phrase]) for phrase, number in rows]
    found = [row for row in found if row.items >= 2]
    return sorted(found, key=lambda row: (-row.items, row.phrase))[:limit]


def unanswered_theme_ids() -> set[int]:
    """Themes no action answers yet: no statement carrying the theme has a linked action."""
    from voice.tracker.models import statement_actions, statement_themes

    answered = set(
        db.session.scalars(
            select(statement_themes.c.theme_id).join(
                statement_actions,
                statement_actions.c.statement_id == statement_themes.c.statement_id,
            )
        )
    )
    every = set(db.session.scalars(select(Theme.id)))
    return every - answered


def gaps(ranked: Sequence[ThemeCount], minimum: int) -> list[ThemeCount]:
    """Themes with at least `minimum` voices in the period and no linked action."""
    open_ids = unanswered_theme_ids()
    return [row for row in ranked if row.voices >= minimum and row.theme.id in open_ids]


# -- theme page -----------------------------------------------------------------------------


def theme_by_slug(slug: str) -> Theme | None:
    return db.session.scalar(select(Theme).where(Theme.slug == slug))


def _month(column: Any) -> Any:
    if db.engine.dialect.name == "postgresql":
        return func.to_char(func.timezone("UTC", column), "YYYY-MM")
    return func.substr(column, 1, 7)


def months_between(start: date, end: date) -> list[str]:
    found = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def trend_by_month(filters: Filters) -> list[tuple[str, int]]:
    if _by_theme(filters):
        days = _summed(ThemeDay.day, filters)
        months: Counter[str] = Counter()
        for day, number in days.items():
            months[str(day)[:7]] += number
        return [(key, months.get(key, 0)) for key in months_between(filters.start, filters.end)]
    month = _month(FeedbackItem.created_at)
    rows: dict[str, int] = dict(
        db.session.execute(
            select(month, func.count(FeedbackItem.id)).where(*conditions(filters)).group_by(month)
        ).all()
    )
    return [(key, rows.get(key, 0)) for key in months_between(filters.start, filters.end)]


def sentiment_split(filters: Filters) -> dict[str, int]:
    if _by_theme(filters):
        counted = _summed(ThemeDay.sentiment_label, filters)
        return {label: counted.get(label, 0) for label in SENTIMENT_ORDER}
    rows = dict(
        db.session.execute(
            select(ItemAnalysis.sentiment_label, func.count(FeedbackItem.id))
            .join(FeedbackItem, FeedbackItem.id == ItemAnalysis.item_id)
            .where(*conditions(filters))
            .group_by(ItemAnalysis.sentiment_label)
        ).all()
    )
    return {label: rows.get(label, 0) for label in SENTIMENT_ORDER}


def key_phrases(filters: Filters, *, limit: int = 10, scan: int = 2000) -> list[tuple[str, int]]:
    """The phrases most often found in the latest items of the view."""
    counts: Counter[str] = Counter()
    for phrases in db.session.scalars(
        select(ItemAnalysis.key_phrases)
        .join(FeedbackItem, FeedbackItem.id == ItemAnalysis.item_id)
        .where(*conditions(filters), comment_text.not_held_back())
        .order_by(FeedbackItem.created_at.desc())
        .limit(scan)
    ):
        counts.update(set(json.loads(phrases or "[]")))
    return [(phrase, number) for phrase, number in counts.most_common(limit) if number > 1]


@dataclass
class Comment:
    item_id: int
    text: str
    created_at: datetime
    source_group: SourceGroup
    channel: Channel
    language: str
    sentiment: str
    themes: list[str]
    how_answered: HowAnswered | None = None


def _comments_query(filters: Filters, viewer: Viewer, place: Place) -> Select[*tuple[Any, ...]]:
    """Tagged items this viewer may see here: never those under an open safeguarding flag."""
    return (
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
        .where(*conditions(filters), comment_text.visible(viewer, place))
    )


def _theme_names(item_ids: Sequence[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    if not item_ids:
        return found
    for item_id, name in db.session.execute(
        select(ItemTheme.item_id, Theme.name)
        .join(Theme, Theme.id == ItemTheme.theme_id)
        .where(ItemTheme.item_id.in_(item_ids), ItemTheme.removed.is_(False))
        .order_by(Theme.name)
    ):
        found.setdefault(item_id, []).append(name)
    return found


def _comments(rows: Sequence[Any], viewer: Viewer, place: Place) -> list[Comment]:
    ids = [row[0] for row in rows]
    names = _theme_names(ids)
    words = comment_text.texts(ids, viewer, place)
    return [
        Comment(
            item_id=row[0],
            text=words[row[0]].shown,
            created_at=row[1],
            source_group=row[2],
            channel=row[3],
            language=row[4],
            sentiment=row[5] or "neutral",
            themes=names.get(row[0], []),
            how_answered=row[6],
        )
        for row in rows
        if row[0] in words
    ]


def comments_page(filters: Filters, viewer: Viewer) -> tuple[list[Comment], bool]:
    """One page of comments, and whether there is another after it."""
    query = _comments_query(filters, viewer, Place.DASHBOARD)
    if filters.order == "negative":
        query = query.order_by(ItemAnalysis.sentiment, FeedbackItem.id.desc())
    else:
        query = query.order_by(FeedbackItem.created_at.desc(), FeedbackItem.id.desc())
    rows = db.session.execute(
        query.limit(PAGE_SIZE + 1).offset((filters.page - 1) * PAGE_SIZE)
    ).all()
    return _comments(rows[:PAGE_SIZE], viewer, Place.DASHBOARD), len(rows) > PAGE_SIZE


def export_comments(filters: Filters, viewer: Viewer, *, batch: int = 1000) -> Iterator[Comment]:
    """Every comment in the view, newest first, read from the database in batches so that a
    large export never holds all its rows in memory."""
    query = _comments_query(filters, viewer, Place.EXPORT).order_by(
        FeedbackItem.created_at.desc(), FeedbackItem.id.desc()
    )
    result = db.session.execute(query.execution_options(yield_per=batch))
    for rows in result.partitions():
        yield from _comments(rows, viewer, Place.EXPORT)


def quotes(filters: Filters, *, limit: int = 3) -> list[Comment]:
    """Comments that may be quoted (their authors agreed, no open flag, redacted), newest
    first, as the public would see them."""
    candidates = db.session.execute(
        _comments_query(filters, Viewer.public(), Place.EVIDENCE_PACK)
        .where(FeedbackItem.consent_to_quote.is_(True))
        .order_by(FeedbackItem.created_at.desc(), FeedbackItem.id.desc())
        .limit(limit * 4)
    ).all()
    allowed = comment_text.public_quotes([row[0] for row in candidates])
    rows = [row for row in candidates if row[0] in allowed][:limit]
    return _comments(rows, Viewer.public(), Place.EVIDENCE_PACK)


# -- choices for the filter form -------------------------------------------------------------


def filter_choices(
    languages: Sequence[str], chosen_language: str | None
) -> dict[str, list[tuple[str, str]]]:
    """Choices for the filter form (languages from settings: listing them from a million
    items would cost more than the rest of the page)."""
    themes = db.session.execute(
        select(Theme.slug, Theme.name).where(Theme.merged_into_id.is_(None)).order_by(Theme.name)
    ).all()
    surveys = survey_choices()
    codes = list(languages) + ([chosen_language] if chosen_language not in languages else [])
    return {
        "themes": [(slug, name) for slug, name in themes],
        "surveys": [(str(number), title) for number, title in surveys],
        "languages": [(code, language_name(code)) for code in codes if code],
    }


# -- evidence pack --------------------------------------------------------------------------


@dataclass
class ActionEvidence:
    title: str
    status: str
    impact: str
    themes: list[str]
    coproduction: list[Any]
    updates: list[Any]


def actions_for_themes(theme_ids: Sequence[int]) -> list[ActionEvidence]:
    """Actions linked (through "you said" statements) to the given themes."""
    from voice.tracker.models import Action, statement_actions, statement_themes

    if not theme_ids:
        return []
    links = db.session.execute(
        select(statement_actions.c.action_id, Theme.name)
        .join(
            statement_themes,
            statement_themes.c.statement_id == statement_actions.c.statement_id,
        )
        .join(Theme, Theme.id == statement_themes.c.theme_id)
        .where(statement_themes.c.theme_id.in_(theme_ids))
        .distinct()
    ).all()
    names: dict[int, list[str]] = {}
    for action_id, name in links:
        names.setdefault(action_id, []).append(name)
    actions = db.session.scalars(
        select(Action).where(Action.id.in_(names)).order_by(Action.title)
    ).all()
    return [
        ActionEvidence(
            title=action.title,
            status=action.status.value,
            impact=action.impact,
            themes=sorted(names[action.id]),
            coproduction=list(action.coproduction),
            updates=list(action.updates)[:3],
        )
        for action in actions
    ]


def coproduction_log(filters: Filters) -> list[Any]:
    from voice.tracker.models import CoproductionEntry

    return list(
        db.session.scalars(
            select(CoproductionEntry)
            .where(
                and_(
                    CoproductionEntry.happened_on >= filters.start,
                    CoproductionEntry.happened_on <= filters.end,
                )
            )
            .order_by(CoproductionEntry.happened_on)
        )
    )
