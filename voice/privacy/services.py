"""Erasure on request: a comment and everything hanging off it, or everything we hold about a
contact's email address; each erasure logged without the erased words or address. Services
flush; the view commits."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from surveys import contact as surveys_contact
from surveys import queries as surveys_queries
from surveys import retention as surveys_retention
from surveys.types import SourceGroup
from themes import comment_text
from themes import safeguarding as themes_safeguarding
from themes.tagger import redact
from voice.dashboards.summary import rebuild_days
from voice.db import db
from voice.privacy.models import Erasure, ErasureKind
from voice.tracker import follow_ups as tracker_follow_ups
from voice.tracker import statements as tracker_statements


def clean_reason(reason: str) -> str:
    """The reason as stored: personal details (a name, an email address) taken out, because
    the log must never hold what was erased."""
    return redact(reason.strip())


def _log(kind: ErasureKind, *, item_id: int | None, reason: str, by_id: int | None) -> Erasure:
    erasure = Erasure(kind=kind, item_id=item_id, reason=clean_reason(reason), by_id=by_id)
    db.session.add(erasure)
    db.session.flush()
    return erasure


# -- comments -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CommentFacts:
    """What the erasure page says about a comment besides its words (from the gate)."""

    item_id: int
    created_at: datetime
    source_group: SourceGroup
    statements: int  # "you said" statements that chose it or carry its themes


def comment_facts(item_id: int) -> CommentFacts | None:
    origin = surveys_queries.origin(item_id)
    if origin is None:
        return None
    return CommentFacts(
        item_id=item_id,
        created_at=origin.created_at,
        source_group=origin.source_group,
        statements=len(tracker_statements.statement_ids_for_item(item_id)),
    )


def erase_comment(item_id: int, *, reason: str, by_id: int | None) -> bool:
    """Delete a comment and every row that hangs off it, recount the statements it stood
    behind and rebuild the dashboard's counts for its day. False if it is already gone.

    Rows are deleted one table at a time rather than left to ON DELETE CASCADE, because SQLite
    does not enforce foreign keys unless asked. The word search is an index over the analysis
    row, so it goes with it; the access log keeps that the comment was read, not its words."""
    created_at = surveys_retention.lock_comment(item_id)
    if created_at is None:
        return False
    statement_ids = tracker_statements.statement_ids_for_item(item_id)
    tracker_follow_ups.forget_item(item_id)
    tracker_statements.unlink_item(item_id)
    surveys_retention.forget_comment_extras(item_id)
    themes_safeguarding.erase_flag(item_id)
    comment_text.forget(item_id)
    surveys_retention.erase_comment(item_id)
    # Objects loaded before the deletes (a statement's quotes) must not be written back.
    db.session.expire_all()
    tracker_statements.refresh_voices_of(statement_ids)
    rebuild_days([created_at.date()])
    _log(ErasureKind.COMMENT, item_id=item_id, reason=reason, by_id=by_id)
    return True


# -- contacts -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ContactFacts:
    requests: int  # contact requests with this address (one per form or survey they sent)
    follow_ups: int  # comments they asked to hear about (which ones, nobody can tell)


def contact_facts(email: str) -> ContactFacts | None:
    ids = surveys_queries.contact_request_ids_for(email)
    if not ids:
        return None
    return ContactFacts(requests=len(ids), follow_ups=tracker_follow_ups.count_follow_ups(ids))


def erase_contact(email: str, *, reason: str, by_id: int | None) -> int:
    """Delete every contact request with this address (exact, any case), the follow-ups it
    asked for and when we last wrote; returns how many requests went. Their comments were
    never linked to the address, so they stay, anonymous."""
    ids = surveys_queries.contact_request_ids_for(email)
    if not ids:
        return 0
    for contact_id in ids:
        tracker_follow_ups.stop_follow_up(contact_id)
    surveys_contact.erase_contact_requests(ids)
    _log(ErasureKind.CONTACT, item_id=None, reason=reason, by_id=by_id)
    return len(ids)


# -- the log --------------------------------------------------------------------------------


def recent_erasures(*, limit: int = 50, before_id: int | None = None) -> list[Erasure]:
    query = select(Erasure).order_by(Erasure.id.desc()).limit(limit)
    if before_id is not None:
        query = query.where(Erasure.id < before_id)
    return list(db.session.scalars(query))
