"""A shared tablet forgets: however a young person leaves, the next person in the same browser
finds nothing of theirs, by Back or by opening the answer pages."""

from collections.abc import Callable

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

from surveys.types import QuestionType
from tests.factories import make_kiosk_session, make_survey

SECRET = "my secret worry about the bus"


def _kiosk_survey(app: Flask, code: str) -> int:
    with app.app_context():
        survey = make_survey(
            title="Youth voice", kinds=(QuestionType.FREE_TEXT, QuestionType.YES_NO)
        )
        make_kiosk_session(survey=survey, code=code)
        return survey.id


def _type_the_secret(page: Page, live_server: str, code: str) -> None:
    page.goto(f"{live_server}/join/{code}")
    page.get_by_role("button", name="Start", exact=True).click()
    page.fill("textarea#answer", SECRET)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/questions/2")
    page.locator("label[for=answer]").click()


def _assert_nothing_left(page: Page, live_server: str, survey_id: int) -> None:
    start = f"{live_server}/s/{survey_id}"
    assert page.url == start
    assert SECRET not in page.content()
    for _step in range(4):
        if page.go_back() is None:
            break
        page.wait_for_load_state()
        assert SECRET not in page.content(), page.url
        assert page.locator("textarea").count() == 0 or page.input_value("textarea") == ""
    for path in ("/check", "/questions/1", "/questions/2"):
        page.goto(f"{start}{path}")
        assert page.url == start, path
        assert SECRET not in page.content(), path


def test_next_person_finds_nothing_when_the_last_one_pressed_exit_this_page(
    app: Flask, page: Page, live_server: str
) -> None:
    survey_id = _kiosk_survey(app, "EXT21")
    _type_the_secret(page, live_server, "EXT21")
    page.get_by_role("button", name="Exit this page").click()
    page.wait_for_url(f"{live_server}/s/{survey_id}")
    _assert_nothing_left(page, live_server, survey_id)


def test_next_person_finds_nothing_when_the_last_one_pressed_shift_three_times(
    app: Flask, page: Page, live_server: str
) -> None:
    survey_id = _kiosk_survey(app, "SHF21")
    _type_the_secret(page, live_server, "SHF21")
    for _press in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(f"{live_server}/s/{survey_id}")
    _assert_nothing_left(page, live_server, survey_id)


def test_next_person_finds_nothing_when_the_last_one_pressed_start_again(
    app: Flask, page: Page, live_server: str
) -> None:
    survey_id = _kiosk_survey(app, "AGN21")
    _type_the_secret(page, live_server, "AGN21")
    page.get_by_role("button", name="Start again for the next person").click()
    page.wait_for_url(f"{live_server}/s/{survey_id}")
    _assert_nothing_left(page, live_server, survey_id)


def test_next_person_finds_nothing_when_start_again_is_pressed_without_javascript(
    app: Flask, page_factory: Callable[..., Page], live_server: str
) -> None:
    page = page_factory(javascript=False)
    survey_id = _kiosk_survey(app, "NJS21")
    _type_the_secret(page, live_server, "NJS21")
    page.get_by_role("button", name="Start again for the next person").click()
    page.wait_for_url(f"{live_server}/s/{survey_id}")
    _assert_nothing_left(page, live_server, survey_id)


def test_next_person_finds_nothing_when_the_last_one_finished_online(
    app: Flask, page: Page, live_server: str
) -> None:
    survey_id = _kiosk_survey(app, "FIN21")
    _type_the_secret(page, live_server, "FIN21")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/check")
    expect(page.get_by_text(SECRET)).to_be_visible()
    page.get_by_role("button", name="Send my answers").click()
    page.wait_for_url(f"**/s/{survey_id}/thank-you")
    assert SECRET not in page.content()
    page.wait_for_url(f"{live_server}/s/{survey_id}", timeout=20000)  # the kiosk resets
    _assert_nothing_left(page, live_server, survey_id)


def test_next_person_finds_nothing_when_the_tablet_was_left_idle(
    app: Flask, page: Page, live_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(app.config, "KIOSK_IDLE_SECONDS", 2)
    survey_id = _kiosk_survey(app, "IDL21")
    _type_the_secret(page, live_server, "IDL21")
    dialog = page.get_by_role("alertdialog", name="Are you still there?")
    expect(dialog).to_be_visible(timeout=6000)
    still_here = page.get_by_role("button", name="I'm still here")
    expect(still_here).to_be_focused()
    expect(still_here).to_be_in_viewport()
    page.wait_for_url(f"{live_server}/s/{survey_id}", timeout=12000)
    _assert_nothing_left(page, live_server, survey_id)


def test_idle_warning_goes_away_when_im_still_here_is_pressed(
    app: Flask, page: Page, live_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(app.config, "KIOSK_IDLE_SECONDS", 2)
    _kiosk_survey(app, "STL21")
    _type_the_secret(page, live_server, "STL21")
    page.get_by_role("button", name="I'm still here").click(timeout=6000)
    expect(page.get_by_role("alertdialog")).to_be_hidden()
    assert page.url.endswith("/questions/2")


def test_respondent_pages_are_never_stored_when_sent(
    app: Flask, page: Page, live_server: str
) -> None:
    survey_id = _kiosk_survey(app, "NST21")
    page.goto(f"{live_server}/join/NST21")
    with page.expect_response(f"{live_server}/s/{survey_id}/questions/1") as question:
        page.get_by_role("button", name="Start", exact=True).click()
    assert question.value.headers["cache-control"] == "no-store"
    response = page.goto(f"{live_server}/s/{survey_id}")
    assert response is not None
    assert response.headers["cache-control"] == "no-store"


def test_next_person_finds_nothing_when_the_last_one_finished_offline(
    app: Flask, page: Page, live_server: str
) -> None:
    survey_id = _kiosk_survey(app, "OFF21")
    _type_the_secret(page, live_server, "OFF21")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/check")
    page.context.set_offline(True)
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("Saved. It will send when the wifi is back.")).to_be_visible()
    assert SECRET not in page.locator("body").inner_text()
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.wait_for_function("localStorage.getItem('voice-outbox') === '[]'")
    page.wait_for_url(f"{live_server}/s/{survey_id}", timeout=20000)  # the kiosk resets
    _assert_nothing_left(page, live_server, survey_id)
