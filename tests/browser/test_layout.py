from collections.abc import Callable

from flask import Flask
from playwright.sync_api import Page

from tests.conftest import make_staff
from tests.factories import TEST_PASSWORD
from voice.accounts.models import Role


def test_staff_sign_in_by_keyboard_alone_when_javascript_is_off(
    app: Flask, page_factory: Callable[..., Page], live_server: str
) -> None:
    user = make_staff(app, Role.FACILITATOR, email="keys@example.org")
    page = page_factory(javascript=False)
    page.goto(f"{live_server}/sign-in")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # the skip link moved the starting point into the main content
    assert page.evaluate("document.activeElement.id") == "email"
    page.keyboard.type(user.email)
    page.keyboard.press("Tab")
    page.keyboard.type(TEST_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/staff*")
    assert "Hello, Test Person" in page.inner_text("h1")


def test_pages_do_not_scroll_sideways_when_the_screen_is_320_pixels_wide(
    page_factory: Callable[..., Page], live_server: str
) -> None:
    page = page_factory(width=320)
    for path in ["/", "/sign-in", "/privacy", "/?lang=ar"]:
        page.goto(f"{live_server}{path}")
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= 320, path


def test_language_switcher_mirrors_the_page_when_arabic_is_chosen(
    page: Page, live_server: str
) -> None:
    page.goto(f"{live_server}/")
    page.get_by_role("link", name="العربية").click()
    assert page.locator("html").get_attribute("dir") == "rtl"
    heading_box = page.locator("h1").bounding_box()
    assert heading_box is not None
    # Right-aligned: the heading text sits against the right edge of the column.
    assert page.evaluate("getComputedStyle(document.querySelector('h1')).textAlign") == "right"
