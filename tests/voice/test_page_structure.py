"""Every page in tests/browser/pages.py, through the Flask test client in every language: its
status, one <h1>, a <title> that starts with it ("Error: " first when the page shows form
errors), no repeated id, and `lang`/`dir` on <html>. Pages with a form are also posted empty,
as a browser sends a form nobody filled in, and must show their errors.

These checks need no browser, so they run for every page in all four languages; the axe walk in
tests/browser/test_accessibility.py then needs only one page of each kind."""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from surveys.builder import close_survey
from surveys.models import Survey
from surveys.types import QuestionType
from tests.browser.conftest import in_language
from tests.browser.pages import PAGES, PageCheck
from tests.conftest import make_staff, sign_in_session
from tests.factories import make_survey
from tests.surveys.survey_helpers import begin
from voice.accounts.models import Role
from voice.config import LANGUAGES, RTL_LANGUAGES
from voice.db import db

TEXT_INPUTS = {"text", "email", "password", "search", "tel", "url", "number", "date", "hidden"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


@dataclass
class Form:
    action: str
    method: str
    multipart: bool
    fields: list[tuple[str, str]] = field(default_factory=list)
    submits: list[tuple[str, str, str]] = field(default_factory=list)  # name, value, formaction


class PageParser(HTMLParser):
    """What the checks look at, read with the standard library's HTML parser."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.html_attrs: dict[str, str | None] = {}
        self.title = ""
        self.h1s: list[str] = []
        self.ids: list[str] = []
        self.error_summary = False
        self.forms_in_main: list[Form] = []
        self._open: list[str] = []  # the elements we are inside
        self._text: dict[str, list[str]] = {}  # title/h1/textarea/option being read
        self._form: Form | None = None
        self._select: tuple[str, list[tuple[str, bool]]] | None = None
        self._option: tuple[str | None, bool] | None = None  # value, selected
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id") is not None:
            self.ids.append(found["id"] or "")
        if "govuk-error-summary" in (found.get("class") or "").split():
            self.error_summary = True
        if tag == "html":
            self.html_attrs = found
        elif tag in {"title", "h1"}:
            self._text[tag] = []
        elif tag == "form" and "main" in self._open:
            self._form = Form(
                action=found.get("action") or "",
                method=(found.get("method") or "get").lower(),
                multipart=found.get("enctype") == "multipart/form-data",
            )
            self.forms_in_main.append(self._form)
        elif self._form is not None and "disabled" not in found:
            self._form_control(tag, found)
        if tag not in VOID:
            self._open.append(tag)

    def _form_control(self, tag: str, found: dict[str, str | None]) -> None:
        assert self._form is not None
        name = found.get("name")
        kind = (found.get("type") or ("submit" if tag == "button" else "text")).lower()
        if kind == "submit" and tag in {"button", "input"}:
            self._form.submits.append(
                (name or "", found.get("value") or "", found.get("formaction") or "")
            )
        elif tag == "input" and name:
            if kind in {"checkbox", "radio"}:
                if "checked" in found:
                    self._form.fields.append((name, found.get("value") or "on"))
            elif kind in TEXT_INPUTS:
                self._form.fields.append((name, found.get("value") or ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self._text["textarea"] = []
        elif tag == "select" and name:
            self._select = (name, [])
        elif tag == "option" and self._select is not None:
            self._option = (found.get("value"), "selected" in found)
            self._text["option"] = []

    def handle_endtag(self, tag: str) -> None:
        if tag in self._text:
            text = " ".join("".join(self._text.pop(tag)).split())
            if tag == "title" and not self.title:  # the page's, not an SVG's <title> later
                self.title = text
            elif tag == "h1":
                self.h1s.append(text)
            elif tag == "textarea" and self._form is not None and self._textarea:
                self._form.fields.append((self._textarea, text))
            elif tag == "option" and self._select is not None and self._option is not None:
                value, selected = self._option
                self._select[1].append((text if value is None else value, selected))
                self._option = None
        if tag == "select" and self._select is not None and self._form is not None:
            name, options = self._select
            chosen = [value for value, selected in options if selected] or [
                value for value, _selected in options[:1]
            ]
            self._form.fields.extend((name, value) for value in chosen)
            self._select = None
        if tag == "form":
            self._form = None
        if tag in self._open:
            while self._open and self._open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        for parts in self._text.values():
            parts.append(data)


def _parse(html: str) -> PageParser:
    parser = PageParser()
    parser.feed(html)
    parser.close()
    return parser


def _check_structure(html: str, language: str, *, errors: bool, where: str) -> PageParser:
    page = _parse(html)
    assert page.html_attrs.get("lang") == language, where
    assert page.html_attrs.get("dir") == ("rtl" if language in RTL_LANGUAGES else "ltr"), where
    assert len(page.h1s) == 1, (where, page.h1s)
    duplicates = sorted({i for i in page.ids if page.ids.count(i) > 1})
    assert duplicates == [], (where, duplicates)
    assert page.error_summary == errors, where
    expected = page.h1s[0]
    if errors:
        expected = f"{in_language('Error:', language)} {expected}"
    assert page.title.startswith(expected), (where, page.title, expected)
    return page


def _submit_empty(client: FlaskClient, url: str, page: PageParser, where: str) -> TestResponse:
    """Press the last submit button in the page's <main>, as a browser would with nothing
    typed: hidden fields, default values and the button's own name and value."""
    forms = [form for form in page.forms_in_main if form.submits]
    assert forms, f"{where}: no form with a submit button in <main>"
    form = forms[-1]
    name, value, formaction = form.submits[-1]
    data = _multidict([*form.fields, *([(name, value)] if name else [])])
    target = urljoin(url, formaction or form.action or url)
    if form.method != "post":
        return client.get(target.split("?")[0], query_string=data)
    content_type = "multipart/form-data" if form.multipart else None
    return client.post(target, data=data, content_type=content_type)


def _multidict(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    data: dict[str, list[str]] = {}
    for name, value in pairs:
        data.setdefault(name, []).append(value)
    return data


def _start_survey(app: Flask, client: FlaskClient, check: PageCheck) -> str:
    with app.app_context():
        survey_id = make_survey(kinds=tuple(QuestionType)).id
    begin(client, survey_id)
    if check.closed:
        with app.app_context():
            close_survey(db.session.get(Survey, survey_id))
            db.session.commit()
    return check.path.format(survey=survey_id)


@pytest.mark.parametrize("check", PAGES, ids=[p.name for p in PAGES])
def test_page_has_one_h1_a_matching_title_and_unique_ids_when_shown_in_every_language(
    app: Flask, client: FlaskClient, check: PageCheck
) -> None:
    if check.roles is not None:
        sign_in_session(client, make_staff(app, *check.roles))
    path = _start_survey(app, client, check) if check.answering else check.path
    for language in LANGUAGES:
        url = f"{path}{'&' if '?' in path else '?'}lang={language}"
        where = f"{url} ({check.name})"
        response = client.get(url, follow_redirects=True)
        assert response.status_code == check.status, where
        page = _check_structure(
            response.get_data(as_text=True), language, errors=False, where=where
        )
        if check.submit_empty:
            shown = response.request.url
            posted = _submit_empty(client, shown, page, where)
            assert posted.status_code in {200, 400, 422}, (where, posted.status_code)
            _check_structure(
                posted.get_data(as_text=True), language, errors=True, where=f"{where}, posted empty"
            )


@pytest.mark.parametrize(
    ("path", "local_passwords", "status"),
    [
        ("/sign-in", True, 200),  # the provider's button beside the password form
        ("/sign-in", False, 200),  # the provider's button alone
        ("/sign-in/provider/callback", True, 403),  # a callback that was not asked for
    ],
)
def test_single_sign_on_pages_have_one_h1_and_a_matching_title_when_shown_in_every_language(
    app: Flask,
    client: FlaskClient,
    monkeypatch: pytest.MonkeyPatch,
    path: str,
    local_passwords: bool,
    status: int,
) -> None:
    monkeypatch.setitem(app.config, "OIDC_ISSUER", "https://login.example.org")
    monkeypatch.setitem(app.config, "OIDC_CLIENT_ID", "voice")
    monkeypatch.setitem(app.config, "OIDC_CLIENT_SECRET", "secret")
    monkeypatch.setitem(app.config, "LOCAL_PASSWORDS", local_passwords)
    for language in LANGUAGES:
        response = client.get(f"{path}?lang={language}")
        assert response.status_code == status, (path, language)
        _check_structure(
            response.get_data(as_text=True), language, errors=False, where=f"{path} {language}"
        )


def test_condition_page_has_one_h1_and_shows_its_errors_when_shown_in_every_language(
    app: Flask, client: FlaskClient
) -> None:
    """The builder's "When to show question N" page (surveys.question_condition), which needs a
    survey with a choice question before the question it is about."""
    sign_in_session(client, make_staff(app, Role.STRATEGY_LEAD))
    with app.app_context():
        survey = make_survey(kinds=(QuestionType.MULTIPLE, QuestionType.FREE_TEXT))
        path = f"/staff/surveys/{survey.id}/questions/{survey.questions[1].id}/when-shown"
    for language in LANGUAGES:
        url = f"{path}?lang={language}"
        response = client.get(url)
        assert response.status_code == 200, url
        page = _check_structure(response.get_data(as_text=True), language, errors=False, where=url)
        posted = _submit_empty(client, url, page, url)
        assert posted.status_code == 200, url
        _check_structure(posted.get_data(as_text=True), language, errors=True, where=f"{url} empty")


def test_symbol_search_page_has_one_h1_and_shows_its_errors_when_shown_in_every_language(
    app: Flask, client: FlaskClient
) -> None:
    """The builder's "Find a symbol" page (surveys.question_symbols) needs a question; before a
    search, with the symbols found for "school", and that choice posted empty."""
    sign_in_session(client, make_staff(app, Role.FACILITATOR))
    with app.app_context():
        survey = make_survey(kinds=(QuestionType.PICTURE,))
        path = f"/staff/surveys/{survey.id}/questions/{survey.questions[0].id}/symbols"
    _check_every_language(client, path)
    _check_every_language(client, f"{path}?q=school", submit_empty=True)


def _check_every_language(
    client: FlaskClient, path: str, status: int = 200, *, submit_empty: bool = False
) -> None:
    for language in LANGUAGES:
        url = f"{path}{'&' if '?' in path else '?'}lang={language}"
        response = client.get(url)
        assert response.status_code == status, url
        page = _check_structure(response.get_data(as_text=True), language, errors=False, where=url)
        if submit_empty:
            posted = _submit_empty(client, url, page, url)
            assert posted.status_code in {200, 400, 422}, (url, posted.status_code)
            _check_structure(
                posted.get_data(as_text=True), language, errors=True, where=f"{url} empty"
            )


def test_priority_round_staff_pages_have_one_h1_and_show_their_errors_in_every_language(
    app: Flask, client: FlaskClient
) -> None:
    """A round, its results and one group's tablet session (tracker.round_page,
    tracker.round_results, tracker.round_session) need a round, and the form that starts a
    round on tablets needs an open one; the card form and that form posted empty."""
    from tests.rounds.helpers import make_round, make_round_session

    with app.app_context():
        made = make_round()
        round_id, session_id = made.id, make_round_session(made).id
        draft_id = make_round(status="draft", title="Summer round", cards=0).id
    sign_in_session(client, make_staff(app, Role.STRATEGY_LEAD))
    _check_every_language(client, f"/tracker/rounds/{draft_id}", submit_empty=True)
    _check_every_language(client, f"/tracker/rounds/{round_id}")
    _check_every_language(client, f"/tracker/rounds/{round_id}/results")
    _check_every_language(client, "/tracker/round-sessions", submit_empty=True)
    _check_every_language(client, f"/tracker/round-sessions/{session_id}")


def test_priority_round_tablet_pages_have_one_h1_and_show_their_errors_in_every_language(
    app: Flask, client: FlaskClient
) -> None:
    """Choosing (posted with nothing chosen), why (with too long a reason), thank you, and the
    page a closed session shows, in standard and easy-read wording."""
    from tests.rounds.helpers import make_round, make_round_session
    from voice.tracker.rounds import tablet
    from voice.tracker.rounds.models import RoundSession

    with app.app_context():
        made = make_round()
        opened = make_round_session(made)
        code, session_id, first_card = opened.code, opened.id, made.live_cards[0].id
    assert client.get(f"/round/join/{code}").status_code == 302
    for language in LANGUAGES:
        for easy in ("0", "1"):
            url = f"/round?easy={easy}&lang={language}"
            page = _check_structure(
                client.get(url).get_data(as_text=True), language, errors=False, where=url
            )
            # The choosing form, not "Start again for the next person" below it.
            # Nothing chosen, even when the cards chosen in the language before are ticked.
            fields = _multidict([f for f in page.forms_in_main[0].fields if f[0] != "answer"])
            nothing = client.post(url, data=fields)
            assert nothing.status_code == 400, url
            _check_structure(
                nothing.get_data(as_text=True), language, errors=True, where=f"{url} empty"
            )
        chosen = client.post("/round", data={**fields, "answer": [str(first_card)]})
        assert chosen.status_code == 302, language
        for easy in ("0", "1"):
            url = f"/round/why?easy={easy}&lang={language}"
            why = _check_structure(
                client.get(url).get_data(as_text=True), language, errors=False, where=url
            )
            fields = dict(next(f for f in why.forms_in_main if f.action.endswith("/send")).fields)
            too_long = client.post("/round/send", data={**fields, "reason": "x" * 1001})
            assert too_long.status_code == 400, url
            _check_structure(
                too_long.get_data(as_text=True), language, errors=True, where=f"{url} too long"
            )
    _check_every_language(client, "/round/thank-you")
    with app.app_context():
        tablet.close_round_session(db.session.get(RoundSession, session_id))
        db.session.commit()
    for easy in ("0", "1"):
        _check_every_language(client, f"/round?easy={easy}", 410)
