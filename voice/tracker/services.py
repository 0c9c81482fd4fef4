"""Queries and changes for priorities, actions, statements and the gap view. Services flush;
the view or task that owns the work commits."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import selectinload

from surveys.models import (
    ContactRequest,
    FeedbackItem,
    KioskSession,
    SourceGroup,
    SurveyResponse,
)
from themes import comment_text
from themes.comment_text import CommentText, Place, Viewer
from themes.models import ItemTheme, Theme
from voice.db import db, utcnow
from voice.i18n import _
from voice.tracker.models import (
    DEFAULT_PRIORITIES,
    Action,
    ActionStatus,
    CoproductionEntry,
    FollowUp,
    FollowUpMail,
    HistoryEntry,
    Organisation,
    Priority,
    ProgressUpdate,
    Statement,
    StatementQuote,
    statement_actions,
    statement_items,
    statement_themes,
)
from voice.tracker.sealing import item_tagger

MAX_QUOTES = 3


class PublishRefused(Exception):
    """Publishing, or choosing a quote, is not allowed; the message says why."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons


# -- priorities ---------------------------------------------------------------------------


def seed_priorities() -> list[Priority]:
    """Add any of the six improvement areas that are missing (the migration seeds them too)."""
    known = set(db.session.scalars(select(Priority.slug)))
    for position, row in enumerate(DEFAULT_PRIORITIES):
        if row["slug"] not in known:
            db.session.add(Priority(position=position, **row))
    db.session.flush()
    return list_priorities()


def list_priorities() -> list[Priority]:
    return list(db.session.scalars(select(Priority).order_by(Priority.position, Priority.id)))


def update_priority(priority: Priority, *, title: str, easy_read_title: str) -> None:
    priority.title = title
    priority.easy_read_title = easy_read_title
    db.session.flush()


# -- actions ------------------------------------------------------------------------------


def list_actions() -> list[Action]:
    return list(db.session.scalars(select(Action).order_by(Action.priority_id, Action.id)))


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


def statements_for_action(action: Action) -> list[Statement]:
    return list(
        db.session.scalars(
            select(Statement)
            .join(statement_actions, statement_actions.c.statement_id == Statement.id)
            .where(statement_actions.c.action_id == action.id)
            .order_by(Statement.id)
        )
    )


# -- statements ---------------------------------------------------------------------------


def list_statements() -> list[Statement]:
    return list(db.session.scalars(select(Statement).order_by(Statement.id.desc())))


def list_themes() -> list[Theme]:
    return list(db.session.scalars(select(Theme).where(Theme.active).order_by(Theme.name)))


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
    statement.themes = list(db.session.scalars(select(Theme).where(Theme.id.in_(theme_ids))))
    statement.actions = list(db.session.scalars(select(Action).where(Action.id.in_(action_ids))))
    statement.updated_at = utcnow()
    refresh_voices(statement)
    return statement


def _voice_ids(statement: Statement) -> select:
    """Ids of the items behind a statement: those chosen and those tagged with its themes."""
    chosen = select(statement_items.c.item_id).where(statement_items.c.statement_id == statement.id)
    tagged = (
        select(ItemTheme.item_id)
        .join(statement_themes, statement_themes.c.theme_id == ItemTheme.theme_id)
        .where(statement_themes.c.statement_id == statement.id, ~ItemTheme.removed)
    )
    return chosen.union(tagged)


def voices_by_audience(statement: Statement) -> dict[SourceGroup, int]:
    ids = _voice_ids(statement).subquery()
    rows = db.session.execute(
        select(FeedbackItem.source_group, func.count())
        .where(FeedbackItem.id.in_(select(ids.c[0])))
        .group_by(FeedbackItem.source_group)
    )
    counts = dict.fromkeys(SourceGroup, 0)
    counts.update(dict(rows.all()))
    return counts


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


def stored_voices(statement: Statement) -> Counter:
    return Counter({group: getattr(statement, column) for group, column in VOICE_COLUMNS.items()})


def chosen_items(statement: Statement) -> list[FeedbackItem]:
    return list(
        db.session.scalars(
            select(FeedbackItem)
            .join(statement_items, statement_items.c.item_id == FeedbackItem.id)
            .where(statement_items.c.statement_id == statement.id)
            .order_by(FeedbackItem.id)
        )
    )


def candidate_items(statement: Statement, viewer: Viewer, limit: int = 50) -> list[CommentText]:
    """Comments tagged with the statement's themes that are not chosen yet, newest first,
    with the words this viewer may see (none under an open safeguarding flag)."""
    theme_ids = [theme.id for theme in statement.themes]
    if not theme_ids:
        return []
    chosen = select(statement_items.c.item_id).where(statement_items.c.statement_id == statement.id)
    ids = list(
        db.session.scalars(
            select(ItemTheme.item_id)
            .where(
                ItemTheme.theme_id.in_(theme_ids),
                ~ItemTheme.removed,
                ItemTheme.item_id.not_in(chosen),
                comment_text.visible(viewer, Place.TRACKER, ItemTheme.item_id),
            )
            .distinct()
            .order_by(ItemTheme.item_id.desc())
            .limit(limit)
        )
    )
    found = comment_text.texts(ids, viewer, Place.TRACKER)
    return [found[item_id] for item_id in ids if item_id in found]


def choose_items(statement: Statement, item_ids: list[int]) -> None:
    already = {item.id for item in chosen_items(statement)}
    existing = set(db.session.scalars(select(FeedbackItem.id).where(FeedbackItem.id.in_(item_ids))))
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
    ids = [item.id for item in chosen_items(statement)]
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
    if item_id not in {i.id for i in chosen_items(statement)}:
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


def publish_problems(statement: Statement) -> list[str]:
    problems: list[str] = []
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


def statement_history(statement: Statement) -> list[HistoryEntry]:
    return list(
        db.session.scalars(
            select(HistoryEntry)
            .where(HistoryEntry.statement_id == statement.id)
            .order_by(HistoryEntry.at.desc(), HistoryEntry.id.desc())
        )
    )


# -- gap view -----------------------------------------------------------------------------


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
    answered_themes = (
        select(statement_themes.c.theme_id)
        .join(
            statement_actions, statement_actions.c.statement_id == statement_themes.c.statement_id
        )
        .distinct()
    )
    theme_rows = db.session.execute(
        select(Theme, func.count(func.distinct(ItemTheme.item_id)))
        .join(ItemTheme, ItemTheme.theme_id == Theme.id)
        .where(~ItemTheme.removed, Theme.id.not_in(answered_themes))
        .group_by(Theme.id)
    ).all()
    found = [
        Gap(kind="theme", label=theme.name, voices=number, theme=theme)
        for theme, number in theme_rows
        if number >= minimum
    ]
    answered = select(statement_actions.c.statement_id)
    for statement in db.session.scalars(
        select(Statement)
        .where(Statement.id.not_in(answered))
        .options(selectinload(Statement.themes))
    ):
        number = sum(voices_by_audience(statement).values())
        if number >= minimum:
            found.append(
                Gap(kind="statement", label=statement.summary, voices=number, statement=statement)
            )
    return sorted(found, key=lambda gap: (-gap.voices, gap.label))


# -- public -------------------------------------------------------------------------------


def _published_query(
    *, theme_slug: str | None, audience: SourceGroup | None, year: int | None
) -> select:
    query = select(Statement).where(Statement.published)
    if theme_slug:
        query = query.where(
            Statement.id.in_(
                select(statement_themes.c.statement_id)
                .join(Theme, Theme.id == statement_themes.c.theme_id)
                .where(Theme.slug == theme_slug)
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
            selectinload(Statement.themes),
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


def themes_in_use() -> list[Theme]:
    """Themes of published statements, for the public filter."""
    return list(
        db.session.scalars(
            select(Theme)
            .join(statement_themes, statement_themes.c.theme_id == Theme.id)
            .join(Statement, Statement.id == statement_themes.c.statement_id)
            .where(Statement.published)
            .distinct()
            .order_by(Theme.name)
        )
    )


# -- closing the loop ---------------------------------------------------------------------

FOLLOW_UP_GAP = timedelta(days=7)


def follow_up(contact_request_id: int, item_ids: list[int]) -> None:
    """Remember that the person behind a contact request wants news of these comments. The
    comments are stored as keyed tags, so the database alone cannot link the two."""
    known = set(
        db.session.scalars(
            select(FollowUp.item_tag).where(FollowUp.contact_request_id == contact_request_id)
        )
    )
    tags = item_tagger().tags(set(item_ids))
    for tag in sorted(set(tags) - known):
        db.session.add(FollowUp(contact_request_id=contact_request_id, item_tag=tag))
    db.session.flush()


def stop_follow_up(contact_request_id: int) -> None:
    db.session.execute(delete(FollowUp).where(FollowUp.contact_request_id == contact_request_id))
    db.session.execute(
        delete(FollowUpMail).where(FollowUpMail.contact_request_id == contact_request_id)
    )
    db.session.flush()


def forget_item(item_id: int) -> None:
    """Nobody hears news of an erased comment (and a later comment given its id on SQLite
    does not inherit its followers)."""
    db.session.execute(delete(FollowUp).where(FollowUp.item_tag == item_tagger().tag(item_id)))
    db.session.flush()


def count_follow_ups(contact_request_ids: list[int]) -> int:
    """How many comments these people asked to hear about (for the erasure page)."""
    if not contact_request_ids:
        return 0
    return (
        db.session.scalar(
            select(func.count(FollowUp.id)).where(
                FollowUp.contact_request_id.in_(contact_request_ids)
            )
        )
        or 0
    )


@dataclass
class Notice:
    contact: ContactRequest
    changes: list[tuple[Action, ActionStatus]]


def due_notices(now: datetime) -> list[Notice]:
    """One notice per person with news since we last wrote, skipping anyone written to in the
    last week; their news waits for the next run."""
    # Forget people whose contact request was withdrawn.
    db.session.execute(
        delete(FollowUp).where(FollowUp.contact_request_id.not_in(select(ContactRequest.id)))
    )
    last_sent = dict(
        db.session.execute(select(FollowUpMail.contact_request_id, FollowUpMail.last_sent_at))
        .tuples()
        .all()
    )
    wanted: dict[int, set[str]] = {}
    first: dict[int, datetime] = {}
    for contact_id, tag, created_at in db.session.execute(
        select(FollowUp.contact_request_id, FollowUp.item_tag, FollowUp.created_at)
    ):
        wanted.setdefault(contact_id, set()).add(tag)
        first[contact_id] = min(first.get(contact_id, created_at), created_at)
    tagger = item_tagger()
    tag_of: dict[int, str] = {}
    notices = []
    for contact_id in sorted(wanted):
        sent = last_sent.get(contact_id)
        if sent is not None and now - sent < FOLLOW_UP_GAP:
            continue
        since = sent or first[contact_id]
        moved = select(HistoryEntry.action_id).where(
            HistoryEntry.event == "status", HistoryEntry.at > since, HistoryEntry.at <= now
        )
        # Every comment behind a published statement whose action moved; the person's own are
        # those whose tag they hold.
        linked = db.session.execute(
            select(statement_items.c.item_id, statement_actions.c.action_id)
            .join(Statement, Statement.id == statement_items.c.statement_id)
            .join(statement_actions, statement_actions.c.statement_id == Statement.id)
            .where(Statement.published, statement_actions.c.action_id.in_(moved))
            .distinct()
        )
        action_ids = set()
        for item_id, action_id in linked:
            if item_id not in tag_of:
                tag_of[item_id] = tagger.tag(item_id)
            if tag_of[item_id] in wanted[contact_id]:
                action_ids.add(action_id)
        if action_ids:
            actions = db.session.scalars(
                select(Action).where(Action.id.in_(action_ids)).order_by(Action.id)
            ).all()
            contact = db.session.get(ContactRequest, contact_id)
            notices.append(Notice(contact=contact, changes=[(a, a.status) for a in actions]))
    return notices


def mark_sent(contact_request_id: int, when: datetime) -> None:
    row = db.session.scalar(
        select(FollowUpMail).where(FollowUpMail.contact_request_id == contact_request_id)
    )
    if row is None:
        db.session.add(FollowUpMail(contact_request_id=contact_request_id, last_sent_at=when))
    else:
        row.last_sent_at = when
    db.session.flush()


# -- a facilitator's groups -----------------------------------------------------------------


def kiosk_sessions_for(user_id: int, *, everyone: bool) -> list[KioskSession]:
    query = select(KioskSession).order_by(KioskSession.opened_at.desc())
    if not everyone:
        query = query.where(KioskSession.opened_by_id == user_id)
    return list(db.session.scalars(query))


def _kiosk_item_ids(kiosk_id: int) -> select:
    return (
        select(FeedbackItem.id)
        .join(SurveyResponse, SurveyResponse.id == FeedbackItem.response_id)
        .where(SurveyResponse.kiosk_session_id == kiosk_id)
    )


def group_outcome(kiosk_id: int) -> tuple[int, list[Statement]]:
    """How many views a kiosk session gave, and the published statements they stand behind."""
    item_ids = _kiosk_item_ids(kiosk_id)
    number = db.session.scalar(select(func.count()).select_from(item_ids.subquery())) or 0
    themes_of_items = select(ItemTheme.theme_id).where(
        ItemTheme.item_id.in_(item_ids), ~ItemTheme.removed
    )
    chosen = select(statement_items.c.statement_id).where(statement_items.c.item_id.in_(item_ids))
    tagged = select(statement_themes.c.statement_id).where(
        statement_themes.c.theme_id.in_(themes_of_items)
    )
    statements = db.session.scalars(
        select(Statement)
        .where(Statement.published, or_(Statement.id.in_(chosen), Statement.id.in_(tagged)))
        .order_by(Statement.published_at.desc())
    )
    return number, list(statements)
