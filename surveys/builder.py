"""Making surveys: creating, editing and copying them, their questions and options, the checks
before one opens, and when a survey takes answers. Services flush; the view commits."""

from collections.abc import Sequence
from copy import deepcopy
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from surveys.conditions import (
    ConditionError,
    broken_by_change,
    broken_by_order,
    release_dependents,
)
from surveys.models import (
    Question,
    QuestionOption,
    QuestionRole,
    QuestionType,
    SourceGroup,
    Survey,
    SurveyKind,
    SurveyStatus,
    Wordings,
)
from surveys.question_types import CHOICE_TYPES
from voice.db import db, utcnow


class SurveyError(Exception):
    """A change staff asked for cannot be made; the message says why."""


@dataclass(frozen=True)
class QuestionFields:
    """What staff set on a question besides its type (add_question and update_question take
    these as keywords). Options are (wording, picture) pairs, matched by position when a
    question is changed; `option_keys` None keeps the keys they have."""

    prompt: Wordings
    options: Sequence[tuple[Wordings, str | None]] = ()
    required: bool = False
    required_reason: str | None = None
    picture: str | None = None
    role: QuestionRole = QuestionRole.ANSWER
    label_key: str | None = None
    option_keys: Sequence[str | None] | None = None


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


def list_surveys(kind: SurveyKind | None = SurveyKind.SURVEY) -> list[Survey]:
    query = select(Survey).order_by(Survey.created_at.desc(), Survey.id.desc())
    if kind is not None:
        query = query.where(Survey.kind == kind)
    return list(db.session.scalars(query))


def get_survey(survey_id: int) -> Survey | None:
    return db.session.get(Survey, survey_id)


def find_survey_titled(title: str) -> Survey | None:
    """The first survey or form with exactly this title (titles are not unique)."""
    query = select(Survey).where(Survey.title == title.strip()).order_by(Survey.id).limit(1)
    return db.session.scalar(query)


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


def add_question(survey: Survey, *, kind: QuestionType, **fields: Any) -> Question:
    """A new last question; `fields` are those of QuestionFields."""
    question = Question(kind=kind, position=len(survey.questions))
    survey.questions.append(question)
    return update_question(question, **fields)


def update_question(
    question: Question, *, kind: QuestionType | None = None, **fields: Any
) -> Question:
    """Change a question; `fields` are those of QuestionFields, each left out takes its default."""
    change = QuestionFields(**fields)
    new_kind = kind or question.kind
    kept = len(change.options) if new_kind in CHOICE_TYPES else 0
    if question.id is not None and broken_by_change(question, new_kind, kept):
        raise ConditionError("a later question's condition uses answers this change removes")
    if kind is not None:
        question.kind = kind
    question.prompt = change.prompt
    question.required = change.required
    question.required_reason = (
        (change.required_reason or "").strip() or None if change.required else None
    )
    question.picture = change.picture or None
    question.role = change.role
    question.label_key = (change.label_key or "").strip() or None
    options = change.options if question.kind in CHOICE_TYPES else ()
    existing = list(question.options)
    for position, (wording, option_picture) in enumerate(options):
        if position < len(existing):
            option = existing[position]
        else:
            option = QuestionOption()
            question.options.append(option)
        option.position, option.wording, option.picture = position, wording, option_picture
        if change.option_keys is not None:
            keys = change.option_keys
            option.key = keys[position] if position < len(keys) else None
    for option in existing[len(options) :]:
        question.options.remove(option)
    db.session.flush()
    return question


def move_question(question: Question, step: int) -> None:
    """Move a question up (-1) or down (1); refused when a condition would then follow a
    question that no longer comes before it (ConditionError, with those questions)."""
    questions = list(question.survey.questions)
    index = questions.index(question)
    target = index + step
    if 0 <= target < len(questions):
        questions[index], questions[target] = questions[target], questions[index]
        broken = broken_by_order(questions)
        if broken:
            raise ConditionError(*broken)
        for position, each in enumerate(questions):
            each.position = position
        db.session.flush()
        db.session.expire(question.survey, ["questions"])


def delete_question(question: Question) -> list[Question]:
    """Remove a question; the questions asked only because of its answer become questions
    everyone is asked, and are returned so staff can be told."""
    released = release_dependents(question)
    survey = question.survey
    survey.questions.remove(question)
    for position, each in enumerate(survey.questions):
        each.position = position
    db.session.flush()
    return released


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
    copies: dict[int, Question] = {}
    for question in survey.questions:
        copies[question.id] = Question(
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
        copy.questions.append(copies[question.id])
    db.session.flush()
    # A condition in the copy follows the copy of its question and that copy's options.
    for question in survey.questions:
        source = copies.get(question.condition_question_id or 0)
        if source is None:
            continue
        original = next(q for q in survey.questions if q.id == question.condition_question_id)
        option_ids = {
            str(o.id): str(c.id) for o, c in zip(original.options, source.options, strict=True)
        }
        copied = copies[question.id]
        copied.condition_question_id = source.id
        copied.condition_values = [option_ids.get(v, v) for v in question.condition_values]
        copied.condition_negated = question.condition_negated
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
