"""Who sees what of a comment: the only module that reads a feedback item's original words.

Every page, export, search, feed, email and template gets a comment's text from here, so the
rule in DESIGN.md ("Who sees what of a comment") is written once:

- the original text: admins and safeguarding leads, only on pages that say so (an item's own
  page, the safeguarding queue and flag page, the erasure page), and every showing is logged;
- everyone else: the redacted text, or nothing while the names are still being taken out;
- a comment under an open safeguarding flag: only in the safeguarding queue (safeguarding
  leads) and on its own page for admins and safeguarding leads, logged; everywhere else it is
  left out, and only counted where a count is needed;
- the public: a quote only when its author agreed, it has no open flag, its redacted text
  holds no personal details that the redactor can still find, and its original has not been
  erased by a request; a flag raised later takes it down at once, because quotes are read
  through here on every request.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask_login import current_user
from sqlalchemy import ColumnElement, Select, and_, delete, exists, select
from sqlalchemy.orm import InstrumentedAttribute

from surveys.models import FeedbackItem
from surveys.types import SourceGroup
from themes import text_search
from themes.models import FlagStatus, ItemAnalysis, ItemTheme, SafeguardingFlag, TextRead
from themes.tagger import redact
from voice.accounts.models import Role
from voice.db import db, utcnow
from voice.i18n import _


class Place(enum.Enum):
    """Where a comment's words are about to appear."""

    FEEDBACK_LIST = "feedback_list"  # All feedback and its search
    REVIEW = "review"
    ITEM = "item"  # a comment's own page, which says when it shows the original
    DASHBOARD = "dashboard"  # theme pages, comments, key phrases, emerging phrases
    EXPORT = "export"
    EVIDENCE_PACK = "evidence_pack"
    TRACKER = "tracker"  # comments to link to a statement, the comments chosen
    OWN_ENTRY = "own_entry"  # a forum rep's or school contact's own proxy entries
    SAFEGUARDING = "safeguarding"  # the queue and a flag's page
    ERASURE = "erasure"  # an admin finding a comment to delete on request
    PUBLIC = "public"  # cards, posters, feeds, the Local Offer report


_PLACEHOLDER = re.compile(r"\[[^\]]*\]")
_WORD = re.compile(r"[^\W\d_]{2,}")

# Pages that say they show the original text, and so may show it to those allowed.
_ORIGINAL_PLACES = frozenset({Place.ITEM, Place.SAFEGUARDING, Place.ERASURE})
_ORIGINAL_ROLES = frozenset({Role.ADMIN, Role.SAFEGUARDING_LEAD})


@dataclass(frozen=True)
class Viewer:
    user_id: int | None
    roles: frozenset[Role]

    @classmethod
    def public(cls) -> Viewer:
        return cls(user_id=None, roles=frozenset())

    @classmethod
    def current(cls) -> Viewer:
        """The signed-in person, or the public."""
        if not current_user or not current_user.is_authenticated:
            return cls.public()
        return cls(user_id=current_user.id, roles=frozenset(current_user.roles))

    def may_read_original(self, place: Place) -> bool:
        return place in _ORIGINAL_PLACES and bool(self.roles & _ORIGINAL_ROLES)

    def may_see_held_back(self, place: Place) -> bool:
        if place is Place.SAFEGUARDING:
            return Role.SAFEGUARDING_LEAD in self.roles
        return place in {Place.ITEM, Place.ERASURE} and bool(self.roles & _ORIGINAL_ROLES)


@dataclass(frozen=True)
class CommentText:
    """What a viewer may see of one comment here."""

    item_id: int
    language: str
    source_group: SourceGroup
    redacted: str  # "" while the names are still being taken out
    original: str | None = None  # only where the viewer and the page allow it
    original_deleted_at: datetime | None = None
    held_back: bool = False

    @property
    def pending(self) -> bool:
        return not self.redacted

    @property
    def shown(self) -> str:
        """The redacted words, or a note saying why there are none yet."""
        return self.redacted or _("Names are still being taken out of this comment.")


# -- the rule as SQL ------------------------------------------------------------------------


def held_back_ids() -> Select[Any]:
    """Ids of comments under an open safeguarding flag."""
    return select(SafeguardingFlag.item_id).where(SafeguardingFlag.status == FlagStatus.OPEN)


def not_held_back(item_id: Any = FeedbackItem.id) -> ColumnElement[bool]:
    """A condition on a query over comments: no open safeguarding flag on this one."""
    return ~exists().where(
        SafeguardingFlag.item_id == item_id, SafeguardingFlag.status == FlagStatus.OPEN
    )


def visible(viewer: Viewer, place: Place, item_id: Any = FeedbackItem.id) -> ColumnElement[bool]:
    """The condition every list, count of quotes, export and search of comments adds."""
    if viewer.may_see_held_back(place):
        return and_(True)
    return not_held_back(item_id)


def is_held_back(item_id: int) -> bool:
    return db.session.scalar(select(~not_held_back(item_id))) is True


def search(words: str) -> ColumnElement[bool]:
    """A condition on a query joined to ItemAnalysis: the redacted text holds every word, so
    nobody finds a comment by a name that was taken out of it."""
    dialect = db.session.get_bind().dialect.name
    return text_search.matches_words(ItemAnalysis.redacted_text, words, dialect)


# -- texts ----------------------------------------------------------------------------------


def texts(item_ids: Iterable[int], viewer: Viewer, place: Place) -> dict[int, CommentText]:
    """The text of each comment this viewer may see here; those they may not are left out.
    Every original shown, and every held-back comment shown, is written to the access log."""
    ids = sorted(set(item_ids))
    if not ids:
        return {}
    held = set(db.session.scalars(held_back_ids().where(SafeguardingFlag.item_id.in_(ids))))
    if not viewer.may_see_held_back(place):
        ids = [item_id for item_id in ids if item_id not in held]
    with_original = viewer.may_read_original(place)
    columns: list[InstrumentedAttribute[Any]] = [  # one row type for every column
        FeedbackItem.id,
        FeedbackItem.language,
        FeedbackItem.source_group,
        ItemAnalysis.redacted_text,
        FeedbackItem.original_deleted_at,
    ]
    if with_original:
        columns.append(FeedbackItem.original_text)
    rows = db.session.execute(
        select(*columns)
        .outerjoin(ItemAnalysis, ItemAnalysis.item_id == FeedbackItem.id)
        .where(FeedbackItem.id.in_(ids))
    ).all()
    found = {
        row[0]: CommentText(
            item_id=row[0],
            language=row[1],
            source_group=row[2],
            redacted=row[3] or "",
            original_deleted_at=row[4],
            original=row[5] if with_original else None,
            held_back=row[0] in held,
        )
        for row in rows
    }
    _log_reads(viewer, place, found.values())
    return found


def text(item_id: int, viewer: Viewer, place: Place) -> CommentText | None:
    return texts([item_id], viewer, place).get(item_id)


def _log_reads(viewer: Viewer, place: Place, shown: Iterable[CommentText]) -> None:
    now = utcnow()
    reads = [
        TextRead(
            item_id=comment.item_id,
            user_id=viewer.user_id,
            place=place.value,
            what="held back" if comment.held_back else "original",
            at=now,
        )
        for comment in shown
        if comment.held_back or comment.original is not None
    ]
    if reads:
        db.session.add_all(reads)
        # Pages that show text are read-only, so nothing else is waiting in the session; the
        # log must be stored even though the page itself commits nothing.
        db.session.commit()


def recent_reads(*, limit: int = 100, before_id: int | None = None) -> list[TextRead]:
    """The access log, newest first, for admins."""
    query = select(TextRead).order_by(TextRead.id.desc()).limit(limit)
    if before_id is not None:
        query = query.where(TextRead.id < before_id)
    return list(db.session.scalars(query))


def forget(item_id: int) -> None:
    """Delete what themes hold of a comment erased on request: its tags and its analysis (the
    redacted words and the word-search index over them). The access log keeps that the comment
    was read, not its words."""
    db.session.execute(delete(ItemTheme).where(ItemTheme.item_id == item_id))
    db.session.execute(delete(ItemAnalysis).where(ItemAnalysis.item_id == item_id))


# -- public quotes --------------------------------------------------------------------------


def quote_problems(item_id: int) -> list[str]:
    """Every reason a comment may not be quoted in public; none means it may."""
    row = db.session.execute(
        select(FeedbackItem.consent_to_quote, ItemAnalysis.redacted_text)
        .outerjoin(ItemAnalysis, ItemAnalysis.item_id == FeedbackItem.id)
        .where(FeedbackItem.id == item_id)
    ).first()
    if row is None:
        return [_("The comment has been deleted")]
    consent, redacted = row
    problems = []
    if not consent:
        problems.append(_("The person who wrote it did not agree to be quoted"))
    if is_held_back(item_id):
        problems.append(_("It has an open safeguarding flag"))
    if not (redacted or "").strip():
        problems.append(_("It has not been redacted yet"))
    elif redact(redacted) != redacted:
        problems.append(_("Its redacted text still contains personal details"))
    elif not _says_something(redacted):
        problems.append(_("Nothing is left of it once personal details are taken out"))
    return problems


def public_quotes(item_ids: Sequence[int]) -> dict[int, str]:
    """The redacted words of each comment that may be quoted in public now."""
    if not item_ids:
        return {}
    rows = db.session.execute(
        select(FeedbackItem.id, ItemAnalysis.redacted_text)
        .join(ItemAnalysis, ItemAnalysis.item_id == FeedbackItem.id)
        .where(
            FeedbackItem.id.in_(item_ids),
            FeedbackItem.consent_to_quote.is_(True),
            ItemAnalysis.redacted_text != "",
            not_held_back(),
        )
    ).all()
    return {item_id: words for item_id, words in rows if _says_something(words)}


def _says_something(words: str) -> bool:
    """Redaction finds nothing more in it, and a few words are left between the placeholders
    ("Mrs [name], [phone]" says nothing)."""
    left = _WORD.findall(_PLACEHOLDER.sub(" ", words))
    return redact(words) == words and len(left) >= 2


# -- what the themes package itself reads -----------------------------------------------------


def originals_to_tag(item_ids: Sequence[int]) -> list[tuple[int, str]]:
    """The original words for the tagger, which makes the redacted text from them. Comments
    whose original was deleted at the end of retention keep the analysis they have."""
    return [
        (item_id, words)
        for item_id, words in db.session.execute(
            select(FeedbackItem.id, FeedbackItem.original_text).where(
                FeedbackItem.id.in_(item_ids), FeedbackItem.original_text.is_not(None)
            )
        )
        if words is not None  # never, after the WHERE; says so to the type checker
    ]


def words_for_learning() -> list[tuple[int, str, str]]:
    """(item id, redacted text, automatic slugs) of every reviewed comment. The learned model
    is trained on redacted words, so no name reaches its stored word weights."""
    return [
        (item_id, words, auto)
        for item_id, words, auto in db.session.execute(
            select(ItemAnalysis.item_id, ItemAnalysis.redacted_text, ItemAnalysis.auto_slugs).where(
                ItemAnalysis.reviewed_at.is_not(None)
            )
        )
    ]
