"""Actions ("we did"): adding and changing them, their progress updates and
coproduction log."""

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select

from voice.db import db, utcnow
from voice.tracker.history import record
from voice.tracker.models import (
    Action,
    ActionStatus,
    CoproductionEntry,
    Organisation,
    ProgressUpdate,
    Statement,
    statement_actions,
    statement_themes,
)


def list_actions() -> list[Action]:
    return list(db.session.scalars(select(Action).order_by(Action.priority_id, Action.id)))


def create_action(
    *,
    priority_id: int,
    title: str,
    description: str,
    easy_read_description: str,
    organisation: Organisation,
    lead: str,
    status: ActionStatus,
    status_reason: str,
    starts_on: date | None,
    due_on: date | None,
    impact: str,
    by_id: int | None,
) -> Action:
    action = Action(
        priority_id=priority_id,
        title=title,
        description=description,
        easy_read_description=easy_read_description,
        organisation=organisation,
        lead=lead,
        status=status,
        status_reason=status_reason,
        starts_on=starts_on,
        due_on=due_on,
        impact=impact,
    )
    db.session.add(action)
    db.session.flush()
    record(event="created", by_id=by_id, action_id=action.id, detail=status.value)
    return action


def update_action(action: Action, *, by_id: int | None, **values: object) -> bool:
    """Change an action; a new status is recorded in its history. True if the status moved."""
    old_status = action.status
    for name, value in values.items():
        setattr(action, name, value)
    moved = action.status != old_status
    if moved:
        action.status_changed_at = utcnow()
        record(
            event="status",
            by_id=by_id,
            action_id=action.id,
            detail=f"{old_status.value}>{action.status.value}",
        )
    db.session.flush()
    return moved


def add_update(action: Action, *, written_on: date, text: str, by_id: int | None) -> None:
    db.session.add(
        ProgressUpdate(action_id=action.id, written_on=written_on, text=text, written_by_id=by_id)
    )
    db.session.flush()


def add_coproduction(
    action: Action, *, who: str, how: str, happened_on: date, what_changed: str
) -> None:
    db.session.add(
        CoproductionEntry(
            action_id=action.id,
            who=who,
            how=how,
            happened_on=happened_on,
            what_changed=what_changed,
        )
    )
    db.session.flush()


def statements_for_action(action: Action) -> list[Statement]:
    return list(
        db.session.scalars(
            select(Statement)
            .join(statement_actions, statement_actions.c.statement_id == Statement.id)
            .where(statement_actions.c.action_id == action.id)
            .order_by(Statement.id)
        )
    )


def actions_for_themes(theme_ids: Sequence[int]) -> list[tuple[Action, list[int]]]:
    """Actions linked, through "you said" statements, to any of these themes, by title, each
    with the ids of those themes it answers."""
    if not theme_ids:
        return []
    links = db.session.execute(
        select(statement_actions.c.action_id, statement_themes.c.theme_id)
        .join(
            statement_themes,
            statement_themes.c.statement_id == statement_actions.c.statement_id,
        )
        .where(statement_themes.c.theme_id.in_(theme_ids))
        .distinct()
    ).all()
    answered: dict[int, list[int]] = {}
    for action_id, theme_id in links:
        answered.setdefault(action_id, []).append(theme_id)
    actions = db.session.scalars(
        select(Action).where(Action.id.in_(answered)).order_by(Action.title)
    )
    return [(action, sorted(answered[action.id])) for action in actions]


def coproduction_between(start: date, end: date) -> list[CoproductionEntry]:
    """The coproduction log from `start` to `end` (both days included), oldest first."""
    return list(
        db.session.scalars(
            select(CoproductionEntry)
            .where(CoproductionEntry.happened_on >= start, CoproductionEntry.happened_on <= end)
            .order_by(CoproductionEntry.happened_on)
        )
    )
