"""The dashboard's summary table, and the indexes its queries need on tables other packages
own (declared here, on those tables' metadata, so that migration 0007 and the models agree)."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from surveys.models import FeedbackItem
from surveys.types import Channel, SourceGroup
from themes.models import ItemAnalysis, ItemTheme
from voice.db import Model

PHRASE_LENGTH = 200

# Counts by audience and channel for a period come from this index alone.
ix_dash_items_period = Index(
    "ix_dash_items_period",
    FeedbackItem.created_at,
    FeedbackItem.source_group,
    FeedbackItem.channel,
)
# From an item to its live themes, and from a theme to its items.
ix_dash_item_themes_item = Index(
    "ix_dash_item_themes_item", ItemTheme.item_id, ItemTheme.theme_id, ItemTheme.removed
)
ix_dash_item_themes_theme = Index(
    "ix_dash_item_themes_theme", ItemTheme.theme_id, ItemTheme.item_id, ItemTheme.removed
)
# The sentiment split and "most negative first" without reading whole analysis rows.
ix_dash_analyses_item = Index(
    "ix_dash_analyses_item",
    ItemAnalysis.item_id,
    ItemAnalysis.sentiment_label,
    ItemAnalysis.sentiment,
)


class ThemeDay(Model):
    """How many items carried a theme on one (UTC) day, by audience, channel and sentiment.

    A copy kept for speed: the overview and theme pages read it instead of joining a million
    items to their tags. `voice.dashboards.summary` rebuilds the days that tagging or review
    touched (a beat task every minute) and every day at night; see the README."""

    __tablename__ = "dash_theme_days"
    day: Mapped[date] = mapped_column(primary_key=True)
    theme_id: Mapped[int] = mapped_column(
        ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    source_group: Mapped[SourceGroup] = mapped_column(primary_key=True)
    channel: Mapped[Channel] = mapped_column(primary_key=True)
    sentiment_label: Mapped[str] = mapped_column(String(16), primary_key=True)
    voices: Mapped[int] = mapped_column(default=0)


class PhraseDay(Model):
    """How many items no theme caught carried a key phrase on one (UTC) day.

    Kept by the same catch-up and rebuild as ThemeDay, so the overview can show emerging
    phrases for any period without reading every item's phrases. Items under an open
    safeguarding flag are counted here and taken off when the page is drawn, so closing a
    flag needs no rebuild."""

    __tablename__ = "dash_phrase_days"
    day: Mapped[date] = mapped_column(primary_key=True)
    phrase: Mapped[str] = mapped_column(String(PHRASE_LENGTH), primary_key=True)
    items: Mapped[int] = mapped_column(default=0)


class SummaryState(Model):
    """One row: when the summary last caught up with tagging, reviews and codebook changes."""

    __tablename__ = "dash_summary_state"
    id: Mapped[int] = mapped_column(primary_key=True)
    refreshed_at: Mapped[datetime]
    codebook_version: Mapped[int] = mapped_column(default=0)
