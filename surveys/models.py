import enum
import uuid
from datetime import datetime
from itertools import chain

from sqlalchemy import (
    JSON,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
    event,
    false,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from surveys.types import (
    Channel,
    HowAnswered,
    QuestionRole,
    QuestionType,
    SourceGroup,
    SurveyKind,
    SurveyStatus,
)
from voice.db import Model, start_of_today, utcnow


class FeedbackItem(Model):
    """One piece of free text someone gave us, whatever the route; the themes package tags it."""

    __tablename__ = "feedback_items"
    # Counts by period, audience and channel (the dashboard's) come from this index alone.
    __table_args__ = (Index("ix_dash_items_period", "created_at", "source_group", "channel"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    source_group: Mapped[SourceGroup] = mapped_column(index=True)
    channel: Mapped[Channel] = mapped_column(index=True)
    language: Mapped[str] = mapped_column(String(8), default="en")
    # The words as given. Only themes.comment_text reads them (DESIGN.md, "Who sees what");
    # null once the survey's retention period has ended (original_deleted_at says when).
    original_text: Mapped[str | None] = mapped_column("text", Text)
    original_deleted_at: Mapped[datetime | None]
    source_detail: Mapped[str | None] = mapped_column(String(200))
    consent_to_quote: Mapped[bool] = mapped_column(default=False)
    # Set by whoever creates the item when a retry must not store it twice (import row, response).
    dedupe_key: Mapped[str | None] = mapped_column(String(128), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    tagged_at: Mapped[datetime | None] = mapped_column(index=True)
    # Where a survey answer came from; kept (set to null) when raw responses are deleted.
    survey_id: Mapped[int | None] = mapped_column(
        ForeignKey("surveys.id", ondelete="SET NULL"), index=True
    )
    question_id: Mapped[int | None] = mapped_column(
        ForeignKey("survey_questions.id", ondelete="SET NULL")
    )
    # The finished response it was part of (and so its tablet session), until retention.
    response_id: Mapped[int | None] = mapped_column(
        ForeignKey("survey_responses.id", ondelete="SET NULL"), index=True
    )


# --- Surveys, questions, responses and kiosk sessions (issue 3) -------------------------------


def new_stamp() -> str:
    return uuid.uuid4().hex


# Wordings are JSON: {"en": {"plain": "...", "easy": "..."}, "cy": {...}, ...}
Wordings = dict[str, dict[str, str]]


class Survey(Model):
    __tablename__ = "surveys"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[SurveyKind] = mapped_column(default=SurveyKind.SURVEY)
    status: Mapped[SurveyStatus] = mapped_column(default=SurveyStatus.DRAFT, index=True)
    title: Mapped[str] = mapped_column(String(200))
    audience: Mapped[SourceGroup]
    title_wording: Mapped[Wordings] = mapped_column(JSON, default=dict)
    intro: Mapped[Wordings] = mapped_column(JSON, default=dict)
    opens_at: Mapped[datetime | None]
    closes_at: Mapped[datetime | None]
    retention_days: Mapped[int] = mapped_column(default=365)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # A new value with every change to the survey, its questions or its options, so respondent
    # pages know when their copy is out of date (surveys.answering).
    stamp: Mapped[str] = mapped_column(String(32), default=new_stamp, server_default="initial")
    # Marks a standing feedback form, so two first requests at once cannot create it twice.
    slug: Mapped[str | None] = mapped_column(String(40), unique=True)
    # Listed for young people on the home page and Tell us what you think while it is open.
    listed: Mapped[bool] = mapped_column(default=False, server_default=false())
    questions: Mapped[list["Question"]] = relationship(
        back_populates="survey",
        cascade="all, delete-orphan",
        order_by="Question.position",
        lazy="selectin",
    )


class Question(Model):
    __tablename__ = "survey_questions"
    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[QuestionType]
    required: Mapped[bool] = mapped_column(default=False)
    required_reason: Mapped[str | None] = mapped_column(String(300))
    picture: Mapped[str | None] = mapped_column(String(60))
    prompt: Mapped[Wordings] = mapped_column(JSON, default=dict)
    role: Mapped[QuestionRole] = mapped_column(
        default=QuestionRole.ANSWER, server_default=QuestionRole.ANSWER.name
    )
    # Prefix of the labels a LABEL question gives ("service", "age"); names form answers too.
    label_key: Mapped[str | None] = mapped_column(String(40))
    # Display condition (surveys.conditions): asked only when the answer to an earlier choice
    # question includes one of these choice values, or with condition_negated, includes none.
    condition_question_id: Mapped[int | None] = mapped_column(
        ForeignKey("survey_questions.id", ondelete="SET NULL")
    )
    condition_values: Mapped[list] = mapped_column(JSON, default=list, server_default="[]")
    condition_negated: Mapped[bool] = mapped_column(default=False, server_default=false())
    survey: Mapped[Survey] = relationship(back_populates="questions")
    options: Mapped[list["QuestionOption"]] = relationship(
        back_populates="question",
        cascade="all, delete-orphan",
        order_by="QuestionOption.position",
        lazy="selectin",
    )


class QuestionOption(Model):
    __tablename__ = "survey_question_options"
    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("survey_questions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    picture: Mapped[str | None] = mapped_column(String(60))
    wording: Mapped[Wordings] = mapped_column(JSON, default=dict)
    # Stable name for labels, whatever the wording says ("short-breaks").
    key: Mapped[str | None] = mapped_column(String(40))
    question: Mapped[Question] = relationship(back_populates="options")


class KioskSession(Model):
    __tablename__ = "kiosk_sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(12), unique=True)
    group_label: Mapped[str] = mapped_column(String(120))
    opened_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]
    survey: Mapped[Survey] = relationship()


class ResponseDraft(Model):
    """Answers in progress, so they survive reloads and the back button; gone once sent."""

    __tablename__ = "survey_response_drafts"
    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"), index=True)
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class SurveyResponse(Model):
    """One finished response. Never an IP address or a device identifier."""

    __tablename__ = "survey_responses"
    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"), index=True)
    kiosk_session_id: Mapped[int | None] = mapped_column(
        ForeignKey("kiosk_sessions.id", ondelete="SET NULL"), index=True
    )
    group_label: Mapped[str | None] = mapped_column(String(120))
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    channel: Mapped[Channel]
    language: Mapped[str] = mapped_column(String(8), default="en")
    easy_read: Mapped[bool] = mapped_column(default=False)
    how_answered: Mapped[HowAnswered | None]
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    answers: Mapped[list["Answer"]] = relationship(
        back_populates="response", cascade="all, delete-orphan", passive_deletes=True
    )


class Answer(Model):
    __tablename__ = "survey_answers"
    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("survey_responses.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int] = mapped_column(
        ForeignKey("survey_questions.id", ondelete="CASCADE"), index=True
    )
    skipped: Mapped[bool] = mapped_column(default=False)
    choices: Mapped[list] = mapped_column(JSON, default=list)
    text: Mapped[str | None] = mapped_column(Text)
    response: Mapped[SurveyResponse] = relationship(back_populates="answers")


class SurveyPicture(Model):
    """A picture staff uploaded for questions and options (PNG or JPEG, checked and small)."""

    __tablename__ = "survey_pictures"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    content_type: Mapped[str] = mapped_column(String(32))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


# Feedback forms, proxy entry and imports


class ContactRequest(Model):
    """An email address someone left so we can reply. Deliberately not linked to what they
    said, so the feedback stays anonymous; deleted when they withdraw it."""

    __tablename__ = "contact_requests"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    source_group: Mapped[SourceGroup]
    withdraw_token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # To the day only: a precise time would line the address up with the answers stored in the
    # same second, and the form promises nobody can tell which answers are whose.
    created_at: Mapped[datetime] = mapped_column(default=start_of_today)


class FeedbackLabel(Model):
    """A free-form label on a feedback item: an imported column, a service named on a form."""

    __tablename__ = "feedback_labels"
    id: Mapped[int] = mapped_column(primary_key=True)
    feedback_item_id: Mapped[int] = mapped_column(
        ForeignKey("feedback_items.id", ondelete="CASCADE"), index=True
    )
    label: Mapped[str] = mapped_column(String(100), index=True)


class ProxyEntry(Model):
    """Who typed a view in on someone else's behalf, and where it was gathered."""

    __tablename__ = "proxy_entries"
    id: Mapped[int] = mapped_column(primary_key=True)
    feedback_item_id: Mapped[int] = mapped_column(
        ForeignKey("feedback_items.id", ondelete="CASCADE"), unique=True
    )
    entered_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    gathered_at: Mapped[str] = mapped_column(String(200))
    entered_at: Mapped[datetime] = mapped_column(default=utcnow)
    corrected_at: Mapped[datetime | None]
    feedback_item: Mapped[FeedbackItem] = relationship(lazy="joined")


class ImportStatus(enum.Enum):
    READING = "reading"  # a worker is reading the uploaded file
    PREVIEW = "preview"
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    CANCELLED = "cancelled"
    FAILED = "failed"
    EXPIRED = "expired"  # never confirmed in time; the uploaded file was deleted


class ImportJob(Model):
    """One uploaded spreadsheet: its bytes (so any worker can read it), the column mapping
    chosen on the preview screen, and the progress of the import task."""

    __tablename__ = "import_jobs"
    id: Mapped[int] = mapped_column(primary_key=True)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    filename: Mapped[str] = mapped_column(String(255))
    file_sha256: Mapped[str] = mapped_column(String(64), index=True)
    # The uploaded bytes until a worker has read them, then the table it read (compressed):
    # the preview and the import use that, so the file is parsed once. Loaded only on demand.
    content: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    table_data: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    # {"headers": [...], "sample": [[...]], "rows": n}, written by the worker with table_data.
    preview: Mapped[dict | None] = mapped_column(JSON)
    # The rows the chosen columns give: {"good", "rejected_count", "rejected", "already"}.
    summary: Mapped[dict | None] = mapped_column(JSON)
    # Why the file was refused: {"code": ..., "values": {...}}, shown on the job's page.
    problem: Mapped[dict | None] = mapped_column(JSON)
    mapping: Mapped[dict] = mapped_column(JSON, default=dict)
    status: Mapped[ImportStatus] = mapped_column(default=ImportStatus.READING)
    total_rows: Mapped[int] = mapped_column(default=0)
    processed_rows: Mapped[int] = mapped_column(default=0)
    imported_rows: Mapped[int] = mapped_column(default=0)
    duplicate_rows: Mapped[int] = mapped_column(default=0)
    rejected_rows: Mapped[int] = mapped_column(default=0)
    cancel_requested: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    # When a worker last showed it was alive on this job; the sweep hands on a job whose worker
    # has gone quiet (surveys.sweep_stuck_imports), at most MAX_ATTEMPTS times.
    progress_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")


# Respondent pages keep a copy of each survey until its stamp changes (surveys.answering), so
# every flush that touches a survey, a question or an option gives that survey a new stamp.
def _owning_survey(session: Session, changed: object) -> Survey | None:
    if isinstance(changed, Survey):
        return changed
    if isinstance(changed, QuestionOption):
        question = changed.question or session.get(Question, changed.question_id)
        return _owning_survey(session, question) if question is not None else None
    if isinstance(changed, Question):
        return changed.survey or session.get(Survey, changed.survey_id)
    return None


@event.listens_for(Session, "before_flush")
def _restamp_changed_surveys(session: Session, _context: object, _instances: object) -> None:
    changed = chain(
        session.new, (o for o in session.dirty if session.is_modified(o)), session.deleted
    )
    surveys = {
        id(survey): survey
        for survey in (_owning_survey(session, each) for each in changed)
        if survey is not None and survey not in session.deleted
    }
    for survey in surveys.values():
        survey.stamp = new_stamp()
