"""How long what people told us is kept: raw responses and the original words of feedback
items go when their survey's retention period ends, and unfinished drafts after a day."""

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import ColumnElement, delete, select, update

from surveys.models import (
    Answer,
    FeedbackItem,
    FeedbackLabel,
    ProxyEntry,
    ResponseDraft,
    Survey,
    SurveyResponse,
)
from voice.db import db, utcnow

DRAFT_LIFETIME = timedelta(days=1)


def delete_expired_responses(
    now: datetime | None = None, *, feedback_retention_days: int | None = None
) -> int:
    """Delete raw responses older than their survey's retention period, and stale drafts, and
    end the original words of feedback items past the same period: what the start page
    promises. Items with no survey (proxy entry, imports) are kept `FEEDBACK_RETENTION_DAYS`.
    Each item keeps its redacted text and themes (owned by the themes package), as the start
    page says; re-tagging leaves an item whose original is gone as it is."""
    now = now or utcnow()
    if feedback_retention_days is None:
        feedback_retention_days = int(current_app.config.get("FEEDBACK_RETENTION_DAYS", 365))
    deleted = 0
    for survey in db.session.scalars(select(Survey)):
        cutoff = now - timedelta(days=survey.retention_days)
        ids = list(
            db.session.scalars(
                select(SurveyResponse.id).where(
                    SurveyResponse.survey_id == survey.id, SurveyResponse.submitted_at < cutoff
                )
            )
        )
        if ids:
            db.session.execute(delete(Answer).where(Answer.response_id.in_(ids)))
            db.session.execute(delete(SurveyResponse).where(SurveyResponse.id.in_(ids)))
            deleted += len(ids)
        _end_originals(FeedbackItem.survey_id == survey.id, cutoff, now)
    _end_originals(
        FeedbackItem.survey_id.is_(None), now - timedelta(days=feedback_retention_days), now
    )
    db.session.execute(delete(ResponseDraft).where(ResponseDraft.updated_at < now - DRAFT_LIFETIME))
    return deleted


def _end_originals(belongs: ColumnElement[bool], cutoff: datetime, now: datetime) -> None:
    """Forget the original words of these items from before the cutoff, and the key that tied a
    survey answer to its response (the response itself is gone by now)."""
    expired = (
        FeedbackItem.created_at < cutoff,
        FeedbackItem.original_deleted_at.is_(None),
        belongs,
    )
    db.session.execute(
        update(FeedbackItem)
        .where(*expired, FeedbackItem.dedupe_key.like("response:%"))
        .values(dedupe_key=None)
        .execution_options(synchronize_session=False)
    )
    db.session.execute(
        update(FeedbackItem)
        .where(*expired)
        .values(original_text=None, original_deleted_at=now)
        .execution_options(synchronize_session=False)
    )


# -- erasure on request ---------------------------------------------------------------------


def lock_comment(item_id: int) -> datetime | None:
    """When a comment was given, its row locked until the erasure commits; None if it is
    already gone."""
    return db.session.scalar(
        select(FeedbackItem.created_at).where(FeedbackItem.id == item_id).with_for_update()
    )


def forget_comment_extras(item_id: int) -> None:
    """Delete a comment's labels and the proxy entry it was typed in with, before it goes."""
    db.session.execute(delete(FeedbackLabel).where(FeedbackLabel.feedback_item_id == item_id))
    db.session.execute(delete(ProxyEntry).where(ProxyEntry.feedback_item_id == item_id))


def erase_comment(item_id: int) -> None:
    """Delete the comment itself, once every row that hangs off it has gone (one table at a
    time rather than ON DELETE CASCADE, which SQLite does not enforce unless asked)."""
    db.session.execute(delete(FeedbackItem).where(FeedbackItem.id == item_id))
