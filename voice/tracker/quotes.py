"""Quotes on a statement: which chosen comments may be quoted, and what the public sees.
The rules are the comment text gate's (`themes.comment_text`), asked every time."""

from dataclasses import dataclass, field

from themes import comment_text
from themes.comment_text import CommentText, Place, Viewer
from voice.db import db
from voice.i18n import _
from voice.tracker.models import Statement, StatementQuote
from voice.tracker.statements import PublishRefused, chosen_item_ids

MAX_QUOTES = 3


@dataclass
class QuoteCheck:
    item_id: int
    comment: CommentText | None  # None while it is under an open safeguarding flag
    problems: list[str] = field(default_factory=list)

    @property
    def allowed(self) -> bool:
        return not self.problems


def quote_checks(statement: Statement, viewer: Viewer) -> list[QuoteCheck]:
    """Each chosen comment, with every reason it may not be quoted in public."""
    ids = chosen_item_ids(statement)
    found = comment_text.texts(ids, viewer, Place.TRACKER)
    return [
        QuoteCheck(
            item_id=item_id,
            comment=found.get(item_id),
            problems=comment_text.quote_problems(item_id),
        )
        for item_id in ids
    ]


def choose_quote(statement: Statement, item_id: int) -> None:
    if item_id not in chosen_item_ids(statement):
        raise PublishRefused([_("Choose a comment linked to this statement")])
    if any(quote.item_id == item_id for quote in statement.quotes):
        return
    if len(statement.quotes) >= MAX_QUOTES:
        raise PublishRefused(
            [_("A statement can have up to %(number)d quotes: remove one first", number=MAX_QUOTES)]
        )
    problems = comment_text.quote_problems(item_id)
    if problems:
        raise PublishRefused(problems)
    statement.quotes.append(StatementQuote(item_id=item_id))
    db.session.flush()


def remove_quote(statement: Statement, item_id: int) -> None:
    for quote in list(statement.quotes):
        if quote.item_id == item_id:
            statement.quotes.remove(quote)
    db.session.flush()


def quotes_for_statements(statements: list[Statement]) -> dict[int, list[str]]:
    """The quotes each statement may show in public now: read through the comment text gate on
    every request, so a safeguarding flag raised after publishing takes a quote down at once."""
    texts = comment_text.public_quotes(
        [quote.item_id for statement in statements for quote in statement.quotes]
    )
    return {
        statement.id: [texts[q.item_id] for q in statement.quotes if q.item_id in texts]
        for statement in statements
    }
