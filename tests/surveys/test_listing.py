"""A way in for everyone: open surveys staff list for young people on the home page and on
Tell us what you think, and a survey shared by its link and QR code without a group session."""

import io
from datetime import timedelta

import pytest
import segno
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from surveys.models import Survey, SurveyResponse
from surveys.types import QuestionType, SourceGroup, SurveyKind
from tests.conftest import csrf_token
from tests.factories import make_survey
from tests.surveys.survey_helpers import answer, begin, send
from voice.accounts.models import Role
from voice.db import db, utcnow

PAGES = ("/", "/tell-us")


def _listed(title: str = "Short breaks", **fields: object) -> int:
    survey = make_survey(title=title, kinds=(QuestionType.YES_NO,))
    survey.listed = True
    for name, value in fields.items():
        setattr(survey, name, value)
    db.session.commit()
    return survey.id


@pytest.mark.parametrize("path", PAGES)
def test_listed_open_survey_is_linked_when_a_young_person_opens_the_page(
    app: Flask, client: FlaskClient, path: str
) -> None:
    with app.app_context():
        survey_id = _listed()
    page = client.get(path).get_data(as_text=True)
    assert f'href="/s/{survey_id}"' in page
    assert "Short breaks (en)" in page
    assert "There are no surveys open just now" not in page


@pytest.mark.parametrize("path", PAGES)
def test_survey_is_left_out_when_it_is_unlisted_closed_not_yet_open_or_not_for_young_people(
    app: Flask, client: FlaskClient, path: str
) -> None:
    with app.app_context():
        unlisted = make_survey(title="Unlisted", kinds=(QuestionType.YES_NO,)).id
        closed = _listed("Closed", closes_at=utcnow() - timedelta(days=1))
        later = _listed("Later", opens_at=utcnow() + timedelta(days=3))
        parents = _listed("Parents", audience=SourceGroup.PARENT_CARER)
        form = _listed("Form", kind=SurveyKind.FORM)
    page = client.get(path).get_data(as_text=True)
    for survey_id in (unlisted, closed, later, parents, form):
        assert f'href="/s/{survey_id}"' not in page
    assert "There are no surveys open just now. Come back soon." in page


def test_list_shows_easy_read_titles_with_pictures_when_easy_read_is_chosen(
    app: Flask, client: FlaskClient
) -> None:
    with app.app_context():
        survey_id = _listed()
    page = client.get("/?easy=1").get_data(as_text=True)
    link = page.split(f'href="/s/{survey_id}"', 1)[1].split("</a>", 1)[0]
    assert "Short breaks easy (en)" in link
    assert "<img" in link
    assert "Pick a survey. You do not need a code." in page
    # the choice is remembered on Tell us what you think, and switched back from there
    assert "Short breaks easy (en)" in client.get("/tell-us").get_data(as_text=True)
    assert "Short breaks (en)" in client.get("/tell-us?easy=0").get_data(as_text=True)


def test_list_is_worded_in_the_page_language_when_one_is_chosen(
    app: Flask, client: FlaskClient
) -> None:
    with app.app_context():
        _listed()
    assert "Short breaks (ar)" in client.get("/?lang=ar").get_data(as_text=True)
    assert "Short breaks (cy)" in client.get("/tell-us?lang=cy").get_data(as_text=True)


def _settings(client: FlaskClient, survey_id: int, **extra: str):
    path = f"/staff/surveys/{survey_id}/settings"
    data = {
        "csrf_token": csrf_token(client, path),
        "title": "Short breaks",
        "audience": "young_person",
        "retention_days": "365",
        "opens_on": ["", "", ""],
        "closes_on": ["", "", ""],
        **extra,
    }
    return client.post(path, data=data)


def test_survey_is_listed_when_staff_tick_the_box_in_its_settings(
    app: Flask, client: FlaskClient, login_as: object
) -> None:
    with app.app_context():
        survey_id = make_survey(kinds=(QuestionType.YES_NO,)).id
    login_as(Role.FACILITATOR)
    assert _settings(client, survey_id, listed="y").status_code == 302
    with app.app_context():
        assert db.session.get(Survey, survey_id).listed
    assert f'href="/s/{survey_id}"' in client.get("/").get_data(as_text=True)
    assert _settings(client, survey_id).status_code == 302  # unticked
    with app.app_context():
        assert not db.session.get(Survey, survey_id).listed


def test_error_is_shown_beside_the_box_when_staff_list_a_survey_for_parent_carers(
    app: Flask, client: FlaskClient, login_as: object
) -> None:
    with app.app_context():
        survey_id = make_survey(kinds=(QuestionType.YES_NO,)).id
    login_as(Role.STRATEGY_LEAD)
    response = _settings(client, survey_id, listed="y", audience="parent_carer")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert page.count("Only surveys for young people can be listed.") == 2  # summary and field
    assert "<title>Error: " in page
    with app.app_context():
        survey = db.session.get(Survey, survey_id)
        assert not survey.listed
        assert survey.audience is SourceGroup.YOUNG_PERSON


def test_builder_shows_the_survey_link_and_its_qr_code_when_staff_open_the_survey(
    app: Flask, client: FlaskClient, login_as: object
) -> None:
    with app.app_context():
        survey_id = make_survey(kinds=(QuestionType.YES_NO,)).id
    login_as(Role.FACILITATOR)
    page = client.get(f"/staff/surveys/{survey_id}").get_data(as_text=True)
    link = f"http://localhost/s/{survey_id}"
    assert f'href="{link}"' in page
    assert "<svg" in page.split('class="voice-qr"', 1)[1]
    assert "They do not need a group code." in page
    picture = client.get(f"/staff/surveys/{survey_id}/qr-code.png")
    assert picture.status_code == 200
    assert picture.mimetype == "image/png"
    assert "attachment" in picture.headers["Content-Disposition"]
    drawn = io.BytesIO()  # the link's own QR code, drawn the same way
    segno.make(link, error="m").save(drawn, kind="png", scale=10, border=4)
    assert picture.data.startswith(b"\x89PNG")
    assert picture.data == drawn.getvalue()


def test_qr_code_is_refused_when_someone_without_a_builder_role_asks(
    app: Flask, client: FlaskClient, login_as: object
) -> None:
    with app.app_context():
        survey_id = make_survey(kinds=(QuestionType.YES_NO,)).id
    assert client.get(f"/staff/surveys/{survey_id}/qr-code.png").status_code in {302, 401}
    login_as(Role.FORUM_REP)
    assert client.get(f"/staff/surveys/{survey_id}/qr-code.png").status_code == 403


def test_answers_are_stored_without_a_group_session_when_someone_follows_the_shared_link(
    app: Flask, client: FlaskClient
) -> None:
    with app.app_context():
        survey_id = _listed()
    assert client.get(f"/s/{survey_id}").status_code == 200
    begin(client, survey_id)
    assert answer(client, survey_id, 1, answer="yes").status_code == 302
    assert send(client, survey_id)[0].status_code == 302
    with app.app_context():
        stored = db.session.scalars(select(SurveyResponse)).one()
        assert stored.kiosk_session_id is None
        assert stored.survey_id == survey_id
