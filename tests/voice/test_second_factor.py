"""A second factor: TOTP codes from a real authenticator algorithm, and recovery codes."""

import re
from datetime import timedelta

import pyotp
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.conftest import csrf_token, make_staff, sign_in_session
from tests.factories import TEST_PASSWORD
from voice.accounts import views
from voice.accounts.models import RecoveryCode, Role, SignInEvent, SignInEventKind, User
from voice.db import db


@pytest.fixture(autouse=True)
def _second_factor_on(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(app.config, "REQUIRE_SECOND_FACTOR", True)


def _sign_in(client: FlaskClient, email: str) -> object:
    token = csrf_token(client, "/sign-in")
    return client.post(
        "/sign-in", data={"csrf_token": token, "email": email, "password": TEST_PASSWORD}
    )


def _enter(client: FlaskClient, code: str) -> object:
    token = csrf_token(client, "/sign-in/code")
    return client.post("/sign-in/code", data={"csrf_token": token, "code": code})


def _set_up(client: FlaskClient) -> tuple[str, list[str]]:
    """Set up through the pages, as a person with a phone would; the secret and codes."""
    page = client.get("/account/second-factor").get_data(as_text=True)
    assert "<svg" in page  # the QR code, drawn inline
    secret = re.search(r'class="voice-secret" dir="ltr">([A-Z2-7]+)<', page).group(1)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post(
        "/account/second-factor", data={"csrf_token": token, "code": pyotp.TOTP(secret).now()}
    )
    assert response.status_code == 200
    codes = re.findall(r"<code>([0-9a-f]{5}-[0-9a-f]{5})</code>", response.get_data(as_text=True))
    assert len(codes) == 10
    return secret, codes


def _events(app: Flask, user_id: int) -> list[SignInEventKind]:
    with app.app_context():
        rows = db.session.scalars(
            select(SignInEvent).where(SignInEvent.user_id == user_id).order_by(SignInEvent.id)
        )
        return [row.kind for row in rows]


def _enrolled(app: Flask, client: FlaskClient) -> tuple[User, str, list[str]]:
    user = make_staff(app, Role.STRATEGY_LEAD, email="lead@example.org")
    _sign_in(client, "lead@example.org")
    secret, codes = _set_up(client)
    client.post("/sign-out", data={"csrf_token": csrf_token(client, "/staff")})
    return user, secret, codes


def test_a_strategy_lead_cannot_open_staff_pages_when_no_second_factor_is_set_up(
    app: Flask, client: FlaskClient
) -> None:
    make_staff(app, Role.STRATEGY_LEAD, email="lead@example.org")
    assert _sign_in(client, "lead@example.org").headers["Location"] == "/staff"
    for path in ("/staff", "/feedback", "/admin/people"):
        response = client.get(path)
        assert response.status_code == 302
        assert response.headers["Location"] == "/account/second-factor"
    page = client.get("/account/second-factor").get_data(as_text=True)
    assert "Set up a second factor" in page


def test_a_facilitator_may_go_without_a_second_factor_when_their_roles_do_not_need_one(
    app: Flask, client: FlaskClient
) -> None:
    make_staff(app, Role.FACILITATOR, email="worker@example.org")
    _sign_in(client, "worker@example.org")
    assert client.get("/staff").status_code == 200


def test_set_up_turns_the_second_factor_on_when_the_first_code_is_right(
    app: Flask, client: FlaskClient
) -> None:
    user = make_staff(app, Role.STRATEGY_LEAD, email="lead@example.org")
    _sign_in(client, "lead@example.org")
    _set_up(client)
    assert client.get("/staff").status_code == 200
    assert SignInEventKind.SECOND_FACTOR_SET_UP in _events(app, user.id)


def test_set_up_says_so_beside_the_field_when_the_first_code_is_wrong(
    app: Flask, client: FlaskClient
) -> None:
    make_staff(app, Role.STRATEGY_LEAD, email="lead@example.org")
    _sign_in(client, "lead@example.org")
    token = csrf_token(client, "/account/second-factor")
    page = client.post(
        "/account/second-factor", data={"csrf_token": token, "code": "000000"}
    ).get_data(as_text=True)
    assert "<title>Error: Set up a second factor" in page
    assert "govuk-error-message" in page
    assert "That code is not right" in page


def test_sign_in_asks_for_a_code_and_accepts_a_right_one_when_set_up(
    app: Flask, client: FlaskClient
) -> None:
    user, secret, _ = _enrolled(app, client)
    response = _sign_in(client, "lead@example.org")
    assert response.headers["Location"] == "/sign-in/code"
    assert client.get("/staff").status_code == 302  # the password alone opens nothing
    with app.app_context():
        step = db.session.get(User, user.id).totp_last_step
    # The set-up code used its time step; the app's next code is the first that works again.
    code = pyotp.TOTP(secret).generate_otp(step + 1)
    assert _enter(client, code).headers["Location"] == "/staff"
    assert client.get("/staff").status_code == 200
    assert _events(app, user.id).count(SignInEventKind.SIGNED_IN) == 2


def test_a_wrong_code_and_a_reused_code_are_refused_beside_the_field(
    app: Flask, client: FlaskClient
) -> None:
    user, secret, _ = _enrolled(app, client)
    _sign_in(client, "lead@example.org")
    wrong = _enter(client, "123456").get_data(as_text=True)
    assert "govuk-error-message" in wrong
    assert "That code is not right or has been used" in wrong
    with app.app_context():
        step = db.session.get(User, user.id).totp_last_step
    used = pyotp.TOTP(secret).generate_otp(step)  # the code accepted at set-up
    reused = _enter(client, used).get_data(as_text=True)
    assert "That code is not right or has been used" in reused
    assert client.get("/staff").status_code == 302
    assert _events(app, user.id).count(SignInEventKind.CODE_REFUSED) == 2


def test_a_recovery_code_signs_in_once_when_the_phone_is_lost(
    app: Flask, client: FlaskClient
) -> None:
    user, _, codes = _enrolled(app, client)
    _sign_in(client, "lead@example.org")
    assert _enter(client, codes[0]).headers["Location"] == "/staff"
    client.post("/sign-out", data={"csrf_token": csrf_token(client, "/staff")})
    _sign_in(client, "lead@example.org")
    page = _enter(client, codes[0]).get_data(as_text=True)
    assert "That recovery code is not right or has been used" in page
    assert SignInEventKind.RECOVERY_CODE_USED in _events(app, user.id)
    with app.app_context():
        hashes = db.session.scalars(select(RecoveryCode.code_hash)).all()
    assert all(code.replace("-", "") not in h for h in hashes for code in codes)


def test_an_admin_reset_makes_the_person_set_up_again_when_they_next_sign_in(
    app: Flask, client: FlaskClient
) -> None:
    user, _, _ = _enrolled(app, client)
    admin_user = make_staff(app, Role.ADMIN, email="admin@example.org")
    with app.app_context():
        admin_row = db.session.get(User, admin_user.id)
        admin_row.totp_secret = pyotp.random_base32()
        admin_row.totp_enabled_at = admin_row.created_at
        db.session.commit()
    admin = app.test_client()
    sign_in_session(admin, admin_user)
    path = f"/admin/people/{user.id}"
    assert "Reset second factor" in admin.get(path).get_data(as_text=True)
    token = csrf_token(admin, path)
    admin.post(f"{path}/reset-second-factor", data={"csrf_token": token})
    assert "has not set up a second factor" in admin.get(path).get_data(as_text=True)
    assert _sign_in(client, "lead@example.org").headers["Location"] == "/staff"
    assert client.get("/staff").headers["Location"] == "/account/second-factor"
    assert SignInEventKind.SECOND_FACTOR_RESET in _events(app, user.id)
    log = admin.get("/admin/sign-in-events").get_data(as_text=True)
    assert "Second factor reset" in log
    assert TEST_PASSWORD not in log


def test_a_code_page_sends_people_back_to_sign_in_when_the_password_step_is_stale(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    _enrolled(app, client)
    _sign_in(client, "lead@example.org")
    later = views.now() + timedelta(minutes=10)
    monkeypatch.setattr(views, "now", lambda: later)
    assert client.get("/sign-in/code").headers["Location"] == "/sign-in"
