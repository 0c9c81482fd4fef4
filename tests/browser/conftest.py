"""A live server in a thread and Debian's Chromium driven by Playwright (never a downloaded one).

Every test here is marked `browser`: `pytest -m "not browser"` runs the fast part alone."""

import os
import shutil
import threading
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

import pytest
from babel.support import Translations
from flask import Flask
from playwright.sync_api import Browser, Page, sync_playwright
from werkzeug.serving import make_server

from tests.conftest import make_staff, sign_in_session
from tests.factories import TEST_PASSWORD
from voice.accounts.models import Role, User

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TRANSLATIONS = Path(__file__).resolve().parents[2] / "translations"
AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
HERE = Path(__file__).resolve().parent
_SERVED: dict[str, Flask] = {}  # the app behind live_server, for minting session cookies
_SIGNED_IN_BY_FORM: set[frozenset[Role]] = set()  # sets of roles that have used the form


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def live_server(app: Flask) -> Iterator[str]:
    _SERVED["app"] = app
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        message = f"Chromium not found at {CHROMIUM}: install it with `apt-get install chromium`"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page_factory(browser: Browser) -> Iterator[Callable[..., Page]]:
    contexts = []

    def new_page(*, javascript: bool = True, width: int = 1024, locale: str = "en-GB") -> Page:
        # bypass_csp lets the test inject axe-core; the app's own pages never need it.
        context = browser.new_context(
            java_script_enabled=javascript,
            viewport={"width": width, "height": 800},
            locale=locale,
            bypass_csp=True,
        )
        contexts.append(context)
        return context.new_page()

    yield new_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(page_factory: Callable[..., Page]) -> Page:
    return page_factory()


def sign_in_page(page: Page, live_server: str, user: User) -> None:
    """Sign the page's browser in as `user`. The first time a set of roles signs in this
    session it goes through the sign-in form; after that the browser is given the session
    cookie the form would have set (test_layout.py and tests/voice/test_accounts.py test the
    sign-in itself)."""
    if user.roles not in _SIGNED_IN_BY_FORM:
        page.goto(f"{live_server}/sign-in")
        page.fill("#email", user.email)
        page.fill("#password", TEST_PASSWORD)
        page.keyboard.press("Enter")
        page.wait_for_url("**/staff*")
        _SIGNED_IN_BY_FORM.add(user.roles)
        return
    app = _SERVED["app"]
    client = app.test_client()
    sign_in_session(client, user)
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    assert cookie is not None
    page.context.add_cookies(
        [
            {
                "name": cookie.key,
                "value": cookie.value,
                "url": live_server,
                "httpOnly": True,
                "sameSite": "Lax",
            }
        ]
    )


@pytest.fixture
def signed_in_page(app: Flask, page: Page, live_server: str) -> Callable[..., Page]:
    def sign_in(*roles: Role) -> Page:
        sign_in_page(page, live_server, make_staff(app, *roles))
        return page

    return sign_in


def in_language(text: str, language: str) -> str:
    """What a person reading `language` sees for the English `text` (for finding controls)."""
    return _translations(language).gettext(text)


@cache
def _translations(language: str) -> Translations:
    return Translations.load(str(TRANSLATIONS), [language])


def axe_violations(page: Page) -> list[dict]:
    """Serious and critical axe-core violations against WCAG 2.0/2.1/2.2 A and AA."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag', values:
        ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"""
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "targets": [node["target"] for node in v["nodes"]][:5],
        }
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
