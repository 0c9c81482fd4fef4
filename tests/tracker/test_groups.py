"""A facilitator sees what happened to the views of a group they ran a tablet session for."""

from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient

from surveys.feedback import add_feedback_item
from surveys.models import KioskSession, SurveyResponse
from surveys.types import Channel, SourceGroup
from tests.conftest import csrf_token, make_staff
from tests.factories import make_action, make_kiosk_session, make_statement, make_survey
from voice.accounts.models import Role, User
from voice.db import db
from voice.tracker.types import ActionStatus


def _group_view(app: Flask, opened_by: int | None) -> int:
    with app.app_context():
        survey = make_survey()
        kiosk = make_kiosk_session(survey=survey, group_label="Tuesday youth club")
        kiosk.opened_by_id = opened_by
        response = SurveyResponse(
            survey_id=survey.id,
            kiosk_session_id=kiosk.id,
            idempotency_key="abc123",
            channel=Channel.KIOSK,
        )
        db.session.add(response)
        db.session.flush()
        item = add_feedback_item(
            text="The wait is too long",
            source_group=SourceGroup.YOUNG_PERSON,
            channel=Channel.KIOSK,
            dedupe_key="response:abc123:1",
        )
        item.response_id = response.id
        db.session.commit()
        action = make_action(title="Shorter waits for therapy", status=ActionStatus.IN_PROGRESS)
        make_statement(actions=(action,), items=(item,), published=True)
        return kiosk.id


def test_facilitator_sees_what_happened_when_they_ran_the_session(
    app: Flask, client: FlaskClient, login_as: Callable[..., User]
) -> None:
    facilitator = login_as(Role.FACILITATOR)
    kiosk_id = _group_view(app, facilitator.id)
    listing = client.get("/tracker/our-groups").get_data(as_text=True)
    assert "Tuesday youth club" in listing
    page = client.get(f"/tracker/our-groups/{kiosk_id}").get_data(as_text=True)
    assert "What happened to Tuesday youth club's views" in page
    assert "The group gave 1 comment." in page
    assert "We did: Shorter waits for therapy" in page
    assert "In progress" in page


def test_facilitator_runs_and_sees_a_session_when_a_colleague_opened_it(
    app: Flask, client: FlaskClient, login_as: Callable[..., User]
) -> None:
    """Sessions are shared by a group's facilitators (voice.accounts.roles.SURVEY_STAFF): the one
    who closes the tablets at the end may see what came of them, like the one who opened them."""
    colleague = make_staff(app, Role.FACILITATOR, email="opened-it@example.org")
    kiosk_id = _group_view(app, colleague.id)
    login_as(Role.FACILITATOR)
    assert "Tuesday youth club" in client.get("/tracker/our-groups").get_data(as_text=True)
    page = client.get(f"/tracker/our-groups/{kiosk_id}").get_data(as_text=True)
    assert "The group gave 1 comment." in page
    assert client.get(f"/tracker/our-groups/{kiosk_id}/poster").status_code == 200
    assert client.get(f"/staff/kiosk/{kiosk_id}").status_code == 200
    token = csrf_token(client, f"/staff/kiosk/{kiosk_id}")
    client.post(f"/staff/kiosk/{kiosk_id}/close", data={"csrf_token": token})
    with app.app_context():
        assert db.session.get(KioskSession, kiosk_id).closed_at is not None


def test_group_pages_are_refused_when_the_person_does_not_run_sessions(
    app: Flask, client: FlaskClient, login_as: Callable[..., User]
) -> None:
    kiosk_id = _group_view(app, None)
    login_as(Role.FORUM_REP)
    assert client.get(f"/tracker/our-groups/{kiosk_id}").status_code == 403
    assert client.get(f"/staff/kiosk/{kiosk_id}").status_code == 403


def test_group_poster_shows_the_group_and_a_qr_code_when_the_facilitator_prints_it(
    app: Flask, client: FlaskClient, login_as: Callable[..., User]
) -> None:
    facilitator = login_as(Role.FACILITATOR)
    kiosk_id = _group_view(app, facilitator.id)
    page = client.get(f"/tracker/our-groups/{kiosk_id}/poster").get_data(as_text=True)
    assert "You said, we did: Tuesday youth club" in page
    assert "Shorter waits for therapy" in page
    assert '<svg aria-hidden="true"' in page
