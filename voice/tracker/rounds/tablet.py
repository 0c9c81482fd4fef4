"""A round on the tablets: sessions with a join code shared with survey sessions, and the
choices each young person sends, stored once. Services flush; the view commits."""

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeGuard

from flask import url_for
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from surveys.feedback import add_feedback_item
from surveys.kiosk import JoinTarget, new_join_code, normalise_join_code, register_join_target
from surveys.types import Channel, SourceGroup
from voice.db import db, utcnow
from voice.tracker.rounds.models import (
    PriorityRound,
    RoundBallot,
    RoundChoice,
    RoundSession,
    RoundStatus,
)

CHOOSE = 3  # each young person picks the three that matter most to them
REASON_LIMIT = 1000

AGE_BANDS = ("8-11", "12-15", "16-18", "19-25", "mixed")
SETTINGS = ("youth_group", "school", "college", "special_school", "other")


class Sent(enum.Enum):
    STORED = "stored"
    ALREADY = "already"  # the same choices came again (a double tap, a resend): kept once
    CLOSED = "closed"  # the round or its session had closed: nothing stored
    CARD_GONE = "card_gone"  # a chosen card was taken off the round meanwhile: nothing stored
    BAD = "bad"  # not one to three cards of this round


@dataclass(frozen=True)
class Outcome:
    sent: Sent
    item_id: int | None = None  # the reason in words, as a feedback item


def open_round_session(
    priority_round: PriorityRound,
    *,
    group_label: str,
    age_band: str,
    setting: str,
    opened_by_id: int | None,
) -> RoundSession:
    session = RoundSession(
        round_id=priority_round.id,
        code=new_join_code(),
        group_label=group_label.strip(),
        age_band=age_band,
        setting=setting,
        opened_by_id=opened_by_id,
    )
    db.session.add(session)
    db.session.flush()
    return session


def get_round_session(session_id: int) -> RoundSession | None:
    return db.session.get(RoundSession, session_id)


def list_round_sessions() -> list[RoundSession]:
    query = select(RoundSession).order_by(RoundSession.opened_at.desc()).limit(50)
    return list(db.session.scalars(query))


def close_round_session(session: RoundSession) -> None:
    if session.closed_at is None:
        session.closed_at = utcnow()
        db.session.flush()


def is_live(session: RoundSession | None) -> TypeGuard[RoundSession]:
    return (
        session is not None
        and session.closed_at is None
        and session.round.status is RoundStatus.OPEN
    )


def find_round_session(code: str | None) -> RoundSession | None:
    """The session with this code, live or not (a tablet finds out it closed)."""
    if not code:
        return None
    return db.session.scalar(
        select(RoundSession).where(RoundSession.code == normalise_join_code(code))
    )


def still_live(session: RoundSession, card_ids: Sequence[int]) -> list[int]:
    """The chosen cards still on the round (a lead may take one away meanwhile), in order."""
    live = {card.id for card in session.round.live_cards}
    return [number for number in card_ids if number in live]


def count_ballots(session_id: int) -> int:
    query = select(func.count(RoundBallot.id)).where(RoundBallot.session_id == session_id)
    return db.session.scalar(query) or 0


def ballot_exists(key: str) -> bool:
    query = select(RoundBallot.id).where(RoundBallot.idempotency_key == key)
    return db.session.scalar(query) is not None


def send_choices(
    session: RoundSession,
    *,
    key: str,
    card_ids: Sequence[int],
    reason: str,
    language: str,
    easy_read: bool,
) -> Outcome:
    """Store one young person's choices once, whatever arrives twice or late. Commits."""
    if ballot_exists(key):
        return Outcome(Sent.ALREADY)
    if not is_live(session):
        return Outcome(Sent.CLOSED)
    priority_round = session.round
    chosen = list(dict.fromkeys(card_ids))
    cards = {card.id: card for card in priority_round.cards}
    if not chosen or len(chosen) > CHOOSE or any(number not in cards for number in chosen):
        return Outcome(Sent.BAD)
    if any(cards[number].removed_at is not None for number in chosen):
        return Outcome(Sent.CARD_GONE)
    ballot = RoundBallot(
        round_id=priority_round.id,
        session_id=session.id,
        idempotency_key=key,
        language=language,
        easy_read=easy_read,
        choices=[RoundChoice(card_id=number) for number in chosen],
    )
    item_id = None
    try:
        db.session.add(ballot)
        db.session.flush()
        words = reason.strip()[:REASON_LIMIT]
        if words:
            item_id = add_feedback_item(
                text=words,
                source_group=SourceGroup.YOUNG_PERSON,
                channel=Channel.KIOSK,
                language=language,
                source_detail=session.group_label,
                dedupe_key=f"round:{key}",
            ).id
        db.session.commit()
    except IntegrityError:
        # The same key from another request at the same moment: that one was stored.
        db.session.rollback()
        if ballot_exists(key):
            return Outcome(Sent.ALREADY)
        raise
    return Outcome(Sent.STORED, item_id)


def _code_taken(code: str) -> bool:
    query = select(RoundSession.id).where(RoundSession.code == code)
    return db.session.scalar(query) is not None


def _enter_url(code: str) -> str | None:
    session = find_round_session(code)
    return url_for("tracker.round_join", code=session.code) if is_live(session) else None


register_join_target("round", JoinTarget(taken=_code_taken, enter=_enter_url))
