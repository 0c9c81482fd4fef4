"""Answering a survey: the draft a browser fills in one question at a time, then the finished
response, stored once, with a feedback item for each written answer. Services flush; the view
commits, then announces the new items."""

import secrets

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from surveys.conditions import answers_to_asked, asked_questions
from surveys.feedback import add_feedback_item, add_labels
from surveys.models import (
    Answer,
    Channel,
    FeedbackItem,
    HowAnswered,
    KioskSession,
    QuestionRole,
    QuestionType,
    ResponseDraft,
    Survey,
    SurveyKind,
    SurveyResponse,
)
from surveys.question_types import Answers, DraftAnswer, for_question
from voice.db import db, utcnow


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


def save_answer(draft: ResponseDraft, question_id: int, answer: DraftAnswer) -> None:
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


def _labels_and_consent(survey: Survey, answers: Answers) -> tuple[list[str], bool]:
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
        values = for_question(question).label_values(answer)
        labels += [f"{question.label_key}:{value}" for value in values if value]
    return labels, bool(consents) and all(consents)


def submit_response(
    survey: Survey,
    *,
    idempotency_key: str,
    answers: Answers,
    language: str,
    easy_read: bool,
    how_answered: HowAnswered | None,
    kiosk: KioskSession | None,
) -> tuple[SurveyResponse, list[int]]:
    """Store a finished response once per key; returns it and the new feedback item ids
    (none when the key was already stored: a double tap, a retry or an offline resend).

    Email answers are not stored here at all: the caller turns them into a ContactRequest.
    Questions not asked (surveys.conditions) get no answer at all, not even a skipped one."""
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
    answers = answers_to_asked(survey, answers)
    asked = {question.id for question in asked_questions(survey, answers)}
    labels, consent = _labels_and_consent(survey, answers)
    items: list[FeedbackItem] = []
    for number, question in enumerate(survey.questions, start=1):
        if question.kind is QuestionType.EMAIL or question.id not in asked:
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
