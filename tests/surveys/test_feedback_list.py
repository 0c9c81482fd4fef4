"""The staff All feedback list: filters, paging and who may see it."""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient

from surveys.models import Channel, SourceGroup
from tests.factories import make_feedback_item
from voice.accounts.models import Role
from voice.db import db


def shown(client: FlaskClient, query: str = "") -> str:
    response = client.get(f"/feedback{query}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def dated(app: Flask, text: str, days_ago: int, **fields: object) -> None:
    with app.app_context():
        item = make_feedback_item(text=text, **fields)
        item.created_at = datetime(2026, 3, 20, 12, tzinfo=UTC) - timedelta(days=days_ago)
        db.session.commit()


@pytest.fixture
def items(app: Flask) -> None:
    dated(
        app,
        "Parent says the bus is late",
        1,
        source_group=SourceGroup.PARENT_CARER,
        channel=Channel.FORM,
    )
    dated(
        app,
        "School says the EHC plan was late",
        10,
        source_group=SourceGroup.SCHOOL,
        channel=Channel.IMPORT,
    )
    dated(
        app,
        "Young person loved the youth club",
        40,
        source_group=SourceGroup.YOUNG_PERSON,
        channel=Channel.KIOSK,
    )


def test_every_item_is_listed_newest_first_when_no_filter_is_set(
    client: FlaskClient,
    login_as: Callable,
    items: None,
) -> None:
    login_as(Role.STRATEGY_LEAD)
    page = shown(client)
    assert "3 items match." in page
    assert page.index("bus is late") < page.index("EHC plan") < page.index("youth club")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?audience=school", "School says the EHC plan was late"),
        ("?channel=kiosk", "Young person loved the youth club"),
        ("?q=BUS", "Parent says the bus is late"),
        ("?date_from=15/3/2026", "Parent says the bus is late"),
        ("?date_from=2026-03-01&date_to=12/03/2026", "School says the EHC plan was late"),
    ],
)
def test_only_matching_items_are_listed_when_a_filter_is_set(
    client: FlaskClient,
    login_as: Callable,
    items: None,
    query: str,
    expected: str,
) -> None:
    login_as(Role.ADMIN)
    page = shown(client, query)
    assert "1 item matches." in page
    assert expected in page


def test_search_treats_percent_signs_as_text_when_someone_searches_for_them(
    app: Flask,
    client: FlaskClient,
    login_as: Callable,
    items: None,
) -> None:
    dated(app, "Only 50% of us got a reply", 2)
    login_as(Role.STRATEGY_LEAD)
    page = shown(client, "?q=50%25")
    assert "1 item matches." in page


def test_date_filter_shows_a_message_when_the_date_is_not_a_date(
    client: FlaskClient,
    login_as: Callable,
    items: None,
) -> None:
    login_as(Role.STRATEGY_LEAD)
    page = shown(client, "?date_from=soon")
    assert "<title>Error: " in page
    assert 'id="date_from-error"' in page
    assert "Enter a date like 27/3/2026" in page
    assert 'value="soon"' in page


def test_pages_move_older_and_back_when_there_are_more_items_than_fit(
    app: Flask,
    client: FlaskClient,
    login_as: Callable,
) -> None:
    for number in range(5):
        dated(app, f"Comment {number}", number)
    login_as(Role.STRATEGY_LEAD)
    from surveys import intake_services

    with app.app_context():
        first = intake_services.list_feedback(intake_services.FeedbackFilters(), page_size=2)
        assert [i.text for i in first.items] == ["Comment 0", "Comment 1"]
        second = intake_services.list_feedback(
            intake_services.FeedbackFilters(), after=first.next_cursor, page_size=2
        )
        assert [i.text for i in second.items] == ["Comment 2", "Comment 3"]
        back = intake_services.list_feedback(
            intake_services.FeedbackFilters(), before=second.previous_cursor, page_size=2
        )
        assert [i.text for i in back.items] == ["Comment 0", "Comment 1"]
        assert back.previous_cursor is None
    assert 'rel="next"' not in shown(client)  # five fit on one page of fifty


def test_text_that_looks_like_markup_is_shown_as_text_when_listed(
    app: Flask,
    client: FlaskClient,
    login_as: Callable,
) -> None:
    dated(app, "<script>alert(1)</script> =cmd|' /C calc'!A0", 1)
    login_as(Role.STRATEGY_LEAD)
    page = shown(client)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page


@pytest.mark.parametrize("role", [Role.FORUM_REP, Role.SCHOOL_CONTACT, Role.FACILITATOR])
def test_all_feedback_is_refused_when_the_person_is_not_a_strategy_lead_or_admin(
    client: FlaskClient,
    login_as: Callable,
    role: Role,
) -> None:
    login_as(role)
    assert client.get("/feedback").status_code == 403
