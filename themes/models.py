"""Tables the themes package owns: the codebook, what the tagger found, reviews and flags."""

from datetime import datetime

from sqlalchemy import (
    Float,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    func,
    literal_column,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from themes.types import FlagStatus, JobStatus, TagSource
from voice.accounts.models import User
from voice.db import Model, utcnow


class Theme(Model):
    """One theme of the codebook. Signals are stored one phrase per line."""

    __tablename__ = "themes"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    easy_read_name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    signals: Mapped[str] = mapped_column(Text, default="")
    weak_signals: Mapped[str] = mapped_column(Text, default="")
    not_signals: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(default=True)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("themes.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CodebookChange(Model):
    """Who changed the codebook, when and how; its highest id is the codebook's version."""

    __tablename__ = "codebook_changes"
    id: Mapped[int] = mapped_column(primary_key=True)
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("themes.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str] = mapped_column(Text, default="")
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    changed_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    theme: Mapped[Theme | None] = relationship()
    changed_by: Mapped[User | None] = relationship()


class SweepMark(Model):
    """When the minute sweep first saw an item untagged, and when it last queued it, so that it
    never queues again an item that is already waiting for a worker (themes.tagging)."""

    __tablename__ = "tagging_sweep_marks"
    item_id: Mapped[int] = mapped_column(
        ForeignKey("feedback_items.id", ondelete="CASCADE"), primary_key=True
    )
    seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    queued_at: Mapped[datetime | None]


class ItemAnalysis(Model):
    """What the tagger made of one feedback item (one row per item, replaced on re-tagging)."""

    __tablename__ = "item_analyses"
    __table_args__ = (
        # The staff word search runs over the redacted text (themes/text_search.py, migration
        # 0012); PostgreSQL only.
        Index(
            "ix_item_analyses_redacted_search",
            func.to_tsvector(
                literal_column("'english'::regconfig"), literal_column("redacted_text")
            ),
            postgresql_using="gin",
        ).ddl_if(dialect="postgresql"),
        # The sentiment split and "most negative first" without reading whole rows.
        Index("ix_dash_analyses_item", "item_id", "sentiment_label", "sentiment"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("feedback_items.id", ondelete="CASCADE"), unique=True
    )
    sentiment: Mapped[float] = mapped_column(Float, default=0.0)
    sentiment_label: Mapped[str] = mapped_column(String(16), default="mixed")
    key_phrases: Mapped[str] = mapped_column(Text, default="[]")  # JSON list
    redacted_text: Mapped[str] = mapped_column(Text, default="")
    # The latest automatic suggestion (JSON list of slugs), kept after review for the
    # tagger quality page.
    auto_slugs: Mapped[str] = mapped_column(Text, default="[]")
    tagger_version: Mapped[str] = mapped_column(String(40), default="")
    tagged_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    reviewed_at: Mapped[datetime | None] = mapped_column(index=True)
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class ItemTheme(Model):
    """A theme on an item. Human rows are never changed by automatic runs; a human removal is
    kept as a row with `removed` set so that the tagger does not add the theme back."""

    __tablename__ = "item_themes"
    __table_args__ = (
        UniqueConstraint("item_id", "theme_id"),
        # From a comment to its live themes, and from a theme to its comments.
        Index("ix_dash_item_themes_item", "item_id", "theme_id", "removed"),
        Index("ix_dash_item_themes_theme", "theme_id", "item_id", "removed"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("feedback_items.id", ondelete="CASCADE"), index=True
    )
    theme_id: Mapped[int] = mapped_column(ForeignKey("themes.id", ondelete="CASCADE"), index=True)
    confidence: Mapped[float] = mapped_column(Float, default=1.0)
    evidence: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of words
    source: Mapped[TagSource]
    reviewed: Mapped[bool] = mapped_column(default=False)
    removed: Mapped[bool] = mapped_column(default=False)
    theme: Mapped[Theme] = relationship(lazy="joined")


class SafeguardingFlag(Model):
    __tablename__ = "safeguarding_flags"
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("feedback_items.id", ondelete="CASCADE"), unique=True
    )
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[FlagStatus] = mapped_column(default=FlagStatus.OPEN, index=True)
    raised_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Who raised it by hand; null when the tagger did.
    raised_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # The last alert email; sent again while nobody has opened the flag.
    notified_at: Mapped[datetime | None]
    first_opened_at: Mapped[datetime | None]
    action_taken: Mapped[str | None] = mapped_column(Text)
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    closed_at: Mapped[datetime | None]


class StoredModel(Model):
    """A learned model trained on reviewed items; the newest row is the one in use."""

    __tablename__ = "learned_models"
    id: Mapped[int] = mapped_column(primary_key=True)
    trained_on: Mapped[int] = mapped_column(default=0)
    model_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class RetagJob(Model):
    __tablename__ = "retag_jobs"
    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[JobStatus] = mapped_column(default=JobStatus.QUEUED)
    total: Mapped[int] = mapped_column(default=0)
    done: Mapped[int] = mapped_column(default=0)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]


class FlagEvent(Model):
    """One step in a safeguarding flag's life: raised, alerted, opened, closed."""

    __tablename__ = "safeguarding_flag_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    flag_id: Mapped[int] = mapped_column(
        ForeignKey("safeguarding_flags.id", ondelete="CASCADE"), index=True
    )
    event: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    user: Mapped[User | None] = relationship()


class TextRead(Model):
    """The access log: who was shown a comment's original text, or a comment under an open
    safeguarding flag, when and on which page. Never the words themselves."""

    __tablename__ = "comment_text_reads"
    id: Mapped[int] = mapped_column(primary_key=True)
    # Kept when the comment is erased, so the log still says that someone read it.
    item_id: Mapped[int] = mapped_column(index=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    place: Mapped[str] = mapped_column(String(32))
    what: Mapped[str] = mapped_column(String(16))  # "original" or "held back"
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    user: Mapped[User | None] = relationship()
