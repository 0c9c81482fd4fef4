"""Safeguarding: the flag, the email to the leads (real local SMTP server), the queue, closing."""

import socket
import time
from collections.abc import Callable, Iterator

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.conftest import csrf_token, make_staff
from tests.factories import make_feedback_item, make_tagged_item
from themes import comment_text, tasks
from themes.comment_text import Place, Viewer
from themes.models import SafeguardingFlag
from themes.types import FlagStatus
from voice.accounts.models import Role, User
from voice.db import db

CONCERNING = "I want to kill myself, nobody at home cares"


class _Inbox(Message):
    def __init__(self) -> None:
        super().__init__()
        self.messages: list = []

    def handle_message(self, message: object) -> None:
        self.messages.append(message)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_inbox(app: Flask, monkeypatch: pytest.MonkeyPatch) -> Iterator[_Inbox]:
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", controller.port)
    yield inbox
    controller.stop()


def test_leads_get_an_email_without_the_comment_when_a_comment_is_flagged(
    app: Flask, celery_worker: object, smtp_inbox: _Inbox
) -> None:
    make_staff(app, Role.SAFEGUARDING_LEAD, email="lead@example.org")
    make_staff(app, Role.STRATEGY_LEAD, email="strategy@example.org")
    with app.app_context():
        item = make_feedback_item(text=CONCERNING)
        tasks.tag_items.delay([item.id])
        deadline = time.monotonic() + 30
        while not smtp_inbox.messages and time.monotonic() < deadline:
            time.sleep(0.1)
    assert len(smtp_inbox.messages) == 1
    message = smtp_inbox.messages[0]
    assert message["To"] == "lead@example.org"
    assert "at risk" in message["Subject"]
    assert "kill myself" not in message.get_payload()


def test_queue_is_refused_when_the_person_is_not_a_safeguarding_lead(
    client: FlaskClient, login_as: Callable[..., User]
) -> None:
    login_as(Role.STRATEGY_LEAD, Role.ADMIN)
    assert client.get("/themes/safeguarding").status_code == 403


def test_flagged_comment_is_listed_with_its_reason_when_a_lead_opens_the_queue(
    app: Flask, client: FlaskClient, login_as: Callable[..., User]
) -> None:
    login_as(Role.SAFEGUARDING_LEAD)
    with app.app_context():
        make_tagged_item(text=CONCERNING)
    page = client.get("/themes/safeguarding").get_data(as_text=True)
    assert "1 open flag" in page
    assert "kill myself" in page


def test_flagged_comment_is_kept_from_review_when_its_flag_is_open(
    app: Flask, client: FlaskClient, login_as: Callable[..., User]
) -> None:
    login_as(Role.STRATEGY_LEAD)
    with app.app_context():
        item_id = make_tagged_item(text=CONCERNING).id
    assert client.get(f"/themes/items/{item_id}").status_code == 404
    assert client.get("/themes/review").status_code == 200  # nothing else to review


def test_flag_is_closed_with_what_was_done_when_a_lead_records_it(
    app: Flask, client: FlaskClient, login_as: Callable[..., User]
) -> None:
    lead = login_as(Role.SAFEGUARDING_LEAD)
    with app.app_context():
        item_id = make_tagged_item(text=CONCERNING).id
        flag_id = db.session.scalar(select(SafeguardingFlag.id))
    path = f"/themes/safeguarding/{flag_id}"
    empty = client.post(path, data={"csrf_token": csrf_token(client, path), "action_taken": ""})
    assert "Enter what was done before you close the flag" in empty.get_data(as_text=True)
    response = client.post(
        path, data={"csrf_token": csrf_token(client, path), "action_taken": "Called the school DSL"}
    )
    assert response.status_code == 302
    with app.app_context():
        flag = db.session.get(SafeguardingFlag, flag_id)
        assert flag.status is FlagStatus.CLOSED
        assert (flag.action_taken, flag.closed_by_id) == ("Called the school DSL", lead.id)
        lead_view = Viewer(user_id=None, roles=frozenset({Role.STRATEGY_LEAD}))
        assert comment_text.text(item_id, lead_view, Place.FEEDBACK_LIST).shown != ""


def test_flag_says_which_kind_of_harm_in_the_readers_language_when_a_pattern_raised_it(
    app: Flask, client: FlaskClient, login_as: Callable[..., User]
) -> None:
    login_as(Role.SAFEGUARDING_LEAD)
    with app.app_context():
        make_tagged_item(text=CONCERNING)
    assert "Why: suicidal thoughts" in client.get("/themes/safeguarding").text
    assert "meddyliau am hunanladdiad" in client.get("/themes/safeguarding?lang=cy").text


def test_flag_shows_the_words_that_weighed_most_when_only_the_scorer_raised_it(
    app: Flask, client: FlaskClient, login_as: Callable[..., User]
) -> None:
    login_as(Role.SAFEGUARDING_LEAD)
    with app.app_context():
        make_tagged_item(text="dad gets drunk and comes in my room and hurts me")
        flag_id = db.session.scalar(select(SafeguardingFlag.id))
    queue = client.get("/themes/safeguarding").text
    assert "Why: the words together read like a disclosure (the words that weighed most: " in queue
    page = client.get(f"/themes/safeguarding/{flag_id}").text
    assert "Why it was flagged: the words together read like a disclosure" in page
    assert "hurts" in page.split("weighed most: ")[1].split(")")[0]
    assert "yn darllen fel datgeliad" in client.get(f"/themes/safeguarding/{flag_id}?lang=cy").text


def test_every_reason_the_tagger_gives_has_words_for_the_lead_when_a_flag_is_shown() -> None:
    from themes.flag_reasons import KINDS
    from themes.tagger.safeguarding import _PRIORITY

    assert set(KINDS) == set(_PRIORITY)
