"""The tracker's texts the public reads, as translatable content: priorities, the actions on
statements, their latest news and coproduction, and the statements themselves."""

from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from voice.content_translations.registry import Kind, register
from voice.db import db
from voice.i18n import _l
from voice.tracker.models import (
    Action,
    CoproductionEntry,
    Priority,
    ProgressUpdate,
    Statement,
    statement_actions,
)


def _short(text: str, length: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _getter(model: type) -> Callable[[int], Any]:
    return lambda object_id: db.session.get(model, object_id)


def _statements() -> list[Statement]:
    return list(db.session.scalars(select(Statement).order_by(Statement.id)))


def _actions_on_cards() -> list[Action]:
    """Actions linked to a statement: the only ones a card shows."""
    linked = select(statement_actions.c.action_id)
    return list(db.session.scalars(select(Action).where(Action.id.in_(linked)).order_by(Action.id)))


def _latest_updates() -> list[ProgressUpdate]:
    """A card shows an action's latest news only."""
    return [action.updates[0] for action in _actions_on_cards() if action.updates]


def _coproduction() -> list[CoproductionEntry]:
    return [entry for action in _actions_on_cards() for entry in action.coproduction]


def _action_english(action: Action, name: str) -> str:
    if name == "status_reason" and action.status.value != "not_doing":
        return ""  # only shown while the action is not being done
    return getattr(action, name) or ""


register(
    Kind(
        name="statement",
        label=_l("You said"),
        model=Statement,
        fields={"summary": _l("You said"), "easy_read_summary": _l("You said (easy read)")},
        records=_statements,
        describe=lambda statement: _short(statement.summary),
        get=_getter(Statement),
        order=10,
    )
)
register(
    Kind(
        name="action",
        label=_l("Action"),
        model=Action,
        fields={
            "title": _l("Title"),
            "description": _l("What we are doing"),
            "easy_read_description": _l("What we are doing (easy read)"),
            "status_reason": _l("Why we are not doing this"),
            "impact": _l("What changed"),
        },
        records=_actions_on_cards,
        describe=lambda action: _short(action.title),
        get=_getter(Action),
        english=_action_english,
        order=20,
    )
)
register(
    Kind(
        name="update",
        label=_l("Latest news"),
        model=ProgressUpdate,
        fields={"text": _l("Latest news")},
        records=_latest_updates,
        describe=lambda update: _short(update.action.title),
        get=_getter(ProgressUpdate),
        order=30,
    )
)
register(
    Kind(
        name="coproduction",
        label=_l("Who helped shape it"),
        model=CoproductionEntry,
        fields={"who": _l("Who"), "what_changed": _l("What changed because of them")},
        records=_coproduction,
        describe=lambda entry: _short(entry.action.title),
        get=_getter(CoproductionEntry),
        order=40,
    )
)
register(
    Kind(
        name="priority",
        label=_l("Priority"),
        model=Priority,
        fields={"title": _l("Title"), "easy_read_title": _l("Easy read title")},
        records=lambda: list(
            db.session.scalars(select(Priority).order_by(Priority.position, Priority.id))
        ),
        describe=lambda priority: _short(priority.title),
        get=_getter(Priority),
        order=50,
    )
)
