from collections.abc import Callable

import pytest
from flask import Flask
from playwright.sync_api import Page

from surveys.builder import close_survey
from surveys.models import Survey
from surveys.types import QuestionType
from tests.browser.conftest import axe_violations, in_language
from tests.browser.pages import PAGES, PageCheck
from tests.factories import make_survey
from voice.db import db

# What runs where. tests/voice/test_page_structure.py takes every page in PAGES through the
# Flask test client in all four languages (status, one h1, title, unique ids, lang and dir,
# and the error state of every form). Here axe-core runs in Chromium, in English and Arabic,
# on every page of PAGES except these, each of a kind already checked by axe in the browser
# (the reason says where). Every respondent page and every page posted empty stay here, and a
# page added to PAGES is checked here until someone lists it below.
COVERED_ELSEWHERE = {
    "sign in": "its form is checked here with its errors showing (sign in with errors)",
    "join a group session": "its form is checked here with its errors showing",
    "accessibility statement": "a page of prose, like the privacy notice",
    "deletions on request": "a staff table, like people",
    "access log": "a staff table, like people",
    "tagger quality": "a staff table, like people",
    "tracker gaps": "a staff table, like people",
    "themes review, nothing to review": "a staff list, like all feedback",
    "proxy entries": "a staff list, like all feedback",
    "surveys": "a staff list, like all feedback",
    "group sessions on tablets": "a staff list, like all feedback",
    "safeguarding queue": "test_themes_pages.py, with a flag in it",
    "you said, we did": "test_tracker_pages.py, with cards",
    "you said, we did in easy read": "test_tracker_pages.py, with cards",
    "local offer report": "test_tracker_pages.py, with cards",
    "tracker overview": "test_tracker_pages.py, with an action and a statement",
    "tracker our groups": "test_tracker_pages.py, with a group session",
    "priority round tablets": "test_rounds.py, with an open round and a group's session",
    "contact email withdrawal": "a problem page, like the bad unsubscribe link",
    "contact email withdrawn": "a confirmation, like the survey thank you page",
    "tell us what you think": "the same choices as its easy read version, checked here",
    "parent carer feedback form": "test_intake.py walks the parent carer form",
    "parent carer feedback form, easy read": "test_intake.py walks the parent carer form",
    "school feedback form": "test_intake.py walks the school form in easy read",
    "school feedback form, easy read": "test_intake.py walks the school form in easy read",
    "imports": "test_intake.py, with an import in progress and one finished",
    "dashboard overview": "test_dashboards.py, with data",
    "dashboard evidence pack": "test_dashboards.py, with data",
}
AXE_PAGES = [check for check in PAGES if check.name not in COVERED_ELSEWHERE]


def test_pages_left_to_other_checks_are_pages_without_a_form_error_or_a_respondent() -> None:
    by_name = {check.name: check for check in PAGES}
    assert set(COVERED_ELSEWHERE) <= set(by_name)
    kept_here = [
        name for name in COVERED_ELSEWHERE if by_name[name].submit_empty or by_name[name].answering
    ]
    assert kept_here == []


@pytest.mark.parametrize("check", AXE_PAGES, ids=[p.name for p in AXE_PAGES])
def test_page_has_no_serious_axe_violations_when_viewed_in_english_and_arabic(
    check: PageCheck,
    app: Flask,
    page: Page,
    live_server: str,
    signed_in_page: Callable[..., Page],
) -> None:
    # Both languages in one browser: one sign-in and one survey in progress serve the two.
    if check.roles is not None:
        page = signed_in_page(*check.roles)
    path = check.path
    if check.answering:
        with app.app_context():
            survey_id = make_survey(kinds=tuple(QuestionType)).id
        page.goto(f"{live_server}/s/{survey_id}")
        page.locator("main form button[type=submit]").click()
        page.wait_for_url(f"**/s/{survey_id}/questions/1")
        if check.closed:
            with app.app_context():
                close_survey(db.session.get(Survey, survey_id))
                db.session.commit()
        path = path.format(survey=survey_id)
    violations = {}
    for language in ("en", "ar"):
        url = f"{live_server}{path}{'&' if '?' in path else '?'}lang={language}"
        response = page.goto(url)
        assert response is not None
        assert response.status == check.status, url
        assert page.locator("html").get_attribute("lang") == language
        if check.submit_empty:
            with page.expect_navigation():
                submit = "main form button[type=submit], main form input[type=submit]"
                page.locator(submit).last.click()
            assert page.title().startswith(in_language("Error:", language) + " "), url
            assert page.locator(".govuk-error-summary").is_visible(), url
        violations[language] = axe_violations(page)
    assert violations == {"en": [], "ar": []}
