"""The dashboard's queries. Every one takes the same Filters, so every view agrees.

The counts over comments are asked of the packages that own them (surveys.queries,
themes.queries, the tracker's functions), grouped in SQL there; the daily summary tables are
this package's own."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, func, select

from surveys import queries as surveys
from surveys.queries import ItemScope, survey_choices
from surveys.types import Channel, HowAnswered, SourceGroup
from themes import comment_text
from themes import queries as themes
from themes.comment_text import Place, Viewer
from themes.queries import ListedComment, ThemeSummary
from voice.dashboards import summary
from voice.dashboards.filters import Filters
from voice.dashboards.models import PhraseDay, ThemeDay
from voice.db import db
from voice.i18n import language_name
from voice.tracker import actions as tracker_actions
from voice.tracker import statements as tracker_statements

PAGE_SIZE = 20
SENTIMENT_ORDER = ("positive", "negative", "mixed", "neutral")


# -- the filters as a scope over the comments ------------------------------------------------


def _moment(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def scope(filters: Filters, *, with_theme: bool = True) -> ItemScope:
    """The comments a view covers; the theme is optional so that a view can rank all themes
    within the other filters."""
    among = []
    if filters.sentiment:
        among.append(themes.items_with_sentiment(filters.sentiment))
    if with_theme and filters.theme:
        among.append(themes.items_tagged_with(themes.theme_ids_with_slug(filters.theme)))
    return ItemScope(
        start=_moment(filters.start),
        end=_moment(filters.end + timedelta(days=1)),
        source_group=filters.audience or None,
        channel=filters.channel or None,
        survey_id=filters.survey or None,
        source_detail=filters.setting or None,
        language=filters.language or None,
        kiosk_group=filters.kiosk_group or None,
        among=tuple(among),
    )


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
        found.append(ThemeDay.theme_id.in_(themes.theme_ids_with_slug(filters.theme)))
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
    return surveys.count_in(scope(filters))


def voices_by_audience(filters: Filters) -> dict[SourceGroup, int]:
    if _by_theme(filters):
        counts = dict.fromkeys(SourceGroup, 0)
        counts.update(_summed(ThemeDay.source_group, filters))
        return counts
    return surveys.source_group_counts_in(scope(filters))


def voices_by_channel(filters: Filters) -> dict[Channel, int]:
    return surveys.channel_counts_in(scope(filters))


@dataclass
class ThemeCount:
    theme: ThemeSummary
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
    return themes.theme_sentiment_counts(scope(filters, with_theme=False))


def themes_ranked(filters: Filters) -> list[ThemeCount]:
    """Themes by how many voices raised them, with their sentiment split and the same numbers
    for the previous period of the same length."""
    now = _theme_sentiment_counts(filters)
    before = _theme_sentiment_counts(filters.previous())
    ids = set(now) | set(before)
    if filters.theme:
        chosen = themes.theme_with_slug(filters.theme)
        ids &= {chosen.id} if chosen is not None else set()
    found = {theme.id: theme for theme in themes.theme_summaries_with_ids(ids)}
    ranked = [
        ThemeCount(
            theme=found[theme_id],
            voices=sum(now.get(theme_id, {}).values()),
            sentiments={label: now.get(theme_id, {}).get(label, 0) for label in SENTIMENT_ORDER},
            previous=sum(before.get(theme_id, {}).values()),
            previous_negative=before.get(theme_id, {}).get("negative", 0),
        )
        for theme_id in ids
        if theme_id in found
    ]
    return sorted(ranked, key=lambda row: (-row.voices, -row.previous, row.theme.name))


NOT_RECORDED = "not_recorded"


def how_young_people_answered(filters: Filters) -> dict[str, int]:
    """Young people's comments in the view by how their response was given (on my own, with
    help, someone answered for me), and those whose response did not say."""
    counts = dict.fromkeys([how.value for how in HowAnswered] + [NOT_RECORDED], 0)
    for how, number in surveys.how_answered_counts_in(scope(filters)).items():
        counts[how.value if how else NOT_RECORDED] += number
    return counts


def open_flag_count(filters: Filters) -> int:
    return themes.held_back_count(scope(filters))


@dataclass(frozen=True)
class PhraseCount:
    phrase: str
    items: int


def emerging_phrases(filters: Filters, *, limit: int = 10) -> list[PhraseCount]:
    """The key phrases that recur (in two items or more) among the period's items that no
    theme caught, most frequent first, from the daily phrase counts. Items under an open
    safeguarding flag are in those counts; the few of them in the period are taken off here."""
    held: Counter[str] = Counter()
    for _day, phrases in themes.untagged_key_phrases(
        start=_moment(filters.start),
        end=_moment(filters.end + timedelta(days=1)),
        among=comment_text.held_back_ids(),
    ):
        held.update(summary.phrases_of(phrases))
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


def gaps(ranked: Sequence[ThemeCount], minimum: int) -> list[ThemeCount]:
    """Themes with at least `minimum` voices in the period and no linked action."""
    answered = set(db.session.scalars(tracker_statements.answered_theme_ids()))
    return [row for row in ranked if row.voices >= minimum and row.theme.id not in answered]


# -- theme page -----------------------------------------------------------------------------


def theme_by_slug(slug: str) -> ThemeSummary | None:
    return themes.theme_with_slug(slug)


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
    rows = surveys.month_counts_in(scope(filters))
    return [(key, rows.get(key, 0)) for key in months_between(filters.start, filters.end)]


def sentiment_split(filters: Filters) -> dict[str, int]:
    if _by_theme(filters):
        counted = _summed(ThemeDay.sentiment_label, filters)
        return {label: counted.get(label, 0) for label in SENTIMENT_ORDER}
    rows = themes.sentiment_counts(scope(filters))
    return {label: rows.get(label, 0) for label in SENTIMENT_ORDER}


def key_phrases(filters: Filters, *, limit: int = 10, scan: int = 2000) -> list[tuple[str, int]]:
    """The phrases most often found in the latest items of the view."""
    counts: Counter[str] = Counter()
    for phrases in themes.latest_key_phrases(scope(filters), scan=scan):
        counts.update(set(phrases))
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


def _comments(rows: Sequence[ListedComment], viewer: Viewer, place: Place) -> list[Comment]:
    ids = [row.item_id for row in rows]
    names = themes.theme_names_of_items(ids)
    words = comment_text.texts(ids, viewer, place)
    return [
        Comment(
            item_id=row.item_id,
            text=words[row.item_id].shown,
            created_at=row.created_at,
            source_group=row.source_group,
            channel=row.channel,
            language=row.language,
            sentiment=row.sentiment,
            themes=names.get(row.item_id, []),
            how_answered=row.how_answered,
        )
        for row in rows
        if row.item_id in words
    ]


def comments_page(filters: Filters, viewer: Viewer) -> tuple[list[Comment], bool]:
    """One page of comments, and whether there is another after it."""
    rows = themes.comments_in(
        scope(filters),
        viewer,
        Place.DASHBOARD,
        limit=PAGE_SIZE + 1,
        offset=(filters.page - 1) * PAGE_SIZE,
        most_negative_first=filters.order == "negative",
    )
    return _comments(rows[:PAGE_SIZE], viewer, Place.DASHBOARD), len(rows) > PAGE_SIZE


def export_comments(filters: Filters, viewer: Viewer, *, batch: int = 1000) -> Iterator[Comment]:
    """Every comment in the view, newest first, read from the database in batches so that a
    large export never holds all its rows in memory."""
    for rows in themes.each_comment_in(scope(filters), viewer, Place.EXPORT, batch=batch):
        yield from _comments(rows, viewer, Place.EXPORT)


def quotes(filters: Filters, *, limit: int = 3) -> list[Comment]:
    """Comments that may be quoted (their authors agreed, no open flag, redacted), newest
    first, as the public would see them."""
    candidates = themes.comments_in(
        scope(filters),
        Viewer.public(),
        Place.EVIDENCE_PACK,
        limit=limit * 4,
        consented_to_quote=True,
    )
    allowed = comment_text.public_quotes([row.item_id for row in candidates])
    rows = [row for row in candidates if row.item_id in allowed][:limit]
    return _comments(rows, Viewer.public(), Place.EVIDENCE_PACK)


# -- choices for the filter form -------------------------------------------------------------


def filter_choices(
    languages: Sequence[str], chosen_language: str | None
) -> dict[str, list[tuple[str, str]]]:
    """Choices for the filter form (languages from settings: listing them from a million
    items would cost more than the rest of the page)."""
    codes = list(languages) + ([chosen_language] if chosen_language not in languages else [])
    return {
        "themes": [(theme.slug, theme.name) for theme in themes.themes_to_filter_by()],
        "surveys": [(str(number), title) for number, title in survey_choices()],
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


def actions_for_themes(chosen: Sequence[ThemeSummary]) -> list[ActionEvidence]:
    """Actions linked (through "you said" statements) to the given themes, by title."""
    names = {theme.id: theme.name for theme in chosen}
    return [
        ActionEvidence(
            title=action.title,
            status=action.status.value,
            impact=action.impact,
            themes=sorted({names[theme_id] for theme_id in theme_ids}),
            coproduction=list(action.coproduction),
            updates=list(action.updates)[:3],
        )
        for action, theme_ids in tracker_actions.actions_for_themes(list(names))
    ]


def coproduction_log(filters: Filters) -> list[Any]:
    return tracker_actions.coproduction_between(filters.start, filters.end)
