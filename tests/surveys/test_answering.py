"""Respondent pages reuse each survey's questions until staff change them, and the text size
control works without JavaScript."""

import re

from flask import Flask
from flask.testing import FlaskClient

from surveys.builder import close_survey, move_question
from surveys.models import Question, QuestionOption, Survey
from surveys.types import QuestionType
from tests.conftest import csrf_token
from tests.factories import make_survey
from tests.surveys.survey_helpers import begin, h1
from voice.db import db

KINDS = (QuestionType.SINGLE, QuestionType.FREE_TEXT)


def _page(client: FlaskClient, survey_id: int, number: int) -> str:
    return client.get(f"/s/{survey_id}/questions/{number}").get_data(as_text=True)


def test_new_wording_is_shown_at_once_when_staff_change_an_open_survey(
    app: Flask, client: FlaskClient
) -> None:
    with app.app_context():
        survey_id = make_survey(kinds=KINDS).id
    begin(client, survey_id)
    assert h1(_page(client, survey_id, 1)) == "Question 1 (en)"
    with app.app_context():
        question = db.session.get(Survey, survey_id).questions[0]
        question.prompt = {**question.prompt, "en": {"plain": "Which club?", "easy": "Club?"}}
        db.session.commit()
    assert h1(_page(client, survey_id, 1)) == "Which club?"


def test_new_option_wording_is_shown_at_once_when_staff_change_only_an_option(
    app: Flask, client: FlaskClient
) -> None:
    with app.app_context():
        survey_id = make_survey(kinds=KINDS).id
    begin(client, survey_id)
    assert "Option 2 (en)" in _page(client, survey_id, 1)
    with app.app_context():
        option = db.session.get(Survey, survey_id).questions[0].options[1]
        option_id = option.id
        db.session.remove()
        option = db.session.get(QuestionOption, option_id)  # loaded on its own, not via the survey
        option.wording = {"en": {"plain": "Swimming", "easy": "Swim"}}
        db.session.commit()
    assert "Swimming" in _page(client, survey_id, 1)


def test_questions_follow_the_new_order_when_staff_move_one(
    app: Flask, client: FlaskClient
) -> None:
    with app.app_context():
        survey_id = make_survey(kinds=KINDS).id
    begin(client, survey_id)
    assert 'name="answer" type="radio"' in _page(client, survey_id, 1)
    with app.app_context():
        first = db.session.scalar(
            db.select(Question).where(Question.survey_id == survey_id, Question.position == 0)
        )
        move_question(first, 1)
        db.session.commit()
    assert "<textarea" in _page(client, survey_id, 1)


def test_closed_page_is_shown_at_once_when_staff_close_the_survey_mid_way(
    app: Flask, client: FlaskClient
) -> None:
    with app.app_context():
        survey_id = make_survey(kinds=KINDS).id
    begin(client, survey_id)
    assert client.get(f"/s/{survey_id}/questions/1").status_code == 200
    with app.app_context():
        close_survey(db.session.get(Survey, survey_id))
        db.session.commit()
    response = client.get(f"/s/{survey_id}/questions/1")
    assert response.status_code == 410
    assert h1(response.get_data(as_text=True)) == "This survey is closed"


def _html_class(html: str) -> str:
    match = re.search(r'<html[^>]*class="([^"]*)"', html)
    return match.group(1) if match else ""


def test_text_stays_bigger_on_the_next_pages_when_bigger_text_is_chosen_without_javascript(
    app: Flask, client: FlaskClient
) -> None:
    with app.app_context():
        survey_id = make_survey(kinds=KINDS).id
    begin(client, survey_id)
    question = f"/s/{survey_id}/questions/1?easy=1"
    assert "voice-text-large" not in _html_class(client.get(question).get_data(as_text=True))
    response = client.post(
        "/s/text-size",
        data={"csrf_token": csrf_token(client, question), "large": "1", "back": question},
    )
    assert response.status_code == 302
    assert response.location == question
    page = client.get(response.location).get_data(as_text=True)
    assert "voice-text-large" in _html_class(page)
    assert "Smaller text" in page
    assert "voice-text-large" in _html_class(_page(client, survey_id, 2))
    client.post(
        "/s/text-size",
        data={"csrf_token": csrf_token(client, question), "large": "0", "back": question},
    )
    assert "voice-text-large" not in _html_class(_page(client, survey_id, 2))


def test_text_size_goes_back_to_our_home_page_when_the_return_address_is_elsewhere(
    app: Flask, client: FlaskClient
) -> None:
    with app.app_context():
        survey_id = make_survey(kinds=KINDS).id
    token = csrf_token(client, f"/s/{survey_id}")
    for elsewhere in ("https://example.com/s/1", "//example.com/s/1", "/staff/surveys"):
        response = client.post(
            "/s/text-size", data={"csrf_token": token, "large": "1", "back": elsewhere}
        )
        assert response.status_code == 302
        assert response.location == "/"


def test_text_size_is_refused_with_the_friendly_page_when_the_csrf_token_is_missing(
    client: FlaskClient,
) -> None:
    response = client.post("/s/text-size", data={"large": "1", "back": "/s/1"})
    assert response.status_code == 400
    assert "Anything you entered before is kept" in response.get_data(as_text=True)
