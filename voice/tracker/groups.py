"""A facilitator's groups: their tablet sessions and what came of the views given."""

from sqlalchemy import func, or_, select

from surveys.queries import KioskSession, kiosk_session_item_ids, kiosk_sessions
from themes.queries import themes_of_items
from voice.db import db
from voice.tracker.models import Statement, statement_items, statement_themes


def kiosk_sessions_for(user_id: int, *, everyone: bool) -> list[KioskSession]:
    return kiosk_sessions(opened_by_id=None if everyone else user_id)


def group_outcome(kiosk_id: int) -> tuple[int, list[Statement]]:
    """How many views a kiosk session gave, and the published statements they stand behind."""
    item_ids = kiosk_session_item_ids(kiosk_id)
    number = db.session.scalar(select(func.count()).select_from(item_ids.subquery())) or 0
    chosen = select(statement_items.c.statement_id).where(statement_items.c.item_id.in_(item_ids))
    tagged = select(statement_themes.c.statement_id).where(
        statement_themes.c.theme_id.in_(themes_of_items(item_ids))
    )
    statements = db.session.scalars(
        select(Statement)
        .where(Statement.published, or_(Statement.id.in_(chosen), Statement.id.in_(tagged)))
        .order_by(Statement.published_at.desc())
    )
    return number, list(statements)
