"""Faults the service must ride out, against gunicorn on PostgreSQL and Redis with two Celery
workers and beat, all started here:

    nice .venv/bin/python bench/faults.py [--tablets 100] [--outage-tablets 50] [--rows 20000]

(a) `--tablets` tablets finish a kiosk survey at once; every tenth sends its final submit twice,
    one after the other, and ten more send it twice at the same instant: stored must equal sent.
(b) Redis (broker and rate-limit store) stopped for `--outage` seconds while
    `--outage-tablets` tablets submit: no server errors, every response stored, and every
    comment tagged once Redis is back (the minute sweep picks up what could not be queued).
(c) one import of `--rows` rows; while it runs and its comments are being tagged, both workers
    are killed with SIGKILL and started again: every row imported once and every comment
    tagged once (the import sweep hands the job on, the tagging sweep what was lost).
(d) `--fuzz` malformed requests over the URL map, as the public and as a person holding every
    role: no server errors.

It starts its own Redis (redis-server on a free port, nothing saved) and uses a throwaway
PostgreSQL database (BENCH_ADMIN_URL names the server), both removed at the end. Prints
progress, then one JSON object on the last line.
"""

import argparse
import http.client
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from submit import (  # noqa: E402 - the survey bench's client and helpers
    CSRF,
    Tablet,
    _free_port,
    together,
    wait_for_port,
)

ADMIN_URL = os.environ.get("BENCH_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
DATABASE = "voice_faults_bench"
BAD_VALUES = (
    "99999999999999999999",
    "-1",
    "\x00",
    "help\x00 at school",
    " ",
    "x" * 3000,
    "ضصث 👩‍👩‍👧\u202e",
    "0001-01-01",
    "9999-12-31",
    "[" * 2000 + "]" * 2000,
)
QUERY_NAMES = ("page", "after", "survey", "from", "to", "channel", "audience", "theme", "q")
FORM_NAMES = ("answer", "answers", "text", "title", "email", "code", "how_answered", "q")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class Services:
    """Redis, gunicorn, two workers and beat, started and stopped by this bench."""

    def __init__(self, gunicorn_workers: int) -> None:
        self.redis_port = _free_port()
        self.web_port = _free_port()
        self.database_url = (
            f"postgresql+psycopg://{ADMIN_URL.split('://', 1)[1].rsplit('/', 1)[0]}/{DATABASE}"
        )
        self.env = {
            **os.environ,
            "DATABASE_URL": self.database_url,
            "CELERY_BROKER_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "RATELIMIT_STORAGE_URI": f"redis://127.0.0.1:{self.redis_port}/1",
            # every simulated client shares one address: lift the per-address limits
            "PUBLIC_POST_RATE_LIMIT": "1000000 per minute",
            "LOGIN_RATE_LIMIT": "1000000 per minute",
            "REQUIRE_SECOND_FACTOR": "false",
            "IMPORT_STALE_MINUTES": "1",
            "SECRET_KEY": "faults-bench-" + "x" * 32,
        }
        self.gunicorn_workers = gunicorn_workers
        self.redis: subprocess.Popen | None = None
        self.web: subprocess.Popen | None = None
        self.workers: list[subprocess.Popen] = []
        self.beat: subprocess.Popen | None = None

    def start_redis(self) -> None:
        self.redis = subprocess.Popen(  # noqa: S603 - the installed redis-server, fixed arguments
            [
                shutil.which("redis-server") or "redis-server",
                "--port",
                str(self.redis_port),
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )
        wait_for_port(self.redis_port)

    def stop_redis(self) -> None:
        if self.redis is not None:
            self.redis.kill()
            self.redis.wait()
            self.redis = None

    def _celery(self, *args: str) -> subprocess.Popen:
        return subprocess.Popen(  # noqa: S603 - our own venv's celery
            [str(ROOT / ".venv" / "bin" / "celery"), "-A", "voice.worker", *args],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def start_workers(self) -> None:
        self.workers = [
            self._celery("worker", "--pool=solo", "-n", f"faults{n}@%h", "--loglevel=WARNING")
            for n in (1, 2)
        ]

    def kill_workers(self) -> None:
        for worker in self.workers:
            worker.send_signal(signal.SIGKILL)
        for worker in self.workers:
            worker.wait()
        self.workers = []

    def start(self) -> None:
        self.start_redis()
        voice = str(ROOT / ".venv" / "bin" / "voice")
        for command in (["db", "upgrade", "heads"], ["seed"], ["demo-data"]):
            subprocess.run(  # noqa: S603 - our own command
                [voice, *command], env=self.env, check=True, cwd=ROOT, capture_output=True
            )
        self.web = subprocess.Popen(  # noqa: S603 - our own venv's gunicorn
            [
                str(ROOT / ".venv" / "bin" / "gunicorn"),
                "-w",
                str(self.gunicorn_workers),
                "-k",
                "gthread",
                "--threads",
                "8",
                "-b",
                f"127.0.0.1:{self.web_port}",
                "--log-level",
                "error",
                "wsgi:app",
            ],
            env=self.env,
            cwd=ROOT,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.web_port)
        self.start_workers()
        self.beat = self._celery(
            "beat",
            "--loglevel=WARNING",
            "-s",
            f"/tmp/faults-beat-{self.redis_port}",  # noqa: S108
        )

    def stop(self) -> None:
        for process in [self.web, self.beat, *self.workers]:
            if process is not None and process.poll() is None:
                process.terminate()
        for process in [self.web, self.beat, *self.workers]:
            if process is not None:
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
        self.stop_redis()


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(ADMIN_URL, autocommit=True) as connection:
        connection.execute(sql)


class CountingTablet(Tablet):
    """A tablet that counts server errors and can send its final submit twice at once."""

    def __init__(self, port: int, errors: list[int], seed: int = 0) -> None:
        super().__init__(port, 0.0, seed)
        self.port = port
        self.errors = errors

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str, str]:
        status, text, location = super().request(method, path, form)
        if status >= 500:
            self.errors.append(status)
        return status, text, location

    def finish(self, code: str, sends: str) -> bool:
        """Answer every question, then send once, twice ("retry") or twice at once ("race")."""
        start, form = self.fill_in(code)
        if sends != "race":
            status, _text, _ = self.request("POST", f"{start}/send", form)
            if sends == "retry":
                status, _text, _ = self.request("POST", f"{start}/send", form)
            return status == 302
        twin = CountingTablet(self.port, self.errors)
        twin.cookie = self.cookie
        barrier = threading.Barrier(2)
        statuses: list[int] = []

        def send(tablet: Tablet) -> None:
            barrier.wait()
            statuses.append(tablet.request("POST", f"{start}/send", form)[0])

        together([lambda: send(self), lambda: send(twin)])
        return 302 in statuses


def _tablets(port: int, code: str, plan: list[str], errors: list[int]) -> int:
    """Tablets following `plan` (one way of sending each), all together; how many finished."""
    done: list[bool] = []
    failures: list[str] = []
    barrier = threading.Barrier(len(plan))

    def run(index: int) -> None:
        barrier.wait()
        try:
            done.append(CountingTablet(port, errors, index).finish(code, plan[index]))
        except Exception as error:  # counted and reported
            failures.append(repr(error)[:200])

    together([lambda index=index: run(index) for index in range(len(plan))])
    if failures:
        log(f"  {len(failures)} tablets failed, e.g. {failures[0]}")
    return sum(done)


def _scalar(engine: object, sql: str, **params: object) -> int:
    from sqlalchemy import text

    with engine.connect() as connection:  # type: ignore[attr-defined]
        return int(connection.execute(text(sql), params).scalar_one() or 0)


def _wait_until(check: object, timeout: float, every: float = 1.0) -> float | None:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if check():  # type: ignore[operator]
            return time.monotonic() - started
        time.sleep(every)
    return None


def _untagged(engine: object) -> int:
    return _scalar(engine, "SELECT count(*) FROM feedback_items WHERE tagged_at IS NULL")


def round_a(services: Services, code: str, tablets: int, engine: object) -> dict:
    plan = ["once"] * tablets
    for index in range(9, tablets, 10):
        plan[index] = "retry"
    for index in range(4, min(tablets, 100), 10):
        plan[index] = "race"
    errors: list[int] = []
    before = _scalar(engine, "SELECT count(*) FROM survey_responses")
    log(f"(a) {tablets} tablets at once, {plan.count('retry')} retry, {plan.count('race')} race")
    finished = _tablets(services.web_port, code, plan, errors)
    stored = _scalar(engine, "SELECT count(*) FROM survey_responses") - before
    unique = _scalar(engine, "SELECT count(DISTINCT idempotency_key) FROM survey_responses")
    return {
        "tablets": tablets,
        "sent_twice_one_after_the_other": plan.count("retry"),
        "sent_twice_at_once": plan.count("race"),
        "sent": finished,
        "stored": stored,
        "duplicates": _scalar(engine, "SELECT count(*) FROM survey_responses") - unique,
        "server_errors": len(errors),
    }


def round_b(services: Services, code: str, tablets: int, outage: float, engine: object) -> dict:
    errors: list[int] = []
    before = _scalar(engine, "SELECT count(*) FROM survey_responses")
    log(f"(b) Redis stopped for {outage:.0f} s while {tablets} tablets submit")
    services.stop_redis()
    stopped = time.monotonic()
    finished = _tablets(services.web_port, code, ["once"] * tablets, errors)
    during = time.monotonic() - stopped
    time.sleep(max(0.0, outage - during))
    services.start_redis()
    log(f"  Redis back after {time.monotonic() - stopped:.0f} s; waiting for tagging")
    tagged_after = _wait_until(lambda: _untagged(engine) == 0, timeout=600, every=2)
    return {
        "tablets": tablets,
        "outage_seconds": round(time.monotonic() - stopped - (tagged_after or 0), 1),
        "tablets_done_while_down": round(during, 1),
        "sent": finished,
        "stored": _scalar(engine, "SELECT count(*) FROM survey_responses") - before,
        "server_errors": len(errors),
        "seconds_until_all_tagged_after_recovery": (
            round(tagged_after, 1) if tagged_after is not None else None
        ),
    }


def _import_job(services: Services, rows: int) -> int:
    """An import queued as the preview's Import button leaves it, of `rows` distinct rows."""
    os.environ.update(DATABASE_URL=services.database_url)
    os.environ.update(CELERY_BROKER_URL=services.env["CELERY_BROKER_URL"])
    from surveys.imports import parsing
    from surveys.imports.jobs import create_import_job, queue_import, save_mapping
    from surveys.imports.tasks import read_import
    from voice.accounts.models import Role
    from voice.accounts.services import create_user
    from voice.app import create_app
    from voice.db import db

    lines = ["Comment,Who"] + [
        f"Row {n}: the wait for speech therapy is too long and nobody calls back,parent"
        for n in range(rows)
    ]
    data = ("\n".join(lines) + "\n").encode()
    app = create_app()
    with app.app_context():
        user = create_user(
            email="faults-import@example.org",
            name="Bench",
            password="x" * 16,
            roles=[Role.STRATEGY_LEAD],
        )
        job = create_import_job(user=user, filename="faults.csv", data=data)
        db.session.commit()
        read_import.run(job.id)  # as the worker does after the upload
        db.session.expire_all()
        job = db.session.get(type(job), job.id)
        save_mapping(job, parsing.Mapping(text=0, audience=1), "en", shown=10)
        queue_import(job)
        db.session.commit()
        return job.id


def round_c(services: Services, rows: int, engine: object) -> dict:
    from surveys.imports.tasks import import_rows

    job_id = _import_job(services, rows)
    items_before = _scalar(engine, "SELECT count(*) FROM feedback_items")
    log(f"(c) import of {rows} rows; both workers killed with SIGKILL while it runs")
    import_rows.delay(job_id)
    progress = "SELECT processed_rows FROM import_jobs WHERE id = :id"
    _wait_until(lambda: _scalar(engine, progress, id=job_id) > 0, timeout=120, every=0.05)
    at_kill = _scalar(engine, progress, id=job_id)
    untagged_at_kill = _untagged(engine)
    services.kill_workers()
    log(f"  killed at {at_kill} of {rows} rows, {untagged_at_kill} comments untagged")
    time.sleep(2)
    services.start_workers()
    done_sql = "SELECT count(*) FROM import_jobs WHERE id = :id AND status = 'DONE'"
    imported_after = _wait_until(
        lambda: _scalar(engine, done_sql, id=job_id) == 1, timeout=900, every=2
    )
    tagged_after = _wait_until(lambda: _untagged(engine) == 0, timeout=1200, every=2)
    from sqlalchemy import text

    with engine.connect() as connection:  # type: ignore[attr-defined]
        final_status = connection.execute(
            text("SELECT status FROM import_jobs WHERE id = :id"), {"id": job_id}
        ).scalar_one()
    items = _scalar(engine, "SELECT count(*) FROM feedback_items") - items_before
    of_this_file = (
        "FROM feedback_items WHERE dedupe_key LIKE 'import:' || "
        "(SELECT file_sha256 FROM import_jobs WHERE id = :id) || ':%'"
    )
    keys = _scalar(engine, f"SELECT count(DISTINCT dedupe_key) {of_this_file}", id=job_id)
    rows_stored = _scalar(engine, f"SELECT count(*) {of_this_file}", id=job_id)
    return {
        "rows": rows,
        "rows_done_when_killed": at_kill,
        "untagged_when_killed": untagged_at_kill,
        "import_status": final_status,
        "imported": items,
        "rows_stored_from_the_file": rows_stored,
        "distinct_row_keys": keys,
        "seconds_until_imported_after_restart": (
            round(imported_after, 1) if imported_after is not None else None
        ),
        "seconds_until_all_tagged_after_restart": (
            round(tagged_after, 1) if tagged_after is not None else None
        ),
        "items_tagged_once": _scalar(engine, "SELECT count(*) FROM item_analyses")
        == _scalar(engine, "SELECT count(*) FROM feedback_items"),
    }


def _fuzz_requests(count: int, seed: int = 12) -> list[tuple[str, str, dict | None]]:
    from voice.app import create_app

    app = create_app()
    chooser = random.Random(seed)
    rules = [
        rule
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static" and "sign_out" not in rule.endpoint
    ]
    requests: list[tuple[str, str, dict | None]] = []
    while len(requests) < count:
        rule = chooser.choice(rules)
        path = rule.rule
        for name in rule.arguments:
            value = chooser.choice(("1", "2147483648", "99999999999999999999", "0", "x\x00"))
            path = re.sub(rf"<[^>]*{name}>", quote(value, safe=""), path)
        query = {chooser.choice(QUERY_NAMES): chooser.choice(BAD_VALUES) for _ in range(2)}
        path = f"{path}?{urlencode(query)}"
        if "POST" in (rule.methods or ()) and chooser.random() < 0.6:
            form = {name: chooser.choice(BAD_VALUES) for name in chooser.sample(FORM_NAMES, 3)}
            requests.append(("POST", path, form))
        else:
            requests.append(("GET", path, None))
    return requests


def round_d(services: Services, count: int) -> dict:
    from voice.accounts.models import Role
    from voice.accounts.services import create_user
    from voice.app import create_app
    from voice.db import db

    with create_app().app_context():
        create_user(
            email="faults-everyone@example.org",
            name="Everyone",
            password="y" * 16,
            roles=list(Role),
        )
        db.session.commit()
    requests = _fuzz_requests(count)
    log(f"(d) {count} fuzzed requests, half as the public, half signed in with every role")
    errors: list[str] = []
    statuses: dict[str, int] = {}
    lock = threading.Lock()

    def client(signed_in: bool, share: list[tuple[str, str, dict | None]]) -> None:
        tablet = Tablet(services.web_port)
        if signed_in:
            _status, page, _ = tablet.request("GET", "/sign-in")
            token = next(g for g in CSRF.search(page).groups() if g)
            tablet.request(
                "POST",
                "/sign-in",
                {"csrf_token": token, "email": "faults-everyone@example.org", "password": "y" * 16},
            )
        for method, path, form in share:
            try:
                status, _text, _ = tablet.request(method, path, form)
            except (http.client.HTTPException, OSError) as error:
                tablet.connection.close()
                with lock:
                    errors.append(f"{method} {path[:80]}: {error!r}"[:200])
                continue
            with lock:
                statuses[str(status)] = statuses.get(str(status), 0) + 1
                if status >= 500:
                    errors.append(f"{status} {method} {path[:120]}")

    together([lambda n=n: client(n % 2 == 1, requests[n::8]) for n in range(8)])
    return {
        "requests": count,
        "statuses": dict(sorted(statuses.items())),
        "server_errors": len(errors),
        "examples": errors[:5],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tablets", type=int, default=100)
    parser.add_argument("--outage-tablets", type=int, default=50)
    parser.add_argument("--outage", type=float, default=20.0)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--fuzz", type=int, default=10_000)
    parser.add_argument("--gunicorn-workers", type=int, default=2)
    args = parser.parse_args()

    _admin(f'DROP DATABASE IF EXISTS "{DATABASE}"')
    _admin(f'CREATE DATABASE "{DATABASE}"')
    services = Services(args.gunicorn_workers)
    report: dict[str, object] = {}
    started = time.monotonic()
    try:
        services.start()
        os.environ.update(
            DATABASE_URL=services.database_url,
            CELERY_BROKER_URL=services.env["CELERY_BROKER_URL"],
        )
        from sqlalchemy import create_engine

        from voice.demo import DEMO_KIOSK_CODE

        engine = create_engine(services.database_url)
        time.sleep(3)  # workers and beat connect
        report["a_double_submits"] = round_a(services, DEMO_KIOSK_CODE, args.tablets, engine)
        log(f"  {report['a_double_submits']}")
        report["b_redis_down"] = round_b(
            services, DEMO_KIOSK_CODE, args.outage_tablets, args.outage, engine
        )
        log(f"  {report['b_redis_down']}")
        report["c_worker_killed"] = round_c(services, args.rows, engine)
        log(f"  {report['c_worker_killed']}")
        report["d_fuzz"] = round_d(services, args.fuzz)
        engine.dispose()
    finally:
        services.stop()
        _admin(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        Path(f"/tmp/faults-beat-{services.redis_port}").unlink(missing_ok=True)  # noqa: S108
    report["seconds"] = round(time.monotonic() - started, 1)
    a, b, c, d = (
        report[k] for k in ("a_double_submits", "b_redis_down", "c_worker_killed", "d_fuzz")
    )
    report["passed"] = bool(
        a["stored"] == a["sent"] == args.tablets  # type: ignore[index]
        and a["duplicates"] == 0  # type: ignore[index]
        and a["server_errors"] == b["server_errors"] == d["server_errors"] == 0  # type: ignore[index]
        and b["stored"] == b["sent"] == args.outage_tablets  # type: ignore[index]
        and (b["seconds_until_all_tagged_after_recovery"] or 1e9) <= 120  # type: ignore[index,operator]
        and c["imported"] == c["rows_stored_from_the_file"] == c["distinct_row_keys"] == args.rows  # type: ignore[index]
        and c["import_status"] == "DONE"  # type: ignore[index]
        and c["items_tagged_once"]  # type: ignore[index]
    )
    print(json.dumps(report))


if __name__ == "__main__":
    main()
