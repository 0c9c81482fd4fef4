"""100 tablets finishing a priority round at once, against gunicorn on PostgreSQL.

Uses its own PostgreSQL database (created if missing, then emptied and migrated) and its own
Redis database as the broker, never the shared ones:

    .venv/bin/python bench/rounds.py [--tablets 100] [--workers 4] [--threads 8]

Every tablet joins with the round's code, chooses three cards, writes why, and sends, all
starting together with no waiting; every tenth tablet sends its choices twice (a double tap /
retry). Stored must equal sent, with no duplicates. Prints progress, then one JSON object on
the last line.
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from submit import (  # noqa: E402 - the survey bench's database, server and client
    CSRF,
    Tablet,
    _create_database,
    _server_cpu_seconds,
    start_gunicorn,
)

DEFAULT_DB = "postgresql+psycopg://postgres@127.0.0.1:5432/voice_rounds_bench"
DEFAULT_BROKER = "redis://127.0.0.1:6379/6"
CARD = re.compile(r'name="answer" type="checkbox" value="([^"]+)"')
HIDDEN = {
    name: re.compile(rf'name="{name}" type="hidden" value="([^"]*)"') for name in ("key", "cards")
}


def _make_round() -> str:
    """A round of five cards from the seeded codebook, open, with one tablet session."""
    from sqlalchemy import select

    from themes.models import Theme
    from voice.app import create_app
    from voice.db import db
    from voice.tracker.rounds import making, tablet

    app = create_app()
    with app.app_context():
        made = making.create_round(title="Bench round", by_id=None)
        pictures = ("wait", "school", "bus", "friends", "doctor")
        themes = db.session.scalars(select(Theme).order_by(Theme.id).limit(5))
        for theme, picture in zip(themes, pictures, strict=False):
            making.add_card(
                made,
                source_value=f"theme:{theme.id}",
                picture=picture,
                wording={"en": {"easy": theme.easy_read_name or theme.name}},
            )
        making.open_round(made)
        opened = tablet.open_round_session(
            made,
            group_label="Bench group",
            age_band="12-15",
            setting="youth_group",
            opened_by_id=None,
        )
        db.session.commit()
        return opened.code


def finish(
    device: Tablet, code: str, index: int, retry: bool, send: bool = True
) -> tuple[bool, int]:
    status, _text, start = device.request("GET", f"/join/{code}")
    assert status == 302, status
    status, _text, choose = device.request("GET", start)
    assert status == 302, status
    status, page, _ = device.request("GET", choose)
    token = next(g for g in CSRF.search(page).groups() if g)
    cards = CARD.findall(page)
    chosen = [cards[(index + step) % len(cards)] for step in range(3)]
    status, _text, why = device.request("POST", choose, {"csrf_token": token, "answer": chosen})
    assert status == 302, (status, _text[:200])
    status, page, _ = device.request("GET", why)
    form = {
        "csrf_token": token,
        "key": HIDDEN["key"].search(page).group(1),
        "cards": HIDDEN["cards"].search(page).group(1),
        "reason": f"Tablet {index}: these make the most difference to me",
    }
    if not send:
        return False, 0
    status, _text, _ = device.request("POST", "/round/send", form)
    sends = 1
    if retry:
        status, _text, _ = device.request("POST", "/round/send", form)
        sends += 1
    return status == 302, sends


def _run(port: int, code: str, count: int, server_pid: int) -> dict:
    devices = [Tablet(port) for _ in range(count)]
    results: list[tuple[bool, int]] = [(False, 0)] * count
    errors: list[str] = []
    barrier = threading.Barrier(count)

    def run(index: int) -> None:
        barrier.wait()
        try:
            results[index] = finish(devices[index], code, index, index % 10 == 9)
        except Exception as error:  # counted and reported
            errors.append(repr(error))

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    print(f"{count} tablets start together", file=sys.stderr)
    cpu_before = _server_cpu_seconds(server_pid)
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    server_cpu = _server_cpu_seconds(server_pid) - cpu_before
    timings = sorted(t for device in devices for t in device.timings)
    return {
        "seconds": round(elapsed, 2),
        "completed": sum(1 for ok, _sends in results if ok),
        "requests": len(timings),
        "requests_per_second": round(len(timings) / elapsed, 1),
        "server_cpu_ms_per_request": round(server_cpu * 1000 / max(1, len(timings)), 1),
        "p50_ms": round(statistics.median(timings) * 1000, 1) if timings else None,
        "p95_ms": round(timings[int(len(timings) * 0.95) - 1] * 1000, 1) if timings else None,
        "final_sends": sum(sends for _ok, sends in results),
        "errors": errors[:5],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tablets", type=int, default=100)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    database = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
    broker = os.environ.get("BENCH_BROKER_URL", DEFAULT_BROKER)
    env = {
        **os.environ,
        "DATABASE_URL": database,
        "CELERY_BROKER_URL": broker,
        "PUBLIC_POST_RATE_LIMIT": "100000 per minute",  # every simulated tablet is one address
    }
    os.environ.update(DATABASE_URL=database, CELERY_BROKER_URL=broker)
    print("preparing database", database.rsplit("/", 1)[-1], file=sys.stderr)
    _create_database(database)
    voice = str(ROOT / ".venv" / "bin" / "voice")
    for command in (["db", "upgrade", "heads"], ["seed"]):
        subprocess.run([voice, *command], env=env, check=True, cwd=ROOT, capture_output=True)  # noqa: S603
    code = _make_round()
    gunicorn, port = start_gunicorn(env, args.workers, args.threads)
    try:
        warmers = [
            threading.Thread(target=finish, args=(Tablet(port), code, i, False, False))
            for i in range(args.workers * 4)
        ]
        for thread in warmers:
            thread.start()
        for thread in warmers:
            thread.join()
        figures = _run(port, code, args.tablets, gunicorn.pid)
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)

    from sqlalchemy import create_engine, text

    engine = create_engine(database)
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT count(*) FROM tracker_round_ballots")).scalar_one()
        unique = connection.execute(
            text("SELECT count(DISTINCT idempotency_key) FROM tracker_round_ballots")
        ).scalar_one()
        choices = connection.execute(
            text("SELECT count(*) FROM tracker_round_choices")
        ).scalar_one()
        items = connection.execute(text("SELECT count(*) FROM feedback_items")).scalar_one()
    engine.dispose()
    report = {
        "tablets": args.tablets,
        "gunicorn_workers": args.workers,
        "gunicorn_threads": args.threads,
        **figures,
        "sent": figures["completed"],
        "stored": stored,
        "duplicates": stored - unique,
        "choices_stored": choices,
        "reasons_stored_as_feedback_items": items,
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main()
