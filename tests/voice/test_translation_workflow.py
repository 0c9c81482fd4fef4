"""The translation workflow: what each language lacks, translating one record, export to a
translator and import with a preview (XLSX and PO round trips), and publishing that warns, or
waits, when a language is missing."""

import io

from babel.messages.pofile import read_po, write_po
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from tests.conftest import csrf_token
from tests.factories import make_action, make_statement, make_theme
from voice.accounts.models import Role
from voice.content_translations.models import ContentTranslation, TranslationImport
from voice.db import db
from voice.tracker.models import Action, Statement

POLISH = {
    "Weekly drop-in": "Cotygodniowe spotkania bez zapisów",
    "A weekly drop-in at the library.": "Cotygodniowe spotkania w bibliotece.",
    "You can come and talk to us every week.": "Możesz przyjść i porozmawiać z nami co tydzień.",
    "Families told us the wait for speech therapy is too long": (
        "Rodziny mówiły nam, że czekanie na terapię mowy trwa za długo"
    ),
    "You said you wait too long for speech therapy.": (
        "Powiedzieliście, że za długo czekacie na terapię mowy."
    ),
}


def _card(app: Flask, *, published: bool = True) -> tuple[int, int]:
    with app.app_context():
        action = make_action(title="Weekly drop-in")
        statement = make_statement(themes=(make_theme(),), actions=(action,), published=published)
        return statement.id, action.id


def _upload(client: FlaskClient, name: str, body: bytes, language: str) -> object:
    path = "/translations/import"
    return client.post(
        path,
        data={
            "csrf_token": csrf_token(client, path),
            "language": language,
            "translations": (io.BytesIO(body), name),
        },
        content_type="multipart/form-data",
    )


def _apply(client: FlaskClient, preview: str) -> object:
    return client.post(preview, data={"csrf_token": csrf_token(client, preview)})


def test_language_page_lists_what_is_missing_and_then_out_of_date(
    app: Flask, client: FlaskClient, login_as: object
) -> None:
    _, action_id = _card(app)
    login_as(Role.STRATEGY_LEAD)
    page = client.get("/translations/cy?lang=en").text
    assert "Weekly drop-in" in page
    assert "Not translated" in page
    path = f"/translations/cy/action/{action_id}"
    response = client.post(
        path,
        data={
            "csrf_token": csrf_token(client, path),
            "field_title": "Sesiwn galw heibio wythnosol",
            "field_description": "",
            "field_easy_read_description": "",
        },
    )
    assert response.status_code == 302
    assert "Sesiwn galw heibio wythnosol" in client.get("/you-said-we-did?lang=cy").text
    assert "Out of date" not in client.get("/translations/cy?lang=en").text
    with app.app_context():
        db.session.get(Action, action_id).title = "Weekly drop-in at the library"
        db.session.commit()
    page = client.get("/translations/cy?lang=en").text
    assert "Out of date: the English changed" in page
    assert "Weekly drop-in at the library" in page


def test_xlsx_round_trip_shows_the_whole_card_in_polish(
    app: Flask, client: FlaskClient, login_as: object
) -> None:
    _card(app)
    login_as(Role.STRATEGY_LEAD)
    exported = client.get("/translations/pl/export.xlsx")
    assert exported.status_code == 200
    sheet = load_workbook(io.BytesIO(exported.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("key", "English", "pl")
    filled = Workbook()
    filled.active.append(rows[0])
    for key, english, _text in rows[1:]:
        filled.active.append([key, english, POLISH.get(english, f"PL: {english}")])
    buffer = io.BytesIO()
    filled.save(buffer)

    response = _upload(client, "from-translator.xlsx", buffer.getvalue(), "pl")
    assert response.status_code == 302
    preview = response.headers["Location"]
    page = client.get(preview).text
    assert "Check the translations before applying them" in page  # staff pages in English
    assert "Cotygodniowe spotkania bez zapisów" in page
    with app.app_context():
        assert db.session.scalar(select(func.count(ContentTranslation.id))) == 0  # not yet
    assert _apply(client, preview).status_code == 302

    card = client.get("/you-said-we-did?lang=pl").text
    easy = client.get("/you-said-we-did/easy-read?lang=pl").text
    for polish in POLISH.values():
        assert polish in card + easy
    for page in (card, easy):
        assert "voice-untranslated" not in page.split('id="main-content"')[1].split("</main>")[0]
    assert client.get(preview).status_code == 404  # applied once, never twice


def test_po_round_trip_applies_translations(
    app: Flask, client: FlaskClient, login_as: object
) -> None:
    _card(app)
    login_as(Role.STRATEGY_LEAD)
    exported = client.get("/translations/ar/export.po")
    catalog = read_po(io.BytesIO(exported.data))
    assert str(catalog.locale) == "ar"
    keys = {message.context for message in catalog if message.id}
    assert any(key.startswith("action/") and key.endswith("/title") for key in keys)
    for message in catalog:
        if message.id:
            message.string = "ترجمة: " + message.id
    buffer = io.BytesIO()
    write_po(buffer, catalog)

    response = _upload(client, "voice-ar.po", buffer.getvalue(), "ar")
    assert response.status_code == 302
    assert _apply(client, response.headers["Location"]).status_code == 302
    page = client.get("/you-said-we-did?lang=ar").text
    assert "ترجمة: Weekly drop-in" in page


def test_import_leaves_out_rows_whose_english_changed_since_export(
    app: Flask, client: FlaskClient, login_as: object
) -> None:
    _, action_id = _card(app)
    login_as(Role.STRATEGY_LEAD)
    sheet = load_workbook(io.BytesIO(client.get("/translations/cy/export.xlsx").data)).active
    filled = Workbook()
    for key, english, _text in sheet.iter_rows(values_only=True):
        filled.active.append([key, english, "cy" if key == "key" else f"CY {english}"])
    buffer = io.BytesIO()
    filled.save(buffer)
    with app.app_context():
        db.session.get(Action, action_id).title = "Renamed in the meantime"
        db.session.commit()
    preview = _upload(client, "cy.xlsx", buffer.getvalue(), "cy").headers["Location"]
    page = client.get(preview + "?lang=en").text
    assert "the English has changed since the file was made" in page
    _apply(client, preview)
    page = client.get("/you-said-we-did?lang=cy").text
    assert "CY Weekly drop-in" not in page
    assert '<h4 class="govuk-heading-s" lang="en" dir="ltr">Renamed in the meantime</h4>' in page


def test_bad_file_is_explained_beside_the_field_and_nothing_is_stored(
    app: Flask, client: FlaskClient, login_as: object
) -> None:
    login_as(Role.STRATEGY_LEAD)
    response = _upload(client, "notes.txt", b"hello", "cy")
    assert response.status_code == 200
    assert "Error:" in response.text.split("</title>")[0]
    assert "The selected file must be an XLSX spreadsheet or a PO file" in response.text
    response = _upload(client, "broken.xlsx", b"not a zip", "cy")
    assert "The selected file could not be read" in response.text
    buffer = io.BytesIO()
    Workbook().save(buffer)
    response = _upload(client, "empty.xlsx", buffer.getvalue(), "cy")
    assert "must name the columns key and English" in response.text
    with app.app_context():
        assert db.session.scalar(select(func.count(TranslationImport.id))) == 0


def test_publishing_warns_when_a_language_is_missing(
    app: Flask, client: FlaskClient, login_as: object
) -> None:
    statement_id, _ = _card(app, published=False)
    login_as(Role.STRATEGY_LEAD)
    page = client.get(f"/tracker/statements/{statement_id}").text
    assert "Not every language is ready" in page
    assert "Cymraeg" in page


def test_admin_setting_makes_publishing_wait_for_welsh(
    app: Flask, client: FlaskClient, login_as: object
) -> None:
    statement_id, action_id = _card(app, published=False)
    login_as(Role.ADMIN, Role.STRATEGY_LEAD)
    path = "/translations"
    response = client.post(
        "/translations/required-languages",
        data={"csrf_token": csrf_token(client, path), "languages": ["cy"]},
    )
    assert response.status_code == 302
    publish = f"/tracker/statements/{statement_id}/publish"
    token = csrf_token(client, f"/tracker/statements/{statement_id}")
    response = client.post(publish, data={"csrf_token": token})
    assert "refused=" in response.headers["Location"]
    assert "into+Cymraeg+before+publishing" in response.headers["Location"]
    with app.app_context():
        assert not db.session.get(Statement, statement_id).published
    for kind, object_id, fields in (
        ("statement", statement_id, ("summary", "easy_read_summary")),
        ("action", action_id, ("title", "description", "easy_read_description")),
    ):
        path = f"/translations/cy/{kind}/{object_id}"
        data = {"csrf_token": csrf_token(client, path)}
        data.update({f"field_{name}": f"Cymraeg {name}" for name in fields})
        assert client.post(path, data=data).status_code == 302
    client.post(publish, data={"csrf_token": token})
    with app.app_context():
        assert db.session.get(Statement, statement_id).published


def test_only_admins_change_the_publishing_setting(
    app: Flask, client: FlaskClient, login_as: object
) -> None:
    login_as(Role.STRATEGY_LEAD)
    page = client.get("/translations?lang=en").text
    assert "required-languages" not in page
    token = csrf_token(client, "/translations/cy")
    response = client.post(
        "/translations/required-languages", data={"csrf_token": token, "languages": ["cy"]}
    )
    assert response.status_code == 403
