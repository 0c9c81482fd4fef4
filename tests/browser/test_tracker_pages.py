"""Tracker and "You said, we did" pages with data, in a real browser."""

from collections.abc import Callable

import pytest
from flask import Flask
from playwright.sync_api import Page

from surveys.types import SourceGroup
from tests.browser.conftest import axe_violations
from tests.factories import make_action, make_statement, make_theme, make_voice
from voice.accounts.models import Role
from voice.db import db
from voice.tracker import actions, quotes, statements
from voice.tracker.types import ActionStatus


def _published(app: Flask) -> tuple[int, int]:
    with app.app_context():
        theme = make_theme()
        item = make_voice(source_group=SourceGroup.YOUNG_PERSON, themes=(theme,))
        action = make_action(status=ActionStatus.DONE, impact="31 weeks → 18 weeks")
        actions.add_coproduction(
            action,
            who="Young people's panel",
            how="A workshop",
            happened_on=action.created_at.date(),
            what_changed="Pictures on the leaflet",
        )
        statement = make_statement(themes=(theme,), actions=(action,), items=(item,))
        quotes.choose_quote(statement, item.id)
        statements.publish(statement, by_id=None)
        db.session.commit()
        return statement.id, action.id


def _unsubscribe_token(app: Flask) -> str:
    from voice.tracker.tasks import unsubscribe_serializer

    with app.app_context():
        return unsubscribe_serializer().dumps(1)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_public_pages_with_cards_have_no_serious_axe_violations_when_viewed(
    app: Flask, live_server: str, page: Page, language: str
) -> None:
    statement_id, _ = _published(app)
    for path in (
        "/you-said-we-did",
        "/you-said-we-did/easy-read",
        f"/you-said-we-did/{statement_id}/poster",
        "/you-said-we-did/local-offer-report/2026",
        f"/you-said-we-did/unsubscribe/{_unsubscribe_token(app)}",
    ):
        page.goto(f"{live_server}{path}?lang={language}")
        assert axe_violations(page) == [], path


@pytest.mark.parametrize("language", ["en", "ar"])
def test_staff_pages_with_data_have_no_serious_axe_violations_when_viewed(
    app: Flask, live_server: str, signed_in_page: Callable[..., Page], language: str
) -> None:
    statement_id, action_id = _published(app)
    page = signed_in_page(Role.STRATEGY_LEAD)
    for path in (
        f"/tracker/actions/{action_id}",
        f"/tracker/actions/{action_id}/edit",
        f"/tracker/actions/{action_id}/updates",
        f"/tracker/actions/{action_id}/coproduction",
        f"/tracker/statements/{statement_id}",
        f"/tracker/statements/{statement_id}/edit",
        "/tracker",
    ):
        page.goto(f"{live_server}{path}?lang={language}")
        assert axe_violations(page) == [], path


def test_public_filter_works_when_javascript_is_off_and_used_by_keyboard(
    app: Flask, live_server: str, page_factory: Callable[..., Page]
) -> None:
    _published(app)
    page = page_factory(javascript=False, width=320)
    page.goto(f"{live_server}/you-said-we-did")
    page.select_option("#audience", "school")
    page.locator("#audience").focus()
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "audience=school" in page.url
    assert page.locator(".voice-card").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_poster_fits_one_a4_page_when_printed(app: Flask, live_server: str, page: Page) -> None:
    statement_id, _ = _published(app)
    page.goto(f"{live_server}/you-said-we-did/{statement_id}/poster")
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    assert pages == 1


def test_group_pages_pass_axe_and_the_group_poster_fits_one_a4_page_when_printed(
    app: Flask, live_server: str, page: Page
) -> None:
    from tests.browser.conftest import sign_in_page
    from tests.conftest import make_staff
    from tests.tracker.test_groups import _group_view

    facilitator = make_staff(app, Role.FACILITATOR)
    kiosk_id = _group_view(app, facilitator.id)
    with app.app_context():
        make_statement(
            summary="Young people want more to do in the holidays " * 3,
            actions=(make_action(title="More holiday clubs", impact="12 new clubs"),),
            published=True,
        )
    sign_in_page(page, live_server, facilitator)
    for path in ("/tracker/our-groups", f"/tracker/our-groups/{kiosk_id}"):
        for language in ("en", "ar"):
            page.goto(f"{live_server}{path}?lang={language}")
            assert axe_violations(page) == [], path
    page.goto(f"{live_server}/tracker/our-groups/{kiosk_id}/poster")
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") == 1
