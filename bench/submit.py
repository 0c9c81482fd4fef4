"""100 tablets finishing a 6-question kiosk survey at once, against gunicorn on PostgreSQL.

Uses its own PostgreSQL database (created if missing, then emptied and migrated) and its own
Redis database as the broker, never the shared ones:

    .venv/bin/python bench/submit.py [--tablets 100] [--workers 4] [--think 3]

Two rounds against the same server, each with every tablet starting together:
- "paced": each tablet waits a while on every page (0.5 to 1.5 times --think seconds), as a
  young person reading a question and choosing does, and picks up its tablet within the first
  such wait. This is the load a youth group puts on the service, and what the 300 ms target
  is about.
- "flat_out": no waiting at all, every request straight after the last. This finds the
  server's throughput; each request then waits about tablets / throughput seconds in a queue.

Every tenth tablet sends its final submit twice (a double tap / retry); stored must equal sent.
Prints progress, then one JSON object on the last line.
"""

import argparse
import http.client
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_DB = "postgresql+psycopg://postgres@127.0.0.1:5432/voice_surveys_bench"
DEFAULT_BROKER = "redis://127.0.0.1:6379/4"
CSRF = re.compile(
    r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"'
)
KEY = re.compile(r'name="idempotency_key" type="hidden" value="([^"]+)"')
RADIO = re.compile(r'name="answer" type="(?:radio|checkbox)" value="([^"]+)"')
MAX_QUESTIONS = 30  # a tablet gives up on a survey that never reaches check your answers


def _create_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url.replace("postgresql+psycopg", "postgresql"))
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
        if exists.fetchone() is None:
            connection.execute(f'CREATE DATABASE "{name}"')
    with psycopg.connect(parts.geturl(), autocommit=True) as connection:
        connection.execute("DROP SCHEMA public CASCADE")
        connection.execute("CREATE SCHEMA public")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen | None = None, timeout: float = 30) -> None:
    """Until something answers on the port; OSError after `timeout` or once `process` ended."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            ended = process is not None and process.poll() is not None
            if time.monotonic() > deadline or ended:
                raise
            time.sleep(0.2)


def start_gunicorn(env: dict[str, str], workers: int, threads: int) -> tuple[subprocess.Popen, int]:
    """The app under gunicorn on a free port, answering once this returns."""
    port = _free_port()
    gunicorn = subprocess.Popen(  # noqa: S603 - our own venv's gunicorn
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "-w",
            str(workers),
            "-k",
            "gthread",
            "--threads",
            str(threads),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "wsgi:app",
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        wait_for_port(port, gunicorn)
    except OSError:
        gunicorn.terminate()
        raise
    return gunicorn, port


def tablet_arguments(doc: str) -> argparse.ArgumentParser:
    """The tablet benches' options: how many tablets, gunicorn workers and threads."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--tablets", type=int, default=100)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=8)
    return parser


def prepare(default_db: str, default_broker: str, *commands: str) -> tuple[str, dict[str, str]]:
    """The bench's own database (BENCH_DATABASE_URL) and broker (BENCH_BROKER_URL): the
    database made if missing, emptied, migrated, seeded, then each of `voice <command>`. Returns
    the database's URL and the server's environment."""
    database = os.environ.get("BENCH_DATABASE_URL", default_db)
    broker = os.environ.get("BENCH_BROKER_URL", default_broker)
    env = {
        **os.environ,
        "DATABASE_URL": database,
        "CELERY_BROKER_URL": broker,
        # one address for every simulated tablet: lift the per-address limit for the bench
        "PUBLIC_POST_RATE_LIMIT": "100000 per minute",
    }
    os.environ.update(DATABASE_URL=database, CELERY_BROKER_URL=broker)
    print("preparing database", database.rsplit("/", 1)[-1], file=sys.stderr)
    _create_database(database)
    voice = str(ROOT / ".venv" / "bin" / "voice")
    for command in ("db upgrade heads", "seed", *commands):
        subprocess.run(  # noqa: S603 - our own venv's voice command
            [voice, *command.split()], env=env, check=True, cwd=ROOT, capture_output=True
        )
    return database, env


def counts(database: str, *queries: str) -> list[int]:
    """What each SQL count query finds in the bench's database."""
    from sqlalchemy import create_engine, text

    engine = create_engine(database)
    with engine.connect() as connection:
        found = [connection.execute(text(query)).scalar_one() for query in queries]
    engine.dispose()
    return found


def together(runs: list[Callable[[], object]]) -> None:
    """Run each on a thread of its own, all at once, and wait for them all."""
    threads = [threading.Thread(target=run) for run in runs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def all_at_once(
    count: int, finish: Callable[[int], tuple[bool, int]], server_pid: int
) -> tuple[list[tuple[bool, int]], list[str], float, float]:
    """`finish(index)` for every tablet, all released together: what each returned (finished,
    sends), the errors, the seconds it took and the server's CPU seconds meanwhile."""
    results: list[tuple[bool, int]] = [(False, 0)] * count
    errors: list[str] = []
    barrier = threading.Barrier(count)

    def run(index: int) -> None:
        barrier.wait()
        try:
            results[index] = finish(index)
        except Exception as error:  # counted and reported
            errors.append(repr(error))

    cpu_before = _server_cpu_seconds(server_pid)
    start = time.perf_counter()
    together([lambda index=index: run(index) for index in range(count)])
    elapsed = time.perf_counter() - start
    return results, errors, elapsed, _server_cpu_seconds(server_pid) - cpu_before


def request_figures(timings: list[float], elapsed: float, server_cpu: float) -> dict:
    """How many requests, how fast, and the median and 95th-percentile times."""
    timings = sorted(timings)
    return {
        "requests": len(timings),
        "requests_per_second": round(len(timings) / elapsed, 1),
        "server_cpu_ms_per_request": round(server_cpu * 1000 / max(1, len(timings)), 1),
        "p50_ms": round(statistics.median(timings) * 1000, 1) if timings else None,
        "p95_ms": round(timings[int(len(timings) * 0.95) - 1] * 1000, 1) if timings else None,
    }


class Tablet:
    """One browser-like client: keeps its session cookie, times every request."""

    def __init__(self, port: int, think: float = 0.0, seed: int = 0) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.think = think
        self.random = random.Random(seed)
        self.cookie = ""
        self.timings: list[float] = []

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str, str]:
        headers = {"Cookie": self.cookie, "Accept-Encoding": "identity"}
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            start = time.perf_counter()
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                text = response.read().decode("utf-8", "replace")
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # the server closed an idle keep-alive connection: reconnect, as browsers do
                self.connection.close()
                if attempt == 2:
                    raise
        self.timings.append(time.perf_counter() - start)
        for header, value in response.getheaders():
            if header.lower() == "set-cookie" and value.startswith("session="):
                self.cookie = value.split(";", 1)[0]
        location = response.getheader("Location") or ""
        return response.status, text, urlsplit(location).path if location else ""

    def pause(self) -> None:
        """A young person reading the page and choosing (0 for a flat-out load test)."""
        if self.think:
            time.sleep(self.think * self.random.uniform(0.5, 1.5))

    def fill_in(self, code: str) -> tuple[str, dict[str, str]]:
        """Join with the code, start, and answer every question up to check your answers: the
        survey's address and the form that sends the answers."""
        self.pause()  # tablets are picked up within a few seconds of each other
        status, _text, start = self.request("GET", f"/join/{code}")
        assert status == 302, status
        status, page, _ = self.request("GET", start)
        token = next(g for g in CSRF.search(page).groups() if g)
        self.pause()
        status, _text, question = self.request("POST", f"{start}/start", {"csrf_token": token})
        assert status == 302, status
        for number in range(1, MAX_QUESTIONS + 1):
            if question.endswith("/check"):
                break
            self.pause()
            status, page, _ = self.request("GET", question)
            values = RADIO.findall(page)
            if 'textarea class="govuk-textarea' in page:
                answer = {"answer": f"Tablet answer {number}: more help while we wait please"}
            else:
                answer = {"answer": values[number % max(1, len(values) - 1)]} if values else {}
            status, text, question = self.request("POST", question, {"csrf_token": token, **answer})
            assert status == 302, (status, text[:200])
        self.pause()
        status, page, _ = self.request("GET", question)
        return start, {
            "csrf_token": token,
            "idempotency_key": KEY.search(page).group(1),
            "answers": "{}",
            "how_answered": "on_my_own",
        }

    def complete(self, code: str, retry_final: bool, send: bool = True) -> tuple[bool, int]:
        start, form = self.fill_in(code)
        if not send:
            return False, 0
        status, _text, _ = self.request("POST", f"{start}/send", form)
        sends = 1
        if retry_final:
            status, _text, _ = self.request("POST", f"{start}/send", form)
            sends += 1
        return status == 302, sends


def _warm(port: int, code: str, tablets: int) -> None:
    """Warm every worker (templates compiled, connections open) without sending anything."""
    together([lambda: Tablet(port).complete(code, False, False) for _ in range(tablets)])


def _server_cpu_seconds(pid: int) -> float:
    """CPU time used so far by gunicorn and its workers (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    total = 0.0
    for each in [pid, *map(int, children)]:
        fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / tick  # utime + stime
    return total


def _round(port: int, code: str, count: int, think: float, server_pid: int) -> dict:
    """Every tablet completes the survey once, all starting together; returns the figures."""
    tablets = [Tablet(port, think, seed) for seed in range(count)]
    print(f"{count} tablets start, {think} s on each page", file=sys.stderr)
    results, errors, elapsed, server_cpu = all_at_once(
        count, lambda index: tablets[index].complete(code, index % 10 == 9), server_pid
    )
    completed = sum(1 for ok, _sends in results if ok)
    return {
        "seconds": round(elapsed, 2),
        "completed": completed,
        "responses_per_second": round(completed / elapsed, 1),
        **request_figures([t for tablet in tablets for t in tablet.timings], elapsed, server_cpu),
        "final_submits": sum(sends for _ok, sends in results),
        "errors": errors[:5],
    }


def main() -> None:
    parser = tablet_arguments(__doc__)
    parser.add_argument(
        "--think",
        type=float,
        default=3.0,
        help="seconds a tablet waits on each page in the paced round (on average)",
    )
    args = parser.parse_args()
    database, env = prepare(DEFAULT_DB, DEFAULT_BROKER, "demo-data")
    gunicorn, port = start_gunicorn(env, args.workers, args.threads)
    try:
        from voice.demo import DEMO_KIOSK_CODE

        _warm(port, DEMO_KIOSK_CODE, args.workers * 4)

        rounds = {
            "flat_out": _round(port, DEMO_KIOSK_CODE, args.tablets, 0.0, gunicorn.pid),
            "paced": _round(port, DEMO_KIOSK_CODE, args.tablets, args.think, gunicorn.pid),
        }
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)

    stored, unique, items = counts(
        database,
        "SELECT count(*) FROM survey_responses",
        "SELECT count(DISTINCT idempotency_key) FROM survey_responses",
        "SELECT count(*) FROM feedback_items",
    )
    sent = sum(r["completed"] for r in rounds.values())
    report = {
        "tablets": args.tablets,
        "gunicorn_workers": args.workers,
        "gunicorn_threads": args.threads,
        "think_seconds": args.think,
        **rounds,
        "sent": sent,
        "final_submits_including_retries": sum(r["final_submits"] for r in rounds.values()),
        "stored": stored,
        "duplicates": stored - unique,
        "feedback_items": items,
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main()
