"""Raw responses go when their retention period ends; feedback items stay."""

import time
from datetime import timedelta

from flask import Flask
from sqlalchemy import func, select

from surveys.models import FeedbackItem, QuestionType, SurveyResponse
from surveys.services import submit_response
from tests.factories import make_survey
from voice.db import db, utcnow
from voice.demo import DEMO_KIOSK_CODE, load_demo_data


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
