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
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return gunicorn, port
        except OSError:
            if time.monotonic() > deadline or gunicorn.poll() is not None:
                gunicorn.terminate()
                raise
            time.sleep(0.2)


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

    def complete(self, code: str, retry_final: bool, send: bool = True) -> tuple[bool, int]:
        self.pause()  # tablets are picked up within a few seconds of each other
        status, _text, start = self.request("GET", f"/join/{code}")
        assert status == 302, status
        status, page, _ = self.request("GET", start)
        token = next(g for g in CSRF.search(page).groups() if g)
        self.pause()
        status, _text, question = self.request("POST", f"{start}/start", {"csrf_token": token})
        assert status == 302, status
        for number in range(1, 7):
            self.pause()
            status, page, _ = self.request("GET", question)
            values = RADIO.findall(page)
            if 'textarea class="govuk-textarea' in page:
                answer = {"answer": f"Tablet answer {number}: more help while we wait please"}
            else:
                answer = {"answer": values[number % max(1, len(values) - 1)]}
            status, _text, question = self.request(
                "POST", question, {"csrf_token": token, **answer}
            )
            assert status == 302, (status, _text[:200])
        self.pause()
        status, page, _ = self.request("GET", question)
        form = {
            "csrf_token": token,
            "idempotency_key": KEY.search(page).group(1),
            "answers": "{}",
            "how_answered": "on_my_own",
        }
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
    warmers = [
        threading.Thread(target=Tablet(port).complete, args=(code, False, False))
        for _ in range(tablets)
    ]
    for thread in warmers:
        thread.start()
    for thread in warmers:
        thread.join()


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
    results: list[tuple[bool, int]] = [(False, 0)] * count
    errors: list[str] = []
    barrier = threading.Barrier(count)

    def run(index: int) -> None:
        barrier.wait()
        try:
            results[index] = tablets[index].complete(code, index % 10 == 9)
        except Exception as error:  # counted and reported
            errors.append(repr(error))

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    print(f"{count} tablets start, {think} s on each page", file=sys.stderr)
    cpu_before = _server_cpu_seconds(server_pid)
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    server_cpu = _server_cpu_seconds(server_pid) - cpu_before
    timings = sorted(t for tablet in tablets for t in tablet.timings)
    completed = sum(1 for ok, _sends in results if ok)
    return {
        "seconds": round(elapsed, 2),
        "completed": completed,
        "responses_per_second": round(completed / elapsed, 1),
        "requests": len(timings),
        "requests_per_second": round(len(timings) / elapsed, 1),
        "server_cpu_ms_per_request": round(server_cpu * 1000 / max(1, len(timings)), 1),
        "p50_ms": round(statistics.median(timings) * 1000, 1) if timings else None,
        "p95_ms": round(timings[int(len(timings) * 0.95) - 1] * 1000, 1) if timings else None,
        "final_submits": sum(sends for _ok, sends in results),
        "errors": errors[:5],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tablets", type=int, default=100)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument(
        "--think",
        type=float,
        default=3.0,
        help="seconds a tablet waits on each page in the paced round (on average)",
    )
    args = parser.parse_args()
    database = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
    broker = os.environ.get("BENCH_BROKER_URL", DEFAULT_BROKER)
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
    for command in (["db", "upgrade", "heads"], ["seed"], ["demo-data"]):
        subprocess.run([voice, *command], env=env, check=True, cwd=ROOT, capture_output=True)  # noqa: S603
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

    from sqlalchemy import create_engine, text

    engine = create_engine(database)
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT count(*) FROM survey_responses")).scalar_one()
        unique = connection.execute(
            text("SELECT count(DISTINCT idempotency_key) FROM survey_responses")
        ).scalar_one()
        items = connection.execute(text("SELECT count(*) FROM feedback_items")).scalar_one()
    engine.dispose()
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
