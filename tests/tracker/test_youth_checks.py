"""A youth check before publishing: a draft's easy-read words on a youth group's tablets,
the answers on the draft's staff page."""

from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from surveys.models import KioskSession, Survey
from tests.conftest import csrf_token
from tests.factories import make_action, make_statement
from tests.surveys.survey_helpers import answer, begin, send
from voice.accounts.models import Role, User
from voice.db import db
from voice.tracker import youth_checks


def _draft(app: Flask, **kwargs: object) -> int:
    with app.app_context():
        return make_statement(actions=(make_action(),), **kwargs).id


def _start(client: FlaskClient, statement_id: int, group: str = "Tuesday youth club") -> object:
    page = f"/tracker/statements/{statement_id}"
    data = {"csrf_token": csrf_token(client, page), "group_label": group}
    return client.post(f"{page}/youth-check", data=data)


def _tablet(client: FlaskClient, code: str, survey_id: int, easy: str, told: str) -> None:
    joined = client.post("/join", data={"csrf_token": csrf_token(client, "/join"), "code": code})
    assert joined.status_code == 302
    begin(client, survey_id)
    answer(client, survey_id, 1, answer=easy)
    answer(client, survey_id, 2, answer=told)
    sent, _fields = send(client, survey_id)
    assert sent.status_code == 302


def test_a_lead_sends_a_draft_to_a_group_and_sees_the_answers_before_publishing(
    app: Flask, client: FlaskClient, login_as: Callable[..., User]
) -> None:
    statement_id = _draft(app)
    login_as(Role.STRATEGY_LEAD)
    started = _start(client, statement_id)
    assert started.status_code == 302
    assert "/staff/kiosk/" in started.location
    with app.app_context():
        session = db.session.scalars(select(KioskSession)).one()
        code, survey_id = session.code, session.survey_id
        survey = db.session.get(Survey, survey_id)
        assert survey is not None
        assert session.group_label == "Tuesday youth club"
    staff_page = client.get(started.location).get_data(as_text=True)
    assert code in staff_page
    tablet = app.test_client()
    question = None
    joined = tablet.post("/join", data={"csrf_token": csrf_token(tablet, "/join"), "code": code})
    start = tablet.get(joined.location).get_data(as_text=True)
    assert "You said you wait too long for speech therapy." in start
    begin(tablet, survey_id)
    question = tablet.get(f"/s/{survey_id}/questions/1").get_data(as_text=True)
    assert "You said you wait too long for speech therapy." in question
    assert "Is this easy to understand?" in question
    for number in range(6):
        _tablet(tablet, code, survey_id, "yes", "yes" if number < 5 else "no")
    page = client.get(f"/tracker/statements/{statement_id}").get_data(as_text=True)
    assert "Youth check" in page
    assert "Tuesday youth club, sent" in page
    assert "Young people who answered: 6" in page
    assert ">6<" in page  # six said it is easy to understand
    assert "not shown" in page  # 5 yes and 1 no: the one is hidden, and the five with it
    with app.app_context():
        takers = youth_checks.count_youth_check_takers()
    assert (takers.checks, takers.answered, takers.groups) == (1, 6, {"Tuesday youth club": 6})


def test_the_group_name_is_asked_for_beside_the_field_when_missing(
    app: Flask, client: FlaskClient, login_as: Callable[..., User]
) -> None:
    statement_id = _draft(app)
    login_as(Role.STRATEGY_LEAD)
    response = _start(client, statement_id, group="  ")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "<title>Error: " in page
    assert "Enter the name of the youth group" in page
    with app.app_context():
        assert db.session.scalars(select(KioskSession)).all() == []


def test_a_published_or_wordless_statement_cannot_go_to_a_youth_check(
    app: Flask, client: FlaskClient, login_as: Callable[..., User]
) -> None:
    published = _draft(app, published=True)
    wordless = _draft(app, easy_read_summary="")
    login_as(Role.STRATEGY_LEAD)
    for statement_id in (published, wordless):
        response = _start(client, statement_id)
        assert response.status_code == 302
        page = client.get(response.location).get_data(as_text=True)
        assert "Only a draft with easy-read words can go to a youth check." in page
    with app.app_context():
        assert db.session.scalars(select(KioskSession)).all() == []


def test_people_who_are_not_leads_cannot_start_a_youth_check(
    app: Flask, client: FlaskClient, login_as: Callable[..., User]
) -> None:
    statement_id = _draft(app)
    login_as(Role.FACILITATOR)
    response = client.post(f"/tracker/statements/{statement_id}/youth-check", data={})
    assert response.status_code in (400, 403)
    with app.app_context():
        assert db.session.scalars(select(KioskSession)).all() == []
