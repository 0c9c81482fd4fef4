"""The builder's OpenMoji symbols (surveys/symbols.py, surveys.question_symbols): found by an
English word, chosen for a question or an answer, drawn on the respondent page with the
credit the licence asks for; an unknown code is refused beside the field."""

from flask import Flask
from flask.testing import FlaskClient

from surveys.models import Question
from surveys.symbols import search_symbols
from surveys.types import QuestionType
from tests.conftest import csrf_token
from tests.factories import make_survey
from tests.surveys.survey_helpers import begin
from voice.accounts.models import Role
from voice.db import db

CREDIT = "Symbols from OpenMoji (openmoji.org), licensed CC BY-SA 4.0"


def _picture_survey(app: Flask) -> tuple[int, int]:
    with app.app_context():
        survey = make_survey(kinds=(QuestionType.PICTURE,))
        return survey.id, survey.questions[0].id


def test_search_finds_the_school_and_bus_symbols_by_their_english_words() -> None:
    school = search_symbols("school")
    assert school[0].code == "1F3EB"
    assert school[0].name == "school"
    assert "1F68C" in [s.code for s in search_symbols("bus")]
    assert "1F68C" in [s.code for s in search_symbols("  BUS ")]
    assert search_symbols("") == []
    assert search_symbols("zzzqqq") == []


def test_search_page_lists_matching_symbols_as_labelled_radios_with_the_credit(
    app: Flask, client: FlaskClient, login_as: object
) -> None:
    survey_id, question_id = _picture_survey(app)
    login_as(Role.FACILITATOR)
    path = f"/staff/surveys/{survey_id}/questions/{question_id}/symbols"
    page = client.get(path).get_data(as_text=True)
    assert 'name="q"' in page
    assert 'name="symbol"' not in page  # nothing searched yet
    assert CREDIT in page
    page = client.get(f"{path}?q=bus").get_data(as_text=True)
    assert 'type="radio" value="1F68C"' in page
    assert "/static/build/openmoji/1F68C.svg" in page
    assert ">bus</span>" in page
    assert "Answer 1: Option 1 (en)" in page
    page = client.get(f"{path}?q=zzzqqq").get_data(as_text=True)
    assert 'No symbols match <bdi lang="en">zzzqqq</bdi>' in page
    page = client.get(f"{path}?q=<b>zz").get_data(as_text=True)
    assert "<b>zz" not in page
    assert 'No symbols match <bdi lang="en">&lt;b&gt;zz</bdi>' in page


def test_choosing_a_symbol_stores_it_and_the_respondent_page_draws_it_with_the_credit(
    app: Flask, client: FlaskClient, login_as: object
) -> None:
    survey_id, question_id = _picture_survey(app)
    login_as(Role.FACILITATOR)
    path = f"/staff/surveys/{survey_id}/questions/{question_id}/symbols?q=school"
    token = csrf_token(client, path)
    response = client.post(
        path, data={"csrf_token": token, "symbol": "1F3EB", "target": "question"}
    )
    assert response.status_code == 302
    assert response.location.endswith(f"/staff/surveys/{survey_id}/questions/{question_id}")
    path = f"/staff/surveys/{survey_id}/questions/{question_id}/symbols?q=bus"
    token = csrf_token(client, path)
    client.post(path, data={"csrf_token": token, "symbol": "1F68C", "target": "option-2"})
    with app.app_context():
        question = db.session.get(Question, question_id)
        assert question is not None
        assert question.picture == "openmoji:1F3EB"
        assert [o.picture for o in question.options] == ["happy", "openmoji:1F68C", "happy"]
    # The builder's form keeps the symbol when the question is saved again.
    edit = client.get(f"/staff/surveys/{survey_id}/questions/{question_id}").get_data(as_text=True)
    assert '<option value="openmoji:1F3EB" selected>school (OpenMoji)</option>' in edit
    assert "openmoji:1F68C" in edit

    respondent = app.test_client()
    begin(respondent, survey_id)
    page = respondent.get(f"/s/{survey_id}/questions/1").get_data(as_text=True)
    assert (
        '<img class="voice-prompt__picture" src="/static/build/openmoji/1F3EB.svg" alt=""' in page
    )
    assert 'src="/static/build/openmoji/1F68C.svg" alt=""' in page
    assert CREDIT in page
    svg = respondent.get("/static/build/openmoji/1F68C.svg")
    assert svg.status_code == 200
    assert len(svg.data) < 10_000


def test_respondent_page_without_symbols_shows_no_credit(app: Flask, client: FlaskClient) -> None:
    survey_id, _question_id = _picture_survey(app)
    begin(client, survey_id)
    assert CREDIT not in client.get(f"/s/{survey_id}/questions/1").get_data(as_text=True)


def test_unknown_symbol_code_is_refused_beside_the_field_and_nothing_is_stored(
    app: Flask, client: FlaskClient, login_as: object
) -> None:
    survey_id, question_id = _picture_survey(app)
    login_as(Role.FACILITATOR)
    path = f"/staff/surveys/{survey_id}/questions/{question_id}/symbols?q=school"
    token = csrf_token(client, path)
    response = client.post(path, data={"csrf_token": token, "symbol": "NOPE", "target": "question"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<title>Error:" in page
    assert 'id="symbol-error"' in page
    assert "There is no OpenMoji symbol with that code" in page
    response = client.post(
        path, data={"csrf_token": token, "symbol": "1F3EB", "target": "option-9"}
    )
    assert "Choose where the symbol goes" in response.get_data(as_text=True)
    # Typed into the answers' pictures on the question form, it is refused there too.
    edit = f"/staff/surveys/{survey_id}/questions/{question_id}"
    data = {"csrf_token": csrf_token(client, edit), "kind": "picture"}
    for lang in ("en", "cy", "pl", "ar"):
        data[f"prompt_{lang}_plain"] = "Where?"
        data[f"prompt_{lang}_easy"] = "Where?"
        data[f"options_{lang}"] = "Bus | Bus\nHome | Home"
    data["option_pictures"] = "openmoji:1F68C\nopenmoji:NOPE"
    page = client.post(edit, data=data).get_data(as_text=True)
    assert "There is no OpenMoji symbol called openmoji:NOPE" in page
    with app.app_context():
        question = db.session.get(Question, question_id)
        assert question is not None
        assert question.picture is None
        assert [o.picture for o in question.options] == ["happy", "happy", "happy"]


def test_symbol_page_is_for_survey_builders_only(
    app: Flask, client: FlaskClient, login_as: object
) -> None:
    survey_id, question_id = _picture_survey(app)
    path = f"/staff/surveys/{survey_id}/questions/{question_id}/symbols?q=bus"
    assert client.get(path).status_code in {302, 401}
    login_as(Role.FORUM_REP)
    assert client.get(path).status_code == 403
    login_as(Role.STRATEGY_LEAD)
    assert client.get(f"/staff/surveys/{survey_id}/questions/999999/symbols").status_code == 404
