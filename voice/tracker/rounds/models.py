"""Tables a priority round owns: the round, its cards, its tablet sessions and the choices."""

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from voice.db import Model, utcnow

# Per-language words of a card, stored with the card: {"en": {"plain": ..., "easy": ...}, ...}
Wordings = dict[str, dict[str, str]]


class RoundStatus(enum.Enum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


class CardSource(enum.Enum):
    THEME = "theme"
    STATEMENT = "statement"
    ACTION = "action"


class PriorityRound(Model):
    __tablename__ = "tracker_rounds"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    status: Mapped[RoundStatus] = mapped_column(default=RoundStatus.DRAFT, index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    opened_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    cards: Mapped[list["RoundCard"]] = relationship(
        back_populates="round",
        cascade="all, delete-orphan",
        order_by="RoundCard.position",
        lazy="selectin",
    )

    @property
    def live_cards(self) -> list["RoundCard"]:
        return [card for card in self.cards if card.removed_at is None]


class RoundCard(Model):
    __tablename__ = "tracker_round_cards"
    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("tracker_rounds.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    source: Mapped[CardSource]
    # The theme, statement or action the card stands for; kept when that is deleted (null).
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("themes.id", ondelete="SET NULL"))
    statement_id: Mapped[int | None] = mapped_column(
        ForeignKey("tracker_statements.id", ondelete="SET NULL")
    )
    action_id: Mapped[int | None] = mapped_column(
        ForeignKey("tracker_actions.id", ondelete="SET NULL")
    )
    picture: Mapped[str] = mapped_column(String(60))
    wording: Mapped[Wordings] = mapped_column(JSON, default=dict)
    # Taken off the tablets; choices already given for it stay stored but are not counted.
    removed_at: Mapped[datetime | None]
    round: Mapped[PriorityRound] = relationship(back_populates="cards")


class RoundSession(Model):
    """A round running on the tablets of one group: its join code, who and where."""

    __tablename__ = "tracker_round_sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("tracker_rounds.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(12), unique=True)
    group_label: Mapped[str] = mapped_column(String(120))
    age_band: Mapped[str] = mapped_column(String(20))
    setting: Mapped[str] = mapped_column(String(20))
    opened_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]
    round: Mapped[PriorityRound] = relationship(lazy="joined")


class RoundBallot(Model):
    """One young person's choices. Never an IP address or a device identifier."""

    __tablename__ = "tracker_round_ballots"
    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("tracker_rounds.id", ondelete="CASCADE"), index=True
    )
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("tracker_round_sessions.id", ondelete="SET NULL"), index=True
    )
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    language: Mapped[str] = mapped_column(String(8), default="en")
    easy_read: Mapped[bool] = mapped_column(default=False)
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    choices: Mapped[list["RoundChoice"]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, lazy="selectin"
    )


class RoundChoice(Model):
    __tablename__ = "tracker_round_choices"
    __table_args__ = (UniqueConstraint("ballot_id", "card_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    ballot_id: Mapped[int] = mapped_column(
        ForeignKey("tracker_round_ballots.id", ondelete="CASCADE"), index=True
    )
    card_id: Mapped[int] = mapped_column(
        ForeignKey("tracker_round_cards.id", ondelete="CASCADE"), index=True
    )
