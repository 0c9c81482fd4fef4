"""Closing the loop: batched emails through a real SMTP server, and one-click unsubscribe."""

import re
import socket
import time
from collections.abc import Iterator
from datetime import timedelta
from email import message_from_bytes
from email.message import Message

import pytest
from aiosmtpd.controller import Controller
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import inspect, select

from surveys.contact import add_contact_request
from surveys.models import ContactRequest, FeedbackItem
from surveys.types import SourceGroup
from tests.factories import make_action, make_statement, make_voice
from tests.surveys.survey_helpers import answer_feedback_form, open_feedback_form, option_ids, send
from voice.db import db
from voice.tracker import actions, follow_ups, tasks
from voice.tracker.models import FollowUp, FollowUpMail
from voice.tracker.sealing import item_tagger
from voice.tracker.types import ActionStatus


class Inbox:
    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.raw: list[bytes] = []  # exactly what the SMTP server received

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        self.raw.append(envelope.original_content)
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"


@pytest.fixture
def inbox(app: Flask) -> Iterator[Inbox]:
    handler = Inbox()
    with socket.socket() as probe:  # a free port: aiosmtpd checks its own port at start
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    saved = {key: app.config[key] for key in ("MAIL_SERVER", "MAIL_PORT", "MAIL_USE_TLS")}
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_USE_TLS=False)
    yield handler
    app.config.update(saved)
    controller.stop()


def _parent_waiting(app: Flask, email: str = "parent@example.org") -> tuple[int, int]:
    """A parent who asked to hear back about a comment linked to a published statement."""
    with app.app_context():
        item = make_voice(source_group=SourceGroup.PARENT_CARER)
        action = make_action()
        make_statement(actions=(action,), items=(item,), published=True)
        contact_id, _token = add_contact_request(email=email, source_group=SourceGroup.PARENT_CARER)
        db.session.commit()
        follow_ups.follow_up(contact_id, [item.id])
        db.session.commit()
        return contact_id, action.id


def _finish(app: Flask, action_id: int, status: ActionStatus = ActionStatus.DONE) -> None:
    from voice.tracker.models import Action

    with app.app_context():
        actions.update_action(db.session.get(Action, action_id), by_id=None, status=status)
        db.session.commit()


def _wait_for(inbox: Inbox, count: int) -> None:
    deadline = time.monotonic() + 20
    while len(inbox.messages) < count and time.monotonic() < deadline:
        time.sleep(0.1)


def _wait_for_follow_ups(app: Flask, count: int) -> None:
    """The worker stores follow-ups after the response (the receiver only enqueues them)."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with app.app_context():
            stored = len(db.session.scalars(select(FollowUp.id)).all())
            db.session.remove()
        if stored >= count:
            return
        time.sleep(0.1)


def test_parent_gets_one_email_when_the_linked_action_is_done(
    app: Flask, inbox: Inbox, celery_worker: object
) -> None:
    contact_id, action_id = _parent_waiting(app)
    _finish(app, action_id)
    tasks.send_follow_ups.delay()
    _wait_for(inbox, 1)
    assert len(inbox.messages) == 1
    message = inbox.messages[0]
    assert message["To"] == "parent@example.org"
    body = message.get_payload(decode=True).decode()
    assert "Weekly drop-in for families waiting for speech therapy: now Done" in body
    assert "/you-said-we-did/unsubscribe/" in body
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_no_second_email_within_a_week_when_the_status_changes_again(
    app: Flask, inbox: Inbox
) -> None:
    contact_id, action_id = _parent_waiting(app)
    _finish(app, action_id, ActionStatus.IN_PROGRESS)
    with app.app_context():
        assert tasks.send_follow_ups() == 1
    _finish(app, action_id, ActionStatus.DONE)
    with app.app_context():
        assert tasks.send_follow_ups() == 0
        # A week later the waiting news goes out in one email.
        row = db.session.scalar(select(FollowUpMail))
        row.last_sent_at -= timedelta(days=7, minutes=1)
        db.session.commit()
        assert tasks.send_follow_ups() == 1
    assert len(inbox.messages) == 2
    assert "now Done" in inbox.messages[1].get_payload(decode=True).decode()


def test_nobody_is_emailed_when_nothing_linked_changed(app: Flask, inbox: Inbox) -> None:
    _parent_waiting(app)
    with app.app_context():
        assert tasks.send_follow_ups() == 0
    assert inbox.messages == []


def test_unsubscribe_link_stops_the_emails_when_followed_without_login(
    app: Flask, client: FlaskClient, inbox: Inbox
) -> None:
    contact_id, action_id = _parent_waiting(app)
    with app.app_context():
        token = tasks.unsubscribe_serializer().dumps(contact_id)
    path = f"/you-said-we-did/unsubscribe/{token}"
    assert "Stop emails about what we did" in client.get(path).get_data(as_text=True)
    response = client.post(path)  # one-click, as a mail app sends it: no form token
    assert "You will not get these emails any more" in response.get_data(as_text=True)
    _finish(app, action_id)
    with app.app_context():
        assert db.session.scalars(select(FollowUp)).first() is None
        assert tasks.send_follow_ups() == 0
    assert inbox.messages == []


def test_unsubscribe_shows_a_clear_message_when_the_link_was_changed(
    app: Flask, client: FlaskClient
) -> None:
    contact_id, _ = _parent_waiting(app)
    with app.app_context():
        token = tasks.unsubscribe_serializer().dumps(contact_id)
    response = client.post(f"/you-said-we-did/unsubscribe/{token[:-2]}xx")
    assert response.status_code == 400
    assert "The link is not complete or has been changed" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(select(FollowUp)).first() is not None


def test_unsubscribe_shows_a_clear_message_when_the_link_has_expired(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    contact_id, _ = _parent_waiting(app)
    with app.app_context():
        token = tasks.unsubscribe_serializer().dumps(contact_id)
    monkeypatch.setattr(tasks, "UNSUBSCRIBE_MAX_AGE", -1)
    response = client.get(f"/you-said-we-did/unsubscribe/{token}")
    assert response.status_code == 400
    assert "The link is too old" in response.get_data(as_text=True)


def test_feedback_form_asks_the_tracker_to_follow_up_when_the_person_wants_a_reply(
    app: Flask, client: FlaskClient, celery_worker: object
) -> None:
    survey_id = open_feedback_form(client, "parent-carers")
    with app.app_context():
        keys = option_ids(survey_id)
    answer_feedback_form(
        client,
        survey_id,
        keys,
        working="The new SENCo listens",
        not_working="No short breaks in the holidays",
        consent="no",
        email="parent@example.org",
    )
    send(client, survey_id)
    _wait_for_follow_ups(app, 2)
    with app.app_context():
        followed = set(db.session.scalars(select(FollowUp.item_tag)))
        items = set(db.session.scalars(select(FeedbackItem.id)))
        tags = set(item_tagger().tags(items))
    assert followed == tags
    assert len(items) == 2


def _points_at(table: str, column: dict, foreign_keys: list[dict], *, target: str) -> bool:
    """Whether a column holds ids of rows in the target table, by foreign key or by name."""
    if any(
        fk["referred_table"] == target and column["name"] in fk["constrained_columns"]
        for fk in foreign_keys
    ):
        return True
    names = {
        "contact_requests": {"contact_request_id", "contact_id"},
        "feedback_items": {"item_id", "feedback_item_id"},
    }[target]
    return column["name"] in names and table != target


def test_no_table_holds_a_contact_beside_a_comment_when_someone_asks_to_hear_back(
    app: Flask, client: FlaskClient, celery_worker: object
) -> None:
    survey_id = open_feedback_form(client, "parent-carers")
    with app.app_context():
        keys = option_ids(survey_id)
    answer_feedback_form(
        client,
        survey_id,
        keys,
        working="The new SENCo listens",
        not_working="No short breaks in the holidays",
        consent="no",
        email="parent@example.org",
    )
    send(client, survey_id)
    _wait_for_follow_ups(app, 2)
    with app.app_context():
        schema = inspect(db.engine)
        both = []
        for table in schema.get_table_names():
            columns = schema.get_columns(table)
            foreign_keys = schema.get_foreign_keys(table)
            to_contact = [
                c["name"]
                for c in columns
                if _points_at(table, c, foreign_keys, target="contact_requests")
            ]
            to_item = [
                c["name"]
                for c in columns
                if _points_at(table, c, foreign_keys, target="feedback_items")
            ]
            if to_contact and to_item:
                both.append((table, to_contact, to_item))
        assert both == []
        # The follow-up task still knows whom to tell, from tags that are not the ids.
        item_ids = {str(i) for i in db.session.scalars(select(FeedbackItem.id))}
        stored = set(db.session.scalars(select(FollowUp.item_tag)))
        assert len(stored) == 2
        assert not stored & item_ids
        assert all(len(tag) == 64 for tag in stored)
        # And no time to the second lines the address up with the answers stored with it.
        (created_at,) = db.session.scalars(select(ContactRequest.created_at)).all()
        follow_up_times = set(db.session.scalars(select(FollowUp.created_at)))
        for when in {created_at, *follow_up_times}:
            assert (when.hour, when.minute, when.second, when.microsecond) == (0, 0, 0, 0)


def _raw_headers(raw: bytes) -> dict[str, bytes]:
    """Header fields as sent, unfolded but not decoded."""
    head = raw.split(b"\r\n\r\n", 1)[0]
    fields: dict[str, bytes] = {}
    for line in re.sub(rb"\r\n[ \t]", b" ", head).split(b"\r\n"):
        name, _, value = line.partition(b":")
        fields[name.decode("ascii").lower()] = value.strip()
    return fields


def test_email_offers_one_click_unsubscribe_in_plain_ascii_when_sent(
    app: Flask, client: FlaskClient, inbox: Inbox
) -> None:
    """RFC 8058: an https link in List-Unsubscribe, as it is (no MIME encoded-words), and
    List-Unsubscribe-Post; a POST of that body to the link stops the emails, with no form
    token and no login."""
    saved = app.config["PUBLIC_URL"]
    app.config["PUBLIC_URL"] = "https://voice.example.org"
    try:
        contact_id, action_id = _parent_waiting(app)
        _finish(app, action_id)
        with app.app_context():
            assert tasks.send_follow_ups() == 1
    finally:
        app.config["PUBLIC_URL"] = saved
    headers = _raw_headers(inbox.raw[0])
    link = headers["list-unsubscribe"]
    assert re.fullmatch(rb"<https://voice\.example\.org/you-said-we-did/unsubscribe/[\w.-]+>", link)
    assert b"=?" not in link
    assert headers["list-unsubscribe-post"] == b"List-Unsubscribe=One-Click"
    path = link.decode("ascii")[1:-1].removeprefix("https://voice.example.org")
    app.config["WTF_CSRF_ENABLED"], csrf_was = True, app.config.get("WTF_CSRF_ENABLED")
    try:
        response = client.post(
            path,
            data="List-Unsubscribe=One-Click",
            content_type="application/x-www-form-urlencoded",
        )
    finally:
        app.config["WTF_CSRF_ENABLED"] = csrf_was
    assert response.status_code == 200
    with app.app_context():
        assert db.session.scalars(select(FollowUp)).first() is None
