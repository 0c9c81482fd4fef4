"""Staff sessions end: a copied session cookie stops working the moment the session does."""

from datetime import datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from surveys.types import QuestionType
from tests.conftest import csrf_token, make_staff, sign_in_session
from tests.factories import TEST_PASSWORD, make_survey
from tests.surveys.survey_helpers import answer, begin
from voice.accounts import sessions
from voice.accounts.models import Role, SignInEvent, SignInEventKind, User
from voice.db import db, utcnow


def _sign_in(client: FlaskClient, email: str, next_path: str = "") -> object:
    path = "/sign-in" + (f"?next={next_path}" if next_path else "")
    return client.post(
        path,
        data={
            "csrf_token": csrf_token(client, "/sign-in"),
            "email": email,
            "password": TEST_PASSWORD,
        },
    )


def _copy(app: Flask, client: FlaskClient) -> FlaskClient:
    """Another browser holding a copy of `client`'s session cookie."""
    cookie = client.get_cookie("session")
    assert cookie is not None
    thief = app.test_client()
    thief.set_cookie("session", cookie.value)
    return thief


def _opens_staff_home(client: FlaskClient) -> bool:
    return client.get("/staff").status_code == 200


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[datetime]:
    """The sessions' clock, moved by changing `clock[0]`."""
    moment = [utcnow()]
    monkeypatch.setattr(sessions, "now", lambda: moment[0])
    return moment


@pytest.fixture
def signed_in(app: Flask, client: FlaskClient) -> User:
    user = make_staff(app, Role.FACILITATOR, email="worker@example.org")
    assert _sign_in(client, "worker@example.org").status_code == 302
    assert _opens_staff_home(client)
    return user


def test_a_copied_cookie_is_refused_when_the_person_has_signed_out(
    app: Flask, client: FlaskClient, signed_in: User
) -> None:
    copy = _copy(app, client)
    assert _opens_staff_home(copy)
    client.post("/sign-out", data={"csrf_token": csrf_token(client, "/staff")})
    response = copy.get("/staff")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in")


def test_a_copied_cookie_is_refused_when_the_password_has_changed(
    app: Flask, client: FlaskClient, signed_in: User
) -> None:
    copy = _copy(app, client)
    response = client.post(
        "/account/password",
        data={
            "csrf_token": csrf_token(client, "/account/password"),
            "current_password": TEST_PASSWORD,
            "new_password": "a-brand-new-long-password",
            "confirm_password": "a-brand-new-long-password",
        },
    )
    assert response.status_code == 302
    assert _opens_staff_home(client)  # the browser that changed it stays signed in
    assert not _opens_staff_home(copy)


def test_a_copied_cookie_is_refused_when_the_account_is_deactivated(
    app: Flask, client: FlaskClient, signed_in: User
) -> None:
    copy = _copy(app, client)
    with app.app_context():
        db.session.get(User, signed_in.id).active = False
        db.session.commit()
    assert not _opens_staff_home(copy)
    page = client.get("/staff", follow_redirects=True).get_data(as_text=True)
    assert "Your session has ended. Sign in again to continue." in page
    with app.app_context():
        kinds = db.session.scalars(
            select(SignInEvent.kind).where(SignInEvent.user_id == signed_in.id)
        ).all()
    assert SignInEventKind.SESSION_REFUSED in kinds


def test_an_admin_deactivating_a_person_ends_their_sessions_when_they_are_reactivated(
    app: Flask, client: FlaskClient, signed_in: User
) -> None:
    copy = _copy(app, client)
    admin = app.test_client()
    sign_in_session(admin, make_staff(app, Role.ADMIN, email="admin@example.org"))
    path = f"/admin/people/{signed_in.id}"
    token = csrf_token(admin, path)
    admin.post(path, data={"csrf_token": token, "roles": ["facilitator"]})  # unticks "active"
    admin.post(path, data={"csrf_token": token, "roles": ["facilitator"], "active": "y"})
    assert not _opens_staff_home(copy)


def test_every_copy_is_refused_when_the_person_signs_out_everywhere(
    app: Flask, client: FlaskClient, signed_in: User
) -> None:
    copy = _copy(app, client)
    assert "Sign out everywhere" in client.get("/staff").get_data(as_text=True)
    token = csrf_token(client, "/staff")
    assert (
        client.post("/account/sign-out-everywhere", data={"csrf_token": token}).status_code == 302
    )
    assert not _opens_staff_home(copy)
    assert not _opens_staff_home(client)


def test_a_copied_cookie_is_refused_when_the_idle_limit_has_passed(
    app: Flask, client: FlaskClient, clock: list[datetime]
) -> None:
    make_staff(app, Role.FACILITATOR, email="worker@example.org")
    _sign_in(client, "worker@example.org")
    copy = _copy(app, client)
    clock[0] += timedelta(minutes=29)
    assert _opens_staff_home(client)  # a request keeps the session going
    clock[0] += timedelta(minutes=29)
    assert _opens_staff_home(client)
    clock[0] += timedelta(minutes=31)
    assert not _opens_staff_home(client)
    assert not _opens_staff_home(copy)


def test_a_session_ends_when_the_absolute_limit_has_passed_even_when_busy(
    app: Flask, client: FlaskClient, clock: list[datetime]
) -> None:
    make_staff(app, Role.FACILITATOR, email="worker@example.org")
    _sign_in(client, "worker@example.org")
    for _ in range(12 * 3):
        assert _opens_staff_home(client)
        clock[0] += timedelta(minutes=20)
    clock[0] += timedelta(minutes=1)  # 12 hours and a minute after signing in
    assert not _opens_staff_home(client)


def test_the_idle_limit_follows_the_setting_when_it_is_changed(
    app: Flask, client: FlaskClient, clock: list[datetime], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(app.config, "STAFF_IDLE_MINUTES", 5)
    make_staff(app, Role.FACILITATOR, email="worker@example.org")
    _sign_in(client, "worker@example.org")
    clock[0] += timedelta(minutes=6)
    assert not _opens_staff_home(client)


def test_the_csrf_token_is_renewed_when_someone_signs_in(app: Flask, client: FlaskClient) -> None:
    make_staff(app, Role.FACILITATOR, email="worker@example.org")
    before = csrf_token(client, "/sign-in")
    _sign_in(client, "worker@example.org")
    with client.session_transaction() as session:
        assert session.get("csrf_token") != before
    assert csrf_token(client, "/account/password") != before


def test_sign_in_refuses_a_next_address_off_the_site(app: Flask, client: FlaskClient) -> None:
    make_staff(app, Role.FACILITATOR, email="worker@example.org")
    for target in ("https://evil.example/staff", "//evil.example", "/\\evil.example"):
        response = _sign_in(app.test_client(), "worker@example.org", next_path=target)
        assert response.headers["Location"] == "/staff", target


def test_staff_pages_and_check_your_answers_are_not_stored_when_sent(
    app: Flask, client: FlaskClient, login_as: object
) -> None:
    assert "no-store" not in (client.get("/").headers.get("Cache-Control") or "")
    with app.app_context():
        survey_id = make_survey(kinds=(QuestionType.FREE_TEXT,)).id
    tablet = app.test_client()
    begin(tablet, survey_id)
    answer(tablet, survey_id, 1, answer="my worry about the bus")
    check = tablet.get(f"/s/{survey_id}/check")
    assert "my worry about the bus" in check.get_data(as_text=True)
    assert check.headers["Cache-Control"] == "no-store"
    login_as(Role.STRATEGY_LEAD)  # type: ignore[operator]
    assert client.get("/staff").headers["Cache-Control"] == "no-store"
