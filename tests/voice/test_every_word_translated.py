"""Every word in the visitor's language (issue 14): every public page and every page a young
person answering a survey sees, rendered in Welsh, Polish and Arabic with the demo data loaded,
has no visible text identical to the English page unless it is marked lang="en" (staff content
not translated yet, shown as English on purpose). Numbers, phone numbers and the proper names
below are the same in every language."""

import re
from datetime import UTC, datetime
from html.parser import HTMLParser

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from surveys.models import Survey
from tests.surveys.survey_helpers import begin
from themes import codebook
from voice.db import db
from voice.demo import DEMO_KIOSK_CODE, DEMO_SURVEY_TITLE, load_demo_data
from voice.tracker.models import Statement

# The same in every language: the service's name, the names of GOV.UK-style formats and
# services, and the visible punctuation between parts of a line.
PROPER_NAMES = {"Voice", "Atom", "Childline", "NHS", "SEND", "XLSX", "CSV", "PDF", DEMO_KIOSK_CODE}
NOT_WORDS = re.compile(r"^[\W\d_]*$")  # numbers, dates in digits, punctuation, phone numbers
ADDRESSES = re.compile(r"^(https?://\S+|[\w.+-]+@[\w-]+(\.[\w-]+)+)$")  # links, emails
SKIP_TAGS = {"script", "style", "noscript", "svg"}


class VisibleText(HTMLParser):
    """Text a person sees, except inside elements marked lang="en" (or another language than
    the page's, like the language switcher's own names)."""

    def __init__(self, page_language: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_language = page_language
        self.stack: list[tuple[str, bool]] = []
        self.texts: list[str] = []

    def _hidden(self) -> bool:
        return any(skip for _, skip in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        lang = found.get("lang")
        other_language = tag != "html" and lang is not None and lang != self.page_language
        skip = tag in SKIP_TAGS or other_language or "hidden" in found
        if tag in {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "col"}:
            if not self._hidden() and not skip:
                for name in ("alt", "placeholder", "aria-label"):
                    if found.get(name):
                        self.texts.append(found[name] or "")
            return
        if not self._hidden() and not skip and found.get("aria-label"):
            self.texts.append(found["aria-label"] or "")
        self.stack.append((tag, skip))

    def handle_endtag(self, tag: str) -> None:
        for at in range(len(self.stack) - 1, -1, -1):
            if self.stack[at][0] == tag:
                del self.stack[at:]
                return

    def handle_data(self, data: str) -> None:
        if not self._hidden():
            self.texts.append(data)


def visible_texts(html: str, language: str) -> set[str]:
    parser = VisibleText(language)
    parser.feed(html)
    texts = {" ".join(text.split()) for text in parser.texts}
    return {
        text
        for text in texts
        if text
        and not NOT_WORDS.match(text)
        and not ADDRESSES.match(text)
        and text.strip("()") not in PROPER_NAMES
    }


@pytest.fixture
def demo(app: Flask) -> dict[str, int]:
    with app.app_context():
        codebook.list_themes()  # the default codebook, as the first staff visit loads it
        load_demo_data()
        survey = db.session.scalar(select(Survey).where(Survey.title == DEMO_SURVEY_TITLE))
        statement = db.session.scalar(select(Statement).order_by(Statement.id))
        return {
            "survey": survey.id,
            "questions": len(survey.questions),
            "statement": statement.id,
            "year": (statement.published_at or datetime.now(UTC)).year,
        }


def _public_paths(demo: dict[str, int]) -> list[str]:
    return [
        "/",
        "/accessibility",
        "/privacy",
        "/you-said-we-did",
        "/you-said-we-did/easy-read",
        f"/you-said-we-did/{demo['statement']}/poster",
        f"/you-said-we-did/local-offer-report/{demo['year']}",
        f"/you-said-we-did/local-offer-report/{demo['year']}/print",
        "/you-said-we-did/unsubscribe/not-a-real-link",
        "/tell-us",
        "/tell-us/easy-read",
        "/tell-us/contact/not-a-real-token",
        "/tell-us/contact-withdrawn",
        "/join",
        "/sign-in",
    ]


def _respondent_paths(demo: dict[str, int]) -> list[str]:
    survey = demo["survey"]
    questions = [f"/s/{survey}/questions/{n}" for n in range(1, demo["questions"] + 1)]
    pages = [f"/s/{survey}", *questions, f"/s/{survey}/check"]
    return pages + [f"{path}?easy=1" for path in pages]


def _get(client: FlaskClient, path: str, language: str) -> str:
    joiner = "&" if "?" in path else "?"
    response = client.get(f"{path}{joiner}lang={language}", follow_redirects=True)
    assert response.status_code in {200, 400, 404}, (path, response.status_code)
    return response.get_data(as_text=True)


@pytest.mark.parametrize("language", ["cy", "pl", "ar"])
def test_no_english_left_unmarked_on_public_and_respondent_pages(
    app: Flask, client: FlaskClient, demo: dict[str, int], language: str
) -> None:
    client.get(f"/join/{DEMO_KIOSK_CODE}")  # a young person on the demo group's tablet
    begin(client, demo["survey"])
    left: dict[str, set[str]] = {}
    for path in _public_paths(demo) + _respondent_paths(demo):
        english = visible_texts(_get(client, path, "en"), "en")
        translated = visible_texts(_get(client, path, language), language)
        same = english & translated
        if same:
            left[path] = same
    assert left == {}
    start = _get(client, f"/s/{demo['survey']}", language)
    assert {"cy": "Clwb ieuenctid y demo", "pl": "Demonstracyjny klub", "ar": "نادي الشباب"}[
        language
    ] in start  # the group's name, translated, on the young person's start page


def test_the_check_finds_unmarked_english_and_lets_marked_english_through() -> None:
    english = visible_texts("<p>We did this</p><p lang='en'>Kept</p>", "en")
    welsh = visible_texts('<p>We did this</p><p lang="en" dir="ltr">Kept</p><p>0800 1111</p>', "cy")
    assert english & welsh == {"We did this"}


def test_demo_cards_are_translated_in_every_language(
    client: FlaskClient, demo: dict[str, int]
) -> None:
    for language, words in {
        "cy": "Dau glwb dydd Sadwrn newydd",
        "pl": "Dwa nowe kluby sobotnie",
        "ar": "ناديان جديدان يوم السبت",
    }.items():
        page = client.get(f"/you-said-we-did?lang={language}").get_data(as_text=True)
        assert words in page
        assert "voice-untranslated" not in page.split('id="main-content"')[1]


def test_arabic_page_with_an_untranslated_card_lays_the_english_out_left_to_right(
    app: Flask, client: FlaskClient, demo: dict[str, int]
) -> None:
    with app.app_context():
        statement = db.session.get(Statement, demo["statement"])
        statement.actions[0].title = "A title written after the translation"
        db.session.commit()
    page = client.get("/you-said-we-did?lang=ar").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl"' in page
    heading = (
        '<h4 class="govuk-heading-s" lang="en" dir="ltr">A title written after the translation'
    )
    assert heading in page
    assert "(لم تتم ترجمته بعد)" in page
