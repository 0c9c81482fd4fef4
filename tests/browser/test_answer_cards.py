"""Face, picture, yes / no / not sure and multiple choice answers drawn as cards, measured in a
real browser: the picture and the words inside the card, cards big enough, a row's cards the same
height; multiple choice cards answered by keyboard and without JavaScript."""

from collections.abc import Callable

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

from surveys.builder import add_question
from surveys.types import QuestionType
from tests.browser.conftest import in_language
from tests.factories import make_survey
from voice.db import db

WIDTHS = (320, 768, 1280)
OPTIONS = (
    ("Getting around", "Mynd o gwmpas", "التنقل من مكان إلى آخر", "bus"),
    ("With health and doctors", "Gydag iechyd a meddygon", "مع الصحة والأطباء", "doctor"),
    ("At home", "Gartref", "في البيت", "home"),
    ("At school", "Yn yr ysgol", "في المدرسة", "school"),
)
# Multiple choice: longer words, and one answer without a picture.
MANY = (
    ("Seeing friends", "Gweld ffrindiau", "رؤية الأصدقاء", "friends"),
    ("Sport and games", "Chwaraeon a gemau", "الرياضة والألعاب", "play"),
    ("Youth club", "Klub młodzieżowy", "نادي الشباب", "talk"),
    ("Something else that I like doing", "Rhywbeth arall", "شيء آخر أحب أن أفعله", None),
)
MEASURE = """() => Array.from(document.querySelectorAll(
  '.voice-choices--faces .voice-choice__label, .voice-choices--pictures .voice-choice__label,'
  + ' .voice-choices--cards .voice-choice__label, .voice-choices--choices .voice-choice__label'
  )).map(label => {
    const box = label.getBoundingClientRect();
    const inside = node => {
      const r = node.getBoundingClientRect();
      return r.left >= box.left - 0.5 && r.right <= box.right + 0.5
        && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5;
    };
    const texts = Array.from(label.querySelectorAll('.voice-choice__text, .voice-choice__chosen'));
    const picture = label.querySelector('img');
    return {
      name: label.textContent.trim().slice(0, 40),
      top: Math.round(box.top + window.scrollY), width: box.width, height: box.height,
      pictureInside: picture ? inside(picture) : true,
      textInside: texts.every(inside),
      textFits: texts.every(node => node.scrollWidth <= node.clientWidth),
    };
  })"""


def _words(english: str, welsh: str, arabic: str) -> dict[str, dict[str, str]]:
    plain = {"en": english, "cy": welsh, "ar": arabic}
    return {
        lang: {"plain": plain.get(lang, english), "easy": plain.get(lang, english)}
        for lang in ("en", "cy", "pl", "ar")
    }


@pytest.fixture
def survey_id(app: Flask) -> int:
    with app.app_context():
        survey = make_survey(kinds=(QuestionType.EMOJI, QuestionType.YES_NO))
        add_question(
            survey,
            kind=QuestionType.PICTURE,
            prompt=_words("Where do you need help?", "Ble mae angen help?", "أين تحتاج المساعدة؟"),
            options=[(_words(en, cy, ar), picture) for en, cy, ar, picture in OPTIONS],
        )
        add_question(
            survey,
            kind=QuestionType.MULTIPLE,
            prompt=_words("What do you like doing?", "Beth wyt ti'n hoffi?", "ماذا تحب أن تفعل؟"),
            options=[(_words(en, cy, ar), picture) for en, cy, ar, picture in MANY],
        )
        db.session.commit()
        return survey.id


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("easy", ["0", "1"])
def test_answer_cards_hold_their_picture_and_words_when_shown_at_any_width(
    page: Page, live_server: str, survey_id: int, language: str, easy: str
) -> None:
    page.goto(f"{live_server}/s/{survey_id}?lang={language}&easy={easy}")
    page.locator("main form button[type=submit]").click()
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for number in (1, 2, 3, 4):
            page.goto(f"{live_server}/s/{survey_id}/questions/{number}")
            where = f"{language} easy={easy} {width}px question {number}"
            cards = page.evaluate(MEASURE)
            assert len(cards) >= 4, where
            assert page.evaluate("document.documentElement.scrollWidth") <= width, where
            rows: list[list[dict]] = []
            for card in sorted(cards, key=lambda card: card["top"]):
                assert card["pictureInside"], (where, card)
                assert card["textInside"], (where, card)
                assert card["textFits"], (where, card)
                assert min(card["width"], card["height"]) >= 88, (where, card)
                if width >= 768:
                    assert min(card["width"], card["height"]) >= 120, (where, card)
                first = rows[-1][0] if rows else None
                if first is not None and card["top"] < first["top"] + first["height"]:
                    rows[-1].append(card)  # it overlaps the row above: one row
                else:
                    rows.append([card])
            for row in rows:
                assert max(c["top"] for c in row) - min(c["top"] for c in row) <= 1, (where, row)
                heights = [c["height"] for c in row]
                assert max(heights) - min(heights) <= 1, (where, row)
            if number == 1 and width >= 768:
                faces = [card["top"] for card in cards[:5]]
                assert len(set(faces)) == 1, (where, "five faces on one row")


def test_chosen_card_shows_a_thick_border_a_tick_and_words_when_picked(
    page: Page, live_server: str, survey_id: int
) -> None:
    page.set_viewport_size({"width": 768, "height": 900})
    page.goto(f"{live_server}/s/{survey_id}")
    page.locator("main form button[type=submit]").click()
    card = page.locator("label[for=answer-3]")
    chosen = card.locator(".voice-choice__chosen")
    expect(chosen).to_be_hidden()
    before = card.evaluate("node => node.getBoundingClientRect().height")
    card.click()
    expect(page.locator("#answer-3")).to_be_checked()
    expect(chosen).to_be_visible()
    expect(chosen).to_have_text("Chosen")
    assert chosen.evaluate("node => getComputedStyle(node, '::before').content").startswith('"✓')
    assert card.evaluate("node => parseFloat(getComputedStyle(node).borderTopWidth)") >= 6
    assert card.evaluate("node => node.getBoundingClientRect().height") == before


@pytest.mark.parametrize("language", ["en", "ar"])
def test_multiple_choice_cards_answer_without_javascript_when_tapped_at_320px(
    page_factory: Callable[..., Page], live_server: str, survey_id: int, language: str
) -> None:
    page = page_factory(javascript=False, width=320)
    page.goto(f"{live_server}/s/{survey_id}?lang={language}")
    page.locator("main form button[type=submit]").click()
    page.goto(f"{live_server}/s/{survey_id}/questions/4")
    fieldset = page.locator("main fieldset")
    expect(fieldset.locator("legend h1")).to_have_count(1)
    boxes = fieldset.locator("input[type=checkbox][name=answer]")
    expect(boxes).to_have_count(4)
    page.locator("label[for=answer]").click()  # the card itself, not the small box
    page.locator("label[for=answer-4]").click()
    expect(boxes.nth(0)).to_be_checked()
    expect(boxes.nth(3)).to_be_checked()
    chosen = page.locator("label[for=answer-4] .voice-choice__chosen")
    expect(chosen).to_be_visible()
    expect(chosen).to_have_text(in_language("Chosen", language))
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/check*")
    summary = page.locator("main").inner_text()
    first, last = MANY[0], MANY[3]
    column = 0 if language == "en" else 2
    assert first[column] in summary
    assert last[column] in summary
    assert MANY[1][column] not in summary


def test_multiple_choice_cards_answer_by_keyboard_when_tabbed_to(
    page: Page, live_server: str, survey_id: int
) -> None:
    page.set_viewport_size({"width": 768, "height": 900})
    page.goto(f"{live_server}/s/{survey_id}")
    page.locator("main form button[type=submit]").click()
    page.goto(f"{live_server}/s/{survey_id}/questions/4")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Skip to the answers")
    page.keyboard.press("Enter")  # the skip link puts focus on the first answer
    expect(page.locator(":focus")).to_have_attribute("id", "answer")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_attribute("id", "answer-3")
    page.keyboard.press("Space")
    focused = page.locator("label[for=answer-3]")
    assert focused.evaluate("node => getComputedStyle(node).outlineStyle") == "solid"
    expect(page.locator("#answer")).to_be_checked()
    expect(page.locator("#answer-2")).not_to_be_checked()
    expect(page.locator("#answer-3")).to_be_checked()
    page.keyboard.press("Enter")
    page.wait_for_url("**/check*")
    summary = page.locator("main").inner_text()
    assert f"{MANY[0][0]}, {MANY[2][0]}" in summary
