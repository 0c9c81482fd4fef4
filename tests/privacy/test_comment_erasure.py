"""Erasing a comment on request: found by its number, shown through the gate (logged), deleted
with everything that hangs off it, and logged without its words."""

import csv
import io
from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from surveys.contact import add_contact_request
from surveys.models import FeedbackItem, FeedbackLabel, ProxyEntry
from surveys.types import SourceGroup
from tests.conftest import csrf_token
from tests.factories import make_statement, make_theme, make_user, make_voice
from tests.privacy.helpers import field_errors, h1, page, title
from themes.models import FlagEvent, ItemAnalysis, ItemTheme, SafeguardingFlag, TextRead
from themes.types import FlagStatus
from voice.accounts.models import Role, User
from voice.dashboards import summary
from voice.dashboards.models import ThemeDay
from voice.db import db, utcnow
from voice.privacy.models import Erasure, ErasureKind
from voice.tracker import follow_ups as tracker_follow_ups
from voice.tracker import statements as tracker_statements
from voice.tracker.models import FollowUp, Statement, StatementQuote, statement_items

ORIGINAL = "Email sam.jones@example.org: we waited two years for speech therapy"
REDACTED = "Email [email]: we waited two years for speech therapy"
OTHER = "The wait for an EHC plan was far too long"
Login = Callable[..., User]


def _count(model: type, *where: object) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where)) or 0


def _one_comment(app: Flask) -> int:
    with app.app_context():
        return make_voice(text=ORIGINAL, redacted_text=REDACTED).id


def _erase(client: FlaskClient, item_id: int, reason: str = "They asked us by email on 3 May"):
    path = f"/admin/comments/{item_id}"
    return client.post(path, data={"csrf_token": csrf_token(client, path), "reason": reason})


# -- finding a comment -------------------------------------------------------------------------


def test_comment_page_opens_when_an_admin_finds_it_by_its_number(
    app: Flask, client: FlaskClient, login_as: Login
) -> None:
    item_id = _one_comment(app)
    login_as(Role.ADMIN)
    response = client.get(f"/admin/comments?number=Comment {item_id}")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/admin/comments/{item_id}"


def test_original_is_shown_and_the_viewing_logged_when_an_admin_opens_a_comment(
    app: Flask, client: FlaskClient, login_as: Login
) -> None:
    item_id = _one_comment(app)
    admin = login_as(Role.ADMIN)
    html = page(client, f"/admin/comments/{item_id}")
    assert h1(html) == f"Delete comment {item_id}"
    assert ORIGINAL in html
    assert REDACTED in html
    assert "shows the original text" in html
    assert "your viewing of it is logged" in html
    with app.app_context():
        read = db.session.scalars(select(TextRead)).one()
        assert (read.item_id, read.user_id, read.place, read.what) == (
            item_id,
            admin.id,
            "erasure",
            "original",
        )


def test_message_is_shown_beside_the_field_when_the_number_is_not_a_number(
    client: FlaskClient, login_as: Login
) -> None:
    login_as(Role.ADMIN)
    response = client.get("/admin/comments?number=twelve")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert title(html).startswith("Error: Delete a comment on request")
    assert "There is a problem" in html
    assert field_errors(html) == ["Enter the comment number using numbers only, like 123"]
    assert 'value="twelve"' in html  # what was typed stays


def test_message_is_shown_beside_the_field_when_the_number_is_empty(
    client: FlaskClient, login_as: Login
) -> None:
    login_as(Role.ADMIN)
    html = page(client, "/admin/comments?number=")
    assert field_errors(html) == ["Enter the comment number, like 123"]


def test_message_is_shown_beside_the_field_when_no_comment_has_the_number(
    client: FlaskClient, login_as: Login
) -> None:
    login_as(Role.ADMIN)
    html = page(client, "/admin/comments?number=4040")
    assert title(html).startswith("Error:")
    assert field_errors(html) == [
        "There is no comment 4040. Check the number on the All feedback list: it may have "
        "been deleted already"
    ]


def test_find_page_has_no_error_when_first_opened(client: FlaskClient, login_as: Login) -> None:
    login_as(Role.ADMIN)
    html = page(client, "/admin/comments")
    assert h1(html) == "Delete a comment on request"
    assert not title(html).startswith("Error")
    assert field_errors(html) == []


def test_page_not_found_is_shown_when_the_address_names_no_comment(
    client: FlaskClient, login_as: Login
) -> None:
    login_as(Role.ADMIN)
    for path in ("/admin/comments/4040", "/admin/comments/abc"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "Page not found" in response.get_data(as_text=True)


# -- deleting it ------------------------------------------------------------------------------


def test_reason_is_asked_for_and_nothing_deleted_when_it_is_left_empty(
    app: Flask, client: FlaskClient, login_as: Login
) -> None:
    item_id = _one_comment(app)
    login_as(Role.ADMIN)
    response = _erase(client, item_id, reason="  ")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert title(html).startswith(f"Error: Delete comment {item_id}")
    assert field_errors(html) == ["Enter why you are deleting it"]
    with app.app_context():
        assert db.session.get(FeedbackItem, item_id) is not None
        assert _count(Erasure) == 0


def test_clear_message_is_shown_when_the_comment_was_deleted_while_the_page_was_open(
    app: Flask, client: FlaskClient, login_as: Login
) -> None:
    item_id = _one_comment(app)
    login_as(Role.ADMIN)
    token = csrf_token(client, f"/admin/comments/{item_id}")
    assert _erase(client, item_id).status_code == 302
    response = client.post(
        f"/admin/comments/{item_id}", data={"csrf_token": token, "reason": "Asked twice"}
    )
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert field_errors(html) == [
        f"Comment {item_id} has already been deleted. Nothing else was changed"
    ]
    with app.app_context():
        assert _count(Erasure) == 1


def _comment_with_everything(app: Flask) -> dict[str, int]:
    """A comment with themes, a closed safeguarding flag and its history, a label, a proxy
    entry, a statement that chose and quotes it, and someone waiting to hear about it; and
    another comment on the same theme that must survive."""
    with app.app_context():
        theme = make_theme(slug="waiting-times", name="Waiting times")
        rep = make_user(roles=(Role.FORUM_REP,))
        item = make_voice(text=ORIGINAL, redacted_text=REDACTED, themes=(theme,))
        other = make_voice(text=OTHER, themes=(theme,))
        flag = SafeguardingFlag(item_id=item.id, reason="test", status=FlagStatus.CLOSED)
        db.session.add(flag)
        db.session.flush()
        db.session.add(FlagEvent(flag_id=flag.id, event="closed"))
        db.session.add(FeedbackLabel(feedback_item_id=item.id, label="service:short-breaks"))
        db.session.add(ProxyEntry(feedback_item_id=item.id, entered_by_id=rep.id, gathered_at="x"))
        db.session.commit()
        statement = make_statement(themes=(theme,), items=(item, other))
        db.session.add(StatementQuote(statement_id=statement.id, item_id=item.id))
        contact_id, _token = add_contact_request(
            email="sam.jones@example.org", source_group=SourceGroup.PARENT_CARER
        )
        tracker_follow_ups.follow_up(contact_id, [item.id])
        tracker_statements.refresh_voices(statement)
        summary.rebuild_days([utcnow().date()])
        db.session.commit()
        assert statement.voices_parent_carer == 2
        return {
            "item": item.id,
            "other": other.id,
            "theme": theme.id,
            "statement": statement.id,
            "contact": contact_id,
        }


def test_comment_and_everything_hanging_off_it_are_gone_when_an_admin_deletes_it(
    app: Flask, client: FlaskClient, login_as: Login
) -> None:
    ids = _comment_with_everything(app)
    item_id = ids["item"]
    admin = login_as(Role.ADMIN)
    response = _erase(client, item_id, reason="Sam Jones asked us by email, sam.jones@example.org")
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/comments"
    assert f"Comment {item_id} has been deleted." in page(client, "/admin/comments")
    with app.app_context():
        assert db.session.get(FeedbackItem, item_id) is None
        assert _count(ItemAnalysis, ItemAnalysis.item_id == item_id) == 0
        assert _count(ItemTheme, ItemTheme.item_id == item_id) == 0
        assert _count(SafeguardingFlag, SafeguardingFlag.item_id == item_id) == 0
        assert _count(FlagEvent) == 0
        assert _count(FeedbackLabel, FeedbackLabel.feedback_item_id == item_id) == 0
        assert _count(ProxyEntry, ProxyEntry.feedback_item_id == item_id) == 0
        assert _count(StatementQuote, StatementQuote.item_id == item_id) == 0
        assert _count(statement_items, statement_items.c.item_id == item_id) == 0
        assert _count(FollowUp) == 0
        # The other comment and its links are untouched; the counts follow.
        assert db.session.get(FeedbackItem, ids["other"]) is not None
        statement = db.session.get(Statement, ids["statement"])
        assert statement.voices_parent_carer == 1
        assert (
            db.session.scalar(
                select(func.sum(ThemeDay.voices)).where(ThemeDay.theme_id == ids["theme"])
            )
            == 1
        )
        # The log says what and why, never the words or the address.
        erasure = db.session.scalars(select(Erasure)).one()
        assert (erasure.kind, erasure.item_id, erasure.by_id) == (
            ErasureKind.COMMENT,
            item_id,
            admin.id,
        )
        assert "sam.jones@example.org" not in erasure.reason
        assert "[email]" in erasure.reason
        # The access log still says the original was read before it went.
        assert _count(TextRead, TextRead.item_id == item_id) == 1
    listed = page(client, "/feedback")
    assert OTHER in listed
    assert "waited two years" not in listed
    exported = client.get("/dashboard/export.csv").get_data(as_text=True).lstrip("\ufeff")
    comments = [row[6] for row in list(csv.reader(io.StringIO(exported)))[1:]]
    assert comments == [OTHER]
    assert "waited two years" not in page(client, f"/tracker/statements/{ids['statement']}")
    log = page(client, "/admin/erasures")
    assert f"Comment {item_id}" in log
    assert "asked us by email" in log
    assert "sam.jones" not in log


def test_held_back_comment_is_shown_with_a_warning_when_it_has_an_open_flag(
    app: Flask, client: FlaskClient, login_as: Login
) -> None:
    with app.app_context():
        item_id = make_voice(text=ORIGINAL, redacted_text=REDACTED, flagged=True).id
    login_as(Role.ADMIN)
    html = page(client, f"/admin/comments/{item_id}")
    assert ORIGINAL in html
    assert "This comment has an open safeguarding flag" in html
    assert _erase(client, item_id).status_code == 302
    with app.app_context():
        assert _count(SafeguardingFlag) == 0
