"""Kiosk sessions: open, join by code, responses carry the group, tablets start fresh."""

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from surveys.kiosk import JOIN_CODE_ALPHABET
from surveys.models import FeedbackItem, KioskSession, SurveyResponse
from surveys.types import Channel, QuestionType
from tests.conftest import csrf_token
from tests.factories import make_kiosk_session, make_survey
from tests.surveys.survey_helpers import answer, begin, h1, send
from voice.accounts.models import Role
from voice.db import db


def test_code_and_qr_are_shown_when_a_facilitator_opens_a_session(
    app: Flask, client: FlaskClient, login_as: object
) -> None:
    with app.app_context():
        survey_id = make_survey(kinds=(QuestionType.EMOJI,)).id
    login_as(Role.FACILITATOR)
    token = csrf_token(client, "/staff/kiosk")
    response = client.post(
        "/staff/kiosk",
        data={
            "csrf_token": token,
            "survey": str(survey_id),
            "group_label": "Tuesday youth club, Ellesmere Port",
        },
    )
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    with app.app_context():
        kiosk = db.session.scalars(select(KioskSession)).one()
        assert kiosk.group_label == "Tuesday youth club, Ellesmere Port"
        assert set(kiosk.code) <= set(JOIN_CODE_ALPHABET)
        code = kiosk.code
    assert h1(page) == "Tuesday youth club, Ellesmere Port"
    assert code in page
    assert "<svg" in page
    assert "0 responses so far" in page


def test_error_is_shown_beside_the_field_when_the_group_name_is_missing(
    app: Flask, client: FlaskClient, login_as: object
) -> None:
    with app.app_context():
        survey_id = make_survey(kinds=(QuestionType.EMOJI,)).id
    login_as(Role.FACILITATOR)
    token = csrf_token(client, "/staff/kiosk")
    page = client.post(
        "/staff/kiosk", data={"csrf_token": token, "survey": str(survey_id), "group_label": ""}
    ).get_data(as_text=True)
    assert "Enter the name of the group" in page
    assert "<title>Error:" in page


def test_people_without_a_staff_role_are_refused_when_they_open_a_session(
    client: FlaskClient, login_as: object
) -> None:
    login_as(Role.FORUM_REP)
    assert client.get("/staff/kiosk").status_code == 403


def test_response_carries_the_session_and_group_when_a_tablet_joins_by_code(
    app: Flask, client: FlaskClient
) -> None:
    with app.app_context():
        survey = make_survey(kinds=(QuestionType.FREE_TEXT,))
        kiosk = make_kiosk_session(survey=survey, code="TRY34")
        survey_id, kiosk_id = survey.id, kiosk.id
    token = csrf_token(client, "/join")
    joined = client.post("/join", data={"csrf_token": token, "code": " try 34 "})
    assert joined.status_code == 302
    start = client.get(joined.location).get_data(as_text=True)
    assert "Group: Tuesday youth club" in start
    begin(client, survey_id)
    answer(client, survey_id, 1, answer="More clubs in the holidays")
    sent, _fields = send(client, survey_id)
    assert sent.status_code == 302
    thanks = client.get(sent.location).get_data(as_text=True)
    assert "start again soon for the next person" in thanks
    with app.app_context():
        stored = db.session.scalars(select(SurveyResponse)).one()
        assert (stored.kiosk_session_id, stored.group_label) == (kiosk_id, "Tuesday youth club")
        assert stored.channel is Channel.KIOSK
        item = db.session.scalars(select(FeedbackItem)).one()
        assert item.channel is Channel.KIOSK
    # the next young person starts fresh: nothing typed before is shown
    assert client.get(f"/s/{survey_id}/questions/1").status_code == 302
    begin(client, survey_id)
    page = client.get(f"/s/{survey_id}/questions/1").get_data(as_text=True)
    assert "More clubs in the holidays" not in page


def test_answers_are_cleared_when_the_kiosk_resets_an_idle_tablet(
    app: Flask, client: FlaskClient
) -> None:
    with app.app_context():
        survey = make_survey(kinds=(QuestionType.FREE_TEXT,))
        make_kiosk_session(survey=survey, code="CAT79")
        survey_id = survey.id
    client.get("/join/CAT79")
    begin(client, survey_id)
    answer(client, survey_id, 1, answer="Something private")
    page = client.get(f"/s/{survey_id}/questions/1").get_data(as_text=True)
    assert "data-kiosk-reset-form" in page
    token = csrf_token(client, f"/s/{survey_id}/questions/1")
    reset = client.post(f"/s/{survey_id}/start-again", data={"csrf_token": token})
    assert reset.location.endswith(f"/s/{survey_id}")
    begin(client, survey_id)
    assert "Something private" not in client.get(f"/s/{survey_id}/questions/1").get_data(
        as_text=True
    )


def test_easy_message_is_shown_when_the_code_is_mistyped_or_closed(
    app: Flask, client: FlaskClient, login_as: object
) -> None:
    with app.app_context():
        survey = make_survey(kinds=(QuestionType.EMOJI,))
        kiosk = make_kiosk_session(survey=survey, code="HAT46")
        kiosk_id = kiosk.id
    token = csrf_token(client, "/join")
    page = client.post("/join", data={"csrf_token": token, "code": "HAT47"}).get_data(as_text=True)
    assert "That code is not working" in page
    assert 'value="HAT47"' in page
    login_as(Role.FACILITATOR)
    token = csrf_token(client, f"/staff/kiosk/{kiosk_id}")
    client.post(f"/staff/kiosk/{kiosk_id}/close", data={"csrf_token": token})
    assert "That code is not working" in client.get("/join/HAT46").get_data(as_text=True)


def test_count_goes_up_when_a_response_arrives(
    app: Flask, client: FlaskClient, login_as: object
) -> None:
    with app.app_context():
        survey = make_survey(kinds=(QuestionType.YES_NO,))
        kiosk = make_kiosk_session(survey=survey, code="MUG39")
        survey_id, kiosk_id = survey.id, kiosk.id
    tablet = app.test_client()
    tablet.get("/join/MUG39")
    begin(tablet, survey_id)
    answer(tablet, survey_id, 1, answer="yes")
    send(tablet, survey_id)
    login_as(Role.FACILITATOR)
    data = client.get(f"/staff/kiosk/{kiosk_id}/count").get_json()
    assert data["count"] == 1
    assert data["text"] == "1 response so far"


def test_too_many_tries_page_is_shown_when_one_address_posts_beyond_the_limit(
    app: Flask, client: FlaskClient, monkeypatch: object
) -> None:
    monkeypatch.setitem(app.config, "PUBLIC_POST_RATE_LIMIT", "3 per minute")
    with app.app_context():
        survey_id = make_survey(kinds=(QuestionType.EMOJI,)).id
    statuses = []
    for _try in range(4):
        token = csrf_token(client, f"/s/{survey_id}")
        statuses.append(client.post(f"/s/{survey_id}/start", data={"csrf_token": token}))
    assert [r.status_code for r in statuses] == [302, 302, 302, 429]
    assert "Too many tries" in statuses[-1].get_data(as_text=True)


def test_nothing_about_the_device_is_stored_when_a_response_is_saved() -> None:
    columns = set(SurveyResponse.__table__.columns.keys())
    assert not {"ip", "ip_address", "user_agent", "device_id"} & columns
