"""The dashboard's summary tables: copies of the daily counts, kept for speed. The indexes its
queries need on other packages' tables are declared by those packages' models."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from surveys.types import Channel, SourceGroup
from voice.db import Model

PHRASE_LENGTH = 200


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
