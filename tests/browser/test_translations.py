"""Translation pages and a public card with an untranslated part, in a real browser: axe in
English and Arabic, no sideways scroll at 320 px, and screenshots to look at."""

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Page

from tests.browser.conftest import axe_violations, sign_in_page
from tests.conftest import make_staff
from tests.factories import make_action, make_statement, make_theme
from voice.accounts.models import Role
from voice.content_translations import importing
from voice.content_translations.files import Row
from voice.content_translations.registry import kind_named
from voice.content_translations.store import save_translation
from voice.db import db

SHOTS = Path(os.environ.get("VOICE_SCREENSHOTS") or Path(tempfile.gettempdir()) / "voice-shots")


def _card_half_translated(app: Flask) -> dict[str, int]:
    """A published card whose statement is in Arabic and whose action is not."""
    with app.app_context():
        action = make_action(title="Weekly drop-in", impact="Waits fell by a month.")
        statement = make_statement(themes=(make_theme(),), actions=(action,), published=True)
        kind = kind_named("statement")
        for name, text in (
            ("summary", "قالت العائلات إن انتظار علاج النطق طويل جدًا."),
            ("easy_read_summary", "قلتم إنكم تنتظرون علاج النطق وقتًا طويلًا."),
        ):
            save_translation(
                kind=kind,
                object_id=statement.id,
                name=name,
                language="ar",
                text=text,
                english=getattr(statement, name),
                by_id=None,
            )
        db.session.commit()
        return {"statement": statement.id, "action": action.id}


def _no_sideways_scroll(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("width", [1024, 320])
def test_arabic_card_with_english_part_passes_axe_and_reads_left_to_right(
    app: Flask, live_server: str, page_factory: Callable[..., Page], width: int
) -> None:
    _card_half_translated(app)
    page = page_factory(width=width)
    for path in ("/you-said-we-did", "/you-said-we-did/easy-read"):
        page.goto(f"{live_server}{path}?lang=ar")
        assert axe_violations(page) == [], path
        assert _no_sideways_scroll(page), path
        heading = page.locator("h4[lang=en]", has_text="Weekly drop-in")
        assert heading.evaluate("element => getComputedStyle(element).direction") == "ltr"
        assert page.locator("p[dir=rtl], html[dir=rtl]").count() >= 1
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"you-said-ar-untranslated-{width}.png"), full_page=True)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_translation_pages_pass_axe(
    app: Flask, live_server: str, page: Page, language: str
) -> None:
    ids = _card_half_translated(app)
    user = make_staff(app, Role.ADMIN, Role.STRATEGY_LEAD)
    sign_in_page(page, live_server, user)
    with app.app_context():
        pending = importing.store_import(
            language="pl",
            file_name="pl.xlsx",
            rows=[
                Row(f"action/{ids['action']}/title", "Weekly drop-in", "Spotkania"),
                Row("action/999/title", "Gone", "Nie ma"),
            ],
            by_id=user.id,
        )
        db.session.commit()
        preview = f"/translations/import/{pending.id}"
    SHOTS.mkdir(parents=True, exist_ok=True)
    for path in (
        "/translations",
        "/translations/ar",
        f"/translations/ar/action/{ids['action']}",
        "/translations/import",
        preview,
        f"/tracker/statements/{ids['statement']}",
    ):
        page.goto(f"{live_server}{path}?lang={language}")
        assert axe_violations(page) == [], path
        name = path.strip("/").replace("/", "-") or "home"
        page.screenshot(path=str(SHOTS / f"{name}-{language}.png"), full_page=True)
