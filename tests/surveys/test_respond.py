"""The respondent flow: one question a page, check answers, send once, feedback items."""

import json
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from surveys.models import Answer, FeedbackItem, ResponseDraft, SurveyResponse
from surveys.signals import feedback_received
from surveys.types import Channel, QuestionType, SurveyStatus
from tests.factories import make_survey
from tests.surveys.survey_helpers import answer, begin, h1, send
from voice.db import db

ALL_KINDS = (
    QuestionType.FREE_TEXT,
    QuestionType.SINGLE,
    QuestionType.MULTIPLE,
    QuestionType.PICTURE,
    QuestionType.EMOJI,
    QuestionType.YES_NO,
    QuestionType.RATING,
)


@pytest.fixture
def survey_ids(app: Flask) -> dict[str, int]:
    with app.app_context():
        survey = make_survey(kinds=ALL_KINDS)
        return {
            "survey": survey.id,
            **{q.kind.value: q.id for q in survey.questions},
            "first_option": survey.questions[1].options[0].id,
            "second_option": survey.questions[1].options[1].id,
            "multi_options": [o.id for o in survey.questions[2].options],
            "picture_option": survey.questions[3].options[2].id,
        }


@pytest.fixture
def announced() -> Iterator[list[int]]:
    ids: list[int] = []

    def listen(sender: object, item_ids: list[int]) -> None:
        ids.extend(item_ids)

    feedback_received.connect(listen)
    yield ids
    feedback_received.disconnect(listen)


def _answer_everything(client: FlaskClient, ids: dict) -> None:
    survey = ids["survey"]
    begin(client, survey)
    assert answer(client, survey, 1, answer="The wait for help is too long").status_code == 302
    assert answer(client, survey, 2, answer=str(ids["second_option"])).status_code == 302
    multi = [str(i) for i in ids["multi_options"][:2]]
    assert answer(client, survey, 3, answer=multi).status_code == 302
    assert answer(client, survey, 4, answer=str(ids["picture_option"])).status_code == 302
    assert answer(client, survey, 5, answer="4").status_code == 302
    assert answer(client, survey, 6, answer="not_sure").status_code == 302
    last = answer(client, survey, 7, answer="5")
    assert last.status_code == 302
    assert last.location.endswith(f"/s/{survey}/check")


def test_every_question_type_is_stored_when_a_young_person_finishes(
    app: Flask, client: FlaskClient, survey_ids: dict, announced: list[int]
) -> None:
    _answer_everything(client, survey_ids)
    check = client.get(f"/s/{survey_ids['survey']}/check").get_data(as_text=True)
    assert h1(check) == "Check your answers"
    assert "The wait for help is too long" in check
    assert "Not sure" in check
    response, _fields = send(client, survey_ids["survey"], how_answered="with_help")
    assert response.status_code == 302
    assert response.location.endswith(f"/s/{survey_ids['survey']}/thank-you")
    with app.app_context():
        stored = db.session.scalars(select(SurveyResponse)).one()
        assert stored.channel is Channel.WEB
        assert stored.how_answered.value == "with_help"
        answers = {a.question_id: a for a in db.session.scalars(select(Answer))}
        assert answers[survey_ids["free_text"]].text == "The wait for help is too long"
        assert answers[survey_ids["single"]].choices == [str(survey_ids["second_option"])]
        assert answers[survey_ids["multiple"]].choices == [
            str(i) for i in survey_ids["multi_options"][:2]
        ]
        assert answers[survey_ids["picture"]].choices == [str(survey_ids["picture_option"])]
        assert answers[survey_ids["emoji"]].choices == ["4"]
        assert answers[survey_ids["yes_no"]].choices == ["not_sure"]
        assert answers[survey_ids["rating"]].choices == ["5"]
        item = db.session.scalars(select(FeedbackItem)).one()
        assert item.original_text == "The wait for help is too long"
        assert (item.survey_id, item.question_id) == (survey_ids["survey"], survey_ids["free_text"])
        assert item.channel is Channel.WEB
        assert announced == [item.id]
        assert db.session.scalar(select(func.count(ResponseDraft.id))) == 0
    thanks = client.get(f"/s/{survey_ids['survey']}/thank-you").get_data(as_text=True)
    assert "You said, we did" in thanks


def test_response_is_stored_once_when_the_final_submit_is_sent_twice(
    app: Flask, client: FlaskClient, survey_ids: dict
) -> None:
    _answer_everything(client, survey_ids)
    first, fields = send(client, survey_ids["survey"])
    again = client.post(f"/s/{survey_ids['survey']}/send", data=fields)
    assert first.status_code == again.status_code == 302
    assert again.location.endswith("/thank-you")
    with app.app_context():
        assert db.session.scalar(select(func.count(SurveyResponse.id))) == 1
        assert db.session.scalar(select(func.count(FeedbackItem.id))) == 1


def test_offline_resend_is_stored_once_when_it_carries_the_answers_and_key(
    app: Flask, client: FlaskClient, survey_ids: dict
) -> None:
    _answer_everything(client, survey_ids)
    _page, fields = send(client, survey_ids["survey"])  # stores it; the draft is gone
    with app.app_context():
        db.session.execute(SurveyResponse.__table__.delete())
        db.session.execute(Answer.__table__.delete())
        db.session.execute(FeedbackItem.__table__.delete())
        db.session.commit()
    answers = {
        str(survey_ids["emoji"]): {"choices": ["2"]},
        str(survey_ids["free_text"]): {"text": "Sent when the wifi came back"},
    }
    fields = {**fields, "answers": json.dumps(answers)}
    headers = {"X-Voice-Offline-Resend": "1"}
    first = client.post(f"/s/{survey_ids['survey']}/send", data=fields, headers=headers)
    second = client.post(f"/s/{survey_ids['survey']}/send", data=fields, headers=headers)
    assert first.status_code == 201
    assert second.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count(SurveyResponse.id))) == 1
        texts = list(db.session.scalars(select(FeedbackItem.original_text)))
        assert texts == ["Sent when the wifi came back"]


def test_tampered_resend_is_refused_with_a_message_when_an_answer_is_not_an_option(
    app: Flask, client: FlaskClient, survey_ids: dict
) -> None:
    fields = {
        "idempotency_key": "k" * 32,
        "answers": json.dumps({str(survey_ids["emoji"]): {"choices": ["99"]}}),
    }
    begin(client, survey_ids["survey"])
    _page, base = send(client, survey_ids["survey"])
    with app.app_context():
        db.session.execute(SurveyResponse.__table__.delete())
        db.session.commit()
    response = client.post(f"/s/{survey_ids['survey']}/send", data={**base, **fields})
    assert response.status_code == 400
    assert "Some answers could not be read" in response.get_data(as_text=True)


def test_skipped_answer_is_stored_as_skipped_when_i_dont_want_to_answer_is_chosen(
    app: Flask, client: FlaskClient, survey_ids: dict
) -> None:
    begin(client, survey_ids["survey"])
    assert answer(client, survey_ids["survey"], 1, skip="1").status_code == 302
    assert answer(client, survey_ids["survey"], 2, answer="skip").status_code == 302
    check = client.get(f"/s/{survey_ids['survey']}/check").get_data(as_text=True)
    assert check.count("I don&#39;t want to answer") >= 2


def test_message_is_shown_and_answers_kept_when_an_answer_is_not_an_option(
    client: FlaskClient, survey_ids: dict
) -> None:
    survey = survey_ids["survey"]
    begin(client, survey)
    answer(client, survey, 1, answer="Keep this please")
    response = answer(client, survey, 5, answer="9")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "That answer is not on the list" in page
    assert "<title>Error:" in page
    back = client.get(f"/s/{survey}/questions/1").get_data(as_text=True)
    assert "Keep this please" in back


def test_text_is_kept_with_a_message_when_it_is_longer_than_the_limit(
    client: FlaskClient, survey_ids: dict
) -> None:
    begin(client, survey_ids["survey"])
    response = answer(client, survey_ids["survey"], 1, answer="a" * 2001)
    page = response.get_data(as_text=True)
    assert "Use 2,000 characters or fewer" in page
    assert "a" * 2001 in page


def test_message_gives_the_reason_when_a_required_question_is_not_answered(
    app: Flask, client: FlaskClient
) -> None:
    with app.app_context():
        survey_id = make_survey(kinds=(QuestionType.YES_NO,), required=True).id
    begin(client, survey_id)
    page = answer(client, survey_id, 1).get_data(as_text=True)
    assert "We need it because: We need it" in page
    assert "I don&#39;t want to answer" not in page


def test_answer_is_still_chosen_when_the_page_is_reloaded(
    client: FlaskClient, survey_ids: dict
) -> None:
    begin(client, survey_ids["survey"])
    answer(client, survey_ids["survey"], 6, answer="yes")
    page = client.get(f"/s/{survey_ids['survey']}/questions/6").get_data(as_text=True)
    assert 'value="yes" checked' in page
    assert "Question 6 of 7" in page


def test_easy_message_is_shown_when_the_question_number_is_tampered(
    client: FlaskClient, survey_ids: dict
) -> None:
    begin(client, survey_ids["survey"])
    response = client.get(f"/s/{survey_ids['survey']}/questions/99")
    assert response.status_code == 404
    assert "We could not find that question" in response.get_data(as_text=True)


def test_closed_page_is_shown_when_the_survey_is_closed(app: Flask, client: FlaskClient) -> None:
    with app.app_context():
        survey_id = make_survey(status=SurveyStatus.CLOSED).id
    response = client.get(f"/s/{survey_id}")
    assert response.status_code == 410
    assert h1(response.get_data(as_text=True)) == "This survey is closed"


def test_friendly_message_is_shown_when_the_csrf_token_is_missing(
    client: FlaskClient, survey_ids: dict
) -> None:
    begin(client, survey_ids["survey"])
    response = client.post(f"/s/{survey_ids['survey']}/questions/5", data={"answer": "3"})
    assert response.status_code == 400
    assert "Anything you entered before is kept" in response.get_data(as_text=True)


def test_easy_read_wording_is_shown_when_the_switch_is_used(
    client: FlaskClient, survey_ids: dict
) -> None:
    begin(client, survey_ids["survey"])
    plain = client.get(f"/s/{survey_ids['survey']}/questions/5").get_data(as_text=True)
    easy = client.get(f"/s/{survey_ids['survey']}/questions/5?easy=1").get_data(as_text=True)
    arabic = client.get(f"/s/{survey_ids['survey']}/questions/5?lang=ar").get_data(as_text=True)
    assert h1(plain) == "Question 5 (en)"
    assert h1(easy) == "Question 5 easy (en)"
    assert "Question 5 easy (ar)" in h1(arabic)
    assert 'dir="rtl"' in arabic


def test_safety_help_is_on_the_page_when_a_young_person_answers(
    client: FlaskClient, survey_ids: dict
) -> None:
    page = client.get(f"/s/{survey_ids['survey']}").get_data(as_text=True)
    assert "Exit this page" in page
    assert "0800 1111" in page
    assert "999" in page
    assert "anonymous" in page or "Nobody will know which answers are yours" in page


def test_uploaded_picture_is_shown_beside_the_option_when_staff_chose_it(
    app: Flask, client: FlaskClient
) -> None:
    from surveys.pictures import add_picture

    with app.app_context():
        survey = make_survey(kinds=(QuestionType.PICTURE,))
        picture = add_picture(name="Club", data=b"\x89PNG\r\n\x1a\n" + b"\x00" * 8)
        survey.questions[0].options[0].picture = f"upload-{picture.id}"
        db.session.commit()
        survey_id, picture_id = survey.id, picture.id
    begin(client, survey_id)
    page = client.get(f"/s/{survey_id}/questions/1").get_data(as_text=True)
    assert f'src="/pictures/{picture_id}"' in page


def test_response_is_still_stored_when_the_hand_over_to_themes_fails(
    app: Flask, client: FlaskClient
) -> None:
    def broker_down(sender: object, item_ids: list[int]) -> None:
        raise ConnectionError("broker is down")

    with app.app_context():
        survey_id = make_survey(kinds=(QuestionType.FREE_TEXT,)).id
    feedback_received.connect(broker_down)
    try:
        begin(client, survey_id)
        answer(client, survey_id, 1, answer="Please keep the youth club open")
        sent, _fields = send(client, survey_id)
    finally:
        feedback_received.disconnect(broker_down)
    assert sent.status_code == 302
    assert sent.location.endswith("/thank-you")
    with app.app_context():
        assert db.session.scalar(select(func.count(SurveyResponse.id))) == 1
        item = db.session.scalars(select(FeedbackItem)).one()
        assert item.tagged_at is None  # the themes sweep picks it up later
