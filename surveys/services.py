"""Queries and changes for collected views; callers commit, then call announce_feedback."""

import secrets
from collections.abc import Sequence
from copy import deepcopy
from dataclasses import dataclass
from datetime import datetime, timedelta

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from sqlalchemy import ColumnElement, delete, func, select, update
from sqlalchemy.exc import IntegrityError

from surveys.models import (
    Answer,
    Channel,
    FeedbackItem,
    FeedbackLabel,
    HowAnswered,
    KioskSession,
    Question,
    QuestionOption,
    QuestionRole,
    QuestionType,
    ResponseDraft,
    SourceGroup,
    Survey,
    SurveyKind,
    SurveyPicture,
    SurveyResponse,
    SurveyStatus,
    Wordings,
)
from surveys.signals import feedback_received
from voice.db import db, utcnow


def add_feedback_item(
    *,
    text: str,
    source_group: SourceGroup,
    channel: Channel,
    language: str = "en",
    source_detail: str | None = None,
    consent_to_quote: bool = False,
    dedupe_key: str | None = None,
) -> FeedbackItem:
    item = FeedbackItem(
        original_text=text.strip(),
        source_group=source_group,
        channel=channel,
        language=language,
        source_detail=source_detail,
        consent_to_quote=consent_to_quote,
        dedupe_key=dedupe_key,
    )
    db.session.add(item)
    db.session.flush()
    return item


def add_labels(item_id: int, labels: Sequence[str]) -> None:
    for label in dict.fromkeys(labels):
        db.session.add(FeedbackLabel(feedback_item_id=item_id, label=label[:100]))


def announce_feedback(item_ids: Sequence[int]) -> None:
    """Tell listeners (the themes package) about committed items. Never raises: the items are
    already stored, and a beat task picks up any that a listener could not hand on."""
    if not item_ids:
        return
    try:
        feedback_received.send(current_app._get_current_object(), item_ids=list(item_ids))
    except Exception:
        current_app.logger.warning(
            "could not announce %d feedback items", len(item_ids), exc_info=True
        )


# --- Surveys, respondent engine and kiosk sessions (issue 3) ----------------------------------

JOIN_CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"  # no 0/O, 1/I/l, 2/Z, 5/S, 8/B look-alikes
JOIN_CODE_LENGTH = 5
SKIP = "skip"
FREE_TEXT_LIMIT = 2000
EMAIL_LIMIT = 254
DRAFT_LIFETIME = timedelta(days=1)


class SurveyError(Exception):
    """A change staff asked for cannot be made; the message says why."""


@dataclass(frozen=True)
class Choice:
    value: str
    wording: Wordings
    picture: str | None = None


def wording_text(wordings: Wordings | None, language: str, easy: bool) -> str:
    """The wording in this language and style, falling back to plain, then to English."""
    wordings = wordings or {}
    for lang in (language, "en"):
        entry = wordings.get(lang) or {}
        text = (entry.get("easy") if easy else None) or entry.get("plain") or entry.get("easy")
        if text:
            return str(text)
    return ""


def _missing_in(
    wordings: Wordings | None, where: str, number: int | None, languages: Sequence[str]
) -> list[dict[str, object]]:
    return [
        {"where": where, "number": number, "language": lang, "style": style}
        for lang in languages
        for style in ("plain", "easy")
        if not ((wordings or {}).get(lang) or {}).get(style, "").strip()
    ]


def missing_wordings(survey: Survey, languages: Sequence[str]) -> list[dict[str, object]]:
    """What must be filled in before the survey can open: every prompt and option needs a
    plain and an easy-read wording in every language."""
    problems = _missing_in(survey.title_wording, "title", None, languages)
    problems += _missing_in(survey.intro, "intro", None, languages)
    if not survey.questions:
        problems.append({"where": "no_questions", "number": None, "language": None, "style": None})
    for number, question in enumerate(survey.questions, start=1):
        problems += _missing_in(question.prompt, "question", number, languages)
        if question.kind not in CHOICE_TYPES:
            continue
        if len(question.options) < 2:
            problems.append(
                {"where": "few_options", "number": number, "language": None, "style": None}
            )
        for option in question.options:
            problems += _missing_in(option.wording, "option", number, languages)
        if question.kind is QuestionType.PICTURE and any(not o.picture for o in question.options):
            problems.append({"where": "picture", "number": number, "language": None, "style": None})
    return problems


CHOICE_TYPES = frozenset({QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.PICTURE})
TEXT_TYPES = frozenset({QuestionType.FREE_TEXT, QuestionType.EMAIL})


def list_surveys(kind: SurveyKind | None = SurveyKind.SURVEY) -> list[Survey]:
    query = select(Survey).order_by(Survey.created_at.desc(), Survey.id.desc())
    if kind is not None:
        query = query.where(Survey.kind == kind)
    return list(db.session.scalars(query))


def list_open_surveys() -> list[Survey]:
    """Open surveys a tablet session can run (feedback forms are for adults, never kiosks)."""
    query = (
        select(Survey)
        .where(Survey.status == SurveyStatus.OPEN, Survey.kind == SurveyKind.SURVEY)
        .order_by(Survey.title)
    )
    return [s for s in db.session.scalars(query) if is_accepting(s)]


def get_survey(survey_id: int) -> Survey | None:
    return db.session.get(Survey, survey_id)


def create_survey(
    *, title: str, audience: SourceGroup, kind: SurveyKind = SurveyKind.SURVEY, **fields: object
) -> Survey:
    survey = Survey(title=title.strip(), audience=audience, kind=kind)
    db.session.add(survey)
    update_survey(survey, title=title, audience=audience, **fields)
    return survey


def update_survey(survey: Survey, **fields: object) -> Survey:
    for name, value in fields.items():
        setattr(survey, name, value.strip() if isinstance(value, str) else value)
    db.session.flush()
    return survey


def add_question(
    survey: Survey,
    *,
    kind: QuestionType,
    prompt: Wordings,
    options: Sequence[tuple[Wordings, str | None]] = (),
    required: bool = False,
    required_reason: str | None = None,
    picture: str | None = None,
    role: QuestionRole = QuestionRole.ANSWER,
    label_key: str | None = None,
    option_keys: Sequence[str | None] | None = None,
) -> Question:
    question = Question(kind=kind, position=len(survey.questions))
    survey.questions.append(question)
    update_question(
        question,
        prompt=prompt,
        options=options,
        required=required,
        required_reason=required_reason,
        picture=picture,
        role=role,
        label_key=label_key,
        option_keys=option_keys,
    )
    return question


def update_question(
    question: Question,
    *,
    kind: QuestionType | None = None,
    prompt: Wordings,
    options: Sequence[tuple[Wordings, str | None]] = (),
    required: bool = False,
    required_reason: str | None = None,
    picture: str | None = None,
    role: QuestionRole = QuestionRole.ANSWER,
    label_key: str | None = None,
    option_keys: Sequence[str | None] | None = None,
) -> Question:
    """Options are matched by position; `option_keys` None keeps the keys they have."""
    if kind is not None:
        question.kind = kind
    question.prompt = prompt
    question.required = required
    question.required_reason = (required_reason or "").strip() or None if required else None
    question.picture = picture or None
    question.role = role
    question.label_key = (label_key or "").strip() or None
    if question.kind not in CHOICE_TYPES:
        options = ()
    existing = list(question.options)
    for position, (wording, option_picture) in enumerate(options):
        if position < len(existing):
            option = existing[position]
        else:
            option = QuestionOption()
            question.options.append(option)
        option.position, option.wording, option.picture = position, wording, option_picture
        if option_keys is not None:
            option.key = option_keys[position] if position < len(option_keys) else None
    for option in existing[len(options) :]:
        question.options.remove(option)
    db.session.flush()
    return question


def move_question(question: Question, step: int) -> None:
    questions = list(question.survey.questions)
    index = questions.index(question)
    target = index + step
    if 0 <= target < len(questions):
        questions[index], questions[target] = questions[target], questions[index]
        for position, each in enumerate(questions):
            each.position = position
        db.session.flush()
        db.session.expire(question.survey, ["questions"])


def delete_question(question: Question) -> None:
    survey = question.survey
    survey.questions.remove(question)
    for position, each in enumerate(survey.questions):
        each.position = position
    db.session.flush()


def open_survey(survey: Survey, languages: Sequence[str]) -> None:
    if missing_wordings(survey, languages):
        raise SurveyError("missing wordings")
    survey.status = SurveyStatus.OPEN
    db.session.flush()


def close_survey(survey: Survey) -> None:
    if survey.kind is SurveyKind.FORM:
        raise SurveyError("feedback forms are always open")
    survey.status = SurveyStatus.CLOSED
    db.session.flush()


def duplicate_survey(survey: Survey, title: str) -> Survey:
    """A draft copy; a copy of a feedback form is an ordinary survey that can be closed."""
    copy = Survey(
        kind=SurveyKind.SURVEY,
        title=title,
        audience=survey.audience,
        title_wording=deepcopy(survey.title_wording),
        intro=deepcopy(survey.intro),
        retention_days=survey.retention_days,
        status=SurveyStatus.DRAFT,
    )
    db.session.add(copy)
    for question in survey.questions:
        copy.questions.append(
            Question(
                kind=question.kind,
                position=question.position,
                required=question.required,
                required_reason=question.required_reason,
                picture=question.picture,
                prompt=deepcopy(question.prompt),
                role=question.role,
                label_key=question.label_key,
                options=[
                    QuestionOption(
                        position=o.position,
                        picture=o.picture,
                        wording=deepcopy(o.wording),
                        key=o.key,
                    )
                    for o in question.options
                ],
            )
        )
    db.session.flush()
    return copy


def is_accepting(survey: Survey, now: datetime | None = None) -> bool:
    """Open for answers: published, and today falls between its opening and closing dates."""
    now = now or utcnow()
    if survey.status is not SurveyStatus.OPEN:
        return False
    if survey.opens_at and now < survey.opens_at:
        return False
    return not (survey.closes_at and now >= survey.closes_at)


def choices_for(question: Question, builtin: dict[QuestionType, list[Choice]]) -> list[Choice]:
    if question.kind in CHOICE_TYPES:
        return [Choice(str(o.id), o.wording, o.picture) for o in question.options]
    return builtin.get(question.kind, [])


def clean_answer(
    question: Question,
    values: Sequence[str],
    text: str | None,
    builtin: dict[QuestionType, list[Choice]],
) -> dict[str, object] | str:
    """The answer as stored in a draft, or an error code for the view to put into words."""
    if SKIP in values and not question.required:
        return {"skipped": True, "choices": [], "text": None}
    if question.kind is QuestionType.EMAIL:
        return _clean_email(question, text)
    if question.kind is QuestionType.FREE_TEXT:
        text = (text or "").strip()
        if not text:
            return (
                "empty_text"
                if question.required
                else {"skipped": True, "choices": [], "text": None}
            )
        if len(text) > FREE_TEXT_LIMIT:
            return "too_long"
        return {"skipped": False, "choices": [], "text": text}
    allowed = {choice.value for choice in choices_for(question, builtin)}
    chosen = [value for value in values if value != SKIP]
    if not chosen:
        return "no_choice"
    if any(value not in allowed for value in chosen):
        return "bad_choice"
    if question.kind is not QuestionType.MULTIPLE and len(chosen) > 1:
        return "bad_choice"
    return {"skipped": False, "choices": sorted(set(chosen), key=chosen.index), "text": None}


def _clean_email(question: Question, text: str | None) -> dict[str, object] | str:
    text = (text or "").strip()
    if not text:
        # Leaving it empty is how a person says no: optional email questions have no skip box.
        skipped = {"skipped": True, "choices": [], "text": None}
        return "empty_email" if question.required else skipped
    if len(text) > EMAIL_LIMIT:
        return "bad_email"
    try:
        validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        return "bad_email"
    return {"skipped": False, "choices": [], "text": text}


def given_email(survey: Survey, answers: dict[str, dict[str, object]]) -> str | None:
    """The email address a respondent gave, if any (never stored with their answers)."""
    for question in survey.questions:
        if question.kind is QuestionType.EMAIL:
            text = (answers.get(str(question.id)) or {}).get("text")
            if text:
                return str(text)
    return None


def start_draft(survey: Survey) -> ResponseDraft:
    draft = ResponseDraft(token=secrets.token_urlsafe(24), survey_id=survey.id, answers={})
    db.session.add(draft)
    db.session.flush()
    return draft


def get_draft(token: str | None, survey_id: int) -> ResponseDraft | None:
    if not token:
        return None
    draft = db.session.scalar(select(ResponseDraft).where(ResponseDraft.token == token))
    return draft if draft is not None and draft.survey_id == survey_id else None


def save_answer(draft: ResponseDraft, question_id: int, answer: dict[str, object]) -> None:
    answers = dict(draft.answers or {})
    answers[str(question_id)] = answer
    draft.answers = answers
    draft.updated_at = utcnow()
    db.session.flush()


def discard_draft(token: str | None) -> None:
    if token:
        db.session.execute(delete(ResponseDraft).where(ResponseDraft.token == token))


def find_response(idempotency_key: str) -> SurveyResponse | None:
    return db.session.scalar(
        select(SurveyResponse).where(SurveyResponse.idempotency_key == idempotency_key)
    )


def channel_for(survey: Survey, kiosk: KioskSession | None) -> Channel:
    if survey.kind is SurveyKind.FORM:
        return Channel.FORM
    return Channel.KIOSK if kiosk is not None else Channel.WEB


def _labels_and_consent(
    survey: Survey, answers: dict[str, dict[str, object]]
) -> tuple[list[str], bool]:
    """What LABEL and CONSENT questions say about every feedback item of one response."""
    labels: list[str] = []
    consents: list[bool] = []
    for question in survey.questions:
        if question.kind is QuestionType.EMAIL:
            continue  # an address never becomes a label, whatever the question's role
        answer = answers.get(str(question.id)) or {}
        chosen = [str(value) for value in answer.get("choices") or []]
        if question.role is QuestionRole.CONSENT:
            consents.append(not answer.get("skipped") and chosen == ["yes"])
        if question.role is not QuestionRole.LABEL or not question.label_key:
            continue
        if question.kind is QuestionType.FREE_TEXT:
            values = [str(answer["text"]).strip()] if answer.get("text") else []
        elif question.kind in CHOICE_TYPES:
            keys = {str(option.id): option.key for option in question.options}
            values = [keys[value] for value in chosen if keys.get(value)]
        else:
            values = chosen  # built-in answers (yes/no, faces, ratings) are stable already
        labels += [f"{question.label_key}:{value}" for value in values if value]
    return labels, bool(consents) and all(consents)


def submit_response(
    survey: Survey,
    *,
    idempotency_key: str,
    answers: dict[str, dict[str, object]],
    language: str,
    easy_read: bool,
    how_answered: HowAnswered | None,
    kiosk: KioskSession | None,
) -> tuple[SurveyResponse, list[int]]:
    """Store a finished response once per key; returns it and the new feedback item ids
    (none when the key was already stored: a double tap, a retry or an offline resend).

    Email answers are not stored here at all: the caller turns them into a ContactRequest."""
    existing = find_response(idempotency_key)
    if existing is not None:
        return existing, []
    channel = channel_for(survey, kiosk)
    response = SurveyResponse(
        survey_id=survey.id,
        idempotency_key=idempotency_key,
        channel=channel,
        language=language,
        easy_read=easy_read,
        how_answered=how_answered,
        kiosk_session_id=kiosk.id if kiosk else None,
        group_label=kiosk.group_label if kiosk else None,
    )
    try:
        with db.session.begin_nested():
            db.session.add(response)
            db.session.flush()
    except IntegrityError:
        # Another request with the same key won the race.
        existing = find_response(idempotency_key)
        if existing is None:
            raise
        return existing, []
    labels, consent = _labels_and_consent(survey, answers)
    items: list[FeedbackItem] = []
    for number, question in enumerate(survey.questions, start=1):
        if question.kind is QuestionType.EMAIL:
            continue
        answer = answers.get(str(question.id)) or {"skipped": True, "choices": [], "text": None}
        db.session.add(
            Answer(
                response_id=response.id,
                question_id=question.id,
                skipped=bool(answer.get("skipped")),
                choices=list(answer.get("choices") or []),
                text=answer.get("text") or None,
            )
        )
        if (
            question.kind is QuestionType.FREE_TEXT
            and question.role is QuestionRole.ANSWER
            and answer.get("text")
        ):
            item = add_feedback_item(
                text=str(answer["text"]),
                source_group=survey.audience,
                channel=channel,
                language=language,
                source_detail=kiosk.group_label if kiosk else None,
                consent_to_quote=consent,
                dedupe_key=f"response:{idempotency_key}:{question.id}"[:128],
            )
            item.survey_id, item.question_id = survey.id, question.id
            item.response_id = response.id
            if survey.kind is SurveyKind.FORM:
                # Keeps "what is working" apart from "what is not" in the All feedback list.
                add_labels(item.id, [f"form:{question.label_key or number}", *labels])
            elif labels:
                add_labels(item.id, labels)
            items.append(item)
    db.session.flush()
    return response, [item.id for item in items]


def count_responses(survey_id: int, kiosk_session_id: int | None = None) -> int:
    query = select(func.count(SurveyResponse.id)).where(SurveyResponse.survey_id == survey_id)
    if kiosk_session_id is not None:
        query = query.where(SurveyResponse.kiosk_session_id == kiosk_session_id)
    return db.session.scalar(query) or 0


def delete_expired_responses(
    now: datetime | None = None, *, feedback_retention_days: int | None = None
) -> int:
    """Delete raw responses older than their survey's retention period, and stale drafts, and
    end the original words of feedback items past the same period: what the start page
    promises. Items with no survey (proxy entry, imports) are kept `FEEDBACK_RETENTION_DAYS`.
    Each item keeps its redacted text and themes (owned by the themes package), as the start
    page says; re-tagging leaves an item whose original is gone as it is."""
    now = now or utcnow()
    if feedback_retention_days is None:
        feedback_retention_days = int(current_app.config.get("FEEDBACK_RETENTION_DAYS", 365))
    deleted = 0
    for survey in db.session.scalars(select(Survey)):
        cutoff = now - timedelta(days=survey.retention_days)
        ids = list(
            db.session.scalars(
                select(SurveyResponse.id).where(
                    SurveyResponse.survey_id == survey.id, SurveyResponse.submitted_at < cutoff
                )
            )
        )
        if ids:
            db.session.execute(delete(Answer).where(Answer.response_id.in_(ids)))
            db.session.execute(delete(SurveyResponse).where(SurveyResponse.id.in_(ids)))
            deleted += len(ids)
        _end_originals(FeedbackItem.survey_id == survey.id, cutoff, now)
    _end_originals(
        FeedbackItem.survey_id.is_(None), now - timedelta(days=feedback_retention_days), now
    )
    db.session.execute(delete(ResponseDraft).where(ResponseDraft.updated_at < now - DRAFT_LIFETIME))
    return deleted


def _end_originals(belongs: ColumnElement[bool], cutoff: datetime, now: datetime) -> None:
    """Forget the original words of these items from before the cutoff, and the key that tied a
    survey answer to its response (the response itself is gone by now)."""
    expired = (
        FeedbackItem.created_at < cutoff,
        FeedbackItem.original_deleted_at.is_(None),
        belongs,
    )
    db.session.execute(
        update(FeedbackItem)
        .where(*expired, FeedbackItem.dedupe_key.like("response:%"))
        .values(dedupe_key=None)
        .execution_options(synchronize_session=False)
    )
    db.session.execute(
        update(FeedbackItem)
        .where(*expired)
        .values(original_text=None, original_deleted_at=now)
        .execution_options(synchronize_session=False)
    )


def normalise_join_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def new_join_code() -> str:
    while True:
        code = "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))
        if db.session.scalar(select(KioskSession.id).where(KioskSession.code == code)) is None:
            return code


def open_kiosk_session(survey: Survey, group_label: str, opened_by_id: int | None) -> KioskSession:
    session = KioskSession(
        survey_id=survey.id,
        code=new_join_code(),
        group_label=group_label.strip(),
        opened_by_id=opened_by_id,
    )
    db.session.add(session)
    db.session.flush()
    return session


def get_kiosk_session(session_id: int) -> KioskSession | None:
    return db.session.get(KioskSession, session_id)


def find_live_kiosk_session(code: str | None, survey: Survey | None = None) -> KioskSession | None:
    """The open session with this code whose survey still takes answers; given a survey, only
    a session for that survey (checked on the survey given, without loading it again)."""
    if not code:
        return None
    session = db.session.scalar(
        select(KioskSession).where(KioskSession.code == normalise_join_code(code))
    )
    if session is None or session.closed_at is not None:
        return None
    if survey is not None and session.survey_id != survey.id:
        return None
    return session if is_accepting(survey or session.survey) else None


def list_kiosk_sessions() -> list[KioskSession]:
    return list(
        db.session.scalars(select(KioskSession).order_by(KioskSession.opened_at.desc()).limit(50))
    )


def close_kiosk_session(session: KioskSession) -> None:
    if session.closed_at is None:
        session.closed_at = utcnow()
        db.session.flush()


PICTURE_TYPES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}
PICTURE_MAX_BYTES = 200 * 1024


def picture_type(data: bytes) -> str | None:
    """The picture's type from its first bytes (never from its name or what the browser says)."""
    return next((kind for magic, kind in PICTURE_TYPES.items() if data.startswith(magic)), None)


def add_picture(*, name: str, data: bytes) -> SurveyPicture:
    content_type = picture_type(data)
    if content_type is None or len(data) > PICTURE_MAX_BYTES:
        raise SurveyError("not a small PNG or JPEG")
    picture = SurveyPicture(name=name.strip()[:80], content_type=content_type, data=data)
    db.session.add(picture)
    db.session.flush()
    return picture


def get_picture(picture_id: int) -> SurveyPicture | None:
    return db.session.get(SurveyPicture, picture_id)


def list_pictures() -> list[SurveyPicture]:
    return list(db.session.scalars(select(SurveyPicture).order_by(SurveyPicture.name)))
