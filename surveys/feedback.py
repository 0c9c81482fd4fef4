"""Feedback items: one comment, however it reached us, with its labels. Callers commit, then
call announce_feedback so that the themes package tags them."""

from collections.abc import Sequence
from datetime import datetime

from flask import current_app
from sqlalchemy import select

from surveys.models import Channel, FeedbackItem, FeedbackLabel, SourceGroup
from surveys.signals import feedback_received
from voice.db import db


def add_feedback_item(
    *,
    text: str,
    source_group: SourceGroup,
    channel: Channel,
    language: str = "en",
    source_detail: str | None = None,
    consent_to_quote: bool = False,
    dedupe_key: str | None = None,
    survey_id: int | None = None,
    created_at: datetime | None = None,
) -> FeedbackItem:
    """A new comment; `survey_id` is the survey or form it is filed under, and `created_at`
    when it was given, if not now."""
    item = FeedbackItem(
        original_text=text.strip(),
        source_group=source_group,
        channel=channel,
        language=language,
        source_detail=source_detail,
        consent_to_quote=consent_to_quote,
        dedupe_key=dedupe_key,
        survey_id=survey_id,
    )
    if created_at is not None:
        item.created_at = created_at
    db.session.add(item)
    db.session.flush()
    return item


def dedupe_keys_starting(prefix: str) -> set[str]:
    """The dedupe keys in use that start with this prefix (a loader's own keys)."""
    query = select(FeedbackItem.dedupe_key).where(
        FeedbackItem.dedupe_key.startswith(prefix, autoescape=True)
    )
    return {key for key in db.session.scalars(query) if key is not None}


def add_labels(item_id: int, labels: Sequence[str]) -> None:
    for label in dict.fromkeys(labels):
        db.session.add(FeedbackLabel(feedback_item_id=item_id, label=label[:100]))


def announce_feedback(item_ids: Sequence[int]) -> None:
    """Tell listeners (the themes package) about committed items. Never raises: the items are
    already stored, and a beat task picks up any that a listener could not hand on."""
    if not item_ids:
        return
    try:
        # current_app is a proxy typed as the Flask app it stands for; receivers get the app.
        app = current_app._get_current_object()  # type: ignore[attr-defined]
        feedback_received.send(app, item_ids=list(item_ids))
    except Exception:
        current_app.logger.warning(
            "could not announce %d feedback items", len(item_ids), exc_info=True
        )
