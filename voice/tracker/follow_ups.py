"""Closing the loop: who asked to hear back about which comments (as keyed tags, see
sealing.py), what news is due to them, and when we last wrote."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select

from surveys.queries import Contact, contact, contact_request_ids
from voice.db import db
from voice.tracker.models import (
    Action,
    ActionStatus,
    FollowUp,
    FollowUpMail,
    HistoryEntry,
    Statement,
    statement_actions,
    statement_items,
)
from voice.tracker.sealing import item_tagger

FOLLOW_UP_GAP = timedelta(days=7)


def follow_up(contact_request_id: int, item_ids: list[int]) -> None:
    """Remember that the person behind a contact request wants news of these comments. The
    comments are stored as keyed tags, so the database alone cannot link the two."""
    known = set(
        db.session.scalars(
            select(FollowUp.item_tag).where(FollowUp.contact_request_id == contact_request_id)
        )
    )
    tags = item_tagger().tags(set(item_ids))
    for tag in sorted(set(tags) - known):
        db.session.add(FollowUp(contact_request_id=contact_request_id, item_tag=tag))
    db.session.flush()


def stop_follow_up(contact_request_id: int) -> None:
    db.session.execute(delete(FollowUp).where(FollowUp.contact_request_id == contact_request_id))
    db.session.execute(
        delete(FollowUpMail).where(FollowUpMail.contact_request_id == contact_request_id)
    )
    db.session.flush()


def forget_item(item_id: int) -> None:
    """Nobody hears news of an erased comment (and a later comment given its id on SQLite
    does not inherit its followers)."""
    db.session.execute(delete(FollowUp).where(FollowUp.item_tag == item_tagger().tag(item_id)))
    db.session.flush()


def count_follow_ups(contact_request_ids: list[int]) -> int:
    """How many comments these people asked to hear about (for the erasure page)."""
    if not contact_request_ids:
        return 0
    return (
        db.session.scalar(
            select(func.count(FollowUp.id)).where(
                FollowUp.contact_request_id.in_(contact_request_ids)
            )
        )
        or 0
    )


@dataclass
class Notice:
    contact: Contact
    changes: list[tuple[Action, ActionStatus]]


def due_notices(now: datetime) -> list[Notice]:
    """One notice per person with news since we last wrote, skipping anyone written to in the
    last week; their news waits for the next run."""
    # Forget people whose contact request was withdrawn.
    db.session.execute(
        delete(FollowUp).where(FollowUp.contact_request_id.not_in(contact_request_ids()))
    )
    last_sent = dict(
        db.session.execute(select(FollowUpMail.contact_request_id, FollowUpMail.last_sent_at))
        .tuples()
        .all()
    )
    wanted: dict[int, set[str]] = {}
    first: dict[int, datetime] = {}
    for contact_id, tag, created_at in db.session.execute(
        select(FollowUp.contact_request_id, FollowUp.item_tag, FollowUp.created_at)
    ):
        wanted.setdefault(contact_id, set()).add(tag)
        first[contact_id] = min(first.get(contact_id, created_at), created_at)
    tagger = item_tagger()
    tag_of: dict[int, str] = {}
    notices = []
    for contact_id in sorted(wanted):
        sent = last_sent.get(contact_id)
        if sent is not None and now - sent < FOLLOW_UP_GAP:
            continue
        since = sent or first[contact_id]
        moved = select(HistoryEntry.action_id).where(
            HistoryEntry.event == "status", HistoryEntry.at > since, HistoryEntry.at <= now
        )
        # Every comment behind a published statement whose action moved; the person's own are
        # those whose tag they hold.
        linked = db.session.execute(
            select(statement_items.c.item_id, statement_actions.c.action_id)
            .join(Statement, Statement.id == statement_items.c.statement_id)
            .join(statement_actions, statement_actions.c.statement_id == Statement.id)
            .where(Statement.published, statement_actions.c.action_id.in_(moved))
            .distinct()
        )
        action_ids = set()
        for item_id, action_id in linked:
            if item_id not in tag_of:
                tag_of[item_id] = tagger.tag(item_id)
            if tag_of[item_id] in wanted[contact_id]:
                action_ids.add(action_id)
        if action_ids:
            actions = db.session.scalars(
                select(Action).where(Action.id.in_(action_ids)).order_by(Action.id)
            ).all()
            person = contact(contact_id)
            if person is not None:  # withdrawn since the clean-up above: nothing is sent
                notices.append(Notice(contact=person, changes=[(a, a.status) for a in actions]))
    return notices


def mark_sent(contact_request_id: int, when: datetime) -> None:
    row = db.session.scalar(
        select(FollowUpMail).where(FollowUpMail.contact_request_id == contact_request_id)
    )
    if row is None:
        db.session.add(FollowUpMail(contact_request_id=contact_request_id, last_sent_at=when))
    else:
        row.last_sent_at = when
    db.session.flush()
