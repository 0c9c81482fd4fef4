"""What other packages may read about themes: the current codebook and how often each theme is
raised. They call these, never the models' queries, so each rule is written here once."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from surveys.models import FeedbackItem, SourceGroup
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
