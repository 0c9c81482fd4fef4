"""The builder's OpenMoji symbol search in a real browser: axe in English and Arabic at 320 and
1280 px, then a symbol found and chosen by keyboard with JavaScript off, drawn on the respondent
page within the page-weight budget (screenshots go to SCREENSHOTS, if set)."""

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Page

from surveys.types import QuestionType
from tests.browser.conftest import axe_violations, in_language, sign_in_page
from tests.browser.test_surveys import PAGE_BUDGET, _weigh, _weight
from tests.conftest import make_staff
from tests.factories import make_survey
from voice.accounts.models import Role

SCREENSHOTS = os.environ.get("SCREENSHOTS")


def _question_path(app: Flask) -> tuple[int, str]:
    with app.app_context():
        survey = make_survey(kinds=(QuestionType.PICTURE,))
        return survey.id, f"/staff/surveys/{survey.id}/questions/{survey.questions[0].id}/symbols"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_symbol_search_passes_axe_and_fits_the_screen_in_english_and_arabic(
    app: Flask, live_server: str, page_factory: Callable[..., Page], language: str
) -> None:
    _survey_id, path = _question_path(app)
    staff = make_staff(app, Role.FACILITATOR)
    for width in (320, 1280):
        page = page_factory(width=width)
        sign_in_page(page, live_server, staff)
        page.goto(f"{live_server}{path}?lang={language}")
        page.fill("#q", "school")
        page.get_by_role("button", name=in_language("Search", language), exact=True).click()
        page.wait_for_url("**q=school*")
        assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        assert page.locator("input[name=symbol]").count() > 0
        assert axe_violations(page) == [], (language, width)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        _shot(page, f"symbols-{language}-{width}")
    page.get_by_role("button", name=in_language("Use this symbol", language)).click()
    page.wait_for_load_state()
    assert page.locator("#symbol-error").is_visible()
    assert axe_violations(page) == [], (language, "errors")
    _shot(page, f"symbols-{language}-errors")


def test_symbol_is_chosen_by_keyboard_without_javascript_and_drawn_within_the_budget(
    app: Flask, live_server: str, page_factory: Callable[..., Page]
) -> None:
    survey_id, path = _question_path(app)
    page = page_factory(javascript=False, width=320)
    sign_in_page(page, live_server, make_staff(app, Role.FACILITATOR))
    page.goto(f"{live_server}{path}")
    page.locator("#q").focus()
    page.keyboard.type("bus")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=bus*")
    page.get_by_label("bus", exact=True).check()
    page.get_by_label("Beside the question").check()
    page.get_by_role("button", name="Use this symbol").press("Enter")
    page.wait_for_url(lambda url: "/symbols" not in url)
    assert "The bus symbol is now used in this question." in page.inner_text("main")

    child = page_factory(javascript=False)
    loaded = _weigh(child)
    child.goto(f"{live_server}/s/{survey_id}")
    child.get_by_role("button", name="Start", exact=True).click()
    child.wait_for_url("**/questions/1")
    loaded.clear()
    child.reload()
    assert child.locator("img[src$='/openmoji/1F68C.svg']").is_visible()
    assert "Symbols from OpenMoji (openmoji.org), licensed CC BY-SA 4.0" in child.inner_text("main")
    assert _weight(child, loaded) < PAGE_BUDGET


def _shot(page: Page, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)
