"""Priority rounds in a real browser: axe on the tablet pages (English and Arabic, standard and
easy read), the results and the staff pages; a young person finishing by keyboard alone, and
with JavaScript off at 320 px; the tablet forgetting one person before the next."""

import secrets
from collections.abc import Callable

import pytest
from flask import Flask
from playwright.sync_api import Page, expect
from sqlalchemy import select

from tests.browser.conftest import axe_violations, in_language
from tests.rounds.helpers import make_round, make_round_session
from voice.accounts.models import Role
from voice.db import db, utcnow
from voice.tracker.rounds import tablet
from voice.tracker.rounds.models import RoundBallot, RoundSession

CHOOSE_BUTTON = "main form[action$='/round'] button[type=submit]"
SEND_BUTTON = "main form[action$='/round/send'] button[type=submit]"
NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


def _running_round(app: Flask, *, people: int = 0) -> tuple[int, int, str, list[int]]:
    """An open round of four cards on one group's tablets, with `people` choices already sent:
    (round id, session id, join code, card ids)."""
    with app.app_context():
        made = make_round()
        opened = make_round_session(made)
        cards = [card.id for card in made.live_cards]
        for person in range(people):
            tablet.send_choices(
                opened,
                key=secrets.token_urlsafe(24),
                card_ids=[cards[0], cards[1 + person % 3]],
                reason="",
                language="en",
                easy_read=False,
            )
        db.session.commit()
        return made.id, opened.id, opened.code, cards


def _ballots(app: Flask) -> list[list[int]]:
    with app.app_context():
        return [
            sorted(choice.card_id for choice in ballot.choices)
            for ballot in db.session.scalars(select(RoundBallot).order_by(RoundBallot.id))
        ]


def _tab_to(page: Page, selector: str, *, most: int = 40) -> None:
    """Press Tab until the element `selector` names has the focus."""
    for _press in range(most):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def _choose_page(page: Page, live_server: str, code: str, query: str = "") -> None:
    page.goto(f"{live_server}/round/join/{code}")
    page.goto(f"{live_server}/round{query}")


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("easy", ["0", "1"])
def test_tablet_pages_have_no_serious_axe_violations_when_viewed(
    app: Flask, live_server: str, page: Page, language: str, easy: str
) -> None:
    _, session_id, code, _ = _running_round(app)
    query = f"?lang={language}&easy={easy}"
    _choose_page(page, live_server, code, query)
    violations = {"choose": axe_violations(page)}
    page.locator(CHOOSE_BUTTON).click()  # nothing chosen: the error summary
    assert page.title().startswith(in_language("Error:", language) + " ")
    violations["choose, nothing chosen"] = axe_violations(page)
    page.locator("label.voice-choice__label").nth(0).click()
    page.locator("label.voice-choice__label").nth(2).click()
    page.locator(CHOOSE_BUTTON).click()
    page.wait_for_url("**/round/why*")
    violations["why"] = axe_violations(page)
    page.locator(SEND_BUTTON).click()
    page.wait_for_url("**/round/thank-you*")
    violations["thank you"] = axe_violations(page)
    with app.app_context():
        tablet.close_round_session(db.session.get(RoundSession, session_id))
        db.session.commit()
    response = page.goto(f"{live_server}/round{query}")
    assert response is not None
    assert response.status == 410
    violations["closed"] = axe_violations(page)
    assert violations == dict.fromkeys(violations, [])


@pytest.mark.parametrize("language", ["en", "ar"])
def test_staff_round_pages_and_results_have_no_serious_axe_violations_when_viewed(
    app: Flask, live_server: str, signed_in_page: Callable[..., Page], language: str
) -> None:
    round_id, session_id, _, _ = _running_round(app, people=8)
    page = signed_in_page(Role.STRATEGY_LEAD)
    violations = {}
    for path in (
        "/tracker/rounds",
        f"/tracker/rounds/{round_id}",
        f"/tracker/rounds/{round_id}/results",
        "/tracker/round-sessions",
        f"/tracker/round-sessions/{session_id}",
    ):
        response = page.goto(f"{live_server}{path}?lang={language}")
        assert response is not None
        assert response.status == 200, path
        violations[path] = axe_violations(page)
    assert violations == dict.fromkeys(violations, [])


def test_young_person_finishes_a_round_by_keyboard_alone(
    app: Flask, live_server: str, page: Page
) -> None:
    _, _, code, cards = _running_round(app)
    _choose_page(page, live_server, code)
    page.keyboard.press("Tab")  # the first stop is the skip link, "Skip to the cards"
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to the cards"
    page.keyboard.press("Enter")
    _tab_to(page, "input#answer")
    page.keyboard.press("Space")
    _tab_to(page, "input#answer-3")
    page.keyboard.press("Space")
    expect(page.locator("input#answer")).to_be_checked()
    expect(page.locator("input#answer-3")).to_be_checked()
    _tab_to(page, CHOOSE_BUTTON)
    page.keyboard.press("Enter")
    page.wait_for_url("**/round/why")
    _tab_to(page, "textarea#reason")
    page.keyboard.type("The bus never comes")
    _tab_to(page, SEND_BUTTON)
    page.keyboard.press("Enter")
    page.wait_for_url("**/round/thank-you")
    expect(page.locator("h1")).to_have_text("Thank you")
    assert _ballots(app) == [sorted([cards[0], cards[2]])]


def test_young_person_finishes_a_round_when_javascript_is_off_at_320px(
    app: Flask, live_server: str, page_factory: Callable[..., Page]
) -> None:
    _, _, code, cards = _running_round(app)
    page = page_factory(javascript=False, width=320)
    _choose_page(page, live_server, code, "?easy=1")
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    for label in page.locator("label.voice-choice__label").all():
        box = label.bounding_box()
        assert box is not None
        assert box["width"] >= 44
        assert box["height"] >= 44
    page.locator("label[for=answer-2]").click()
    page.locator("label[for=answer-4]").click()
    page.locator(CHOOSE_BUTTON).click()
    page.wait_for_url("**/round/why")
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    for target in ("a.voice-tool", SEND_BUTTON):
        box = page.locator(target).first.bounding_box()
        assert box is not None
        assert box["height"] >= 44, target
    page.locator(SEND_BUTTON).click()
    page.wait_for_url("**/round/thank-you")
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    assert _ballots(app) == [sorted([cards[1], cards[3]])]


@pytest.mark.parametrize(("language", "picture_first"), [("en", True), ("ar", False)])
def test_chosen_cards_show_their_picture_before_their_words_mirrored_when_right_to_left(
    app: Flask,
    live_server: str,
    page_factory: Callable[..., Page],
    language: str,
    picture_first: bool,
) -> None:
    _, _, code, _ = _running_round(app)
    for width in (320, 1280):
        page = page_factory(width=width)
        _choose_page(page, live_server, code, f"?lang={language}&easy=1")
        page.locator("label.voice-choice__label").nth(1).click()
        page.locator(CHOOSE_BUTTON).click()
        page.wait_for_url("**/round/why*")
        assert page.evaluate(NO_SIDEWAYS_SCROLL), width
        item = page.locator(".voice-round-chosen li").first
        picture = item.locator("img").bounding_box()
        words = item.locator("span").bounding_box()
        assert picture is not None
        assert words is not None
        # Side by side on one line, the picture first in the reading direction.
        assert abs((picture["y"] + picture["height"] / 2) - (words["y"] + words["height"] / 2)) < 20
        assert (picture["x"] < words["x"]) is picture_first, width


def test_results_page_does_not_scroll_sideways_at_320px_in_arabic(
    app: Flask, live_server: str, signed_in_page: Callable[..., Page]
) -> None:
    round_id, _, _, _ = _running_round(app, people=6)
    page = signed_in_page(Role.STRATEGY_LEAD)
    page.set_viewport_size({"width": 320, "height": 800})
    for language in ("en", "ar"):
        page.goto(f"{live_server}/tracker/rounds/{round_id}/results?lang={language}")
        assert page.evaluate(NO_SIDEWAYS_SCROLL), language


def test_next_person_finds_no_choices_when_the_last_one_pressed_start_again(
    app: Flask, live_server: str, page: Page
) -> None:
    _, _, code, _ = _running_round(app)
    _choose_page(page, live_server, code)
    page.locator("label[for=answer]").click()
    page.locator(CHOOSE_BUTTON).click()
    page.wait_for_url("**/round/why")
    page.fill("textarea#reason", "my secret reason")
    page.get_by_role("button", name="Start again for the next person").click()
    page.wait_for_url(f"{live_server}/round")
    expect(page.locator("input[name=answer]:checked")).to_have_count(0)
    page.goto(f"{live_server}/round/why")  # the last person's page is gone too
    assert page.url == f"{live_server}/round"
    assert "my secret reason" not in page.content()
    assert _ballots(app) == []


def test_tablet_starts_again_for_the_next_person_after_thank_you_and_when_left_idle(
    app: Flask, live_server: str, page: Page, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(app.config, "KIOSK_IDLE_SECONDS", 2)
    _, _, code, _ = _running_round(app)
    _choose_page(page, live_server, code)
    page.locator("label[for=answer]").click()
    page.locator(CHOOSE_BUTTON).click()
    page.wait_for_url("**/round/why")
    page.locator(SEND_BUTTON).click()
    page.wait_for_url("**/round/thank-you")
    page.wait_for_url(f"{live_server}/round", timeout=20000)  # the kiosk resets
    expect(page.locator("input[name=answer]:checked")).to_have_count(0)
    page.locator("label[for=answer-2]").click()  # the next person starts, then walks away
    with page.expect_navigation(timeout=15000):
        expect(page.get_by_role("alertdialog", name="Are you still there?")).to_be_visible(
            timeout=6000
        )
    page.wait_for_load_state()
    assert page.url == f"{live_server}/round"
    expect(page.locator("input[name=answer]:checked")).to_have_count(0)
    assert len(_ballots(app)) == 1


@pytest.mark.parametrize("language", ["en", "ar"])
def test_pages_telling_what_young_people_ranked_have_no_serious_axe_violations_when_viewed(
    app: Flask, live_server: str, signed_in_page: Callable[..., Page], language: str
) -> None:
    """The dashboard's rounds panel, the evidence pack and the Local Offer report with a round
    big enough to show."""
    _running_round(app, people=8)
    page = signed_in_page(Role.STRATEGY_LEAD)
    violations = {}
    for path in (
        "/dashboard/",
        "/dashboard/evidence-pack",
        f"/you-said-we-did/local-offer-report/{utcnow().year}",
    ):
        response = page.goto(f"{live_server}{path}?lang={language}")
        assert response is not None
        assert response.status == 200, path
        assert page.locator("#coproduction-title, #young-people-title, #latest-round-title").count()
        violations[path] = axe_violations(page)
    assert violations == dict.fromkeys(violations, [])
