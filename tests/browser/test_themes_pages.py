"""Themes pages in a real browser: axe on pages needing data, the review screen by keyboard."""

from collections.abc import Callable

import pytest
from flask import Flask
from playwright.sync_api import Page
from sqlalchemy import select

from tests.browser.conftest import axe_violations, sign_in_page
from tests.conftest import make_staff
from tests.factories import make_tagged_item
from themes import review
from themes.models import ItemAnalysis, SafeguardingFlag, Theme
from voice.accounts.models import Role
from voice.db import db


def _item(app: Flask, text: str) -> int:
    with app.app_context():
        return make_tagged_item(text=text).id


@pytest.mark.parametrize("language", ["en", "ar"])
def test_review_item_and_edit_pages_have_no_serious_axe_violations_when_viewed(
    app: Flask, live_server: str, signed_in_page: Callable[..., Page], language: str
) -> None:
    item_id = _item(app, "We waited a year for the wheelchair service and the bus is late")
    with app.app_context():
        theme_id = db.session.scalar(select(Theme.id).where(Theme.slug == "transport"))
    page = signed_in_page(Role.STRATEGY_LEAD, Role.ADMIN)
    for path in (
        f"/themes/review/{item_id}",
        f"/themes/items/{item_id}",
        f"/themes/codebook/{theme_id}",
    ):
        page.goto(f"{live_server}{path}?lang={language}")
        assert axe_violations(page) == [], path


def test_flag_page_has_no_serious_axe_violations_when_a_lead_submits_it_empty(
    app: Flask, live_server: str, signed_in_page: Callable[..., Page]
) -> None:
    _item(app, "My dad hits me and I am scared to go home")
    with app.app_context():
        flag_id = db.session.scalar(select(SafeguardingFlag.id))
    page = signed_in_page(Role.SAFEGUARDING_LEAD)
    page.goto(f"{live_server}/themes/safeguarding")
    assert axe_violations(page) == []
    page.goto(f"{live_server}/themes/safeguarding/{flag_id}")
    page.get_by_role("button", name="Close the flag").click()
    assert page.title().startswith("Error: ")
    assert axe_violations(page) == []


def _transport_box(app: Flask, page: Page) -> str:
    with app.app_context():
        theme_id = db.session.scalar(select(Theme.id).where(Theme.slug == "transport"))
    return f"#theme-{theme_id}"


def test_themes_are_changed_and_saved_by_keys_alone_when_javascript_is_on(
    app: Flask, live_server: str, page: Page
) -> None:
    item_id = _item(app, "The bus is always late")
    sign_in_page(page, live_server, make_staff(app, Role.STRATEGY_LEAD))
    page.goto(f"{live_server}/themes/review/{item_id}")
    transport = page.locator(_transport_box(app, page))
    assert transport.is_checked()
    page.keyboard.press(transport.get_attribute("data-key"))
    assert not transport.is_checked()
    page.keyboard.press("1")
    page.keyboard.press("Enter")
    page.get_by_text("Themes saved.").wait_for()
    with app.app_context():
        slugs = review.item_slugs(item_id)
        first = db.session.scalar(select(Theme.slug).order_by(Theme.active.desc(), Theme.name))
    assert "transport" not in slugs
    assert first in slugs


def test_review_is_saved_by_tab_and_space_when_javascript_is_off(
    app: Flask, live_server: str, page_factory: Callable[..., Page]
) -> None:
    item_id = _item(app, "The bus is always late")
    page = page_factory(javascript=False)
    sign_in_page(page, live_server, make_staff(app, Role.STRATEGY_LEAD))
    page.goto(f"{live_server}/themes/review/{item_id}")
    page.locator(_transport_box(app, page)).focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Save and go to the next comment").focus()
    page.keyboard.press("Enter")
    page.get_by_text("Themes saved.").wait_for()
    with app.app_context():
        assert "transport" not in review.item_slugs(item_id)
        analysis = db.session.scalar(select(ItemAnalysis).where(ItemAnalysis.item_id == item_id))
        assert analysis.reviewed_at is not None


@pytest.mark.parametrize("language", ["en", "ar"])
def test_raising_a_flag_by_hand_passes_axe_and_reaches_the_queue_when_a_lead_is_worried(
    app: Flask, live_server: str, signed_in_page: Callable[..., Page], language: str
) -> None:
    item_id = _item(app, "The taxi escort shouts at him and he is frightened")
    page = signed_in_page(Role.STRATEGY_LEAD, Role.SAFEGUARDING_LEAD)
    page.goto(f"{live_server}/themes/items/{item_id}?lang={language}")
    page.locator(f"a[href='/themes/items/{item_id}/raise-flag']").click()
    assert axe_violations(page) == []
    with page.expect_navigation():  # the title is empty until the new page has loaded
        page.locator("form button[type=submit], form input[type=submit]").last.click()
    assert page.title().startswith(("Error: ", "خطأ:"))
    assert axe_violations(page) == []
    page.locator("textarea").fill("Sounds frightening; please check with the family")
    page.locator("form button[type=submit], form input[type=submit]").last.click()
    page.goto(f"{live_server}/themes/safeguarding?lang={language}")
    assert "taxi escort" in page.content()
    assert axe_violations(page) == []
    page.locator("a[href^='/themes/safeguarding/']").first.click()
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
