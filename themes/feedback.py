"""The All feedback list: every comment from every channel, filtered, searched and paged, with
its words from themes.comment_text."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, func, select, tuple_

from surveys.models import FeedbackItem, FeedbackLabel, ProxyEntry, SurveyResponse
from surveys.types import Channel, HowAnswered, SourceGroup
from themes import comment_text
from themes.comment_text import CommentText, Place, Viewer
from themes.models import ItemAnalysis
from voice.accounts.models import User
from voice.db import db
from voice.untrusted import bounded_int

PAGE_SIZE = 50
COUNT_CAP = 10_000


@dataclass(frozen=True)
class FeedbackFilters:
    source_group: SourceGroup | None = None
    channel: Channel | None = None
    survey_id: int | None = None
    date_from: datetime | None = None
    date_to: datetime | None = None  # inclusive: the whole of that day
    text: str = ""
    # One way of answering, or NOT_RECORDED for comments whose response did not say (and
    # comments that came with no response: forms entered for someone, imports).
    how_answered: HowAnswered | None = None
    how_not_recorded: bool = False
    # One label, such as "card-verdict" on the sentences left on public cards.
    label: str = ""


@dataclass(frozen=True)
class FeedbackPage:
    items: Sequence[FeedbackItem]
    texts: dict[int, CommentText]
    count: int  # capped at COUNT_CAP + 1
    next_cursor: str | None
    previous_cursor: str | None

    @property
    def count_is_capped(self) -> bool:
        return self.count > COUNT_CAP


def _filtered(query: Select, filters: FeedbackFilters, viewer: Viewer) -> Select:
    query = query.where(comment_text.visible(viewer, Place.FEEDBACK_LIST))
    if filters.source_group is not None:
        query = query.where(FeedbackItem.source_group == filters.source_group)
    if filters.channel is not None:
        query = query.where(FeedbackItem.channel == filters.channel)
    if filters.survey_id is not None:
        query = query.where(FeedbackItem.survey_id == filters.survey_id)
    if filters.how_answered is not None or filters.how_not_recorded:
        how = (
            select(SurveyResponse.how_answered)
            .where(SurveyResponse.id == FeedbackItem.response_id)
            .correlate(FeedbackItem)
            .scalar_subquery()
        )
        if filters.how_answered is not None:
            query = query.where(how == filters.how_answered)
        else:
            query = query.where(how.is_(None))
    if filters.label:
        query = query.where(
            select(FeedbackLabel.id)
            .where(
                FeedbackLabel.feedback_item_id == FeedbackItem.id,
                FeedbackLabel.label == filters.label,
            )
            .exists()
        )
    if filters.date_from is not None:
        query = query.where(FeedbackItem.created_at >= filters.date_from)
    if filters.date_to is not None:
        query = query.where(FeedbackItem.created_at < filters.date_to + timedelta(days=1))
    if filters.text.strip():
        query = query.join(ItemAnalysis, ItemAnalysis.item_id == FeedbackItem.id).where(
            comment_text.search(filters.text)
        )
    return query


def _decode_cursor(cursor: str | None) -> tuple[datetime, int] | None:
    if not cursor:
        return None
    stamp, _, item_id = cursor.rpartition("~")
    number = bounded_int(item_id)
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    return (moment, number) if number is not None else None


def _encode_cursor(item: FeedbackItem) -> str:
    return f"{item.created_at.isoformat()}~{item.id}"


def list_feedback(
    filters: FeedbackFilters,
    viewer: Viewer,
    *,
    after: str | None = None,
    before: str | None = None,
    page_size: int = PAGE_SIZE,
) -> FeedbackPage:
    """Newest first, paged by position (keyset) so page 500 is as quick as page 1. Comments
    under an open safeguarding flag are left out; the search runs over the redacted text.

    The single-column indexes on created_at, source_group and channel serve every filter;
    composite (filter, created_at, id) indexes measured no faster with a million items but
    slowed imports. The text search is a word search (themes/text_search.py): on PostgreSQL a
    GIN index over each redacted comment's English word stems (migration 0012) finds a rare
    word among a million comments in a few milliseconds. Figures from bench/feedback_list.py
    and bench/import.py are in the README."""
    position = tuple_(FeedbackItem.created_at, FeedbackItem.id)
    query = _filtered(select(FeedbackItem), filters, viewer)
    after_key, before_key = _decode_cursor(after), _decode_cursor(before)
    if before_key is not None:
        query = query.where(position > tuple_(*before_key)).order_by(
            FeedbackItem.created_at.asc(), FeedbackItem.id.asc()
        )
    else:
        if after_key is not None:
            query = query.where(position < tuple_(*after_key))
        query = query.order_by(FeedbackItem.created_at.desc(), FeedbackItem.id.desc())
    rows = list(db.session.scalars(query.limit(page_size + 1)))
    more = len(rows) > page_size
    rows = rows[:page_size]
    if before_key is not None:
        rows.reverse()
        has_newer, has_older = more, True
    else:
        has_newer, has_older = after_key is not None, more
    capped = _filtered(select(FeedbackItem.id), filters, viewer).limit(COUNT_CAP + 1).subquery()
    count = db.session.scalar(select(func.count()).select_from(capped)) or 0
    return FeedbackPage(
        items=rows,
        texts=comment_text.texts([item.id for item in rows], viewer, Place.FEEDBACK_LIST),
        count=count,
        next_cursor=_encode_cursor(rows[-1]) if rows and has_older else None,
        previous_cursor=_encode_cursor(rows[0]) if rows and has_newer else None,
    )


def labels_for(item_ids: Sequence[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    if not item_ids:
        return found
    for item_id, label in db.session.execute(
        select(FeedbackLabel.feedback_item_id, FeedbackLabel.label)
        .where(FeedbackLabel.feedback_item_id.in_(item_ids))
        .order_by(FeedbackLabel.id)
    ):
        found.setdefault(item_id, []).append(label)
    return found


def how_answered_for(item_ids: Sequence[int]) -> dict[int, HowAnswered]:
    """How each comment's response was given, where the response said."""
    if not item_ids:
        return {}
    rows = db.session.execute(
        select(FeedbackItem.id, SurveyResponse.how_answered)
        .join(SurveyResponse, SurveyResponse.id == FeedbackItem.response_id)
        .where(FeedbackItem.id.in_(item_ids), SurveyResponse.how_answered.is_not(None))
    )
    return {item_id: how for item_id, how in rows if how is not None}  # never None, as asked


def proxy_authors_for(item_ids: Sequence[int]) -> dict[int, str]:
    if not item_ids:
        return {}
    rows = db.session.execute(
        select(ProxyEntry.feedback_item_id, User.name)
        .join(User, User.id == ProxyEntry.entered_by_id)
        .where(ProxyEntry.feedback_item_id.in_(item_ids))
    )
    return dict(rows.all())
