"""What happened to actions and statements, and who did it: statuses, publishing."""

from sqlalchemy import or_, select

from voice.db import db
from voice.tracker.models import Action, HistoryEntry, Statement, statement_actions


def record(
    *,
    event: str,
    by_id: int | None,
    action_id: int | None = None,
    statement_id: int | None = None,
    detail: str = "",
) -> None:
    db.session.add(
        HistoryEntry(
            event=event,
            by_id=by_id,
            action_id=action_id,
            statement_id=statement_id,
            detail=detail,
        )
    )


def action_history(action: Action) -> list[HistoryEntry]:
    """The action's own history and the publishing of the statements it answers."""
    statement_ids = select(statement_actions.c.statement_id).where(
        statement_actions.c.action_id == action.id
    )
    return list(
        db.session.scalars(
            select(HistoryEntry)
            .where(
                or_(
                    HistoryEntry.action_id == action.id,
                    HistoryEntry.statement_id.in_(statement_ids),
                )
            )
            .order_by(HistoryEntry.at.desc(), HistoryEntry.id.desc())
        )
    )


def statement_history(statement: Statement) -> list[HistoryEntry]:
    return list(
        db.session.scalars(
            select(HistoryEntry)
            .where(HistoryEntry.statement_id == statement.id)
            .order_by(HistoryEntry.at.desc(), HistoryEntry.id.desc())
        )
    )
