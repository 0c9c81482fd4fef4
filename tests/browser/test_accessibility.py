from collections.abc import Callable

import pytest
from flask import Flask
from playwright.sync_api import Page

from surveys.builder import close_survey
from surveys.models import QuestionType, Survey
from tests.browser.conftest import axe_violations
from tests.browser.pages import PAGES, PageCheck
from tests.factories import make_survey
from voice.db import db


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("check", PAGES, ids=[p.name for p in PAGES])
def test_page_has_no_serious_axe_violations_when_viewed(
    check: PageCheck,
    language: str,
    app: Flask,
    page: Page,
    live_server: str,
    signed_in_page: Callable[..., Page],
) -> None:
    if check.roles is not None:
        page = signed_in_page(*check.roles)
    path = check.path
    if check.answering:
        with app.app_context():
            survey_id = make_survey(kinds=tuple(QuestionType)).id
        page.goto(f"{live_server}/s/{survey_id}?lang={language}")
        page.locator("main form button[type=submit]").click()
        page.wait_for_url(f"**/s/{survey_id}/questions/1")
        if check.closed:
            with app.app_context():
                close_survey(db.session.get(Survey, survey_id))
                db.session.commit()
        path = path.format(survey=survey_id)
    response = page.goto(f"{live_server}{path}{'&' if '?' in path else '?'}lang={language}")
    assert response is not None
    assert response.status == check.status, path
    assert page.locator("html").get_attribute("lang") == language
    if check.submit_empty:
        page.locator("main form button[type=submit], main form input[type=submit]").last.click()
        page.wait_for_load_state()
        assert page.title().startswith("Error: ") or language != "en"
        assert page.locator(".govuk-error-summary").is_visible()
    assert axe_violations(page) == []
