"""Tables the tracker owns: priorities, actions ("we did") and "you said" statements."""

from datetime import date, datetime

from sqlalchemy import Column, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from voice.accounts.models import User
from voice.db import Model, db, start_of_today, utcnow
from voice.tracker.types import ActionStatus, Organisation


class Priority(Model):
    __tablename__ = "tracker_priorities"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    easy_read_title: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[int] = mapped_column(default=0)


class Action(Model):
    __tablename__ = "tracker_actions"
    id: Mapped[int] = mapped_column(primary_key=True)
    priority_id: Mapped[int] = mapped_column(
        ForeignKey("tracker_priorities.id", ondelete="RESTRICT"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    easy_read_description: Mapped[str] = mapped_column(Text, default="")
    organisation: Mapped[Organisation]
    lead: Mapped[str] = mapped_column(String(120))
    status: Mapped[ActionStatus] = mapped_column(default=ActionStatus.PLANNED, index=True)
    # Shown publicly when the status is "not doing".
    status_reason: Mapped[str] = mapped_column(Text, default="")
    starts_on: Mapped[date | None]
    due_on: Mapped[date | None]
    impact: Mapped[str] = mapped_column(Text, default="")
    status_changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    priority: Mapped[Priority] = relationship(lazy="joined")
    updates: Mapped[list["ProgressUpdate"]] = relationship(
        back_populates="action",
        cascade="all, delete-orphan",
        order_by="ProgressUpdate.written_on.desc(), ProgressUpdate.id.desc()",
    )
    coproduction: Mapped[list["CoproductionEntry"]] = relationship(
        back_populates="action",
        cascade="all, delete-orphan",
        order_by="CoproductionEntry.happened_on.desc()",
    )


class ProgressUpdate(Model):
    __tablename__ = "tracker_progress_updates"
    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(
        ForeignKey("tracker_actions.id", ondelete="CASCADE"), index=True
    )
    written_on: Mapped[date]
    text: Mapped[str] = mapped_column(Text)
    written_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    action: Mapped[Action] = relationship(back_populates="updates")


class CoproductionEntry(Model):
    """Who helped shape an action, how, when and what changed because of them."""

    __tablename__ = "tracker_coproduction"
    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(
        ForeignKey("tracker_actions.id", ondelete="CASCADE"), index=True
    )
    who: Mapped[str] = mapped_column(String(200))
    how: Mapped[str] = mapped_column(Text)
    happened_on: Mapped[date]
    what_changed: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    action: Mapped[Action] = relationship(back_populates="coproduction")


# A statement's themes: ids of the codebook's themes (the themes package owns them, so there is
# no relationship to its table here; voice.tracker.statements reads them through themes.queries).
statement_themes = Table(
    "tracker_statement_themes",
    db.metadata,
    Column(
        "statement_id",
        ForeignKey("tracker_statements.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("theme_id", ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True),
)

statement_items = Table(
    "tracker_statement_items",
    db.metadata,
    Column(
        "statement_id",
        ForeignKey("tracker_statements.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("item_id", ForeignKey("feedback_items.id", ondelete="CASCADE"), primary_key=True),
)

statement_actions = Table(
    "tracker_statement_actions",
    db.metadata,
    Column(
        "statement_id",
        ForeignKey("tracker_statements.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("action_id", ForeignKey("tracker_actions.id", ondelete="CASCADE"), primary_key=True),
)


class Statement(Model):
    """A "you said": a strategy lead's summary of what people told us."""

    __tablename__ = "tracker_statements"
    id: Mapped[int] = mapped_column(primary_key=True)
    summary: Mapped[str] = mapped_column(Text)
    easy_read_summary: Mapped[str] = mapped_column(Text, default="")
    published: Mapped[bool] = mapped_column(default=False, index=True)
    published_at: Mapped[datetime | None] = mapped_column(index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # How many voices stand behind it, by audience; counted when it is saved or published and
    # refreshed by a task, because counting over every tagged item is too slow for the public page.
    voices_young_person: Mapped[int] = mapped_column(default=0)
    voices_parent_carer: Mapped[int] = mapped_column(default=0)
    voices_school: Mapped[int] = mapped_column(default=0)
    voices_professional: Mapped[int] = mapped_column(default=0)
    actions: Mapped[list[Action]] = relationship(secondary=statement_actions)
    quotes: Mapped[list["StatementQuote"]] = relationship(
        back_populates="statement", cascade="all, delete-orphan", order_by="StatementQuote.id"
    )


class StatementQuote(Model):
    """A quote chosen for a statement: always the item's redacted text, never the original."""

    __tablename__ = "tracker_statement_quotes"
    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[int] = mapped_column(
        ForeignKey("tracker_statements.id", ondelete="CASCADE"), index=True
    )
    item_id: Mapped[int] = mapped_column(
        ForeignKey("feedback_items.id", ondelete="CASCADE"), index=True
    )
    statement: Mapped[Statement] = relationship(back_populates="quotes")


class HistoryEntry(Model):
    """Every publish, unpublish and status change, with who and when."""

    __tablename__ = "tracker_history"
    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int | None] = mapped_column(
        ForeignKey("tracker_actions.id", ondelete="CASCADE"), index=True
    )
    statement_id: Mapped[int | None] = mapped_column(
        ForeignKey("tracker_statements.id", ondelete="CASCADE"), index=True
    )
    event: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str] = mapped_column(Text, default="")
    by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    by: Mapped[User | None] = relationship(lazy="joined")


class FollowUp(Model):
    """Someone who asked to hear back, and one of the comments they gave, kept so that the
    database alone cannot tell which comment is whose: the comment is held as a keyed tag
    (voice/tracker/sealing.py), never its id. Removed when they unsubscribe or withdraw the
    address, or the comment is erased."""

    __tablename__ = "tracker_follow_ups"
    __table_args__ = (UniqueConstraint("contact_request_id", "item_tag"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    # No foreign key: the contact requests' migration is on another branch and may run later.
    # Rows whose contact request was withdrawn are removed by the follow-up task.
    contact_request_id: Mapped[int] = mapped_column(index=True)
    item_tag: Mapped[str] = mapped_column(String(64), index=True)
    # To the day only, as for contact requests: a precise time would line it up with the
    # comments stored in the same second.
    created_at: Mapped[datetime] = mapped_column(default=start_of_today)


class FollowUpMail(Model):
    """When we last wrote to a person, so nobody gets more than one email a week."""

    __tablename__ = "tracker_follow_up_mail"
    id: Mapped[int] = mapped_column(primary_key=True)
    contact_request_id: Mapped[int] = mapped_column(unique=True)
    last_sent_at: Mapped[datetime]
