"""Safeguarding flags: raised by the tagger or by hand, alerted until a lead opens them, closed
with what was done. Every step is a FlagEvent. Services flush; the caller commits."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select, update

from surveys.models import FeedbackItem, KioskSession, ProxyEntry, Question, Survey, SurveyResponse
from surveys.types import Channel, SourceGroup
from themes.models import FlagEvent, FlagStatus, SafeguardingFlag
from voice.accounts.models import User
from voice.db import db, utcnow


def record(flag_id: int, event: str, user_id: int | None = None) -> None:
    db.session.add(FlagEvent(flag_id=flag_id, event=event, user_id=user_id))


def events(flag_id: int) -> list[FlagEvent]:
    return list(
        db.session.scalars(
            select(FlagEvent).where(FlagEvent.flag_id == flag_id).order_by(FlagEvent.id)
        )
    )


def erase_flag(item_id: int) -> None:
    """Delete a comment's flag and its events, when the comment is erased on request."""
    flags = select(SafeguardingFlag.id).where(SafeguardingFlag.item_id == item_id)
    db.session.execute(delete(FlagEvent).where(FlagEvent.flag_id.in_(flags)))
    db.session.execute(delete(SafeguardingFlag).where(SafeguardingFlag.item_id == item_id))


def list_flags(status: FlagStatus) -> list[tuple[SafeguardingFlag, FeedbackItem]]:
    return list(
        db.session.execute(
            select(SafeguardingFlag, FeedbackItem)
            .join(FeedbackItem, FeedbackItem.id == SafeguardingFlag.item_id)
            .where(SafeguardingFlag.status == status)
            .order_by(SafeguardingFlag.raised_at)
        )
    )


def get_flag(flag_id: int) -> SafeguardingFlag | None:
    return db.session.get(SafeguardingFlag, flag_id)


def flag_for_item(item_id: int) -> SafeguardingFlag | None:
    return db.session.scalar(select(SafeguardingFlag).where(SafeguardingFlag.item_id == item_id))


def raise_flag(item_id: int, *, reason: str, user_id: int) -> SafeguardingFlag:
    """A person's worry about a comment the tagger missed. A closed flag opens again."""
    flag = flag_for_item(item_id)
    if flag is None:
        flag = SafeguardingFlag(item_id=item_id, reason=reason.strip(), raised_by_id=user_id)
        db.session.add(flag)
    else:
        flag.status = FlagStatus.OPEN
        flag.reason = reason.strip()
        flag.raised_by_id = user_id
        flag.raised_at = utcnow()
        flag.notified_at = flag.first_opened_at = flag.closed_at = None
    db.session.flush()
    record(flag.id, "raised", user_id)
    db.session.flush()
    return flag


def mark_opened(flag: SafeguardingFlag, *, user_id: int) -> None:
    if flag.first_opened_at is None:
        flag.first_opened_at = utcnow()
    record(flag.id, "opened", user_id)
    db.session.flush()


def close_flag(flag: SafeguardingFlag, *, action_taken: str, user_id: int | None) -> None:
    flag.status = FlagStatus.CLOSED
    flag.action_taken = action_taken.strip()
    flag.closed_by_id = user_id
    flag.closed_at = utcnow()
    record(flag.id, "closed", user_id)
    db.session.flush()


def mark_notified(flag_ids: Sequence[int], *, again: bool = False) -> None:
    db.session.execute(
        update(SafeguardingFlag)
        .where(SafeguardingFlag.id.in_(flag_ids))
        .values(notified_at=utcnow())
    )
    for flag_id in flag_ids:
        record(flag_id, "alerted again" if again else "alerted")
    db.session.flush()


def flags_to_alert_again(now: datetime, after: timedelta) -> list[int]:
    """Open flags nobody has opened, whose last alert (or whose raising, when no alert went
    out) is older than ``after``."""
    cutoff = now - after
    return list(
        db.session.scalars(
            select(SafeguardingFlag.id)
            .where(
                SafeguardingFlag.status == FlagStatus.OPEN,
                SafeguardingFlag.first_opened_at.is_(None),
                or_(
                    SafeguardingFlag.notified_at < cutoff,
                    SafeguardingFlag.notified_at.is_(None) & (SafeguardingFlag.raised_at < cutoff),
                ),
            )
            .order_by(SafeguardingFlag.id)
        )
    )


@dataclass(frozen=True)
class Provenance:
    """Where a comment came from, for the safeguarding lead to act on."""

    source_group: SourceGroup
    channel: Channel
    setting: str | None
    survey: str | None
    question: str | None
    group: str | None
    session_code: str | None
    facilitator: str | None
    entered_by: str | None


def provenance(item: FeedbackItem) -> Provenance:
    survey = db.session.get(Survey, item.survey_id) if item.survey_id else None
    question = db.session.get(Question, item.question_id) if item.question_id else None
    response = db.session.get(SurveyResponse, item.response_id) if item.response_id else None
    kiosk = (
        db.session.get(KioskSession, response.kiosk_session_id)
        if response is not None and response.kiosk_session_id
        else None
    )
    facilitator = db.session.get(User, kiosk.opened_by_id) if kiosk and kiosk.opened_by_id else None
    entered_by = db.session.scalar(
        select(User)
        .join(ProxyEntry, ProxyEntry.entered_by_id == User.id)
        .where(ProxyEntry.feedback_item_id == item.id)
    )
    prompt = (question.prompt.get("en") or {}).get("plain") if question is not None else None
    group = response.group_label if response is not None else None
    return Provenance(
        source_group=item.source_group,
        channel=item.channel,
        setting=item.source_detail,
        survey=survey.title if survey else None,
        question=prompt,
        group=group or (kiosk.group_label if kiosk is not None else None),
        session_code=kiosk.code if kiosk else None,
        facilitator=f"{facilitator.name} ({facilitator.email})" if facilitator else None,
        entered_by=f"{entered_by.name} ({entered_by.email})" if entered_by else None,
    )
