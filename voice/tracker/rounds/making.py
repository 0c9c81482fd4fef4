"""Making a round: its cards from themes, statements and actions, opening and closing it.
Services flush; the view commits."""

from dataclasses import dataclass

from sqlalchemy import func, select

from themes.queries import current_themes, get_theme_summary
from voice.db import db, utcnow
from voice.tracker.models import Action, ActionStatus, Statement
from voice.tracker.rounds.models import (
    CardSource,
    PriorityRound,
    RoundCard,
    RoundSession,
    RoundStatus,
    Wordings,
)

MIN_CARDS = 2
MAX_CARDS = 12  # one screen of cards a young person can take in
PLAIN_LIMIT = 200


class RoundRefused(Exception):
    """A change the round's state does not allow; the message says why, for the person."""


@dataclass(frozen=True)
class SourceChoice:
    value: str  # "theme:3", "statement:12", "action:7"
    label: str
    group: CardSource


def source_choices() -> list[SourceChoice]:
    """What a card can stand for: current themes, published statements, actions still to do."""
    choices = [
        SourceChoice(f"theme:{theme.id}", theme.name, CardSource.THEME)
        for theme in current_themes()
    ]
    statements = db.session.scalars(
        select(Statement).where(Statement.published.is_(True)).order_by(Statement.summary)
    )
    choices += [
        SourceChoice(f"statement:{s.id}", s.summary[:PLAIN_LIMIT], CardSource.STATEMENT)
        for s in statements
    ]
    actions = db.session.scalars(
        select(Action)
        .where(Action.status.in_((ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)))
        .order_by(Action.title)
    )
    choices += [SourceChoice(f"action:{a.id}", a.title, CardSource.ACTION) for a in actions]
    return choices


def source_plain_words(value: str) -> tuple[CardSource, int, str] | None:
    """The source a choice value names and its own words, or None when it is gone."""
    kind, _, number = value.partition(":")
    if not number.isdigit() or kind not in {source.value for source in CardSource}:
        return None
    source, record_id = CardSource(kind), int(number)
    if source is CardSource.THEME:
        theme = get_theme_summary(record_id)
        return (source, record_id, theme.name) if theme is not None else None
    if source is CardSource.STATEMENT:
        statement = db.session.get(Statement, record_id)
        return (source, record_id, statement.summary[:PLAIN_LIMIT]) if statement else None
    action = db.session.get(Action, record_id)
    return (source, record_id, action.title) if action is not None else None


def list_rounds() -> list[PriorityRound]:
    return list(db.session.scalars(select(PriorityRound).order_by(PriorityRound.created_at.desc())))


def open_rounds() -> list[PriorityRound]:
    query = select(PriorityRound).where(PriorityRound.status == RoundStatus.OPEN)
    return list(db.session.scalars(query.order_by(PriorityRound.title)))


def get_round(round_id: int) -> PriorityRound | None:
    return db.session.get(PriorityRound, round_id)


def create_round(*, title: str, by_id: int | None) -> PriorityRound:
    made = PriorityRound(title=title.strip(), created_by_id=by_id)
    db.session.add(made)
    db.session.flush()
    return made


def add_card(
    priority_round: PriorityRound, *, source_value: str, picture: str, wording: Wordings
) -> RoundCard:
    """A card for the round. `wording` holds the easy-read words in English at least; the
    standard words default to the source's own."""
    if priority_round.status is RoundStatus.CLOSED:
        raise RoundRefused("closed")
    if len(priority_round.live_cards) >= MAX_CARDS:
        raise RoundRefused("full")
    found = source_plain_words(source_value)
    if found is None:
        raise RoundRefused("source")
    source, record_id, plain = found
    words = {language: dict(parts) for language, parts in wording.items()}
    words.setdefault("en", {})
    words["en"].setdefault("plain", plain)
    if not words["en"].get("plain"):
        words["en"]["plain"] = plain
    position = 1 + (
        db.session.scalar(
            select(func.max(RoundCard.position)).where(RoundCard.round_id == priority_round.id)
        )
        or 0
    )
    card = RoundCard(
        round_id=priority_round.id,
        position=position,
        source=source,
        theme_id=record_id if source is CardSource.THEME else None,
        statement_id=record_id if source is CardSource.STATEMENT else None,
        action_id=record_id if source is CardSource.ACTION else None,
        picture=picture,
        wording=words,
    )
    db.session.add(card)
    db.session.flush()
    db.session.refresh(priority_round)
    return card


def remove_card(card: RoundCard) -> None:
    """Take a card off the round. A round still taking choices keeps at least two cards; the
    choices already given for a removed card stay stored and are no longer counted."""
    if card.removed_at is not None:
        return
    priority_round = card.round
    if priority_round.status is RoundStatus.OPEN and len(priority_round.live_cards) <= MIN_CARDS:
        raise RoundRefused("too_few")
    if priority_round.status is RoundStatus.DRAFT:
        db.session.delete(card)
    else:
        card.removed_at = utcnow()
    db.session.flush()
    db.session.refresh(priority_round)


def open_round(priority_round: PriorityRound) -> None:
    if priority_round.status is not RoundStatus.DRAFT:
        return
    if len(priority_round.live_cards) < MIN_CARDS:
        raise RoundRefused("too_few")
    priority_round.status = RoundStatus.OPEN
    priority_round.opened_at = utcnow()
    db.session.flush()


def close_round(priority_round: PriorityRound) -> None:
    """Stop taking choices, on every tablet session of the round."""
    if priority_round.status is RoundStatus.CLOSED:
        return
    now = utcnow()
    priority_round.status = RoundStatus.CLOSED
    priority_round.closed_at = now
    sessions = db.session.scalars(
        select(RoundSession).where(
            RoundSession.round_id == priority_round.id, RoundSession.closed_at.is_(None)
        )
    )
    for session in sessions:
        session.closed_at = now
    db.session.flush()
