"""Tagging through the real Celery worker: what ends up stored for each feedback item."""

import json
import time
from collections.abc import Callable
from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy import func, select, update

from surveys.feedback import add_feedback_item, announce_feedback
from surveys.models import FeedbackItem
from surveys.types import Channel, SourceGroup
from tests.factories import make_feedback_item
from themes import codebook, comment_text, retagging, review, safeguarding, tagging, tasks
from themes.comment_text import Place, Viewer
from themes.models import ItemAnalysis, ItemTheme, SafeguardingFlag, SweepMark, Theme
from themes.types import TagSource
from voice.accounts.models import Role
from voice.db import db, utcnow

LEAD = Viewer(user_id=None, roles=frozenset({Role.STRATEGY_LEAD}))


def _wait_for(check: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        db.session.rollback()  # see the worker's commits
        if check():
            return
        time.sleep(0.1)
    raise AssertionError("the worker did not finish in time")


def _slugs(item_id: int) -> set[str]:
    return set(review.item_slugs(item_id))


def _announce(app: Flask, *texts: str) -> list[int]:
    with app.app_context():
        items = [
            add_feedback_item(text=text, source_group=SourceGroup.YOUNG_PERSON, channel=Channel.WEB)
            for text in texts
        ]
        db.session.commit()
        ids = [item.id for item in items]
        announce_feedback(ids)
        return ids


def _all_tagged(ids: list[int]) -> Callable[[], bool]:
    def check() -> bool:
        count = db.session.scalar(
            select(func.count(FeedbackItem.id)).where(
                FeedbackItem.id.in_(ids), FeedbackItem.tagged_at.is_not(None)
            )
        )
        return count == len(ids)

    return check


def test_new_feedback_is_tagged_by_the_worker_when_surveys_announce_it(
    app: Flask, celery_worker: object
) -> None:
    ids = _announce(
        app,
        "We waited 18 months for speech and language therapy and the school did nothing",
        "The skool bus never turns up and I am late every day",
        "I had to wait ages for an autisum assesment",
    )
    with app.app_context():
        _wait_for(_all_tagged(ids))
        multi, bus, misspelt = (_slugs(item_id) for item_id in ids)
        assert {"waiting-times", "speech-language"} <= multi
        assert "transport" in bus
        assert "waiting-times" in misspelt
        analysis = db.session.scalar(select(ItemAnalysis).where(ItemAnalysis.item_id == ids[0]))
        assert analysis.sentiment_label in {"negative", "mixed", "neutral", "positive"}
        assert analysis.redacted_text.startswith("We waited 18 months")
        row = db.session.scalar(select(ItemTheme).where(ItemTheme.item_id == ids[0]))
        assert row.source is TagSource.AUTO
        assert json.loads(row.evidence)


def test_negated_complaint_differs_from_missing_service_when_tagged(app: Flask) -> None:
    with app.app_context():
        fine = make_feedback_item(text="There were no problems with transport at all, it was great")
        missing = make_feedback_item(text="There is no transport so he cannot get to college")
        tagging.tag_items([fine.id, missing.id])
        db.session.commit()
        scores = dict(
            db.session.execute(select(ItemAnalysis.item_id, ItemAnalysis.sentiment)).all()
        )
        assert scores[fine.id] > 0
        assert scores[missing.id] < 0


def test_tagging_twice_stores_one_set_of_rows_when_the_task_runs_again(app: Flask) -> None:
    with app.app_context():
        item = make_feedback_item(text="No short breaks or respite for two years, we are exhausted")
        tasks.tag_items.run([item.id])
        first = db.session.execute(
            select(Theme.slug, ItemTheme.confidence).join(ItemTheme.theme)
        ).all()
        tasks.tag_items.run([item.id])
        second = db.session.execute(
            select(Theme.slug, ItemTheme.confidence).join(ItemTheme.theme)
        ).all()
        assert sorted(first) == sorted(second)
        assert "short-breaks" in {slug for slug, _c in second}
        assert db.session.scalar(select(func.count(ItemAnalysis.id))) == 1


def test_human_decisions_survive_when_everything_is_re_tagged(
    app: Flask, celery_worker: object
) -> None:
    with app.app_context():
        item = make_feedback_item(text="The bus to school is always late and the driver shouts")
        tagging.tag_items([item.id])
        db.session.commit()
        assert "transport" in _slugs(item.id)
        themes = {theme.slug: theme.id for theme in codebook.list_themes()}
        # The person removes transport and adds friendships instead.
        review.save_review(item.id, [themes["friendships"]], user_id=None)
        job = retagging.start_retag_job(user_id=None)
        db.session.commit()
        tasks.retag_all.delay(job.id)
        _wait_for(lambda: retagging.latest_retag_job().status.value == "done")
        assert _slugs(item.id) == {"friendships"}
        assert retagging.latest_retag_job().done == 1


def test_sweep_tags_items_whose_announcement_was_lost_when_beat_runs(
    app: Flask, celery_worker: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(app.config, "TAGGING_SWEEP_GRACE_SECONDS", 0)
    with app.app_context():
        item = make_feedback_item(text="Nobody listens to what I want in my EHC plan")
        assert item.tagged_at is None
        tasks.sweep_untagged.delay()
        _wait_for(_all_tagged([item.id]))
        assert "being-heard" in _slugs(item.id)


def test_sweep_never_queues_an_item_again_when_it_is_already_waiting(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent: list[list[int]] = []
    monkeypatch.setattr(tasks.tag_items, "delay", sent.append)
    with app.app_context():
        ids = [make_feedback_item(text=f"The bus is late {n}").id for n in range(3)]
        # Just stored (and queued by the receiver): the sweep only notes it has seen them.
        assert tasks.sweep_untagged.run() == 0
        db.session.execute(update(SweepMark).values(seen_at=utcnow() - timedelta(minutes=1)))
        db.session.commit()
        assert tasks.sweep_untagged.run() == 3
        assert sent == [ids]
        for _ in range(3):  # every minute after: still waiting in the queue, left there
            assert tasks.sweep_untagged.run() == 0
        assert sent == [ids]
        tagging.tag_items(ids[:1])
        db.session.execute(update(SweepMark).values(queued_at=utcnow() - timedelta(minutes=11)))
        db.session.commit()
        assert tasks.sweep_untagged.run() == 2  # lost again after ten minutes: queued again
        assert sent[-1] == ids[1:]
        assert db.session.scalar(select(func.count()).select_from(SweepMark)) == 2


def test_non_english_text_is_stored_and_shown_when_tagged(app: Flask) -> None:
    with app.app_context():
        item = make_feedback_item(text="لا أحد يستمع إلى ابني في المدرسة", language="ar")
        tagging.tag_items([item.id])
        db.session.commit()
        analysis = db.session.scalar(select(ItemAnalysis).where(ItemAnalysis.item_id == item.id))
        assert analysis.redacted_text == "لا أحد يستمع إلى ابني في المدرسة"


def test_personal_details_are_redacted_when_stored(app: Flask) -> None:
    with app.app_context():
        item = make_feedback_item(
            text="Call me on 07700 900123 or email jo.bloggs@example.com, we live at "
            "14 Church Road, LS1 4AP"
        )
        tagging.tag_items([item.id])
        db.session.commit()
        shown = comment_text.text(item.id, LEAD, Place.FEEDBACK_LIST).shown
        assert "07700" not in shown
        assert "example.com" not in shown
        assert "LS1 4AP" not in shown
        assert "[email]" in shown


def test_comment_is_held_back_until_closed_when_it_may_disclose_harm(app: Flask) -> None:
    with app.app_context():
        item = make_feedback_item(
            text="My stepdad hits me when mum is out and I am scared to go home"
        )
        tagging.tag_items([item.id])
        db.session.commit()
        flag = db.session.scalar(
            select(SafeguardingFlag).where(SafeguardingFlag.item_id == item.id)
        )
        assert flag is not None
        assert comment_text.text(item.id, LEAD, Place.FEEDBACK_LIST) is None
        assert comment_text.public_quotes([item.id]) == {}
        safeguarding.close_flag(flag, action_taken="Referred to MASH", user_id=None)
        db.session.commit()
        assert comment_text.text(item.id, LEAD, Place.FEEDBACK_LIST).shown != ""


def test_sweep_and_retraining_are_scheduled_when_beat_runs(app: Flask) -> None:
    schedule = app.extensions["celery"].conf.beat_schedule
    tasks_scheduled = {entry["task"] for entry in schedule.values()}
    assert {"themes.sweep_untagged", "themes.retrain_model"} <= tasks_scheduled


def test_tagging_is_retried_with_back_off_when_the_database_fails(app: Flask) -> None:
    from sqlalchemy.exc import OperationalError

    task = app.extensions["celery"].tasks["themes.tag_items"]
    assert OperationalError in task.autoretry_for
    assert task.retry_backoff is True
    assert task.max_retries >= 3
