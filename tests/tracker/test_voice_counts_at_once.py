"""The voices behind a statement are counted when it is published, when its links change and as
soon as comments are tagged with its themes, not only by the hourly task (issue 14)."""

import time

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from surveys.feedback import add_feedback_item, announce_feedback
from surveys.types import Channel, SourceGroup
from tests.factories import make_action, make_statement, make_theme, make_voice
from themes import codebook
from themes.models import Theme
from themes.signals import tags_changed
from voice.db import db
from voice.tracker import tasks
from voice.tracker.models import Statement


def test_published_card_counts_new_comments_once_the_worker_has_tagged_them(
    app: Flask, client: FlaskClient, celery_worker: object
) -> None:
    with app.app_context():
        codebook.list_themes()  # the default codebook seeds itself when first read
        theme = db.session.scalar(select(Theme).where(Theme.slug == "waiting-times"))
        make_statement(themes=(theme,), actions=(make_action(),), published=True)
        item = add_feedback_item(
            text="We have been on the waiting list for eighteen months and heard nothing",
            source_group=SourceGroup.PARENT_CARER,
            channel=Channel.WEB,
        )
        db.session.commit()
        announce_feedback([item.id])
    deadline = time.monotonic() + 30
    page = ""
    while time.monotonic() < deadline:
        page = client.get("/you-said-we-did").get_data(as_text=True)
        if "1 person told us this:" in page:
            break
        time.sleep(0.2)
    assert "1 person told us this:" in page
    assert "Parent carers 1" in page


def test_changed_tags_recount_only_the_statements_they_touch(app: Flask) -> None:
    with app.app_context():
        theme = make_theme()
        other = make_theme(slug="transport", name="Transport")
        mine = make_statement(themes=(theme,), actions=(make_action(),), published=True)
        untouched = make_statement(summary="Buses", themes=(other,), actions=(make_action(),))
        item = make_voice(source_group=SourceGroup.SCHOOL, themes=(theme,))
        assert tasks.recount_voices.run([item.id]) == 1
        db.session.expire_all()
        assert db.session.get(Statement, mine.id).voices_school == 1
        assert db.session.get(Statement, untouched.id).voices_school == 0


def test_tags_changed_hands_the_recount_to_a_worker(app: Flask, monkeypatch: object) -> None:
    sent: list[list[int]] = []
    monkeypatch.setattr(tasks.recount_voices, "delay", lambda ids: sent.append(ids))
    tags_changed.send("themes", item_ids=[3, 4])
    assert sent == [[3, 4]]


def test_card_with_no_voices_yet_does_not_say_nobody_told_us(
    app: Flask, client: FlaskClient
) -> None:
    with app.app_context():
        make_statement(themes=(make_theme(),), actions=(make_action(),), published=True)
    page = client.get("/you-said-we-did").get_data(as_text=True)
    assert "0 people told us this" not in page
