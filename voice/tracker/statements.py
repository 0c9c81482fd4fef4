"""'You said' statements: their wording, themes, actions and chosen comments, the
voices behind them, and publishing."""

from collections import Counter

from sqlalchemy import Column, CompoundSelect, Select, delete, insert, select, union

from surveys.queries import existing_item_ids, source_group_counts
from surveys.types import SourceGroup
from themes import comment_text
from themes.comment_text import CommentText, Place, Viewer
from themes.queries import (
    ThemeSummary,
    current_themes,
    items_tagged_with,
    newest_items_tagged_with,
    theme_summaries_with_ids,
    themes_of_items,
    themes_with_ids,
)
from voice.content_translations import workflow
from voice.db import db, utcnow
from voice.i18n import _, language_name, ngettext
from voice.tracker.history import record
from voice.tracker.models import (
    Action,
    Statement,
    StatementQuote,
    statement_actions,
    statement_items,
    statement_themes,
)


class PublishRefused(Exception):
    """Publishing, or choosing a quote, is not allowed; the message says why."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons


def list_statements() -> list[Statement]:
    return list(db.session.scalars(select(Statement).order_by(Statement.id.desc())))


def list_themes() -> list[ThemeSummary]:
    return current_themes()


def save_statement(
    statement: Statement | None,
    *,
    summary: str,
    easy_read_summary: str,
    theme_ids: list[int],
    action_ids: list[int],
) -> Statement:
    if statement is None:
        statement = Statement(summary=summary)
        db.session.add(statement)
    statement.summary = summary
    statement.easy_read_summary = easy_read_summary
    _link_themes(statement, theme_ids)
    statement.actions = list(db.session.scalars(select(Action).where(Action.id.in_(action_ids))))
    statement.updated_at = utcnow()
    refresh_voices(statement)
    return statement


def _link_themes(statement: Statement, theme_ids: list[int]) -> None:
    """Make these themes (those that exist) the statement's themes."""
    db.session.flush()
    db.session.execute(
        delete(statement_themes).where(statement_themes.c.statement_id == statement.id)
    )
    found = [theme.id for theme in themes_with_ids(theme_ids)]
    if found:
        db.session.execute(
            insert(statement_themes),
            [{"statement_id": statement.id, "theme_id": theme_id} for theme_id in found],
        )


def theme_ids_of(statement: Statement) -> list[int]:
    return _linked_ids(statement_themes.c.theme_id, statement_themes.c.statement_id, statement)


def themes_of(statement: Statement) -> list[ThemeSummary]:
    """The themes it carries, by name."""
    return theme_summaries_with_ids(theme_ids_of(statement))


def answered_theme_ids() -> Select[int]:
    """Ids of the themes some action answers: a statement carrying the theme has a linked
    action."""
    return (
        select(statement_themes.c.theme_id)
        .join(
            statement_actions, statement_actions.c.statement_id == statement_themes.c.statement_id
        )
        .distinct()
    )


def _voice_ids(statement: Statement) -> CompoundSelect[int]:
    """Ids of the items behind a statement: those chosen and those tagged with its themes."""
    chosen = select(statement_items.c.item_id).where(statement_items.c.statement_id == statement.id)
    tagged = items_tagged_with(
        select(statement_themes.c.theme_id).where(statement_themes.c.statement_id == statement.id)
    )
    return chosen.union(tagged)


def voices_by_audience(statement: Statement) -> dict[SourceGroup, int]:
    ids = _voice_ids(statement).subquery()
    return source_group_counts(select(ids.c[0]))


VOICE_COLUMNS = {
    SourceGroup.YOUNG_PERSON: "voices_young_person",
    SourceGroup.PARENT_CARER: "voices_parent_carer",
    SourceGroup.SCHOOL: "voices_school",
    SourceGroup.PROFESSIONAL: "voices_professional",
}


def refresh_voices(statement: Statement) -> None:
    """Store the statement's voice counts for the public pages."""
    db.session.flush()
    for group, number in voices_by_audience(statement).items():
        setattr(statement, VOICE_COLUMNS[group], number)
    db.session.flush()


def statements_for_items(item_ids: list[int]) -> list[Statement]:
    """Statements these comments stand behind: chosen for them, or tagged (or once tagged, so a
    removed tag is counted out) with one of their themes."""
    by_theme = select(statement_themes.c.statement_id).where(
        statement_themes.c.theme_id.in_(themes_of_items(item_ids, removed_too=True))
    )
    chosen = select(statement_items.c.statement_id).where(statement_items.c.item_id.in_(item_ids))
    return list(
        db.session.scalars(
            select(Statement)
            .where(Statement.id.in_(by_theme.union(chosen).scalar_subquery()))
            .order_by(Statement.id)
        )
    )


def statement_ids_for_item(item_id: int) -> list[int]:
    """Ids of the statements a comment stands behind now: chosen for it, or tagged with one of
    its themes (a removed tag does not count). The erasure page counts them; erasing it
    recounts them."""
    chosen = select(statement_items.c.statement_id).where(statement_items.c.item_id == item_id)
    by_theme = select(statement_themes.c.statement_id).where(
        statement_themes.c.theme_id.in_(themes_of_items([item_id]))
    )
    return sorted(set(db.session.scalars(union(chosen, by_theme))))


def unlink_item(item_id: int) -> None:
    """Take an erased comment out of every statement: its quotes and its place among the chosen
    comments."""
    db.session.execute(delete(StatementQuote).where(StatementQuote.item_id == item_id))
    db.session.execute(statement_items.delete().where(statement_items.c.item_id == item_id))


def refresh_voices_of(statement_ids: list[int]) -> None:
    """Recount the voices behind these statements (after a comment behind them went)."""
    for statement in db.session.scalars(select(Statement).where(Statement.id.in_(statement_ids))):
        refresh_voices(statement)


def stored_voices(statement: Statement) -> Counter:
    return Counter({group: getattr(statement, column) for group, column in VOICE_COLUMNS.items()})


def chosen_item_ids(statement: Statement) -> list[int]:
    return _linked_ids(statement_items.c.item_id, statement_items.c.statement_id, statement)


def _linked_ids(linked: Column[int], owner: Column[int], statement: Statement) -> list[int]:
    """The ids a link table ties to the statement, smallest first."""
    return list(db.session.scalars(select(linked).where(owner == statement.id).order_by(linked)))


def candidate_items(statement: Statement, viewer: Viewer, limit: int = 50) -> list[CommentText]:
    """Comments tagged with the statement's themes that are not chosen yet, newest first,
    with the words this viewer may see (none under an open safeguarding flag)."""
    theme_ids = theme_ids_of(statement)
    if not theme_ids:
        return []
    chosen = select(statement_items.c.item_id).where(statement_items.c.statement_id == statement.id)
    ids = newest_items_tagged_with(
        theme_ids, viewer, Place.TRACKER, leaving_out=chosen, limit=limit
    )
    found = comment_text.texts(ids, viewer, Place.TRACKER)
    return [found[item_id] for item_id in ids if item_id in found]


def choose_items(statement: Statement, item_ids: list[int]) -> None:
    already = set(chosen_item_ids(statement))
    existing = existing_item_ids(item_ids)
    for item_id in sorted(existing - already):
        db.session.execute(
            statement_items.insert().values(statement_id=statement.id, item_id=item_id)
        )
    statement.updated_at = utcnow()
    refresh_voices(statement)


def remove_item(statement: Statement, item_id: int) -> None:
    db.session.execute(
        statement_items.delete().where(
            statement_items.c.statement_id == statement.id, statement_items.c.item_id == item_id
        )
    )
    for quote in list(statement.quotes):
        if quote.item_id == item_id:
            statement.quotes.remove(quote)
    refresh_voices(statement)


def card_records(statement: Statement) -> list[object]:
    """Every record whose words a statement's public card shows."""
    records: list[object] = [statement]
    for action in statement.actions:
        records.append(action)
        records.extend(action.updates[:1])
        records.extend(action.coproduction)
    return records


def missing_translations(statement: Statement) -> dict[str, int]:
    """For each language, how many of the card's texts are not translated (or out of date)."""
    return workflow.missing_languages(card_records(statement))


def publish_problems(statement: Statement) -> list[str]:
    problems: list[str] = []
    missing = missing_translations(statement)
    for language in workflow.required_languages():
        if language in missing:
            problems.append(
                ngettext(
                    "Translate %(num)d text of this card into %(language)s before publishing",
                    "Translate %(num)d texts of this card into %(language)s before publishing",
                    missing[language],
                    language=language_name(language),
                )
            )
    if not statement.easy_read_summary.strip():
        problems.append(_("Write the easy read summary before publishing"))
    if not statement.actions:
        problems.append(_("Link at least one action before publishing"))
    for quote in statement.quotes:
        for problem in comment_text.quote_problems(quote.item_id):
            problems.append(
                _(
                    "Quote from comment %(number)d: %(problem)s",
                    number=quote.item_id,
                    problem=problem,
                )
            )
    return problems


def publish(statement: Statement, *, by_id: int | None) -> None:
    problems = publish_problems(statement)
    if problems:
        raise PublishRefused(problems)
    refresh_voices(statement)
    statement.published = True
    statement.published_at = utcnow()
    statement.updated_at = statement.published_at
    record(event="published", by_id=by_id, statement_id=statement.id)
    db.session.flush()


def unpublish(statement: Statement, *, by_id: int | None) -> None:
    statement.published = False
    statement.updated_at = utcnow()
    record(event="unpublished", by_id=by_id, statement_id=statement.id)
    db.session.flush()
