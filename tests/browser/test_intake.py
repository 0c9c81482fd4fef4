"""Proxy entry by keyboard, the import pages, and the feedback forms without JavaScript and
through axe."""

import time
from collections.abc import Callable

import pytest
from flask import Flask
from playwright.sync_api import Page
from sqlalchemy import select

from surveys.models import FeedbackItem, ImportStatus, ProxyEntry
from tests.browser.conftest import axe_violations
from tests.conftest import make_staff
from tests.factories import make_import_job
from voice.accounts.models import Role
from voice.db import db

CSV = b"Comment,Date,Who\nGood,01/02/2026,parent\n,01/02/2026,parent\nLate bus,bad,school\n"
MAPPING = {
    "text": 0,
    "date": 1,
    "audience": 2,
    "setting": None,
    "labels": [],
    "default_audience": None,
    "language": "en",
}


def tab_to(page: Page, element_id: str, limit: int = 40) -> None:
    for _ in range(limit):
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    pytest.fail(f"Tab never reached #{element_id}")


def test_rep_enters_ten_views_in_under_two_minutes_when_using_only_the_keyboard(
    app: Flask,
    live_server: str,
    signed_in_page: Callable[..., Page],
) -> None:
    page = signed_in_page(Role.FORUM_REP)
    started = time.monotonic()
    page.goto(f"{live_server}/proxy")
    tab_to(page, "text")
    page.keyboard.type("Nobody told us about short breaks until a year in")
    tab_to(page, "on_behalf_of")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.type("Coffee morning, Oak Lodge")
    tab_to(page, "submit")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    for number in range(2, 11):
        tab_to(page, "text")
        page.keyboard.type(f"View {number} from the coffee morning")
        tab_to(page, "submit")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "View saved" in page.locator(".govuk-notification-banner").inner_text()
    elapsed = time.monotonic() - started
    assert elapsed < 120
    with app.app_context():
        entries = db.session.scalars(select(ProxyEntry)).all()
        assert len(entries) == 10
        assert {e.gathered_at for e in entries} == {"Coffee morning, Oak Lodge"}


@pytest.mark.parametrize("language", ["en", "ar"])
def test_import_preview_and_progress_have_no_serious_axe_violations_when_viewed(
    app: Flask,
    live_server: str,
    signed_in_page: Callable[..., Page],
    language: str,
) -> None:
    owner = make_staff(app, Role.FORUM_REP, email="rep-with-import@example.org")
    with app.app_context():
        preview = make_import_job(created_by=db.session.merge(owner), data=CSV, mapping=MAPPING)
        finished = make_import_job(
            created_by=db.session.merge(owner), data=CSV, filename="done.csv", mapping=MAPPING
        )
        finished.status, finished.imported_rows, finished.rejected_rows = (ImportStatus.DONE, 1, 2)
        db.session.commit()
        preview_id, finished_id = preview.id, finished.id
    page = signed_in_page(Role.STRATEGY_LEAD)
    for path in (f"/imports/{preview_id}/preview", f"/imports/{finished_id}", "/imports"):
        page.goto(f"{live_server}{path}?lang={language}")
        assert axe_violations(page) == [], path
    page.goto(f"{live_server}/imports/{preview_id}/preview?lang={language}")
    assert page.get_by_test_id("rejected-rows").inner_text() == "2"
    page.select_option("#text_column", "0")
    page.select_option("#date_column", "0")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.locator(".govuk-error-summary").is_visible()
    assert axe_violations(page) == []


def _submit(page: Page) -> None:
    before = page.url
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url(lambda url: url != before)


def test_feedback_form_sends_when_javascript_is_off_and_the_screen_is_narrow(
    app: Flask,
    live_server: str,
    page_factory: Callable[..., Page],
) -> None:
    page = page_factory(javascript=False, width=320)
    page.goto(f"{live_server}/tell-us/parent-carers")
    assert "/s/" in page.url  # the standing form on the survey respondent pages
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    _submit(page)
    for number in (1, 2, 3, 5, 6, 7, 8):  # 4 only follows "Something else", not ticked here
        assert f"/questions/{number}" in page.url
        if number == 2:
            page.fill("#answer", "Nobody returns my calls about the EHC plan")
        elif number == 7:
            page.locator("label[for=answer-2]").click()  # no, do not quote me
        elif number != 8:  # the email is left empty
            page.locator("label[for=answer-skip]").click()
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        _submit(page)
    assert page.url.endswith("/check")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    _submit(page)
    assert page.locator("h1").inner_text() == "Thank you"
    with app.app_context():
        (item,) = db.session.scalars(select(FeedbackItem)).all()
        assert (item.original_text, item.channel.value, item.consent_to_quote) == (
            "Nobody returns my calls about the EHC plan",
            "form",
            False,
        )


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("path", ["/tell-us/parent-carers", "/tell-us/schools/easy-read"])
def test_feedback_form_pages_pass_axe_when_walked_through(
    app: Flask, page: Page, live_server: str, language: str, path: str
) -> None:
    page.goto(f"{live_server}{path}?lang={language}")
    assert page.locator("html").get_attribute("lang") == language
    assert axe_violations(page) == [], page.url
    _submit(page)
    for number in (1, 2, 3, 5, 6, 7, 8):  # the first service is chosen, so 4 is not asked
        assert f"/questions/{number}" in page.url
        assert axe_violations(page) == [], page.url
        if number == 8:
            page.fill("#answer", "not an email address")
            page.locator("main form button[type=submit]").last.click()
            page.wait_for_load_state()
            assert page.locator(".govuk-error-summary").is_visible()
            assert page.locator("#answer-error").is_visible()
            assert axe_violations(page) == [], "email error"
            page.fill("#answer", "carer@example.org")
        elif page.locator("textarea#answer").count():
            page.fill("textarea#answer", "The short breaks are good")
        else:
            page.locator("label[for=answer]").click()
        _submit(page)
    assert axe_violations(page) == [], page.url
    _submit(page)
    assert "/thank-you" in page.url
    assert axe_violations(page) == [], page.url
    withdraw = page.locator("a[href*='/tell-us/contact/']")
    assert withdraw.count() == 1
    withdraw.click()
    page.wait_for_url("**/tell-us/contact/**")
    assert axe_violations(page) == [], page.url
