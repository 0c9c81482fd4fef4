"""Face, picture and yes / no / not sure answers drawn as cards, measured in a real browser:
the picture and the words inside the card, cards big enough, a row's cards the same height."""

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

from surveys.builder import add_question
from surveys.models import QuestionType
from tests.factories import make_survey
from voice.db import db

WIDTHS = (320, 768, 1280)
OPTIONS = (
    ("Getting around", "Mynd o gwmpas", "التنقل من مكان إلى آخر", "bus"),
    ("With health and doctors", "Gydag iechyd a meddygon", "مع الصحة والأطباء", "doctor"),
    ("At home", "Gartref", "في البيت", "home"),
    ("At school", "Yn yr ysgol", "في المدرسة", "school"),
)
MEASURE = """() => Array.from(document.querySelectorAll(
  '.voice-choices--faces .voice-choice__label, .voice-choices--pictures .voice-choice__label,'
  + ' .voice-choices--cards .voice-choice__label')).map(label => {
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
        for number in (1, 2, 3):
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
