"""The gap view: what people raised that no action answers yet."""

from dataclasses import dataclass

from sqlalchemy import select

from themes.queries import Theme, voices_by_theme
from voice.db import db
from voice.tracker.models import Statement, statement_actions
from voice.tracker.statements import answered_theme_ids, voices_by_audience


@dataclass
class Gap:
    kind: str  # "theme" or "statement"
    label: str
    voices: int
    theme: Theme | None = None
    statement: Statement | None = None


def gaps(minimum: int = 1) -> list[Gap]:
    """Themes and statements people raised that no action answers yet, most voices first.
    A theme counts as answered when a statement carrying it has a linked action."""
    theme_rows = voices_by_theme(excluding=answered_theme_ids())
    found = [
        Gap(kind="theme", label=theme.name, voices=number, theme=theme)
        for theme, number in theme_rows
        if number >= minimum
    ]
    answered = select(statement_actions.c.statement_id)
    for statement in db.session.scalars(select(Statement).where(Statement.id.not_in(answered))):
        number = sum(voices_by_audience(statement).values())
        if number >= minimum:
            found.append(
                Gap(kind="statement", label=statement.summary, voices=number, statement=statement)
            )
    return sorted(found, key=lambda gap: (-gap.voices, gap.label))
