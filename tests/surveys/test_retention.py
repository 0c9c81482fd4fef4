"""Raw responses go when their retention period ends; feedback items stay, without their
original words once the same period is over (the start page's promise)."""

import time
from datetime import timedelta
from typing import TYPE_CHECKING

import pytest
from flask import Flask
from sqlalchemy import JSON, String, Text, cast, func, select, text

from surveys.models import Answer, FeedbackItem, SurveyResponse
from surveys.responses import submit_response
from surveys.retention import delete_expired_responses
from surveys.types import Channel, QuestionType, SurveyKind
from tests.factories import make_feedback_item, make_survey, make_theme
from themes.models import ItemAnalysis, ItemTheme
from voice.config import settings_from_env
from voice.db import db, utcnow
from voice.demo import DEMO_KIOSK_CODE, load_demo_data

if TYPE_CHECKING:
    from surveys.models import Survey


def _count(model: type) -> int:
    return db.session.scalar(select(func.count(model.id)))


def test_old_responses_are_deleted_and_feedback_kept_when_the_beat_task_runs(
    app: Flask, celery_worker: object
) -> None:
    with app.app_context():
        survey = make_survey(kinds=(QuestionType.FREE_TEXT,))
        survey.retention_days = 30
        question_id = survey.questions[0].id
        for key, age in (("old-response-key-0001", 40), ("new-response-key-0001", 5)):
            response, _items = submit_response(
                survey,
                idempotency_key=key,
                language="en",
                easy_read=False,
                answers={str(question_id): {"skipped": False, "choices": [], "text": key}},
                how_answered=None,
                kiosk=None,
            )
            response.submitted_at = utcnow() - timedelta(days=age)
        db.session.commit()
        from surveys.tasks import delete_expired_responses_task

        delete_expired_responses_task.delay()
        deadline = time.monotonic() + 20
        while _count(SurveyResponse) != 1 and time.monotonic() < deadline:
            db.session.rollback()
            time.sleep(0.2)
        keys = list(db.session.scalars(select(SurveyResponse.idempotency_key)))
        assert keys == ["new-response-key-0001"]
        assert _count(FeedbackItem) == 2


def test_demo_survey_and_session_are_loaded_once_when_run_twice(app: Flask) -> None:
    with app.app_context():
        load_demo_data()
        load_demo_data()
        from surveys.models import KioskSession, Survey

        assert _count(Survey) == 3  # the demo survey and the two standing feedback forms
        kiosk = db.session.scalars(select(KioskSession)).one()
        assert kiosk.code == DEMO_KIOSK_CODE
        survey = db.session.get(Survey, kiosk.survey_id)
        assert len(survey.questions) == 6
        assert set(survey.questions[0].prompt) == {"en", "cy", "pl", "ar"}


# --- The original words go when the retention period ends; redacted text and themes stay ------

OLD_WORDS = "Email zeb.quimby@example.org, the wait for speech therapy is far too long"
NEW_WORDS = "The wait for the bus to college is too long"


def _answer(survey: "Survey", key: str, words: str, days_ago: int) -> int:
    """A response given `days_ago` days ago; returns its feedback item id."""
    question_id = survey.questions[0].id
    response, item_ids = submit_response(
        survey,
        idempotency_key=key,
        language="en",
        easy_read=False,
        answers={str(question_id): {"skipped": False, "choices": [], "text": words}},
        how_answered=None,
        kiosk=None,
    )
    when = utcnow() - timedelta(days=days_ago)
    response.submitted_at = when
    item = db.session.get(FeedbackItem, item_ids[0])
    item.created_at = when
    db.session.commit()
    return item.id


def _tag(item_ids: list[int]) -> None:
    from themes import tagging as theme_tagging

    theme_tagging.tag_items(item_ids)
    db.session.commit()


def _stored_original(item_id: int) -> str | None:
    # Straight from the table, as anyone reading the database would see it.
    return db.session.execute(
        text("SELECT text FROM feedback_items WHERE id = :id"), {"id": item_id}
    ).scalar_one()


def _tables_holding(word: str) -> list[str]:
    """Every table.column whose stored text contains the word (case-insensitive)."""
    found = []
    with db.engine.connect() as connection:
        for table in db.metadata.sorted_tables:
            for column in table.columns:
                if not isinstance(column.type, String | Text | JSON):
                    continue
                hit = connection.execute(
                    select(func.count()).where(
                        func.lower(cast(column, Text)).contains(word.lower())
                    )
                ).scalar()
                if hit:
                    found.append(f"{table.name}.{column.name}")
    return found


def _theme_ids(item_id: int) -> list[int]:
    query = select(ItemTheme.theme_id).where(ItemTheme.item_id == item_id)
    return sorted(db.session.scalars(query))


@pytest.mark.parametrize("kind", [SurveyKind.SURVEY, SurveyKind.FORM])
def test_original_words_are_deleted_and_redacted_text_kept_when_retention_ends(
    app: Flask, kind: SurveyKind
) -> None:
    with app.app_context():
        theme = make_theme(slug="waiting-times", name="Waiting times")
        survey = make_survey(kinds=(QuestionType.FREE_TEXT,))
        survey.kind, survey.retention_days = kind, 30
        db.session.commit()
        old_id = _answer(survey, "old-response-key-0001", OLD_WORDS, 40)
        new_id = _answer(survey, "new-response-key-0001", NEW_WORDS, 5)
        _tag([old_id, new_id])
        themes_before = _theme_ids(old_id)
        assert theme.id in themes_before
        redacted_before = db.session.scalar(
            select(ItemAnalysis.redacted_text).where(ItemAnalysis.item_id == old_id)
        )
        assert "[email]" in redacted_before
        assert _tables_holding("quimby") == ["feedback_items.text", "survey_answers.text"]

        from surveys.tasks import delete_expired_responses_task

        delete_expired_responses_task()
        db.session.expire_all()

        assert _stored_original(old_id) is None
        assert _stored_original(new_id) == NEW_WORDS
        old = db.session.get(FeedbackItem, old_id)
        assert old.original_deleted_at is not None
        assert old.dedupe_key is None  # nothing ties it to the deleted response any more
        assert db.session.get(FeedbackItem, new_id).original_deleted_at is None
        assert (
            db.session.scalar(
                select(ItemAnalysis.redacted_text).where(ItemAnalysis.item_id == old_id)
            )
            == redacted_before
        )
        assert _theme_ids(old_id) == themes_before
        # Nothing else of the old response survives: not its answers, not the address in it.
        assert list(db.session.scalars(select(SurveyResponse.idempotency_key))) == [
            "new-response-key-0001"
        ]
        assert _count(Answer) == 1
        assert _tables_holding("quimby") == []


def test_comments_with_no_survey_lose_their_words_when_older_than_the_setting(
    app: Flask,
) -> None:
    with app.app_context():
        old = make_feedback_item(text=OLD_WORDS, channel=Channel.PROXY)
        kept = make_feedback_item(text=NEW_WORDS, channel=Channel.IMPORT)
        old.created_at = utcnow() - timedelta(days=366)
        kept.created_at = utcnow() - timedelta(days=364)
        db.session.commit()
        assert app.config["FEEDBACK_RETENTION_DAYS"] == 365

        from surveys.tasks import delete_expired_responses_task

        delete_expired_responses_task()
        db.session.expire_all()
        assert _stored_original(old.id) is None
        assert _stored_original(kept.id) == NEW_WORDS

        # A shorter setting reaches the other one too; the first keeps its first date.
        first_deleted = db.session.get(FeedbackItem, old.id).original_deleted_at
        delete_expired_responses(feedback_retention_days=30)
        db.session.commit()
        db.session.expire_all()
        assert _stored_original(kept.id) is None
        assert db.session.get(FeedbackItem, old.id).original_deleted_at == first_deleted


def test_retagging_keeps_redacted_text_and_themes_when_the_original_is_gone(app: Flask) -> None:
    with app.app_context():
        theme = make_theme(slug="waiting-times", name="Waiting times")
        item = make_feedback_item(text=OLD_WORDS, channel=Channel.IMPORT)
        _tag([item.id])
        themes_before = _theme_ids(item.id)
        assert theme.id in themes_before
        before = db.session.scalar(
            select(ItemAnalysis.redacted_text).where(ItemAnalysis.item_id == item.id)
        )
        item.created_at = utcnow() - timedelta(days=400)
        db.session.commit()
        delete_expired_responses()
        db.session.commit()

        from themes.tasks import tag_items as tag_items_task

        tag_items_task([item.id])
        db.session.expire_all()
        assert _stored_original(item.id) is None
        assert (
            db.session.scalar(
                select(ItemAnalysis.redacted_text).where(ItemAnalysis.item_id == item.id)
            )
            == before
        )
        assert _theme_ids(item.id) == themes_before


def test_feedback_retention_is_read_from_the_environment_when_set() -> None:
    assert settings_from_env({})["FEEDBACK_RETENTION_DAYS"] == 365
    assert settings_from_env({"FEEDBACK_RETENTION_DAYS": "90"})["FEEDBACK_RETENTION_DAYS"] == 90
