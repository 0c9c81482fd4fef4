from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import axe_violations
from tests.browser.pages import PAGES, PageCheck


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("check", PAGES, ids=[p.name for p in PAGES])
def test_page_has_no_serious_axe_violations_when_viewed(
    check: PageCheck,
    language: str,
    page: Page,
    live_server: str,
    signed_in_page: Callable[..., Page],
) -> None:
    if check.roles is not None:
        page = signed_in_page(*check.roles)
    page.goto(f"{live_server}{check.path}?lang={language}")
    assert page.locator("html").get_attribute("lang") == language
    if check.submit_empty:
        page.locator("main form button[type=submit], main form input[type=submit]").last.click()
        page.wait_for_load_state()
        assert page.title().startswith("Error: ") or language != "en"
        assert page.locator(".govuk-error-summary").is_visible()
    assert axe_violations(page) == []
