"""What other packages may read about themes: the current codebook and how often each theme is
raised. They call these, never the models' queries, so each rule is written here once."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, select

from surveys.models import FeedbackItem
from surveys.types import SourceGroup
from themes import comment_text
from themes.comment_text import Place, Viewer
from themes.models import ItemTheme, Theme
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
