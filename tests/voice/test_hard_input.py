"""Hard input at the one boundary (voice/untrusted.py) and beside it: ids past the database's
range, impossible dates, control characters, malformed answers; and error pages that render
whatever went wrong."""

import json

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from surveys.models import FeedbackItem, Survey
from surveys.types import QuestionType
from tests.conftest import _test_settings, csrf_token, make_staff
from tests.factories import make_survey, make_tagged_item
from tests.surveys.survey_helpers import answer, begin, send
from voice.accounts.models import Role
from voice.app import create_app
from voice.db import db

HUGE = "99999999999999999999"


def _free_text_survey(app: Flask) -> int:
    with app.app_context():
        return make_survey(kinds=(QuestionType.FREE_TEXT,)).id


def _question_id(app: Flask, survey_id: int) -> str:
    with app.app_context():
        return str(db.session.get(Survey, survey_id).questions[0].id)


@pytest.mark.parametrize(
    "path",
    [
        f"/s/{HUGE}",
        "/s/2147483648",
        f"/s/{HUGE}/questions/1",
        f"/pictures/{HUGE}",
        f"/themes/items/{HUGE}",
        f"/tracker/actions/{HUGE}",
        "/dashboard/themes/waiting%00times",
    ],
)
def test_page_not_found_when_an_id_is_past_the_database_range_or_a_slug_holds_a_nul(
    login_as: object, client: FlaskClient, path: str
) -> None:
    login_as(*Role)
    response = client.get(path)
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)


def test_all_feedback_lists_everything_when_the_filters_are_blank_or_out_of_range(
    app: Flask, login_as: object, client: FlaskClient
) -> None:
    with app.app_context():
        make_tagged_item(text="The taxi to school is late every day")
    login_as(Role.STRATEGY_LEAD)
    for query in (
        "channel=%20&audience=%20",
        f"survey={HUGE}",
        f"after=2026-01-01T00:00:00~{HUGE}",
        f"before=2026-01-01T00:00:00~{HUGE}&q=taxi%00",
    ):
        response = client.get(f"/feedback?{query}")
        assert response.status_code == 200, query
        assert "The taxi to school is late every day" in response.get_data(as_text=True), query


def test_dashboard_says_beside_the_date_when_it_is_impossible(
    login_as: object, client: FlaskClient
) -> None:
    login_as(Role.STRATEGY_LEAD)
    response = client.get("/dashboard/?from=0001-01-01&to=9999-12-31")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    message = "Enter a real date between 2000 and 2099, like 2026-09-01"
    assert (
        f'id="filter-from-error"><span class="govuk-visually-hidden">Error:</span> {message}'
        in page
    )
    assert (
        f'id="filter-to-error"><span class="govuk-visually-hidden">Error:</span> {message}' in page
    )


def test_dashboard_shows_the_first_page_when_the_page_or_survey_is_past_the_range(
    login_as: object, client: FlaskClient
) -> None:
    login_as(Role.STRATEGY_LEAD)
    response = client.get(f"/dashboard/?page={HUGE}&survey={HUGE}")
    assert response.status_code == 200
    assert "filter-from-error" not in response.get_data(as_text=True)


def test_answer_is_sent_without_the_nul_when_a_young_person_types_one(
    app: Flask, client: FlaskClient
) -> None:
    survey_id = _free_text_survey(app)
    begin(client, survey_id)
    assert answer(client, survey_id, 1, answer="we need more help\x00 at school").status_code == 302
    response, _fields = send(client, survey_id)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/s/{survey_id}/thank-you")
    with app.app_context():
        texts = list(db.session.scalars(select(FeedbackItem.original_text)))
    assert texts == ["we need more help at school"]


def test_proxy_entry_is_stored_without_control_characters_when_they_are_typed(
    app: Flask, login_as: object, client: FlaskClient
) -> None:
    login_as(Role.FORUM_REP)
    data = {
        "csrf_token": csrf_token(client, "/proxy"),
        "text": "The short\x00 breaks\x1b stopped\nin May\tthis year",
        "on_behalf_of": "parent_carer",
        "gathered_at": "Coffee\x00 morning",
        "language": "en",
    }
    assert client.post("/proxy", data=data).status_code == 302
    with app.app_context():
        item = db.session.scalar(select(FeedbackItem))
    assert item.original_text == "The short breaks stopped\nin May\tthis year"


@pytest.mark.parametrize(
    "answers",
    [
        "[" * 5000 + "]" * 5000,
        json.dumps({"1": {"choices": 7}}),
        json.dumps({"1": {"choices": [{"deep": []}]}}),
        json.dumps({"1": {"text": ["not", "text"]}}),
    ],
)
def test_send_says_the_answers_could_not_be_read_when_they_are_nested_or_not_text(
    app: Flask, client: FlaskClient, answers: str
) -> None:
    survey_id = _free_text_survey(app)
    answers = answers.replace('"1"', json.dumps(_question_id(app, survey_id)))
    data = {
        "csrf_token": csrf_token(client, f"/s/{survey_id}"),
        "idempotency_key": "offline-resend-0001",
        "answers": answers,
    }
    response = client.post(f"/s/{survey_id}/send", data=data)
    assert response.status_code == 400
    assert "Some answers could not be read" in response.get_data(as_text=True)


def test_answers_are_sent_when_how_answered_is_blank(app: Flask, client: FlaskClient) -> None:
    survey_id = _free_text_survey(app)
    begin(client, survey_id)
    answer(client, survey_id, 1, answer="More clubs in the holidays")
    response, _fields = send(client, survey_id, how_answered=" ")
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(FeedbackItem.original_text)) == "More clubs in the holidays"


@pytest.mark.parametrize("language", ["en", "cy", "pl", "ar"])
def test_accessibility_statement_is_shown_when_asked_for_in_each_language(
    client: FlaskClient, language: str
) -> None:
    response = client.get(f"/accessibility?lang={language}")
    assert response.status_code == 200
    assert f'lang="{language}"' in response.get_data(as_text=True)


def test_friendly_500_page_is_shown_when_a_view_fails_mid_transaction(app: Flask) -> None:
    failing = create_app(_test_settings() | {"TESTING": False})

    @failing.route("/fails-mid-transaction")
    def fails_mid_transaction() -> str:
        try:  # a failed flush leaves the session unusable until it is rolled back
            db.session.add(FeedbackItem(original_text="half written"))
            db.session.flush()
        except SQLAlchemyError as error:
            raise OperationalError(
                "INSERT INTO feedback_items", {}, Exception("server closed the connection")
            ) from error
        return "unreachable"

    # Signed in, so the error page's menu reads the user from the same broken session.
    user_id = make_staff(app, Role.STRATEGY_LEAD).id
    client = failing.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = str(user_id)
        session["_fresh"] = True
    response = client.get("/fails-mid-transaction")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Sorry, there is a problem with the service" in page
    assert "server closed the connection" not in page
    with app.app_context():
        assert db.session.scalar(select(FeedbackItem.id)) is None  # nothing half written kept


def test_offline_resend_is_stored_without_the_nul_when_the_json_spells_one_as_an_escape(
    app: Flask, client: FlaskClient
) -> None:
    survey_id = _free_text_survey(app)
    answers = json.dumps({_question_id(app, survey_id): {"text": "more help\u0000 at school"}})
    assert "\\u0000" in answers  # the form value itself holds no control character
    data = {
        "csrf_token": csrf_token(client, f"/s/{survey_id}"),
        "idempotency_key": "offline-resend-0002",
        "answers": answers,
    }
    assert client.post(f"/s/{survey_id}/send", data=data).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(FeedbackItem.original_text)) == "more help at school"


@pytest.mark.parametrize(
    ("path", "status"),
    [
        (f"/themes/review?after={HUGE}", 200),
        (f"/admin/erasures?before={HUGE}", 404),
        (f"/admin/access-log?before={HUGE}", 404),
    ],
)
def test_staff_lists_answer_without_a_server_error_when_a_cursor_is_past_the_range(
    login_as: object, client: FlaskClient, path: str, status: int
) -> None:
    login_as(*Role)
    assert client.get(path).status_code == status


def test_survey_settings_are_drawn_again_when_a_date_arrives_in_the_wrong_number_of_parts(
    app: Flask, login_as: object, client: FlaskClient
) -> None:
    login_as(*Role)
    path = "/staff/surveys/new"
    data = {"csrf_token": csrf_token(client, path), "opens_on": "-1", "closes_on": ["1", "2"]}
    for sent in (data, {"csrf_token": data["csrf_token"]}):
        response = client.post(path, data=sent)
        assert response.status_code == 200
        assert "Choose who the survey is for" in response.get_data(as_text=True)
