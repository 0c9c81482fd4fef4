"""The survey builder: create, questions, publish checks, open, close, copy, reorder."""

import io

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from surveys.models import Survey, SurveyPicture
from surveys.types import QuestionType, SurveyKind, SurveyStatus
from tests.conftest import csrf_token
from tests.factories import make_survey
from tests.surveys.survey_helpers import h1
from voice.accounts.models import Role
from voice.config import LANGUAGES
from voice.db import db

SURVEYS = select(Survey).where(Survey.kind == SurveyKind.SURVEY)  # not the standing forms


def _create(client: FlaskClient, **extra: str):
    data = {
        "csrf_token": csrf_token(client, "/staff/surveys/new"),
        "title": "Short breaks",
        "audience": "young_person",
        "retention_days": "365",
        "opens_on": ["", "", ""],
        "closes_on": ["", "", ""],
        **extra,
    }
    return client.post("/staff/surveys/new", data=data)


def _question_data(client: FlaskClient, path: str, **extra: str) -> dict[str, str]:
    data = {"csrf_token": csrf_token(client, path), "kind": "single"}
    for lang in LANGUAGES:
        data[f"prompt_{lang}_plain"] = f"Which club do you go to? ({lang})"
        data[f"prompt_{lang}_easy"] = f"Your club? ({lang})"
        data[f"options_{lang}"] = f"Youth club | Club ({lang})\nSports club | Sport ({lang})"
    data.update(extra)
    return data


def test_survey_page_is_shown_when_staff_create_a_survey(
    app: Flask, client: FlaskClient, login_as: object
) -> None:
    login_as(Role.STRATEGY_LEAD)
    response = _create(client)
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    assert h1(page) == "Short breaks"
    assert "Draft" in page
    with app.app_context():
        survey = db.session.scalars(SURVEYS).one()
        assert survey.status is SurveyStatus.DRAFT


def test_error_is_shown_when_the_closing_date_is_before_the_opening_date(
    client: FlaskClient, login_as: object
) -> None:
    login_as(Role.ADMIN)
    page = _create(client, opens_on=["10", "5", "2027"], closes_on=["1", "5", "2027"])
    assert "The closing date must be after the opening date" in page.get_data(as_text=True)


def test_error_is_shown_beside_the_field_when_the_title_is_missing(
    client: FlaskClient, login_as: object
) -> None:
    login_as(Role.FACILITATOR)
    page = _create(client, title="").get_data(as_text=True)
    assert "Enter a title for the survey" in page
    assert "<title>Error:" in page


def test_publish_is_refused_with_what_is_missing_when_wordings_are_empty(
    app: Flask, client: FlaskClient, login_as: object
) -> None:
    login_as(Role.ADMIN)
    survey_path = _create(client).location
    path = f"{survey_path}/questions/new"
    data = _question_data(client, path)
    data["prompt_cy_easy"] = ""
    assert client.post(path, data=data).status_code == 302
    token = csrf_token(client, survey_path)
    refused = client.post(f"{survey_path}/open", data={"csrf_token": token})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert "Question 1: add the easy read wording in Welsh" in page
    assert "Introduction: add the plain wording in Arabic" in page
    with app.app_context():
        assert db.session.scalars(SURVEYS).one().status is SurveyStatus.DRAFT


def test_survey_opens_when_every_wording_is_filled_in(
    app: Flask, client: FlaskClient, login_as: object
) -> None:
    with app.app_context():
        survey_id = make_survey(status=SurveyStatus.DRAFT).id
    login_as(Role.FACILITATOR)
    path = f"/staff/surveys/{survey_id}"
    opened = client.post(f"{path}/open", data={"csrf_token": csrf_token(client, path)})
    assert opened.status_code == 302
    assert "The survey is open for answers." in client.get(path).get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Survey, survey_id).status is SurveyStatus.OPEN


def test_reason_is_asked_for_when_a_question_is_marked_required(
    client: FlaskClient, login_as: object
) -> None:
    login_as(Role.ADMIN)
    path = f"{_create(client).location}/questions/new"
    page = client.post(path, data=_question_data(client, path, required="y")).get_data(as_text=True)
    assert "Give the reason this question must be answered" in page
    assert "Which club do you go to? (en)" in page  # nothing typed is lost


def test_options_are_stored_in_every_language_when_a_question_is_added(
    app: Flask, client: FlaskClient, login_as: object
) -> None:
    login_as(Role.ADMIN)
    path = f"{_create(client).location}/questions/new"
    assert client.post(path, data=_question_data(client, path)).status_code == 302
    with app.app_context():
        question = db.session.scalars(SURVEYS).one().questions[0]
        assert question.kind is QuestionType.SINGLE
        assert [o.wording["pl"]["easy"] for o in question.options] == ["Club (pl)", "Sport (pl)"]


def test_order_changes_when_a_question_is_moved_up(
    app: Flask, client: FlaskClient, login_as: object
) -> None:
    with app.app_context():
        survey = make_survey(kinds=(QuestionType.EMOJI, QuestionType.YES_NO))
        survey_id, second = survey.id, survey.questions[1].id
    login_as(Role.ADMIN)
    path = f"/staff/surveys/{survey_id}"
    client.post(f"{path}/questions/{second}/up", data={"csrf_token": csrf_token(client, path)})
    with app.app_context():
        kinds = [q.kind for q in db.session.get(Survey, survey_id).questions]
        assert kinds == [QuestionType.YES_NO, QuestionType.EMOJI]


def test_draft_copy_is_made_when_staff_duplicate_a_survey(
    app: Flask, client: FlaskClient, login_as: object
) -> None:
    with app.app_context():
        survey_id = make_survey(kinds=(QuestionType.PICTURE,)).id
    login_as(Role.ADMIN)
    path = f"/staff/surveys/{survey_id}"
    copied = client.post(f"{path}/copy", data={"csrf_token": csrf_token(client, path)})
    assert h1(client.get(copied.location).get_data(as_text=True)) == "Copy of Short breaks"
    with app.app_context():
        copy = db.session.scalars(SURVEYS.where(Survey.id != survey_id)).one()
        assert copy.status is SurveyStatus.DRAFT
        assert len(copy.questions[0].options) == 3


def test_survey_stops_taking_answers_when_staff_close_it(
    app: Flask, client: FlaskClient, login_as: object
) -> None:
    with app.app_context():
        survey_id = make_survey(kinds=(QuestionType.EMOJI,)).id
    login_as(Role.STRATEGY_LEAD)
    path = f"/staff/surveys/{survey_id}"
    client.post(f"{path}/close", data={"csrf_token": csrf_token(client, path)})
    anonymous = app.test_client()
    assert anonymous.get(f"/s/{survey_id}").status_code == 410


def test_people_without_a_builder_role_are_refused_when_they_open_the_builder(
    client: FlaskClient, login_as: object
) -> None:
    login_as(Role.SCHOOL_CONTACT)
    assert client.get("/staff/surveys").status_code == 403


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_picture_is_stored_and_served_when_staff_upload_a_png(
    app: Flask, client: FlaskClient, login_as: object
) -> None:
    login_as(Role.FACILITATOR)
    token = csrf_token(client, "/staff/surveys/pictures")
    response = client.post(
        "/staff/surveys/pictures",
        data={"csrf_token": token, "name": "Our club", "picture": (io.BytesIO(PNG), "club.png")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    page = client.get("/staff/surveys/pictures").get_data(as_text=True)
    assert "Our club (upload-" in page
    with app.app_context():
        picture = db.session.scalars(select(SurveyPicture)).one()
    served = app.test_client().get(f"/pictures/{picture.id}")
    assert served.status_code == 200
    assert served.mimetype == "image/png"
    assert served.data == PNG


def test_error_is_shown_beside_the_field_when_the_upload_is_not_a_picture(
    app: Flask, client: FlaskClient, login_as: object
) -> None:
    login_as(Role.FACILITATOR)
    token = csrf_token(client, "/staff/surveys/pictures")
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    page = client.post(
        "/staff/surveys/pictures",
        data={"csrf_token": token, "name": "Sneaky", "picture": (io.BytesIO(svg), "a.png")},
        content_type="multipart/form-data",
    ).get_data(as_text=True)
    assert "The picture must be a PNG or JPEG file" in page
    assert 'value="Sneaky"' in page
    big = PNG + b"\x00" * (200 * 1024)
    token = csrf_token(client, "/staff/surveys/pictures")
    page = client.post(
        "/staff/surveys/pictures",
        data={"csrf_token": token, "name": "Big", "picture": (io.BytesIO(big), "big.png")},
        content_type="multipart/form-data",
    ).get_data(as_text=True)
    assert "The picture must be 200 KB or smaller" in page
    with app.app_context():
        assert db.session.scalars(select(SurveyPicture)).all() == []
