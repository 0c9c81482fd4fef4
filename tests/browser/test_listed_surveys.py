"""A way in for everyone, in a real browser: the surveys listed for young people on the home page
and Tell us what you think (axe, 320 px, Arabic, easy read, no JavaScript), and the survey's
share link and QR code on its builder page."""

from collections.abc import Callable

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

from surveys.types import QuestionType
from tests.browser.conftest import axe_violations
from tests.factories import make_survey
from voice.accounts.models import Role
from voice.db import db


@pytest.fixture
def survey_id(app: Flask) -> int:
    with app.app_context():
        survey = make_survey(title="Short breaks", kinds=(QuestionType.YES_NO,))
        survey.listed = True
        db.session.commit()
        return survey.id


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("path", ["/", "/tell-us"])
def test_listed_survey_is_a_big_link_that_passes_axe_when_shown_at_320px(
    page_factory: Callable[..., Page], live_server: str, survey_id: int, path: str, language: str
) -> None:
    page = page_factory(width=320)
    for easy in ("0", "1"):
        page.goto(f"{live_server}{path}?lang={language}&easy={easy}")
        where = f"{path} {language} easy={easy}"
        link = page.locator(f"main a[href='/s/{survey_id}']")
        expect(link).to_contain_text(f"Short breaks {'easy ' if easy == '1' else ''}({language})")
        expect(link.locator("img")).to_have_count(1 if easy == "1" else 0)
        box = link.bounding_box()
        assert box is not None
        assert box["height"] >= 44, where
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, where
        assert axe_violations(page) == [], where


def test_listed_survey_leads_to_its_start_page_when_tapped_without_javascript(
    page_factory: Callable[..., Page], live_server: str, survey_id: int
) -> None:
    page = page_factory(javascript=False, width=320)
    page.goto(f"{live_server}/?lang=ar&easy=1")
    page.locator(f"main a[href='/s/{survey_id}']").click()
    page.wait_for_url(f"**/s/{survey_id}")
    expect(page.locator("main h1")).to_contain_text("Short breaks easy (ar)")


def test_survey_page_shows_its_share_link_and_qr_code_when_staff_open_it(
    signed_in_page: Callable[..., Page], live_server: str, survey_id: int
) -> None:
    page = signed_in_page(Role.FACILITATOR)
    page.goto(f"{live_server}/staff/surveys/{survey_id}")
    link = page.locator("#share-link")
    expect(link).to_have_text(f"{live_server}/s/{survey_id}")
    qr = page.locator(".voice-qr svg")
    expect(qr).to_be_visible()
    assert qr.get_attribute("role") == "img" or qr.locator("title").count() == 1
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the QR code as a picture (PNG)").click()
    assert download.value.suggested_filename == f"survey-{survey_id}-qr-code.png"
    assert axe_violations(page) == []
