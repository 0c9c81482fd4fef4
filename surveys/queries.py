"""What other packages may read about surveys, kiosk sessions and where comments came from.
They call these, never the models' queries, so each rule is written here once."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select

from surveys.builder import is_accepting
from surveys.models import (
    Answer,
    ContactRequest,
    FeedbackItem,
    KioskSession,
    Question,
    Survey,
    SurveyResponse,
)
from surveys.types import Channel, HowAnswered, SourceGroup, SurveyKind, SurveyStatus
from surveys.wordings import wording_text
from voice.db import db

DEFAULT_SURVEY_PICTURE = "talk"


@dataclass(frozen=True)
class ListedSurvey:
    """An open survey as a public page lists it: its title in the page's wording and a picture
    (its first question's, for easy read)."""

    id: int
    title: str
    picture: str


def listed_surveys(language: str, easy: bool) -> list[ListedSurvey]:
    """Open surveys for young people that staff chose to list, worded for this page, by title."""
    query = select(Survey).where(
        Survey.listed.is_(True),
        Survey.status == SurveyStatus.OPEN,
        Survey.kind == SurveyKind.SURVEY,
        Survey.audience == SourceGroup.YOUNG_PERSON,
    )
    listed = [
        ListedSurvey(
            id=survey.id,
            title=wording_text(survey.title_wording, language, easy) or survey.title,
            picture=next((q.picture for q in survey.questions if q.picture), None)
            or DEFAULT_SURVEY_PICTURE,
        )
        for survey in db.session.scalars(query)
        if is_accepting(survey)
    ]
    return sorted(listed, key=lambda survey: survey.title.casefold())


def survey_choices() -> list[tuple[int, str]]:
    """Every survey and feedback form as (id, title), by title: for filter lists."""
    rows = db.session.execute(select(Survey.id, Survey.title).order_by(Survey.title))
    return [(survey_id, title) for survey_id, title in rows]


def get_kiosk_session(session_id: int) -> KioskSession | None:
    return db.session.get(KioskSession, session_id)


def kiosk_session_item_ids(session_id: int) -> Select[int]:
    """The ids of the comments given on the tablets of one kiosk session, as a query to use
    inside others."""
    return (
        select(FeedbackItem.id)
        .join(SurveyResponse, SurveyResponse.id == FeedbackItem.response_id)
        .where(SurveyResponse.kiosk_session_id == session_id)
    )


def kiosk_group_item_ids(group_label: str) -> Select[int]:
    """The ids of the comments given on tablets in every session for a group of this name, as
    a query to use inside others."""
    return (
        select(FeedbackItem.id)
        .join(SurveyResponse, SurveyResponse.id == FeedbackItem.response_id)
        .where(SurveyResponse.group_label == group_label)
    )


def kiosk_sessions(*, opened_by_id: int | None = None) -> list[KioskSession]:
    """Kiosk sessions, newest first; given a person's id, only the ones they opened."""
    query = select(KioskSession).order_by(KioskSession.opened_at.desc())
    if opened_by_id is not None:
        query = query.where(KioskSession.opened_by_id == opened_by_id)
    return list(db.session.scalars(query))


def choice_counts(survey_id: int) -> dict[int, dict[str, int]]:
    """For each question of a survey, how many responses chose each answer value (skips
    left out)."""
    counts: dict[int, dict[str, int]] = {}
    rows = db.session.execute(
        select(Answer.question_id, Answer.choices)
        .join(SurveyResponse, SurveyResponse.id == Answer.response_id)
        .where(SurveyResponse.survey_id == survey_id, Answer.skipped.is_(False))
    ).all()
    for question_id, choices in rows:
        for value in choices or []:
            question = counts.setdefault(question_id, {})
            question[str(value)] = question.get(str(value), 0) + 1
    return counts


def responses_by_group(survey_ids: list[int]) -> dict[str, int]:
    """How many responses these surveys had from each tablet session's group."""
    if not survey_ids:
        return {}
    rows = db.session.execute(
        select(SurveyResponse.group_label, func.count(SurveyResponse.id))
        .where(SurveyResponse.survey_id.in_(survey_ids))
        .group_by(SurveyResponse.group_label)
    ).all()
    return {label or "": number for label, number in rows}


@dataclass(frozen=True)
class Origin:
    """When a comment was given and by whom, without its words (those come from the gate)."""

    created_at: datetime
    source_group: SourceGroup


def origin(item_id: int) -> Origin | None:
    row = db.session.execute(
        select(FeedbackItem.created_at, FeedbackItem.source_group).where(FeedbackItem.id == item_id)
    ).first()
    return Origin(row.created_at, row.source_group) if row is not None else None


def existing_item_ids(item_ids: Iterable[int]) -> set[int]:
    """Which of these comment ids are stored (a list sent by a browser may name others)."""
    ids = list(item_ids)
    return set(db.session.scalars(select(FeedbackItem.id).where(FeedbackItem.id.in_(ids))))


def source_group_counts(item_ids: Select[int]) -> dict[SourceGroup, int]:
    """How many of these comments came from each source group (every group, zeros too)."""
    rows = db.session.execute(
        select(FeedbackItem.source_group, func.count())
        .where(FeedbackItem.id.in_(item_ids))
        .group_by(FeedbackItem.source_group)
    )
    counts = dict.fromkeys(SourceGroup, 0)
    counts.update({group: int(number) for group, number in rows})
    return counts


def question_ids(survey_id: int) -> list[int]:
    """A survey's questions in the order they are asked."""
    return list(
        db.session.scalars(
            select(Question.id).where(Question.survey_id == survey_id).order_by(Question.position)
        )
    )


@dataclass(frozen=True)
class Contact:
    """Someone who left an email address for news of what changed."""

    id: int
    email: str


def contact(contact_request_id: int) -> Contact | None:
    request = db.session.get(ContactRequest, contact_request_id)
    return Contact(request.id, request.email) if request is not None else None


def contact_request_ids() -> Select[int]:
    """Ids of the contact requests still held (a withdrawn one is deleted)."""
    return select(ContactRequest.id)


def _same_address(email: str) -> ColumnElement[bool]:
    return func.lower(ContactRequest.email) == email.strip().lower()


def contact_request_ids_for(email: str) -> list[int]:
    """Ids of the contact requests left with this address (exact, any case): one per form or
    survey the person sent."""
    return list(db.session.scalars(select(ContactRequest.id).where(_same_address(email))))


# -- counts over a period's comments (the dashboard) -----------------------------------------


@dataclass(frozen=True)
class ItemScope:
    """Which comments a count or a list covers: those given from `start` until (not including)
    `end`; when set, only from one source group, channel, survey, setting (source detail),
    language or tablet group; and only those whose ids every query in `among` returns (a
    theme's or a sentiment's comments, asked of the themes package)."""

    start: datetime
    end: datetime
    source_group: SourceGroup | None = None
    channel: Channel | None = None
    survey_id: int | None = None
    source_detail: str | None = None
    language: str | None = None
    kiosk_group: str | None = None
    among: tuple[Select[int], ...] = ()


def in_scope(scope: ItemScope) -> list[ColumnElement[bool]]:
    """The scope as conditions on the comments' table, for the themes package's queries over
    the same comments (every other package asks the counts below)."""
    found: list[ColumnElement[bool]] = [
        FeedbackItem.created_at >= scope.start,
        FeedbackItem.created_at < scope.end,
    ]
    if scope.source_group is not None:
        found.append(FeedbackItem.source_group == scope.source_group)
    if scope.channel is not None:
        found.append(FeedbackItem.channel == scope.channel)
    if scope.survey_id is not None:
        found.append(FeedbackItem.survey_id == scope.survey_id)
    if scope.source_detail is not None:
        found.append(FeedbackItem.source_detail == scope.source_detail)
    if scope.language is not None:
        found.append(FeedbackItem.language == scope.language)
    if scope.kiosk_group is not None:
        found.append(FeedbackItem.id.in_(kiosk_group_item_ids(scope.kiosk_group)))
    found.extend(FeedbackItem.id.in_(ids) for ids in scope.among)
    return found


def count_in(scope: ItemScope) -> int:
    return db.session.scalar(select(func.count(FeedbackItem.id)).where(*in_scope(scope))) or 0


def source_group_counts_in(scope: ItemScope) -> dict[SourceGroup, int]:
    """How many comments in the scope came from each source group (every group, zeros too)."""
    return _counts_by(FeedbackItem.source_group, SourceGroup, scope)


def channel_counts_in(scope: ItemScope) -> dict[Channel, int]:
    """How many comments in the scope reached us by each channel (every channel, zeros too)."""
    return _counts_by(FeedbackItem.channel, Channel, scope)


def _counts_by(column: Any, kinds: Iterable[Any], scope: ItemScope) -> dict[Any, int]:
    counts = dict.fromkeys(kinds, 0)
    rows = db.session.execute(
        select(column, func.count(FeedbackItem.id)).where(*in_scope(scope)).group_by(column)
    )
    counts.update({kind: int(number) for kind, number in rows})
    return counts


def _month(column: Any) -> Any:
    if db.engine.dialect.name == "postgresql":
        return func.to_char(func.timezone("UTC", column), "YYYY-MM")
    return func.substr(column, 1, 7)


def month_counts_in(scope: ItemScope) -> dict[str, int]:
    """How many comments in the scope were given in each (UTC) month, as "YYYY-MM"; months with
    none are left out."""
    month = _month(FeedbackItem.created_at)
    rows = db.session.execute(
        select(month, func.count(FeedbackItem.id)).where(*in_scope(scope)).group_by(month)
    )
    return {str(key): int(number) for key, number in rows}


def how_answered_counts_in(
    scope: ItemScope, group: SourceGroup = SourceGroup.YOUNG_PERSON
) -> dict[HowAnswered | None, int]:
    """How many of one source group's comments in the scope were given on their own, with
    help or by someone for them (None: the response did not say, or there was none)."""
    rows = db.session.execute(
        select(SurveyResponse.how_answered, func.count(FeedbackItem.id))
        .select_from(FeedbackItem)
        .outerjoin(SurveyResponse, SurveyResponse.id == FeedbackItem.response_id)
        .where(FeedbackItem.source_group == group, *in_scope(scope))
        .group_by(SurveyResponse.how_answered)
    )
    return {how: int(number) for how, number in rows}
