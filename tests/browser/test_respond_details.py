"""Small things on the respondent pages: the first answer two key presses away, Read aloud only
where it can work, the character count in the page's language, phone numbers kept in order."""

from collections.abc import Callable

from flask import Flask
from playwright.sync_api import Page, expect

from surveys.types import QuestionType
from tests.browser.conftest import in_language
from tests.factories import make_survey


def _started(
    app: Flask, page: Page, live_server: str, kind: QuestionType, lang: str = "en"
) -> None:
    with app.app_context():
        survey_id = make_survey(kinds=(kind,)).id
    page.goto(f"{live_server}/s/{survey_id}?lang={lang}")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/questions/1")


def test_first_answer_has_focus_when_tab_then_enter_is_pressed(
    app: Flask, page: Page, live_server: str
) -> None:
    _started(app, page, live_server, QuestionType.EMOJI)
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to the answers")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#answer")).to_be_focused()
    page.keyboard.press("Space")
    expect(page.locator("#answer")).to_be_checked()


def test_read_aloud_is_hidden_when_javascript_is_off(
    app: Flask, page_factory: Callable[..., Page], live_server: str
) -> None:
    page = page_factory(javascript=False)
    _started(app, page, live_server, QuestionType.YES_NO)
    expect(page.locator("[data-read-aloud-button]")).to_be_hidden()


def test_character_count_speaks_the_page_language_when_in_welsh(
    app: Flask, page: Page, live_server: str
) -> None:
    _started(app, page, live_server, QuestionType.FREE_TEXT, "cy")
    page.fill("textarea#answer", "a")
    message = page.locator(".govuk-character-count__status")
    expect(message).to_contain_text("Mae gennych 1")
    expect(message).to_contain_text("999 nod ar ôl")
    assert "remaining" not in page.locator("main").inner_text()


def test_childline_number_reads_left_to_right_when_in_arabic(
    app: Flask, page: Page, live_server: str
) -> None:
    _started(app, page, live_server, QuestionType.YES_NO, "ar")
    number = page.locator(".voice-safety bdi", has_text="0800 1111")
    expect(number).to_have_attribute("dir", "ltr")
    assert in_language("Stop reading", "ar") != "Stop reading"
