""" "Did it work for you?": what people answer on a published "You said, we did" card.

One answer per browser per card, with no sign-in and nothing stored that identifies the
browser or the person:

- the browser holds one random token in a signed cookie (itsdangerous, the app's secret key);
  a cookie that does not verify is refused, never trusted or silently replaced;
- a verdict row stores only an HMAC of that token and the card's id, so rows of one browser
  cannot be linked to each other (each card gives another key) and the table alone cannot be
  matched to a cookie; no address is stored, and the day only, not the time;
- a person may change their answer: answering the same card again replaces the face (and
  counts once), which is also what makes a posted-twice form count once;
- clearing cookies lets a browser answer again; the rate limit bounds that.

The optional sentence becomes a feedback item (surveys' path), which the privacy gate holds
back like every comment; the verdict row keeps a link to it.
"""

import enum
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import ForeignKey, Index, String, case, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from surveys.feedback import add_feedback_item, add_labels
from surveys.types import Channel, SourceGroup
from voice.db import Model, db, start_of_today
from voice.suppression import Split, Suppression
from voice.tracker.models import Action, ActionStatus, Statement, statement_actions

COOKIE_NAME = "voice_verdicts"
COOKIE_MAX_AGE = 365 * 24 * 3600
SENTENCE_LIMIT = 1000
# Every sentence left on a card carries this label, so staff can find them in All feedback.
SENTENCE_LABEL = "card-verdict"


class VerdictFace(enum.Enum):
    BETTER = "better"
    SAME = "same"
    WORSE = "worse"


class Verdict(Model):
    __tablename__ = "tracker_verdicts"
    __table_args__ = (Index("ix_tracker_verdicts_statement_face", "statement_id", "face"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[int] = mapped_column(
        ForeignKey("tracker_statements.id", ondelete="CASCADE")
    )
    face: Mapped[VerdictFace]
    # HMAC of the browser's token and the card: one row per browser per card, unlinkable.
    answer_key: Mapped[str] = mapped_column(String(64), unique=True)
    # To the day only, so the row cannot be lined up with a comment stored the same second.
    answered_on: Mapped[datetime] = mapped_column(default=start_of_today, index=True)
    feedback_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("feedback_items.id", ondelete="SET NULL"), index=True
    )


class BadCookie(Exception):
    """The verdict cookie did not verify: forged, changed, or signed with another key."""


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="tracker-verdicts")


def new_token() -> str:
    return secrets.token_urlsafe(16)


def sign_token(token: str) -> str:
    return _serializer().dumps(token)


def read_cookie(value: str | None) -> str | None:
    """The browser's token from its cookie; None when it has none. Raises BadCookie."""
    if not value:
        return None
    try:
        token = _serializer().loads(value)
    except BadSignature as error:
        raise BadCookie from error
    if not isinstance(token, str) or not 16 <= len(token) <= 64:
        raise BadCookie
    return token


def answer_key(token: str, statement_id: int) -> str:
    secret = str(current_app.config["SECRET_KEY"]).encode()
    message = f"verdict:{statement_id}:{token}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def is_open_for_verdicts(statement_id: int) -> bool:
    """Only published cards take answers."""
    statement = db.session.get(Statement, statement_id)
    return statement is not None and statement.published


def record_verdict(
    statement_id: int, token: str, face: VerdictFace, sentence: str, language: str
) -> tuple[Verdict, int | None]:
    """Store (or change) this browser's answer on the card; a sentence becomes a feedback
    item. Returns the verdict and the new item's id, to announce after the commit."""
    key = answer_key(token, statement_id)
    verdict = db.session.scalar(select(Verdict).where(Verdict.answer_key == key))
    if verdict is None:
        try:
            with db.session.begin_nested():
                verdict = Verdict(statement_id=statement_id, face=face, answer_key=key)
                db.session.add(verdict)
        except IntegrityError:  # the same form, posted twice at once: keep the one stored
            verdict = db.session.scalars(select(Verdict).where(Verdict.answer_key == key)).one()
    verdict.face = face
    verdict.answered_on = start_of_today()
    item_id = None
    sentence = sentence.strip()
    if sentence:
        item = add_feedback_item(
            text=sentence[:SENTENCE_LIMIT],
            # The public card does not ask who is answering: families and young people both
            # read it, and asking would collect more than the answer needs.
            source_group=SourceGroup.PARENT_CARER,
            channel=Channel.WEB,
            language=language,
            source_detail=f"You said, we did card {statement_id}",
        )
        add_labels(item.id, [SENTENCE_LABEL])
        verdict.feedback_item_id = item.id
        item_id = item.id
    db.session.flush()
    return verdict, item_id


def own_verdicts(token: str | None, statement_ids: list[int]) -> dict[int, VerdictFace]:
    """This browser's answers on these cards."""
    if not token or not statement_ids:
        return {}
    keys = {answer_key(token, statement_id): statement_id for statement_id in statement_ids}
    rows = db.session.execute(
        select(Verdict.answer_key, Verdict.face).where(Verdict.answer_key.in_(list(keys)))
    ).all()
    return {keys[key]: face for key, face in rows}


def counts_for_statements(statement_ids: list[int]) -> dict[int, dict[VerdictFace, int]]:
    """How many answered each face on each card, counted now (no waiting for a task)."""
    found: dict[int, dict[VerdictFace, int]] = {}
    if not statement_ids:
        return found
    rows = db.session.execute(
        select(Verdict.statement_id, Verdict.face, func.count())
        .where(Verdict.statement_id.in_(statement_ids))
        .group_by(Verdict.statement_id, Verdict.face)
    ).all()
    for statement_id, face, number in rows:
        found.setdefault(statement_id, dict.fromkeys(VerdictFace, 0))[face] = number
    return found


@dataclass(frozen=True)
class ShownVerdicts:
    """A card's verdicts as the public may see them: None until enough people answered."""

    total: int
    split: Split[VerdictFace]


def shown_verdicts(
    counts: dict[int, dict[VerdictFace, int]], small: Suppression
) -> dict[int, ShownVerdicts]:
    shown = {}
    for statement_id, faces in counts.items():
        total = sum(faces.values())
        if total >= small.threshold:
            shown[statement_id] = ShownVerdicts(total, small.split(total, faces))
    return shown


@dataclass(frozen=True)
class VerdictMonth:
    month: str  # YYYY-MM
    faces: dict[VerdictFace, int]

    @property
    def total(self) -> int:
        return sum(self.faces.values())


def verdicts_over_time(statement_ids: list[int]) -> list[VerdictMonth]:
    """Answers on these cards by the month they were last given, oldest first."""
    if not statement_ids:
        return []
    months: dict[str, dict[VerdictFace, int]] = {}
    rows = db.session.execute(
        select(Verdict.answered_on, Verdict.face).where(Verdict.statement_id.in_(statement_ids))
    ).all()
    for answered_on, face in rows:
        month = months.setdefault(answered_on.strftime("%Y-%m"), dict.fromkeys(VerdictFace, 0))
        month[face] += 1
    return [VerdictMonth(month, faces) for month, faces in sorted(months.items())]


def sentence_item_ids(statement_ids: list[int]) -> list[int]:
    """The feedback items people left with their answers on these cards, newest first."""
    if not statement_ids:
        return []
    return list(
        db.session.scalars(
            select(Verdict.feedback_item_id)
            .where(Verdict.statement_id.in_(statement_ids), Verdict.feedback_item_id.is_not(None))
            .order_by(Verdict.feedback_item_id.desc())
        )
    )


def statement_ids_for_action(action_id: int) -> list[int]:
    return list(
        db.session.scalars(
            select(statement_actions.c.statement_id).where(
                statement_actions.c.action_id == action_id
            )
        )
    )


@dataclass(frozen=True)
class WorseAction:
    action_id: int
    title: str
    worse: int
    total: int


def done_actions_mostly_worse(minimum: int) -> list[WorseAction]:
    """Actions marked done whose cards' answers are mostly "worse" (more than half), once at
    least `minimum` people answered, most "worse" first."""
    worse = func.sum(case((Verdict.face == VerdictFace.WORSE, 1), else_=0))
    rows = db.session.execute(
        select(Action.id, Action.title, worse, func.count(Verdict.id))
        .join(statement_actions, statement_actions.c.action_id == Action.id)
        .join(Verdict, Verdict.statement_id == statement_actions.c.statement_id)
        .where(Action.status == ActionStatus.DONE)
        .group_by(Action.id, Action.title)
    ).all()
    found = [
        WorseAction(action_id, title, int(bad or 0), total)
        for action_id, title, bad, total in rows
        if total >= minimum and (bad or 0) * 2 > total
    ]
    return sorted(found, key=lambda row: (-row.worse, row.title))


@dataclass(frozen=True)
class VerdictSummary:
    """Staff's view of the answers on some cards: in all and by month, small numbers hidden."""

    overall: Split[VerdictFace]
    months: list[tuple[str, Split[VerdictFace]]]


def verdict_summary(statement_ids: list[int], small: Suppression) -> VerdictSummary:
    months = verdicts_over_time(statement_ids)
    faces = dict.fromkeys(VerdictFace, 0)
    for month in months:
        for face, number in month.faces.items():
            faces[face] += number
    return VerdictSummary(
        overall=small.split(sum(faces.values()), faces),
        months=[(month.month, small.split(month.total, month.faces)) for month in months],
    )


def verdicts_by_action(small: Suppression) -> list[tuple[str, Split[VerdictFace]]]:
    """Each action's answers on the cards that show it, for the evidence pack, most first."""
    rows = db.session.execute(
        select(Action.id, Action.title, Verdict.face, func.count(Verdict.id))
        .join(statement_actions, statement_actions.c.action_id == Action.id)
        .join(Verdict, Verdict.statement_id == statement_actions.c.statement_id)
        .group_by(Action.id, Action.title, Verdict.face)
    ).all()
    faces: dict[tuple[int, str], dict[VerdictFace, int]] = {}
    for action_id, title, face, number in rows:
        faces.setdefault((action_id, title), dict.fromkeys(VerdictFace, 0))[face] = number
    found = [
        (title, small.split(sum(parts.values()), parts)) for (_id, title), parts in faces.items()
    ]
    return sorted(found, key=lambda row: (-row[1].total.length, row[0]))
