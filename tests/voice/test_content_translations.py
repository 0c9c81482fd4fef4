"""Staff content in the visitor's language: stored translations, the English fallback marked
lang="en" dir="ltr" with a translated note, and translations that go out of date."""

from html.parser import HTMLParser

from flask import Flask
from flask.testing import FlaskClient

from tests.factories import make_action, make_statement, make_theme
from voice.content_translations.registry import kind_named
from voice.content_translations.store import State, save_translation, state_of
from voice.db import db
from voice.tracker.models import Action, Statement
from voice.tracker.statements import themes_of


def _translate(record: object, kind: str, name: str, language: str, text: str) -> None:
    found = kind_named(kind)
    assert found is not None
    save_translation(
        kind=found,
        object_id=found.object_id(record),
        name=name,
        language=language,
        text=text,
        english=found.english(record, name),
        by_id=None,
    )
    db.session.commit()


class Marked(HTMLParser):
    """The text inside elements marked lang="en", and each one's dir."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None, str | None]] = []
        self.english: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag not in {"br", "img", "input", "meta", "link"}:
            self.stack.append((tag, found.get("lang"), found.get("dir")))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        marks = [(lang, direction) for _, lang, direction in self.stack if lang]
        if data.strip() and marks and marks[-1][0] == "en":
            self.english.append((data.strip(), marks[-1][1]))


def _published_card(app: Flask) -> tuple[int, int]:
    with app.app_context():
        theme = make_theme()
        action = make_action(title="Weekly drop-in", impact="Waits fell by a month")
        statement = make_statement(themes=(theme,), actions=(action,), published=True)
        return statement.id, action.id


def test_card_shows_translation_when_stored_and_english_marked_when_missing(
    app: Flask, client: FlaskClient
) -> None:
    statement_id, action_id = _published_card(app)
    with app.app_context():
        statement = db.session.get(Statement, statement_id)
        _translate(statement, "statement", "summary", "pl", "Rodziny mówią, że czekają za długo")
    page = client.get("/you-said-we-did?lang=pl").get_data(as_text=True)
    assert "Rodziny mówią, że czekają za długo" in page
    marked = Marked()
    marked.feed(page)
    english = dict(marked.english)
    assert english["Weekly drop-in"] == "ltr"
    assert english["Waits fell by a month"] == "ltr"
    assert "Families told us the wait for speech therapy is too long" not in english
    assert "(jeszcze nieprzetłumaczone)" in page


def test_arabic_card_with_untranslated_action_lays_english_out_left_to_right(
    app: Flask, client: FlaskClient
) -> None:
    _published_card(app)
    page = client.get("/you-said-we-did?lang=ar").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl"' in page
    assert '<h4 class="govuk-heading-s" lang="en" dir="ltr">Weekly drop-in</h4>' in page
    assert '<p class="govuk-body" lang="en" dir="ltr">A weekly drop-in at the library.</p>' in page


def test_english_page_has_no_marks_or_notes(app: Flask, client: FlaskClient) -> None:
    _published_card(app)
    page = client.get("/you-said-we-did?lang=en").get_data(as_text=True)
    assert page.count('lang="en" dir="ltr"') == 1  # on <html> only
    assert "voice-untranslated" not in page


def test_translation_goes_out_of_date_when_english_changes(app: Flask, client: FlaskClient) -> None:
    _, action_id = _published_card(app)
    with app.app_context():
        action = db.session.get(Action, action_id)
        kind = kind_named("action")
        _translate(action, "action", "title", "cy", "Sesiwn galw heibio wythnosol")
        assert state_of(kind, action, "title", "cy") is State.DONE
    assert "Sesiwn galw heibio wythnosol" in client.get("/you-said-we-did?lang=cy").text
    with app.app_context():
        action = db.session.get(Action, action_id)
        action.title = "Weekly drop-in at the library"
        db.session.commit()
        assert state_of(kind_named("action"), action, "title", "cy") is State.OUT_OF_DATE
    page = client.get("/you-said-we-did?lang=cy").text
    assert "Sesiwn galw heibio wythnosol" not in page
    assert (
        '<h4 class="govuk-heading-s" lang="en" dir="ltr">Weekly drop-in at the library</h4>' in page
    )


def test_theme_filter_uses_stored_then_shipped_names(app: Flask, client: FlaskClient) -> None:
    statement_id, _ = _published_card(app)
    page = client.get("/you-said-we-did?lang=cy").text
    assert ">Amseroedd aros</option>" in page or "Amseroedd" in page  # shipped catalog name
    with app.app_context():
        theme = themes_of(db.session.get(Statement, statement_id))[0]
        _translate(theme, "theme", "name", "cy", "Aros yn hir")
    assert ">Aros yn hir</option>" in client.get("/you-said-we-did?lang=cy").text


def test_organisation_name_is_translatable(app: Flask, client: FlaskClient) -> None:
    with app.app_context():
        from voice.content_translations.organisation import organisation

        _translate(organisation(), "organisation", "name", "cy", "y bartneriaeth SEND leol")
    assert "y bartneriaeth SEND leol" in client.get("/?lang=cy").text
    page = client.get("/?lang=pl").text
    assert '<span lang="en" dir="ltr">the local area SEND partnership</span>' in page
