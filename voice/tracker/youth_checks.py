"""A youth check before publishing: a draft statement's easy-read words go to a youth group's
tablets as a two-question survey ("Is this easy to understand?", "Is this what young people
told you?"), run by the survey engine and its kiosk sessions like any other; the answers show
on the draft's staff page."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import ForeignKey, select
from sqlalchemy.orm import Mapped, mapped_column

from surveys.builder import add_question, create_survey, open_survey
from surveys.kiosk import open_kiosk_session
from surveys.queries import (
    KioskSession,
    choice_counts,
    kiosk_sessions,
    question_ids,
    responses_by_group,
)
from surveys.types import QuestionType, SourceGroup
from voice.db import Model, db, utcnow
from voice.i18n import _, _l
from voice.suppression import Shown, Split, Suppression
from voice.tracker.models import Statement


class YouthCheck(Model):
    __tablename__ = "tracker_youth_checks"
    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[int] = mapped_column(
        ForeignKey("tracker_statements.id", ondelete="CASCADE"), index=True
    )
    survey_id: Mapped[int] = mapped_column(
        ForeignKey("surveys.id", ondelete="CASCADE"), unique=True
    )
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class YouthCheckError(Exception):
    """The statement cannot be checked: it is published or has no easy-read words."""


EASY_QUESTION = _l("Is this easy to understand?")
TOLD_QUESTION = _l("Is this what young people told you?")
ANSWER_VALUES = ("yes", "no", "not_sure")


def _in_every_language(make: Callable[[], str]) -> dict[str, dict[str, str]]:
    """One wording per language, plain and easy read alike (the check is easy read)."""
    wordings = {}
    for language in current_app.config["LANGUAGES"]:
        with force_locale(language):
            words = make()
        wordings[language] = {"plain": words, "easy": words}
    return wordings


def _prompt(words: str, question: object) -> str:
    return _("“%(words)s” %(question)s", words=words, question=str(question))


def start_youth_check(
    statement: Statement, group_label: str, by_id: int | None
) -> tuple[YouthCheck, KioskSession]:
    """A two-question survey showing the statement's easy-read words, open on a new tablet
    session for the group (join code and QR on the session's page)."""
    words = statement.easy_read_summary.strip()
    if statement.published or not words:
        raise YouthCheckError
    survey = create_survey(
        title=f"Youth check: {statement.summary[:150]}",
        audience=SourceGroup.YOUNG_PERSON,
        title_wording=_in_every_language(lambda: _("Check our words")),
        intro=_in_every_language(
            lambda: _(
                "We wrote this for young people: “%(words)s” Please tell us what you think.",
                words=words,
            )
        ),
    )
    for question in (EASY_QUESTION, TOLD_QUESTION):
        add_question(
            survey,
            kind=QuestionType.YES_NO,
            prompt=_in_every_language(partial(_prompt, words, question)),
            picture="talk",
        )
    open_survey(survey, current_app.config["LANGUAGES"])
    session = open_kiosk_session(survey, group_label, by_id)
    check = YouthCheck(statement_id=statement.id, survey_id=survey.id, created_by_id=by_id)
    db.session.add(check)
    db.session.flush()
    return check, session


@dataclass(frozen=True)
class CheckResult:
    check: YouthCheck
    groups: list[str]
    session_ids: list[int]
    answered: Shown
    easy: Split[str]
    told: Split[str]


def results_for_statement(statement_id: int, small: Suppression) -> list[CheckResult]:
    """Each youth check of a draft with its answers, small numbers hidden."""
    checks = db.session.scalars(
        select(YouthCheck)
        .where(YouthCheck.statement_id == statement_id)
        .order_by(YouthCheck.created_at.desc(), YouthCheck.id.desc())
    )
    found = []
    for check in checks:
        sessions = [s for s in kiosk_sessions() if s.survey_id == check.survey_id]
        groups = responses_by_group([check.survey_id])
        questions = question_ids(check.survey_id)
        counts = choice_counts(check.survey_id)
        splits = []
        for question_id in questions[:2]:
            parts = {value: counts.get(question_id, {}).get(value, 0) for value in ANSWER_VALUES}
            splits.append(small.split(sum(parts.values()), parts))
        found.append(
            CheckResult(
                check=check,
                groups=sorted({s.group_label for s in sessions}),
                session_ids=[s.id for s in sessions],
                answered=small.count(sum(groups.values())),
                easy=splits[0],
                told=splits[1],
            )
        )
    return found


@dataclass(frozen=True)
class YouthCheckTakers:
    """For the evidence pack: how many young people answered youth checks, from which groups."""

    checks: int
    answered: int
    groups: dict[str, int]


def count_youth_check_takers(
    since: datetime | None = None, until: datetime | None = None
) -> YouthCheckTakers:
    """Youth checks started in [since, until), with how many young people answered them by
    tablet session group (raw counts: callers apply voice.suppression before showing)."""
    query = select(YouthCheck.survey_id)
    if since is not None:
        query = query.where(YouthCheck.created_at >= since)
    if until is not None:
        query = query.where(YouthCheck.created_at < until)
    survey_ids = list(db.session.scalars(query))
    groups = responses_by_group(survey_ids)
    return YouthCheckTakers(checks=len(survey_ids), answered=sum(groups.values()), groups=groups)
