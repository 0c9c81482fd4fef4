"""The tracker's texts the public reads, as translatable content: priorities, the actions on
statements, their latest news and coproduction, and the statements themselves."""

from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from flask_babel import LazyString
from sqlalchemy import select

from voice.content_translations.registry import Kind, field_text, register
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
    return field_text(action, name)


def _priorities() -> list[Priority]:
    return list(db.session.scalars(select(Priority).order_by(Priority.position, Priority.id)))


class _Row(NamedTuple):
    """One kind of the tracker's content, as the registry's Kind needs it."""

    name: str  # part of every exported key
    label: LazyString  # what staff call it
    model: type
    fields: dict[str, LazyString]  # the fields to translate, and what staff call each
    records: Callable[[], Iterable[Any]]  # the records the public sees
    words: Callable[[Any], str]  # what names a record for staff, shortened
    order: int
    english: Callable[[Any, str], str] = field_text


_KINDS = (
    _Row(
        "statement",
        _l("You said"),
        Statement,
        {"summary": _l("You said"), "easy_read_summary": _l("You said (easy read)")},
        _statements,
        lambda statement: statement.summary,
        10,
    ),
    _Row(
        "action",
        _l("Action"),
        Action,
        {
            "title": _l("Title"),
            "description": _l("What we are doing"),
            "easy_read_description": _l("What we are doing (easy read)"),
            "status_reason": _l("Why we are not doing this"),
            "impact": _l("What changed"),
        },
        _actions_on_cards,
        lambda action: action.title,
        20,
        _action_english,
    ),
    _Row(
        "update",
        _l("Latest news"),
        ProgressUpdate,
        {"text": _l("Latest news")},
        _latest_updates,
        lambda update: update.action.title,
        30,
    ),
    _Row(
        "coproduction",
        _l("Who helped shape it"),
        CoproductionEntry,
        {"who": _l("Who"), "what_changed": _l("What changed because of them")},
        _coproduction,
        lambda entry: entry.action.title,
        40,
    ),
    _Row(
        "priority",
        _l("Priority"),
        Priority,
        {"title": _l("Title"), "easy_read_title": _l("Easy read title")},
        _priorities,
        lambda priority: priority.title,
        50,
    ),
)


def _kind(row: _Row) -> Kind:
    return Kind(
        name=row.name,
        label=row.label,
        model=row.model,
        fields=row.fields,
        records=row.records,
        describe=lambda record: _short(row.words(record)),
        get=_getter(row.model),
        order=row.order,
        english=row.english,
    )


for _row in _KINDS:
    register(_kind(_row))
