"""Shared fixtures: one migrated database per session, emptied after each test."""

import os
import re
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import func, select, text

from tests.factories import make_user
from voice.accounts.models import Role, User
from voice.app import create_app
from voice.db import db
from voice.extensions import limiter

_TMP = Path(tempfile.mkdtemp(prefix="voice-tests-"))


def _test_settings() -> dict[str, object]:
    database_url = os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{_TMP / 'test.sqlite3'}"
    broker_url = os.environ.get("CELERY_BROKER_URL") or f"sqla+sqlite:///{_TMP / 'broker.sqlite3'}"
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "CELERY": {
            "broker_url": broker_url,
            "task_ignore_result": True,
            "broker_connection_retry_on_startup": True,
            "worker_hijack_root_logger": False,
        },
    }


def _reset_schema(app: Flask) -> None:
    """Start from an empty database so the migrations alone build the schema."""
    with app.app_context():
        engine = db.engine
        if engine.dialect.name == "postgresql":
            with engine.begin() as connection:
                connection.execute(text("DROP SCHEMA public CASCADE"))
                connection.execute(text("CREATE SCHEMA public"))
        else:
            db.drop_all()
            with engine.begin() as connection:
                connection.execute(text("DROP TABLE IF EXISTS alembic_version"))


@pytest.fixture(scope="session")
def app() -> Flask:
    app = create_app(_test_settings())
    _reset_schema(app)
    with app.app_context():
        upgrade()
    return app


@pytest.fixture(autouse=True)
def _clean_state(app: Flask) -> Iterator[None]:
    yield
    with app.app_context():
        db.session.remove()
        with db.engine.begin() as connection:
            for table in reversed(db.metadata.sorted_tables):
                connection.execute(table.delete())
    limiter.reset()


@pytest.fixture
def app_context(app: Flask) -> Iterator[None]:
    with app.app_context():
        yield
        db.session.remove()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def make_staff(app: Flask, *roles: Role, email: str | None = None) -> User:
    """A committed staff user, detached so tests can read it outside the app context."""
    with app.app_context():
        user = make_user(roles=roles, email=email)
        db.session.refresh(user)
        db.session.expunge(user)
        return user


@pytest.fixture
def login_as(app: Flask, client: FlaskClient) -> Callable[..., User]:
    """Sign the test client in as a new user holding the given roles."""

    def sign_in(*roles: Role) -> User:
        user = make_staff(app, *roles)
        with client.session_transaction() as session:
            session["_user_id"] = str(user.id)
            session["_fresh"] = True
        return user

    return sign_in


CSRF_PATTERN = re.compile(
    r'name="csrf_token" type="hidden" value="([^"]+)"|'
    r'name="csrf_token" value="([^"]+)"'
)


def csrf_token(client: FlaskClient, path: str) -> str:
    """The CSRF token from the form on a page, as a browser would send it back."""
    page = client.get(path).get_data(as_text=True)
    match = CSRF_PATTERN.search(page) or pytest.fail(f"no CSRF token on {path}")
    return match.group(1) or match.group(2)


@pytest.fixture
def celery_worker(app: Flask) -> Iterator[object]:
    """A real Celery worker in a thread, consuming from the configured broker."""
    celery = app.extensions["celery"]
    with start_worker(
        celery, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=10
    ) as worker:
        yield worker


def wait_until_tagged(app: Flask, timeout: float = 30.0) -> None:
    """Wait for the worker to tag every stored comment (so its redacted text exists)."""
    from surveys.models import FeedbackItem

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with app.app_context():
            waiting = db.session.scalar(
                select(func.count(FeedbackItem.id)).where(FeedbackItem.tagged_at.is_(None))
            )
            db.session.remove()
        if not waiting:
            return
        time.sleep(0.1)
    pytest.fail("the worker did not tag every comment in time")
