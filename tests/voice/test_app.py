import time

import pytest
from celery import shared_task
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import _test_settings, make_staff
from voice.accounts.models import Role, User
from voice.app import create_app
from voice.config import ConfigurationError, settings_from_env
from voice.db import db


def test_production_refuses_to_start_when_the_secret_key_is_missing() -> None:
    with pytest.raises(ConfigurationError):
        create_app({"VOICE_ENV": "production"})
    with pytest.raises(ConfigurationError):
        create_app({"VOICE_ENV": "production", "SECRET_KEY": "dev-only-not-secret"})


def test_production_cookies_are_secure_when_voice_env_is_production() -> None:
    settings = settings_from_env({"VOICE_ENV": "production", "SECRET_KEY": "x" * 40})
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["SESSION_COOKIE_HTTPONLY"] is True
    assert settings["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_defaults_use_files_under_instance_when_nothing_is_set() -> None:
    settings = settings_from_env({})
    assert settings["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///")
    assert settings["SQLALCHEMY_DATABASE_URI"].endswith("instance/voice.sqlite3")
    assert settings["CELERY"]["broker_url"].startswith("sqla+sqlite:///")


def test_pages_send_a_content_security_policy_without_inline_script_when_served(
    client: FlaskClient,
) -> None:
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "<script>" not in response.get_data(as_text=True)


def test_a_missing_csrf_token_gives_a_friendly_page_when_a_form_is_posted(
    client: FlaskClient,
) -> None:
    response = client.post("/sign-in", data={"email": "a@example.org", "password": "x"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "This page had been open too long" in page
    assert "Traceback" not in page


def test_unknown_page_gives_a_friendly_404_when_requested(client: FlaskClient) -> None:
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)


def test_an_unexpected_error_gives_a_friendly_500_without_a_stack_trace_when_a_view_fails() -> None:
    app = create_app(_test_settings() | {"TESTING": False})

    @app.route("/boom")
    def boom() -> str:
        raise RuntimeError("secret internals")

    response = app.test_client().get("/boom")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Sorry, there is a problem with the service" in page
    assert "secret internals" not in page


def test_healthz_reports_ok_when_database_and_broker_answer(client: FlaskClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {
        "status": "ok",
        "database": "ok",
        "broker": "ok",
        "rate_limits": "memory",
    }


def test_healthz_says_which_failed_when_the_broker_is_down(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Celery lets CELERY_BROKER_URL in the environment win over the app's settings.
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
    app = create_app(
        _test_settings()
        | {"CELERY": {"broker_url": "redis://127.0.0.1:1/0", "broker_connection_retry": False}}
    )
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["broker"] == "failed"
    assert response.get_json()["database"] == "ok"


def test_healthz_says_which_failed_when_the_database_is_down() -> None:
    app = create_app(
        _test_settings()
        | {"SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://postgres@127.0.0.1:1/none"}
    )
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {
        "status": "unavailable",
        "database": "failed",
        "broker": "ok",
        "rate_limits": "memory",
    }


def test_health_command_exits_non_zero_when_something_is_down(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
    app = create_app(_test_settings() | {"CELERY": {"broker_url": "redis://127.0.0.1:1/0"}})
    result = app.test_cli_runner().invoke(args=["health"])
    assert result.exit_code == 1
    assert "broker: FAILED" in result.output


@shared_task(name="tests.rename_user")
def rename_user(user_id: int, name: str) -> None:
    db.session.get(User, user_id).name = name
    db.session.commit()


def test_tasks_run_inside_the_app_context_when_a_real_worker_picks_them_up(
    app: Flask, celery_worker: object
) -> None:
    user = make_staff(app, Role.ADMIN, email="worker@example.org")
    rename_user.delay(user.id, "Renamed by the worker")
    deadline = time.monotonic() + 20
    name = ""
    while time.monotonic() < deadline and name != "Renamed by the worker":
        time.sleep(0.1)
        with app.app_context():
            name = db.session.get(User, user.id).name
    assert name == "Renamed by the worker"
