"""Staff review of tags: the next comment to review, and the decision stored.

Services flush; the view or task that owns the work commits once.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select

from surveys.models import FeedbackItem
from themes import comment_text
from themes.models import (
    ItemAnalysis,
    ItemTheme,
    TagSource,
    Theme,
)
from voice.db import db, utcnow


@dataclass
class ReviewView:
    item: FeedbackItem  # where and when it came from; its words are in `comment`
    comment: comment_text.CommentText
    analysis: ItemAnalysis | None
    tags: list[ItemTheme]


def next_item_to_review(after_id: int = 0) -> FeedbackItem | None:
    """The next tagged, unreviewed item with no open safeguarding flag."""
    query = (
        select(FeedbackItem)
        .join(ItemAnalysis, ItemAnalysis.item_id == FeedbackItem.id)
        .where(ItemAnalysis.reviewed_at.is_(None))
        .where(comment_text.not_held_back())
        .order_by(FeedbackItem.id)
    )
    item = db.session.scalar(query.where(FeedbackItem.id > after_id).limit(1))
    return item or db.session.scalar(query.limit(1))


def count_to_review() -> int:
    return (
        db.session.scalar(
            select(func.count(ItemAnalysis.id))
            .where(ItemAnalysis.reviewed_at.is_(None))
            .where(comment_text.not_held_back(ItemAnalysis.item_id))
        )
        or 0
    )


def review_view(
    item_id: int, viewer: comment_text.Viewer, place: comment_text.Place
) -> ReviewView | None:
    """None when there is no such comment, or when this viewer may not see it here."""
    comment = comment_text.text(item_id, viewer, place)
    item = db.session.get(FeedbackItem, item_id)
    if comment is None or item is None:
        return None
    analysis = db.session.scalar(select(ItemAnalysis).where(ItemAnalysis.item_id == item_id))
    tags = list(
        db.session.scalars(
            select(ItemTheme)
            .where(ItemTheme.item_id == item_id, ItemTheme.removed.is_(False))
            .order_by(ItemTheme.confidence.desc())
        )
    )
    return ReviewView(item=item, comment=comment, analysis=analysis, tags=tags)


def save_review(item_id: int, chosen_theme_ids: Iterable[int], *, user_id: int | None) -> None:
    """Store a person's decision: the chosen themes stay, the others are marked removed."""
    chosen = set(chosen_theme_ids)
    rows = {
        row.theme_id: row
        for row in db.session.scalars(select(ItemTheme).where(ItemTheme.item_id == item_id))
    }
    for theme_id, row in rows.items():
        row.source = TagSource.HUMAN
        row.reviewed = True
        row.removed = theme_id not in chosen
    for theme_id in chosen - rows.keys():
        db.session.add(
            ItemTheme(
                item_id=item_id,
                theme_id=theme_id,
                source=TagSource.HUMAN,
                reviewed=True,
                confidence=1.0,
            )
        )
    analysis = db.session.scalar(select(ItemAnalysis).where(ItemAnalysis.item_id == item_id))
    if analysis is None:
        analysis = ItemAnalysis(item_id=item_id)
        db.session.add(analysis)
    analysis.reviewed_at = utcnow()
    analysis.reviewed_by_id = user_id
    db.session.flush()


def item_slugs(item_id: int) -> list[str]:
    return list(
        db.session.scalars(
            select(Theme.slug)
            .join(ItemTheme, ItemTheme.theme_id == Theme.id)
            .where(ItemTheme.item_id == item_id, ItemTheme.removed.is_(False))
            .order_by(Theme.slug)
        )
    )
