"""Shared fixtures: one migrated and seeded database per session, put back after each test."""

import os
import re
import sqlite3
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from celery import shared_task
from celery.contrib.testing.worker import TestWorkController, start_worker
from celery.signals import after_task_publish
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import (
    Connection,
    Delete,
    Engine,
    Table,
    create_engine,
    event,
    func,
    literal,
    make_url,
    select,
    text,
    union_all,
)

from tests.factories import make_user
from voice.accounts.models import Role, User
from voice.accounts.sessions import session_for
from voice.app import create_app
from voice.cli import seed
from voice.db import db
from voice.extensions import limiter

_TMP = Path(tempfile.mkdtemp(prefix="voice-tests-"))  # one per process, so per xdist worker
_XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")  # "gw0", "gw1", ... under `-n`


@cache
def _database_url() -> str:
    """SQLite in this process's folder, or the given PostgreSQL database; each xdist worker
    gets a database of its own beside it (`test_gw0`, ...), made on first use."""
    given = os.environ.get("TEST_DATABASE_URL")
    if not given:
        return f"sqlite:///{_TMP / 'test.sqlite3'}"
    if not _XDIST_WORKER:
        return given
    url = make_url(given)
    own = f"{url.database}_{_XDIST_WORKER}"
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        exists = connection.scalar(
            text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": own}
        )
        if not exists:
            connection.execute(text(f'CREATE DATABASE "{own}"'))
    engine.dispose()
    return url.set(database=own).render_as_string(hide_password=False)


def _broker_url(given: str | None) -> str:
    """The given broker, on a Redis database of its own for each xdist worker."""
    if not given:
        return f"sqla+sqlite:///{_TMP / 'broker.sqlite3'}"
    if not (_XDIST_WORKER and given.startswith("redis://")):
        return given
    parts = urlsplit(given)
    number = int(parts.path.strip("/") or 0) + 1 + int(_XDIST_WORKER.removeprefix("gw"))
    return urlunsplit(parts._replace(path=f"/{number}"))


_BROKER_URL = _broker_url(os.environ.get("CELERY_BROKER_URL"))
if "CELERY_BROKER_URL" in os.environ:
    os.environ["CELERY_BROKER_URL"] = _BROKER_URL  # Celery lets it win over the app's settings


@event.listens_for(Engine, "connect")
def _commit_without_waiting_for_the_disk(dbapi_connection: object, _record: object) -> None:
    """No test needs a commit to survive a power cut, so commits do not wait for the disk
    (about 10-20 ms each here, and the suite commits many thousand times). Everything else a
    commit does, locking and visibility to other connections, is unchanged. The SQLite broker's
    engine gets this too."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.execute("PRAGMA synchronous = OFF")
    elif isinstance(dbapi_connection, psycopg.Connection):
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO off")
        dbapi_connection.commit()


def _test_settings() -> dict[str, object]:
    database_url = _database_url()
    broker_url = _BROKER_URL
    return {
        "TESTING": True,
        "REQUIRE_SECOND_FACTOR": False,  # test_second_factor.py turns it on
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": database_url,
        # The lowest cost argon2 allows: every test user is hashed, and many sign in.
        "PASSWORD_HASH": {"time_cost": 1, "memory_cost": 8, "parallelism": 1},
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


class _Writes:
    """Puts the database back as it was seeded after each test, doing as little as it can.

    One query counts the rows of every table and finds its highest id; the tables whose figures
    moved lose the rows added since the seed. What that cannot see starts again from an empty,
    freshly seeded database: a statement that changed or deleted seeded rows (the priorities,
    the codebook, the standing forms) or the schema, or a subprocess (a `voice` command may
    write through a connection of its own). The figures are checked again afterwards, so a
    test that left anything behind fails here rather than confusing the next one.
    """

    _CHANGE = re.compile(r"\b(?:UPDATE|DELETE\s+FROM)\s+\"?(\w+)", re.IGNORECASE)
    _SCHEMA = re.compile(r"^\s*(?:CREATE|ALTER|DROP|TRUNCATE)\b", re.IGNORECASE)

    def __init__(self) -> None:
        self.database = ""
        self.seeded: dict[str, tuple[int, int]] = {}  # table -> (rows, highest id) after seeding
        self.everything = True  # nothing is known yet: start from scratch

    def note(self, statement: str) -> None:
        if self._SCHEMA.match(statement) or any(
            self.seeded.get(table, (0, 0))[0] for table in self._CHANGE.findall(statement)
        ):
            self.everything = True

    def undo(self, app: Flask) -> None:
        with app.app_context(), db.engine.begin() as connection:
            if not self.everything:
                now = _figures(connection)
                for table in reversed(db.metadata.sorted_tables):
                    if now[table.name] != self.seeded[table.name]:
                        connection.execute(self._added_rows(table))
                self.everything = _figures(connection) != self.seeded
            if self.everything:
                for table in reversed(db.metadata.sorted_tables):
                    connection.execute(table.delete())
        if self.everything:
            with app.app_context():
                seed()
                db.session.commit()
                self.seeded = _figures(db.session.connection())
                db.session.remove()
            self.everything = False

    def _added_rows(self, table: Table) -> Delete:
        rows, highest = self.seeded[table.name]
        if rows and "id" in table.c:
            return table.delete().where(table.c.id > highest)
        return table.delete()  # if it held seeded rows, the check that follows reseeds


def _figures(connection: Connection) -> dict[str, tuple[int, int]]:
    """Each table's number of rows and highest id (0 for a table without an id), in one query."""
    parts = [
        select(
            literal(table.name),
            func.count(),
            func.coalesce(func.max(table.c.id), 0) if "id" in table.c else literal(0),
        ).select_from(table)
        for table in db.metadata.sorted_tables
    ]
    return {name: (rows, highest) for name, rows, highest in connection.execute(union_all(*parts))}


_WRITES = _Writes()


@event.listens_for(Engine, "before_cursor_execute")
def _note_write(connection: Connection, _cursor: object, statement: str, *_args: object) -> None:
    if connection.engine.url.database == _WRITES.database:
        _WRITES.note(statement)


_starting_process = subprocess.Popen.__init__


def _note_process(self: subprocess.Popen, *args: object, **kwargs: object) -> None:  # type: ignore[type-arg]
    _WRITES.everything = True  # a `voice` command may write through its own connection
    _starting_process(self, *args, **kwargs)  # type: ignore[arg-type]


subprocess.Popen.__init__ = _note_process  # type: ignore[method-assign]


@pytest.fixture(scope="session")
def app() -> Flask:
    app = create_app(_test_settings())
    _reset_schema(app)
    with app.app_context():
        upgrade()
        _WRITES.database = str(db.engine.url.database)
    _WRITES.undo(app)  # seeds the empty database
    return app


_published: list[str] = []  # task names sent during the current test


@after_task_publish.connect(weak=False)
def _note_published(sender: str | None = None, **_kwargs: object) -> None:
    _published.append(sender or "")


@pytest.fixture(autouse=True)
def _clean_state(app: Flask) -> Iterator[None]:
    yield
    with app.app_context():
        db.session.remove()
    _WRITES.undo(app)
    limiter.reset()
    if _published:  # no task queued by one test reaches the next test's worker
        app.extensions["celery"].control.purge()
        _published.clear()


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
        sign_in_session(client, user)
        return user

    return sign_in


def sign_in_session(client: FlaskClient, user: User) -> None:
    """Put a signed-in session for `user` in the client's cookie, as the sign-in page would."""
    with client.session_transaction() as session:
        session.update(session_for(user))


CSRF_PATTERN = re.compile(
    r'name="csrf_token" type="hidden" value="([^"]+)"|'
    r'name="csrf_token" value="([^"]+)"'
)


def csrf_token(client: FlaskClient, path: str) -> str:
    """The CSRF token from the form on a page, as a browser would send it back."""
    page = client.get(path).get_data(as_text=True)
    match = CSRF_PATTERN.search(page) or pytest.fail(f"no CSRF token on {path}")
    return match.group(1) or match.group(2)


WAKE_QUEUE = "tests.wake"


@shared_task(name="tests.wake_worker")
def wake_worker() -> None:
    """Does nothing: its message only ends the worker's wait on the broker."""


class _SessionWorker:
    """One real worker for the whole session, taking tasks only while a test asks for it.

    Stopping a worker takes seconds; pausing one is quick. Changes are made in the worker's
    own thread between tasks (`call_soon`), and a message on a queue it always reads ends its
    wait on the broker (up to 2 s) so it gets to them at once."""

    def __init__(self, worker: TestWorkController) -> None:
        self.worker = worker
        self.queues = [name for name in worker.app.amqp.queues.consume_from if name != WAKE_QUEUE]
        self.paused = False

    def _in_worker_thread(self, change: Callable[[], None]) -> None:
        done = threading.Event()

        def run() -> None:
            try:
                change()
            finally:
                done.set()

        self.worker.consumer.call_soon(run)
        self.worker.app.send_task(wake_worker.name, queue=WAKE_QUEUE)
        if not done.wait(60):
            pytest.fail("the Celery worker did not finish its task within 60 seconds")

    def resume(self) -> None:
        if self.paused:
            consumer = self.worker.consumer
            self._in_worker_thread(lambda: [consumer.add_task_queue(q) for q in self.queues])
            self.paused = False

    def pause(self) -> None:
        """Finish the task in hand and take no more (the queues stay selected for purging)."""
        task_consumer = self.worker.consumer.task_consumer
        self._in_worker_thread(lambda: [task_consumer.cancel_by_queue(q) for q in self.queues])
        self.paused = True


@pytest.fixture(scope="session")
def _session_worker(app: Flask) -> Iterator[_SessionWorker]:
    celery = app.extensions["celery"]
    celery.control.purge()  # a Redis broker may hold tasks from an earlier run
    queues = [celery.conf.task_default_queue, WAKE_QUEUE]
    with start_worker(
        celery,
        pool="solo",
        perform_ping_check=False,
        loglevel="WARNING",
        shutdown_timeout=10,
        queues=queues,
    ) as worker:
        yield _SessionWorker(worker)


@pytest.fixture
def celery_worker(app: Flask, _session_worker: _SessionWorker) -> Iterator[object]:
    """A real Celery worker in a thread, consuming from the configured broker during this test.

    After the test the worker finishes the task in hand and takes no more, before
    `_clean_state` empties the tables and purges the queue."""
    celery = app.extensions["celery"]
    celery.set_current()  # another test's create_app may have made its own app the default
    celery.set_default()
    _session_worker.resume()
    yield _session_worker.worker
    _session_worker.pause()


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
