"""Published statements for the public pages: listing with filters, counts, the
themes in use and the stored voice counts."""

from collections import Counter
from datetime import UTC, datetime

from sqlalchemy import Select, func, select
from sqlalchemy.orm import selectinload

from surveys.types import SourceGroup
from themes.queries import Theme, theme_ids_with_slug, themes_with_ids
from voice.db import db
from voice.tracker.models import Action, Statement, statement_themes
from voice.tracker.statements import VOICE_COLUMNS, stored_voices


def _published_query(
    *, theme_slug: str | None, audience: SourceGroup | None, year: int | None
) -> Select[Statement]:
    query = select(Statement).where(Statement.published)
    if theme_slug:
        query = query.where(
            Statement.id.in_(
                select(statement_themes.c.statement_id).where(
                    statement_themes.c.theme_id.in_(theme_ids_with_slug(theme_slug))
                )
            )
        )
    if audience is not None:
        query = query.where(getattr(Statement, VOICE_COLUMNS[audience]) > 0)
    if year is not None:
        start = datetime(year, 1, 1, tzinfo=UTC)
        end = datetime(year + 1, 1, 1, tzinfo=UTC)
        query = query.where(Statement.published_at >= start, Statement.published_at < end)
    return query


def published_statements(
    *,
    theme_slug: str | None = None,
    audience: SourceGroup | None = None,
    year: int | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[Statement]:
    query = (
        _published_query(theme_slug=theme_slug, audience=audience, year=year)
        .options(
            selectinload(Statement.actions).selectinload(Action.updates),
            selectinload(Statement.actions).selectinload(Action.coproduction),
            selectinload(Statement.quotes),
        )
        .order_by(Statement.published_at.desc(), Statement.id.desc())
        .offset(offset)
        .limit(limit)
    )
    return list(db.session.scalars(query))


def count_published(*, theme_slug: str | None = None, audience: SourceGroup | None = None) -> int:
    query = _published_query(theme_slug=theme_slug, audience=audience, year=None)
    return db.session.scalar(select(func.count()).select_from(query.subquery())) or 0


def published_statement(statement_id: int) -> Statement | None:
    statement = db.session.get(Statement, statement_id)
    return statement if statement is not None and statement.published else None


def voices_for_statements(statements: list[Statement]) -> dict[int, Counter]:
    return {statement.id: stored_voices(statement) for statement in statements}


def themes_in_use() -> list[Theme]:
    """Themes of published statements, for the public filter."""
    return themes_with_ids(
        select(statement_themes.c.theme_id)
        .join(Statement, Statement.id == statement_themes.c.statement_id)
        .where(Statement.published)
    )
