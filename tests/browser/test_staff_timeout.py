"""The warning before the staff idle limit: typed work stays, "Stay signed in" renews the
session without reloading, and without JavaScript nothing changes."""

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations, sign_in_page
from tests.conftest import make_staff
from voice.accounts.models import Role

# Twelve seconds; the warning shows six seconds before the end, time enough for axe to run.
IDLE_MINUTES = 0.2
FORM = "/tracker/actions/new"
TYPED = "Families told us the wait for speech therapy is too long"
SHOTS = os.environ.get("VOICE_SCREENSHOTS")  # a folder: screenshots of the dialog go there


@pytest.fixture
def short_idle(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(app.config, "STAFF_IDLE_MINUTES", IDLE_MINUTES)


def _session_works(page: Page) -> bool:
    status = page.evaluate(
        "async () => (await fetch('/staff', {redirect: 'manual', credentials: 'same-origin'}))"
        ".status"
    )
    return status == 200


def _open_form_and_type(app: Flask, page: Page, live_server: str) -> float:
    sign_in_page(page, live_server, make_staff(app, Role.STRATEGY_LEAD))
    page.goto(f"{live_server}{FORM}")
    loaded = time.monotonic()
    field = page.locator("main input[type=text], main textarea").first
    field.fill(TYPED)
    field.focus()
    return loaded


def test_staying_signed_in_keeps_what_was_typed_and_renews_the_session(
    app: Flask, page: Page, live_server: str, short_idle: None
) -> None:
    loaded = _open_form_and_type(app, page, live_server)
    dialog = page.get_by_role("dialog", name="You will be signed out in 6 seconds")
    expect(dialog).to_be_visible(timeout=10_000)
    assert page.evaluate("document.activeElement.textContent.trim()") == "Stay signed in"
    assert axe_violations(page) == []
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / "staff-timeout.png"))
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    field = page.locator("main input[type=text], main textarea").first
    expect(field).to_have_value(TYPED)
    # Focus is back where the person was typing (read from the page: headless Chromium's
    # window never has the system focus that Playwright's to_be_focused also asks for).
    page.wait_for_function("document.activeElement && document.activeElement.id === 'title'")
    # Past the moment the session would have ended without the renewal, it still works.
    time.sleep(max(0.0, loaded + IDLE_MINUTES * 60 + 0.5 - time.monotonic()))
    assert _session_works(page)
    expect(field).to_have_value(TYPED)


def test_the_page_says_so_and_keeps_what_was_typed_when_the_session_runs_out(
    app: Flask, page: Page, live_server: str, short_idle: None
) -> None:
    _open_form_and_type(app, page, live_server)
    ended = page.get_by_role("dialog", name="You have been signed out")
    expect(ended).to_be_visible(timeout=20_000)
    assert not _session_works(page)
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / "staff-timeout-ended.png"))
    page.get_by_role("button", name="Close and copy what I typed").click()
    expect(ended).to_be_hidden()
    expect(page.locator("main input[type=text], main textarea").first).to_have_value(TYPED)


def test_nothing_appears_when_javascript_is_off(
    app: Flask, page_factory: Callable[..., Page], live_server: str, short_idle: None
) -> None:
    page = page_factory(javascript=False)
    sign_in_page(page, live_server, make_staff(app, Role.STRATEGY_LEAD))
    page.goto(f"{live_server}{FORM}")
    time.sleep(4)
    expect(page.locator("#staff-timeout")).to_be_hidden()
    assert page.locator("h1").is_visible()
