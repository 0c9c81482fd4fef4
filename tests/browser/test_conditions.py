"""Display conditions in a real browser: the parent carer form's conditional route with
JavaScript off at 320 px, and the builder's condition form through axe in English and Arabic
(screenshots at 320 and 1280 px go to SCREENSHOTS, if set, for a person to look at)."""

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Page
from sqlalchemy import select

from surveys.models import FeedbackLabel, SurveyResponse
from surveys.types import QuestionType
from tests.browser.conftest import axe_violations, in_language, sign_in_page
from tests.conftest import make_staff
from tests.factories import make_survey
from voice.accounts.models import Role
from voice.db import db

SCREENSHOTS = os.environ.get("SCREENSHOTS")


def _submit(page: Page) -> None:
    before = page.url
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url(lambda url: url != before)


def _progress(page: Page) -> str:
    return page.locator("#progress").inner_text()


@pytest.mark.parametrize("something_else", [True, False])
def test_other_service_is_asked_only_of_those_who_tick_it_when_javascript_is_off(
    app: Flask, live_server: str, page_factory: Callable[..., Page], something_else: bool
) -> None:
    page = page_factory(javascript=False, width=320)
    page.goto(f"{live_server}/tell-us/parent-carers")
    _submit(page)  # Start
    page.fill("#answer", "The new SENCo listens")
    _submit(page)
    page.locator("label[for=answer-skip]").click()
    _submit(page)
    assert "/questions/3" in page.url
    assert _progress(page) == "Question 3 of 7"
    page.get_by_label("Short breaks").check()
    if something_else:
        page.get_by_label("Something else").check()
    _submit(page)
    if something_else:
        assert "/questions/4" in page.url
        assert page.locator("h1").inner_text() == "Which other service?"
        assert _progress(page) == "Question 4 of 8"
        page.fill("#answer", "Portage")
        _submit(page)
    assert "/questions/5" in page.url
    assert _progress(page) == ("Question 5 of 8" if something_else else "Question 4 of 7")
    page.locator("a.govuk-back-link").click()  # Back skips a question not asked
    assert f"/questions/{4 if something_else else 3}" in page.url
    page.go_back()
    for _number in (5, 6):
        page.locator("label[for=answer-skip]").click()
        _submit(page)
    page.locator("label[for=answer-2]").click()  # do not quote
    _submit(page)
    _submit(page)  # no email
    assert page.url.endswith("/check")
    rows = page.locator(".govuk-summary-list__key").all_inner_texts()
    assert ("Which other service?" in rows) is something_else
    assert len(rows) == (8 if something_else else 7)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    _submit(page)
    assert page.locator("h1").inner_text() == "Thank you"
    with app.app_context():
        response = db.session.scalars(select(SurveyResponse)).one()
        assert len(response.answers) == (7 if something_else else 6)  # the email is not kept
        labels = set(db.session.scalars(select(FeedbackLabel.label)))
        assert ("service:Portage" in labels) is something_else
        assert "service:short-breaks" in labels


@pytest.mark.parametrize("language", ["en", "ar"])
def test_condition_form_passes_axe_and_fits_the_screen_when_staff_set_a_condition(
    app: Flask, live_server: str, page_factory: Callable[..., Page], language: str
) -> None:
    with app.app_context():
        survey = make_survey(
            kinds=(QuestionType.MULTIPLE, QuestionType.YES_NO, QuestionType.FREE_TEXT)
        )
        path = f"/staff/surveys/{survey.id}/questions/{survey.questions[2].id}/when-shown"
        survey_id = survey.id
    staff = make_staff(app, Role.FACILITATOR)
    for width in (320, 1280):
        page = page_factory(width=width)
        sign_in_page(page, live_server, staff)
        page.goto(f"{live_server}{path}?lang={language}")
        assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        assert axe_violations(page) == [], (language, width)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        _shot(page, f"condition-{language}-{width}")
    # Posted with nothing ticked: the messages beside the fields, then a condition saved.
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert page.locator(".govuk-error-summary").is_visible()
    assert page.locator("#values-error").is_visible()
    assert axe_violations(page) == [], (language, "errors")
    _shot(page, f"condition-{language}-errors")
    page.select_option("#source", label=page.locator("#source option").first.inner_text())
    page.get_by_role(
        "button", name=in_language("Show the answers of this question", language)
    ).click()
    page.wait_for_load_state()
    page.locator("#mode").check()
    page.locator("#values").check()
    page.get_by_role(
        "button", name=in_language("Save when to show this question", language)
    ).click()
    page.wait_for_url(f"**/staff/surveys/{survey_id}*")
    assert axe_violations(page) == [], (language, "survey page")
    _shot(page, f"condition-{language}-survey")


def _shot(page: Page, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)
