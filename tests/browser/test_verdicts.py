""" "Did it work for you?" on the public cards, in a real browser: axe in English and Arabic,
standard and easy read, with the form and with the counts; JavaScript off at 320 px; by keyboard
alone."""

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from flask import Flask
from playwright.sync_api import Page
from sqlalchemy import select

from surveys.models import FeedbackItem, FeedbackLabel
from surveys.types import SourceGroup
from tests.browser.conftest import axe_violations, in_language
from tests.factories import make_action, make_statement, make_voice
from voice.db import db
from voice.tracker import verdicts
from voice.tracker.types import ActionStatus
from voice.tracker.verdicts import Verdict, VerdictFace

PAGES = ("/you-said-we-did", "/you-said-we-did/easy-read")


def _card(app: Flask, *, answers: dict[VerdictFace, int] | None = None) -> int:
    """A published card, with `answers` already given by other browsers."""
    with app.app_context():
        item = make_voice(source_group=SourceGroup.PARENT_CARER, text="The wait is long")
        action = make_action(status=ActionStatus.DONE, impact="31 weeks → 18 weeks")
        statement = make_statement(actions=(action,), items=(item,), published=True)
        number = 0
        for face, count in (answers or {}).items():
            for _ in range(count):
                verdicts.record_verdict(statement.id, f"other-browser-{number:05d}", face, "", "en")
                number += 1
        db.session.commit()
        return statement.id


def _report_path() -> str:
    return f"/you-said-we-did/local-offer-report/{datetime.now(UTC).year}"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_cards_with_the_form_and_counts_have_no_serious_axe_violations_when_viewed(
    app: Flask, live_server: str, page: Page, language: str
) -> None:
    _card(app)
    _card(app, answers={VerdictFace.BETTER: 20, VerdictFace.SAME: 8, VerdictFace.WORSE: 3})
    _card(app, answers={VerdictFace.BETTER: 5, VerdictFace.WORSE: 1})  # a part hidden
    for path in (*PAGES, _report_path()):
        page.goto(f"{live_server}{path}?lang={language}")
        assert page.locator("form.voice-verdict").count() == 3, path
        assert page.locator(".voice-verdict__counts").count() == 2, path
        assert axe_violations(page) == [], path


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_answer_page_with_an_error_has_no_serious_axe_violations_when_sent_empty(
    app: Flask, live_server: str, page: Page, language: str
) -> None:
    statement_id = _card(app)
    page.goto(f"{live_server}/you-said-we-did/{statement_id}/verdict?lang={language}")
    assert axe_violations(page) == []
    with page.expect_navigation():
        page.locator("form.voice-verdict button[type=submit]").click()
    assert page.locator(".govuk-error-summary").count() == 1
    assert page.title().startswith(in_language("Error:", language))
    assert page.locator(".govuk-error-summary").is_visible()
    assert axe_violations(page) == []


@pytest.mark.parametrize("path", [*PAGES, "report"])
@pytest.mark.parametrize("language", ["en", "ar"])
def test_faces_are_big_and_nothing_scrolls_sideways_at_320px_when_javascript_is_off(
    app: Flask, live_server: str, page_factory: Callable[..., Page], path: str, language: str
) -> None:
    _card(app, answers={VerdictFace.BETTER: 20, VerdictFace.SAME: 8, VerdictFace.WORSE: 3})
    page = page_factory(javascript=False, width=320)
    page.goto(f"{live_server}{_report_path() if path == 'report' else path}?lang={language}")
    # The report's wide table scrolls in its own box, so no page scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    faces = page.locator("form.voice-verdict .voice-choice__label")
    assert faces.count() == 3
    for index in range(3):
        box = faces.nth(index).bounding_box()
        assert box is not None
        assert box["width"] >= 44, (index, box)
        assert box["height"] >= 44, (index, box)
        assert box["x"] >= 0, (index, box)
        assert box["x"] + box["width"] <= 320, (index, box)
    button = page.locator("form.voice-verdict button[type=submit]").bounding_box()
    assert button is not None
    assert button["height"] >= 44


def _tab_to(page: Page, selector: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"Tab never reached {selector}")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_family_answers_by_keyboard_alone_when_javascript_is_off(
    app: Flask, live_server: str, page_factory: Callable[..., Page], language: str
) -> None:
    statement_id = _card(app)
    page = page_factory(javascript=False, width=320)
    page.goto(f"{live_server}/you-said-we-did/easy-read?lang={language}")
    _tab_to(page, "form.voice-verdict input[name=face]")
    page.keyboard.press("Space")  # the first face: Better
    page.keyboard.press("ArrowDown")  # then the second: The same
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "sentence"
    page.keyboard.type("The new waiting list letter was clear")
    _tab_to(page, "form.voice-verdict button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(f"/you-said-we-did/easy-read?lang={language}#statement-{statement_id}")
    told = in_language("You told us: %(answer)s. You can change your answer.", language)
    answer = in_language("The same", language)
    assert page.get_by_text(told % {"answer": answer}).is_visible()
    assert page.locator("input[name=face][value=same]").is_checked()
    with app.app_context():
        assert list(db.session.execute(select(Verdict.statement_id, Verdict.face))) == [
            (statement_id, VerdictFace.SAME)
        ]
        item_id = db.session.scalars(select(Verdict.feedback_item_id)).one()
        item = db.session.get(FeedbackItem, item_id)
        assert item is not None
        assert item.language == language
        labels = db.session.scalars(
            select(FeedbackLabel.label).where(FeedbackLabel.feedback_item_id == item_id)
        )
        assert list(labels) == [verdicts.SENTENCE_LABEL]
