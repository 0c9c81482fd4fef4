"""Priorities, actions, progress updates, history and the coproduction log."""

from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.conftest import csrf_token
from tests.factories import make_action
from voice.accounts.models import Role, User
from voice.db import db
from voice.tracker import priorities
from voice.tracker.models import Action, CoproductionEntry, HistoryEntry, Priority, ProgressUpdate
from voice.tracker.types import ActionStatus


def _action_form(client: FlaskClient, path: str, **changes: str) -> dict[str, str]:
    with client.application.app_context():
        priority_id = priorities.list_priorities()[0].id
    data = {
        "csrf_token": csrf_token(client, path),
        "title": "Weekly drop-in for families who are waiting",
        "priority_id": str(priority_id),
        "description": "A weekly drop-in with a speech therapist at the library.",
        "easy_read_description": "Come and talk to us every week.",
        "organisation": "nhs",
        "lead": "Speech therapy team",
        "status": "planned",
        "status_reason": "",
        "impact": "",
    }
    data.update(changes)
    return data


def test_six_priorities_are_seeded_when_seeding_twice(app: Flask) -> None:
    with app.app_context():
        priorities.seed_priorities()
        priorities.seed_priorities()
        db.session.commit()
        slugs = list(db.session.scalars(select(Priority.slug).order_by(Priority.position)))
    assert slugs == [
        "waiting-times",
        "ehc-plans",
        "places",
        "communication",
        "coproduction",
        "adulthood",
    ]


def test_lead_adds_an_action_when_the_form_is_complete(
    client: FlaskClient, login_as: Callable[..., User], app: Flask
) -> None:
    login_as(Role.STRATEGY_LEAD)
    data = _action_form(client, "/tracker/actions/new", impact="31 weeks → 18 weeks")
    data.update({"starts_on": ["1", "9", "2026"], "due_on": ["31", "3", "2027"]})
    response = client.post("/tracker/actions/new", data=data)
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert '<h1 class="govuk-heading-l">Weekly drop-in for families who are waiting</h1>' in page
    assert "31 weeks → 18 weeks" in page
    assert "Action added" in page
    with app.app_context():
        action = db.session.scalars(select(Action)).one()
        assert action.status is ActionStatus.PLANNED
        assert action.due_on.year == 2027


def test_not_doing_needs_a_reason_when_the_reason_is_empty(
    client: FlaskClient, login_as: Callable[..., User], app: Flask
) -> None:
    login_as(Role.STRATEGY_LEAD)
    data = _action_form(client, "/tracker/actions/new", status="not_doing")
    response = client.post("/tracker/actions/new", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert "Enter why we are not doing this action" in page
    assert "Weekly drop-in for families who are waiting" in page  # nothing typed is lost
    with app.app_context():
        assert db.session.scalars(select(Action)).first() is None


def test_status_change_is_recorded_with_who_when_the_lead_changes_it(
    client: FlaskClient, login_as: Callable[..., User], app: Flask
) -> None:
    lead = login_as(Role.STRATEGY_LEAD)
    with app.app_context():
        action_id = make_action().id
    path = f"/tracker/actions/{action_id}/edit"
    data = _action_form(client, path, status="done", impact="31 weeks → 18 weeks")
    assert client.post(path, data=data).status_code == 302
    with app.app_context():
        entries = db.session.scalars(
            select(HistoryEntry).where(HistoryEntry.event == "status")
        ).all()
        assert [(e.detail, e.by_id) for e in entries] == [("planned>done", lead.id)]
    page = client.get(f"/tracker/actions/{action_id}").get_data(as_text=True)
    assert "Status changed" in page
    assert "Planned → Done" in page


def test_progress_update_is_listed_when_added(
    client: FlaskClient, login_as: Callable[..., User], app: Flask
) -> None:
    login_as(Role.STRATEGY_LEAD)
    with app.app_context():
        action_id = make_action().id
    path = f"/tracker/actions/{action_id}/updates"
    response = client.post(
        path,
        data={
            "csrf_token": csrf_token(client, path),
            "written_on": ["2", "10", "2026"],
            "text": "The first drop-in had twelve families.",
        },
    )
    assert response.status_code == 302
    page = client.get(f"/tracker/actions/{action_id}").get_data(as_text=True)
    assert "The first drop-in had twelve families." in page
    with app.app_context():
        assert db.session.scalars(select(ProgressUpdate)).one().written_on.month == 10


def test_update_shows_the_message_beside_the_date_when_the_date_is_missing(
    client: FlaskClient, login_as: Callable[..., User], app: Flask
) -> None:
    login_as(Role.STRATEGY_LEAD)
    with app.app_context():
        action_id = make_action().id
    path = f"/tracker/actions/{action_id}/updates"
    response = client.post(path, data={"csrf_token": csrf_token(client, path), "text": "Kept text"})
    page = response.get_data(as_text=True)
    assert "Enter the date of the update as day month year" in page
    assert "Kept text" in page


def test_coproduction_entry_is_shown_when_logged(
    client: FlaskClient, login_as: Callable[..., User], app: Flask
) -> None:
    login_as(Role.STRATEGY_LEAD)
    with app.app_context():
        action_id = make_action().id
    path = f"/tracker/actions/{action_id}/coproduction"
    response = client.post(
        path,
        data={
            "csrf_token": csrf_token(client, path),
            "who": "Young people's panel",
            "how": "Two workshops on the drop-in leaflet",
            "happened_on": ["14", "9", "2026"],
            "what_changed": "The leaflet now uses pictures and plain words",
        },
    )
    assert response.status_code == 302
    page = client.get(f"/tracker/actions/{action_id}").get_data(as_text=True)
    assert "Young people&#39;s panel" in page
    assert "The leaflet now uses pictures and plain words" in page
    with app.app_context():
        assert db.session.scalars(select(CoproductionEntry)).one().who == "Young people's panel"


def test_priority_title_changes_when_the_lead_edits_it(
    client: FlaskClient, login_as: Callable[..., User], app: Flask
) -> None:
    login_as(Role.ADMIN)
    with app.app_context():
        priority_id = priorities.list_priorities()[0].id
    path = f"/tracker/priorities/{priority_id}"
    response = client.post(
        path,
        data={
            "csrf_token": csrf_token(client, path),
            "title": "Shorter waits",
            "easy_read_title": "Waiting less",
        },
    )
    assert response.status_code == 302
    assert "Shorter waits" in client.get("/tracker").get_data(as_text=True)


def test_tracker_pages_are_refused_when_the_user_is_not_a_strategy_lead(
    client: FlaskClient, login_as: Callable[..., User], app: Flask
) -> None:
    with app.app_context():
        action_id = make_action().id
    login_as(Role.FACILITATOR)
    for path in (
        "/tracker",
        "/tracker/actions/new",
        f"/tracker/actions/{action_id}",
        "/tracker/gaps",
        "/tracker/statements/new",
    ):
        assert client.get(path).status_code == 403, path


def test_tracker_pages_ask_to_sign_in_when_nobody_is_signed_in(client: FlaskClient) -> None:
    response = client.get("/tracker")
    assert response.status_code == 302
    assert "/sign-in" in response.headers["Location"]
