"""The poster's heading in a real browser."""

from flask import Flask
from playwright.sync_api import Page

from tests.browser.test_tracker_pages import _published


def test_poster_heading_uses_the_sans_serif_font_when_printed(
    app: Flask, live_server: str, page: Page
) -> None:
    statement_id, _ = _published(app)
    page.goto(f"{live_server}/you-said-we-did/{statement_id}/poster")
    family = page.eval_on_selector(".voice-poster__heading", "e => getComputedStyle(e).fontFamily")
    assert "sans-serif" in family
    assert family.split(",")[0].strip() == "system-ui"
