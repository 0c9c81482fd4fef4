"""Erasing a contact's email address on request, with their follow-ups; logged without it."""

from collections.abc import Callable
from datetime import timedelta

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from surveys.contact import add_contact_request
from surveys.models import ContactRequest, FeedbackItem
from surveys.types import SourceGroup
from tests.conftest import csrf_token
from tests.factories import make_voice
from tests.privacy.helpers import field_errors, h1, page, title
from voice.accounts.models import Role, User
from voice.db import db, utcnow
from voice.privacy.models import Erasure, ErasureKind
from voice.tracker import follow_ups as tracker_follow_ups
from voice.tracker.models import FollowUp, FollowUpMail

Login = Callable[..., User]
ADDRESS = "Sam.Jones@example.org"


def _contacts(app: Flask) -> dict[str, object]:
    """Sam left their address twice (once in capitals) and heard from us once; Alex once."""
    with app.app_context():
        items = [make_voice(text="We waited a year").id, make_voice(text="No short breaks").id]
        first, _ = add_contact_request(email=ADDRESS, source_group=SourceGroup.PARENT_CARER)
        second, _ = add_contact_request(
            email="sam.jones@example.org", source_group=SourceGroup.PARENT_CARER
        )
        other, _ = add_contact_request(email="alex@example.org", source_group=SourceGroup.SCHOOL)
        tracker_follow_ups.follow_up(first, [items[0]])
        tracker_follow_ups.follow_up(second, [items[1]])
        tracker_follow_ups.follow_up(other, [items[1]])
        tracker_follow_ups.mark_sent(first, utcnow() - timedelta(days=1))
        tracker_follow_ups.mark_sent(other, utcnow() - timedelta(days=1))
        db.session.commit()
        return {"sam": [first, second], "other": other, "items": items}


def _find(client: FlaskClient, email: str):
    token = csrf_token(client, "/admin/contacts")
    return client.post("/admin/contacts", data={"csrf_token": token, "email": email})


def _erase(client: FlaskClient, email: str, reason: str = "They asked us by phone on 3 May"):
    token = csrf_token(client, "/admin/contacts")
    return client.post(
        "/admin/contacts/delete", data={"csrf_token": token, "email": email, "reason": reason}
    )


def test_contact_details_are_found_in_any_case_when_an_admin_types_the_address(
    app: Flask, client: FlaskClient, login_as: Login
) -> None:
    _contacts(app)
    login_as(Role.ADMIN)
    response = _find(client, "  SAM.JONES@EXAMPLE.ORG ")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert h1(html) == "Delete these contact details"
    assert "2 comments (which ones, nobody can tell from here)" in html
    assert "Are you sure you want to delete their contact details?" in html


def test_their_details_and_follow_ups_are_gone_when_an_admin_deletes_them(
    app: Flask, client: FlaskClient, login_as: Login
) -> None:
    ids = _contacts(app)
    admin = login_as(Role.ADMIN)
    response = _erase(client, "sam.jones@example.org", reason="Asked by sam.jones@example.org")
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/contacts"
    assert "Their contact details have been deleted." in page(client, "/admin/contacts")
    with app.app_context():
        assert list(db.session.scalars(select(ContactRequest.id))) == [ids["other"]]
        assert set(db.session.scalars(select(FollowUp.contact_request_id))) == {ids["other"]}
        assert list(db.session.scalars(select(FollowUpMail.contact_request_id))) == [ids["other"]]
        # Their comments were never linked to the address, so they stay, anonymous.
        assert db.session.scalar(select(func.count(FeedbackItem.id))) == 2
        erasure = db.session.scalars(select(Erasure)).one()
        assert (erasure.kind, erasure.item_id, erasure.by_id) == (
            ErasureKind.CONTACT,
            None,
            admin.id,
        )
        assert "example.org" not in erasure.reason.lower()
    log = page(client, "/admin/erasures")
    assert "Contact details" in log
    assert "sam.jones" not in log.lower()


def test_message_is_shown_beside_the_field_when_no_contact_has_the_address(
    app: Flask, client: FlaskClient, login_as: Login
) -> None:
    _contacts(app)
    login_as(Role.ADMIN)
    html = _find(client, "sam.jones@example.com").get_data(as_text=True)
    assert title(html).startswith("Error: Delete contact details on request")
    assert field_errors(html) == [
        "We hold no contact details for this email address. Check it is typed right"
    ]
    assert 'value="sam.jones@example.com"' in html


def test_message_is_shown_beside_the_field_when_the_address_is_not_an_address(
    client: FlaskClient, login_as: Login
) -> None:
    login_as(Role.ADMIN)
    html = _find(client, "sam at example").get_data(as_text=True)
    assert field_errors(html) == [
        "Enter an email address in the right format, like name@example.org"
    ]
    assert field_errors(_find(client, "").get_data(as_text=True)) == ["Enter the email address"]


def test_reason_is_asked_for_and_nothing_deleted_when_it_is_left_empty(
    app: Flask, client: FlaskClient, login_as: Login
) -> None:
    _contacts(app)
    login_as(Role.ADMIN)
    response = _erase(client, ADDRESS, reason="")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert title(html).startswith("Error: Delete these contact details")
    assert field_errors(html) == ["Enter why you are deleting it"]
    with app.app_context():
        assert db.session.scalar(select(func.count(ContactRequest.id))) == 3
        assert db.session.scalar(select(func.count(Erasure.id))) == 0


def test_clear_message_is_shown_when_the_details_were_deleted_while_the_page_was_open(
    app: Flask, client: FlaskClient, login_as: Login
) -> None:
    _contacts(app)
    login_as(Role.ADMIN)
    assert _erase(client, ADDRESS).status_code == 302
    response = _erase(client, ADDRESS)
    assert response.status_code == 404
    assert field_errors(response.get_data(as_text=True)) == [
        "We hold no contact details for this email address any more: they may have been "
        "deleted already"
    ]
    with app.app_context():
        assert db.session.scalar(select(func.count(Erasure.id))) == 1
