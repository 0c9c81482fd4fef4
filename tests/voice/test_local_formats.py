"""Dates and numbers in the reader's conventions, language names in their own language."""

from datetime import UTC, date, datetime

from flask import Flask
from flask.testing import FlaskClient

from tests.factories import make_action, make_statement, make_theme
from voice.accounts.models import Role
from voice.db import db
from voice.i18n import format_date, format_number, language_name
from voice.tracker.models import Action


def test_english_dates_are_written_the_uk_way(app: Flask) -> None:
    with app.test_request_context("/?lang=en"):
        assert format_date(date(2026, 12, 1), "long") == "1 December 2026"
        assert format_number(12345) == "12,345"
    with app.test_request_context("/?lang=cy"):
        assert format_date(date(2026, 12, 1), "long") == "1 Rhagfyr 2026"
    with app.test_request_context("/?lang=pl"):
        assert format_date(date(2026, 12, 1), "long") == "1 grudnia 2026"
        assert format_number(12345) == "12\xa0345"


def test_language_names_are_written_in_their_own_language() -> None:
    assert [language_name(code) for code in ("en", "cy", "pl", "ar")] == [
        "English",
        "Cymraeg",
        "Polski",
        "العربية",
    ]
    assert language_name("xx-not-a-language") == "xx-not-a-language"


def test_card_dates_follow_the_visitor_language(app: Flask, client: FlaskClient) -> None:
    with app.app_context():
        action = make_action()
        make_statement(themes=(make_theme(),), actions=(action,), published=True)
        db.session.get(Action, action.id).status_changed_at = datetime(2026, 12, 1, 9, tzinfo=UTC)
        db.session.commit()
    assert "since 1 December 2026" in client.get("/you-said-we-did?lang=en").text
    assert "1 Rhagfyr 2026" in client.get("/you-said-we-did?lang=cy").text
    assert "1 grudnia 2026" in client.get("/you-said-we-did?lang=pl").text


def test_dashboard_language_filter_names_each_language_in_itself(
    client: FlaskClient, login_as: object
) -> None:
    login_as(Role.STRATEGY_LEAD)
    page = client.get("/dashboard/?lang=en").text
    assert '<option value="cy" lang="cy">Cymraeg</option>' in page
    assert '<option value="pl" lang="pl">Polski</option>' in page
    assert '<option value="ar" lang="ar">العربية</option>' in page
