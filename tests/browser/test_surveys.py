"""Respondent pages in a real browser: axe, page weight, keyboard, no JavaScript, Arabic,
the offline queue with the network cut, and the kiosk reset."""

import re
from collections.abc import Callable

import pytest
from flask import Flask
from playwright.sync_api import Page, Response, expect
from sqlalchemy import func, select

from surveys.models import FeedbackItem, KioskSession, SurveyResponse
from surveys.types import QuestionType
from tests.browser.conftest import axe_violations, in_language
from tests.factories import make_kiosk_session, make_survey
from voice.accounts.models import Role
from voice.db import db

KINDS = (
    QuestionType.EMOJI,
    QuestionType.PICTURE,
    QuestionType.YES_NO,
    QuestionType.MULTIPLE,
    QuestionType.FREE_TEXT,
    QuestionType.RATING,
)
PAGE_BUDGET = 100 * 1024


def _survey(app: Flask, code: str | None = None) -> int:
    with app.app_context():
        survey = make_survey(title="Youth voice", kinds=KINDS)
        if code:
            make_kiosk_session(survey=survey, code=code)
        return survey.id


def _stored(app: Flask) -> tuple[int, int]:
    with app.app_context():
        responses = db.session.scalar(select(func.count(SurveyResponse.id)))
        items = db.session.scalar(select(func.count(FeedbackItem.id)))
        db.session.remove()
        return responses, items


def _weigh(page: Page) -> list[Response]:
    """Every response from now on, with the browser cache off so each page loads in full."""
    page.context.new_cdp_session(page).send("Network.setCacheDisabled", {"cacheDisabled": True})
    seen: list[Response] = []
    page.on("response", lambda response: seen.append(response))
    return seen


def _weight(page: Page, seen: list[Response]) -> int:
    """Bytes over the wire (compressed bodies and headers) for the page just loaded."""
    page.wait_for_load_state("networkidle")
    total = 0
    for response in seen:
        sizes = response.request.sizes()
        total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
    seen.clear()
    return total


def _answer_by_clicking(page: Page, language: str = "en") -> None:
    page.get_by_role("button", name=in_language("Start", language), exact=True).click()
    _answer_questions(page, language)


def _answer_questions(page: Page, language: str = "en") -> None:
    for _number in range(6):
        if page.locator("textarea#answer").count():
            page.fill("textarea#answer", "More help while we wait")
        else:
            page.locator("label[for=answer]").click()
        page.get_by_role("button", name=in_language("Continue", language)).click()


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("easy", ["0", "1"])
def test_respondent_pages_stay_within_budget_when_a_survey_is_answered(
    app: Flask, page: Page, live_server: str, language: str, easy: str
) -> None:
    survey_id = _survey(app)
    loaded = _weigh(page)
    page.goto(f"{live_server}/s/{survey_id}?lang={language}&easy={easy}")
    seen = []
    for _step in range(9):
        assert page.locator("html").get_attribute("lang") == language
        assert _weight(page, loaded) < PAGE_BUDGET, page.url
        loaded.clear()
        seen.append(page.url)
        if "/thank-you" in page.url:
            break
        if page.locator("textarea#answer").count():
            page.fill("textarea#answer", "ok")
        elif page.locator("label[for=answer]").count():
            page.locator("label[for=answer]").click()
        before = page.url
        page.locator("main form button[type=submit]").last.click()
        page.wait_for_url(lambda url, before=before: url != before)
    assert "/thank-you" in seen[-1]


def test_error_page_passes_axe_when_no_answer_is_chosen(
    app: Flask, page: Page, live_server: str
) -> None:
    survey_id = _survey(app)
    page.goto(f"{live_server}/s/{survey_id}?lang=ar")
    page.locator("main form button[type=submit]").click()
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert page.title().startswith(in_language("Error:", "ar") + " ")
    assert axe_violations(page) == []


def test_young_person_finishes_by_keyboard_only_when_using_tab_space_and_enter(
    app: Flask, page: Page, live_server: str
) -> None:
    survey_id = _survey(app)
    page.goto(f"{live_server}/s/{survey_id}")
    page.locator("main form button[type=submit]").focus()
    page.keyboard.press("Enter")
    for _number in range(6):
        page.wait_for_selector("#answer")
        page.locator("#answer").focus()
        if page.locator("textarea#answer").count():
            page.keyboard.type("Typed with the keyboard")
        else:
            page.keyboard.press("Space")
        page.keyboard.press("Tab")
        while page.evaluate("document.activeElement.type") != "submit":
            page.keyboard.press("Tab")
        page.keyboard.press("Enter")
    page.wait_for_url(f"**/s/{survey_id}/check")
    page.get_by_role("button", name="Send my answers").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/s/{survey_id}/thank-you")
    assert _stored(app) == (1, 1)


def test_text_gets_bigger_without_reloading_when_bigger_text_is_pressed(
    app: Flask, page: Page, live_server: str
) -> None:
    survey_id = _survey(app)
    page.goto(f"{live_server}/s/{survey_id}")
    page.get_by_role("button", name="Start", exact=True).click()
    heading = page.locator("h1")
    before = heading.evaluate("element => parseFloat(getComputedStyle(element).fontSize)")
    page.evaluate("window.stillThisPage = true")
    with page.expect_response(f"{live_server}/s/text-size") as sent:
        page.get_by_role("button", name="Bigger text").click()
    assert sent.value.status == 204
    expect(page.locator("html")).to_have_class(re.compile("voice-text-large"))
    expect(page.get_by_role("button", name="Smaller text")).to_be_visible()
    assert page.evaluate("window.stillThisPage") is True
    after = heading.evaluate("element => parseFloat(getComputedStyle(element).fontSize)")
    assert after > before
    page.locator("label[for=answer]").click()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"**/s/{survey_id}/questions/2")
    expect(page.locator("html")).to_have_class(re.compile("voice-text-large"))


def test_young_person_finishes_with_javascript_off_when_in_arabic(
    app: Flask, page_factory: Callable[..., Page], live_server: str
) -> None:
    page = page_factory(javascript=False, width=320)
    survey_id = _survey(app)
    page.goto(f"{live_server}/s/{survey_id}?lang=ar")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.get_by_role("button", name=in_language("Bigger text", "ar")).click()
    expect(page.locator("html")).to_have_class(re.compile("voice-text-large"))
    _answer_by_clicking(page, "ar")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.get_by_role("button", name=in_language("Send my answers", "ar")).click()
    page.wait_for_url(f"**/s/{survey_id}/thank-you")
    assert _stored(app) == (1, 1)


def test_response_is_queued_and_sent_once_when_the_network_comes_back(
    app: Flask, page: Page, live_server: str
) -> None:
    survey_id = _survey(app)
    page.goto(f"{live_server}/s/{survey_id}")
    _answer_by_clicking(page)
    page.wait_for_url(f"**/s/{survey_id}/check")
    page.context.set_offline(True)
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("Saved. It will send when the wifi is back.")).to_be_visible()
    assert _stored(app) == (0, 0)
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.wait_for_function("localStorage.getItem('voice-outbox') === '[]'")
    assert _stored(app) == (1, 1)
    page.reload()  # flushes any leftovers again: the idempotency key keeps it single
    page.wait_for_timeout(500)
    assert _stored(app) == (1, 1)


def test_tablet_returns_to_a_fresh_start_when_left_idle_in_a_kiosk_session(
    app: Flask, page: Page, live_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(app.config, "KIOSK_IDLE_SECONDS", 2)
    survey_id = _survey(app, code="IDL34")
    page.goto(f"{live_server}/join/IDL34")
    page.get_by_role("button", name="Start", exact=True).click()
    page.wait_for_selector("#answer")
    page.locator("label[for=answer]").click()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/questions/2")
    expect(page.get_by_text("Are you still there?")).to_be_visible(timeout=6000)
    page.wait_for_url(f"{live_server}/s/{survey_id}", timeout=12000)
    page.goto(f"{live_server}/s/{survey_id}/questions/1")
    assert page.url == f"{live_server}/s/{survey_id}"  # no answers left for the next person


@pytest.mark.parametrize("language", ["en", "ar"])
def test_builder_and_facilitator_pages_pass_axe_when_a_survey_exists(
    app: Flask, signed_in_page: Callable[..., Page], live_server: str, language: str
) -> None:
    with app.app_context():
        survey = make_survey(title="Youth voice", kinds=KINDS)
        kiosk = make_kiosk_session(survey=survey, code="AXE37")
        survey_id, question_id, kiosk_id = survey.id, survey.questions[1].id, kiosk.id
    page = signed_in_page(Role.FACILITATOR)
    for path in (
        f"/staff/surveys/{survey_id}",
        f"/staff/surveys/{survey_id}/settings",
        f"/staff/surveys/{survey_id}/wording",
        f"/staff/surveys/{survey_id}/questions/{question_id}",
        f"/staff/surveys/{survey_id}/questions/new",
        f"/staff/kiosk/{kiosk_id}",
    ):
        page.goto(f"{live_server}{path}?lang={language}")
        assert axe_violations(page) == [], path
    page.goto(f"{live_server}/staff/surveys/{survey_id}/questions/new?lang={language}")
    page.locator("main form button[type=submit], main form input[type=submit]").last.click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert axe_violations(page) == []


def test_count_updates_without_reload_when_a_tablet_sends_a_response(
    app: Flask,
    signed_in_page: Callable[..., Page],
    page_factory: Callable[..., Page],
    live_server: str,
) -> None:
    survey_id = _survey(app, code="CNT47")
    with app.app_context():
        kiosk_id = db.session.scalar(select(KioskSession.id))
    staff = signed_in_page(Role.FACILITATOR)
    staff.set_viewport_size({"width": 320, "height": 800})
    staff.goto(f"{live_server}/staff/kiosk/{kiosk_id}")
    expect(staff.get_by_text("0 responses so far")).to_be_visible()
    # The join address wraps on a phone-sized screen instead of pushing the page sideways.
    assert staff.evaluate("document.documentElement.scrollWidth") <= 320
    tablet = page_factory(javascript=False)
    tablet.goto(f"{live_server}/join/CNT47")
    tablet.get_by_role("button", name="Start", exact=True).click()
    _answer_questions(tablet)
    tablet.get_by_role("button", name="Send my answers").click()
    tablet.wait_for_url(f"**/s/{survey_id}/thank-you")
    expect(staff.get_by_text("1 response so far")).to_be_visible(timeout=12000)


def test_start_page_still_shows_when_the_wifi_drops_after_it_was_opened(
    app: Flask, page: Page, live_server: str
) -> None:
    survey_id = _survey(app)
    page.goto(f"{live_server}/s/{survey_id}")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()  # now controlled by the worker, which keeps a copy
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    page.context.set_offline(True)
    page.goto(f"{live_server}/s/{survey_id}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Youth voice (en)")
    page.context.set_offline(False)


def test_starter_words_go_into_the_box_when_a_sentence_starter_is_tapped(
    app: Flask, page: Page, live_server: str
) -> None:
    with app.app_context():
        survey_id = make_survey(kinds=(QuestionType.FREE_TEXT,)).id
    page.goto(f"{live_server}/s/{survey_id}")
    page.get_by_role("button", name="Start", exact=True).click()
    page.get_by_role("button", name="It would help me if…").click()
    expect(page.locator("textarea#answer")).to_have_value("It would help me if ")
