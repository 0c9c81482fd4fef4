"""Proxy entry: reps type in views gathered on someone else's behalf."""

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from surveys.models import FeedbackItem, ProxyEntry
from surveys.types import Channel, SourceGroup
from tests.conftest import csrf_token, make_staff
from tests.factories import make_proxy_entry
from themes import tagging as theme_tagging
from voice.accounts.models import Role
from voice.db import db


def enter(client: FlaskClient, **fields: str) -> object:
    data = {
        "csrf_token": csrf_token(client, "/proxy"),
        "text": "The wait for OT is two years",
        "on_behalf_of": "parent_carer",
        "gathered_at": "Coffee morning, Oak Lodge",
        "language": "en",
        **fields,
    }
    return client.post("/proxy", data=data)


def test_view_is_stored_on_behalf_of_a_parent_carer_when_a_rep_enters_it(
    app: Flask,
    client: FlaskClient,
    login_as: Callable,
) -> None:
    rep = login_as(Role.FORUM_REP)
    response = enter(client, consent_to_quote="y")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/proxy")
    page = client.get("/proxy").get_data(as_text=True)
    assert "View saved. You can enter the next one." in page
    assert 'value="Coffee morning, Oak Lodge"' in page  # remembered for the next view
    with app.app_context():
        entry = db.session.scalars(select(ProxyEntry)).one()
        item = entry.feedback_item
        assert (item.original_text, item.channel, item.source_group) == (
            "The wait for OT is two years",
            Channel.PROXY,
            SourceGroup.PARENT_CARER,
        )
        assert item.source_detail == "Coffee morning, Oak Lodge"
        assert item.consent_to_quote is True
        assert entry.entered_by_id == rep.id


def test_ten_views_are_stored_when_entered_one_after_another(
    app: Flask,
    client: FlaskClient,
    login_as: Callable,
) -> None:
    login_as(Role.SCHOOL_CONTACT)
    for number in range(10):
        assert enter(client, text=f"View number {number}", on_behalf_of="school").status_code == 302
    with app.app_context():
        assert len(db.session.scalars(select(FeedbackItem)).all()) == 10


@pytest.mark.parametrize(
    ("fields", "field_id", "message"),
    [
        ({"text": "   "}, "text", "Enter the view you were given"),
        ({"text": ""}, "text", "Enter the view you were given"),
        ({"on_behalf_of": ""}, "on_behalf_of", "Select whose view it is"),
        ({"gathered_at": " "}, "gathered_at", "Enter the event or setting"),
    ],
)
def test_entry_shows_a_message_beside_the_field_when_something_is_missing(
    app: Flask,
    client: FlaskClient,
    login_as: Callable,
    fields: dict,
    field_id: str,
    message: str,
) -> None:
    login_as(Role.FORUM_REP)
    response = enter(client, **fields)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert f'id="{field_id}-error"' in page
    assert message in page
    with app.app_context():
        assert db.session.scalars(select(FeedbackItem)).all() == []


def test_typed_view_is_kept_when_the_entry_has_an_error(
    client: FlaskClient,
    login_as: Callable,
) -> None:
    login_as(Role.FORUM_REP)
    page = enter(client, text="Keep these words", gathered_at="").get_data(as_text=True)
    assert "Keep these words</textarea>" in page


def test_rep_sees_and_corrects_their_own_entry_when_they_open_it(
    app: Flask,
    client: FlaskClient,
    login_as: Callable,
) -> None:
    rep = login_as(Role.FORUM_REP)
    with app.app_context():
        entry = make_proxy_entry(entered_by=db.session.merge(rep), text="Tpyo here")
        entry_id = entry.id
        theme_tagging.tag_items([entry.feedback_item_id])
        db.session.commit()
    assert "Tpyo here" in client.get("/proxy/entries").get_data(as_text=True)
    url = f"/proxy/entries/{entry_id}"
    response = client.post(
        url,
        data={
            "csrf_token": csrf_token(client, url),
            "text": "Typo fixed",
            "on_behalf_of": "young_person",
            "gathered_at": "Phone call",
            "language": "en",
        },
    )
    assert response.headers["Location"].endswith("/proxy/entries")
    with app.app_context():
        item = db.session.get(ProxyEntry, entry_id).feedback_item
        assert (item.original_text, item.source_group, item.source_detail) == (
            "Typo fixed",
            SourceGroup.YOUNG_PERSON,
            "Phone call",
        )


def test_rep_cannot_see_or_correct_another_reps_entry_when_they_guess_its_address(
    app: Flask,
    client: FlaskClient,
    login_as: Callable,
) -> None:
    other = make_staff(app, Role.FORUM_REP, email="other@example.org")
    with app.app_context():
        entry_id = make_proxy_entry(entered_by=db.session.merge(other), text="Not yours").id
    login_as(Role.FORUM_REP)
    assert "Not yours" not in client.get("/proxy/entries").get_data(as_text=True)
    assert "Not yours" not in client.get("/proxy").get_data(as_text=True)
    assert client.get(f"/proxy/entries/{entry_id}").status_code == 404
    token = csrf_token(client, "/proxy")
    response = client.post(
        f"/proxy/entries/{entry_id}",
        data={
            "csrf_token": token,
            "text": "Changed",
            "on_behalf_of": "school",
            "gathered_at": "x",
            "language": "en",
        },
    )
    assert response.status_code == 404
    with app.app_context():
        assert db.session.get(ProxyEntry, entry_id).feedback_item.original_text == "Not yours"


@pytest.mark.parametrize("path", ["/feedback", "/imports/new", "/admin/people"])
def test_school_contact_is_refused_when_opening_staff_pages_beyond_proxy_entry(
    client: FlaskClient,
    login_as: Callable,
    path: str,
) -> None:
    login_as(Role.SCHOOL_CONTACT)
    assert client.get(path).status_code == 403


@pytest.mark.parametrize("path", ["/feedback", "/admin/people"])
def test_forum_rep_is_refused_when_opening_staff_pages_beyond_their_own(
    client: FlaskClient,
    login_as: Callable,
    path: str,
) -> None:
    login_as(Role.FORUM_REP)
    assert client.get(path).status_code == 403


def test_proxy_entry_is_refused_when_the_person_is_a_strategy_lead(
    client: FlaskClient,
    login_as: Callable,
) -> None:
    login_as(Role.STRATEGY_LEAD)
    assert client.get("/proxy").status_code == 403


def test_proxy_entry_asks_to_sign_in_when_nobody_is_signed_in(client: FlaskClient) -> None:
    response = client.get("/proxy")
    assert response.status_code == 302
    assert "/sign-in" in response.headers["Location"]
