"""Dashboard pages with data, in a real browser: axe, keyboard, JavaScript off, 320 px."""

from collections.abc import Callable

import pytest
from flask import Flask
from playwright.sync_api import Page

from surveys.types import Channel, SourceGroup
from tests.browser.conftest import axe_violations, sign_in_page
from tests.conftest import make_staff
from tests.factories import make_dash_item, make_theme
from voice.accounts.models import Role
from voice.dashboards import summary
from voice.db import db


def _data(app: Flask) -> None:
    with app.app_context():
        waiting = make_theme(slug="waiting-times", name="Waiting times")
        speech = make_theme(slug="speech-language", name="Speech and language")
        for _ in range(6):
            make_dash_item(text="=The wait is too long", themes=(waiting,))
            make_dash_item(
                text="Lovely therapist",
                source_group=SourceGroup.PARENT_CARER,
                channel=Channel.FORM,
                sentiment="positive",
                score=0.5,
                themes=(speech, waiting),
            )
        make_dash_item(source_group=SourceGroup.SCHOOL, themes=(speech,), sentiment="mixed")
        summary.catch_up()
        db.session.commit()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_dashboard_pages_with_data_have_no_serious_axe_violations_when_viewed(
    app: Flask, live_server: str, signed_in_page: Callable[..., Page], language: str
) -> None:
    _data(app)
    page = signed_in_page(Role.STRATEGY_LEAD)
    for path in (
        "/dashboard/",
        "/dashboard/?audience=parent_carer&sentiment=positive",
        "/dashboard/themes/waiting-times",
        "/dashboard/themes/waiting-times?order=negative",
        "/dashboard/evidence-pack",
    ):
        page.goto(f"{live_server}{path}{'&' if '?' in path else '?'}lang={language}")
        assert axe_violations(page) == [], path


def test_filters_work_by_keyboard_when_javascript_is_off(
    app: Flask, live_server: str, page_factory: Callable[..., Page]
) -> None:
    _data(app)
    page = page_factory(javascript=False, width=320)
    sign_in_page(page, live_server, make_staff(app, Role.STRATEGY_LEAD))
    page.goto(f"{live_server}/dashboard/")
    assert page.locator("h1").inner_text() == "Feedback dashboard"
    page.locator("summary", has_text="Filter this view").focus()
    page.keyboard.press("Enter")
    page.get_by_label("Audience", exact=True).select_option("parent_carer")
    page.get_by_role("button", name="Apply filters").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**audience=parent_carer**")
    assert "6 voices from" in page.locator(".govuk-body-l").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
