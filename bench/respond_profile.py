"""Where a respondent request spends its time: one tablet's walk through the demo kiosk survey
(join, start, six questions, check answers, send) repeated in the Flask test client under
cProfile, on the database DATABASE_URL names (emptied, migrated and given the demo data first).

    DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/some_db \\
        .venv/bin/python bench/respond_profile.py [--walks 40] [--top 30]

Prints the CPU milliseconds per request, then the functions that cost the most. For the load
figures (p95 under a crowd) use bench/submit.py.
"""

import argparse
import cProfile
import os
import pstats
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')
KEY = re.compile(r'name="idempotency_key" type="hidden" value="([^"]+)"')
CHOICE = re.compile(r'name="answer" type="(?:radio|checkbox)" value="([^"]+)"')


def _walk(client: object, code: str) -> int:
    """One young person's answers, as bench/submit.py sends them; returns the request count."""
    requests = 0

    def call(method: str, path: str, data: dict | None = None) -> object:
        nonlocal requests
        requests += 1
        return client.open(path, method=method, data=data)

    start = call("GET", f"/join/{code}").location
    page = call("GET", start).get_data(as_text=True)
    token = CSRF.search(page).group(1)
    question = call("POST", f"{start}/start", {"csrf_token": token}).location
    for number in range(1, 7):
        page = call("GET", question).get_data(as_text=True)
        values = CHOICE.findall(page)
        if values:
            answer = values[number % max(1, len(values) - 1)]
        else:
            answer = f"Tablet answer {number}: more help while we wait please"
        response = call("POST", question, {"csrf_token": token, "answer": answer})
        assert response.status_code == 302, response.status_code
        question = response.location
    page = call("GET", question).get_data(as_text=True)
    form = {
        "csrf_token": token,
        "idempotency_key": KEY.search(page).group(1),
        "answers": "{}",
        "how_answered": "on_my_own",
    }
    assert call("POST", f"{start}/send", form).status_code == 302
    return requests


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--walks", type=int, default=40)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--sort", default="tottime", choices=["tottime", "cumulative"])
    parser.add_argument("--save", help="also write the profile to this file (for pstats)")
    args = parser.parse_args()
    os.environ.setdefault("CELERY_BROKER_URL", "memory://")
    os.environ["PUBLIC_POST_RATE_LIMIT"] = "100000 per minute"

    from flask_migrate import upgrade
    from sqlalchemy import text

    from voice.app import create_app
    from voice.cli import seed
    from voice.db import db
    from voice.demo import DEMO_KIOSK_CODE, load_demo_data

    app = create_app()
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as connection:
                connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        upgrade(directory=str(ROOT / "migrations"))
        seed()
        load_demo_data()
        db.session.commit()
    # the tagger hears of new feedback through the broker: a real cost, but not this module's
    import surveys.views.respond as respond

    respond.announce_feedback = lambda item_ids: None

    client = app.test_client()
    _walk(client, DEMO_KIOSK_CODE)  # warm: templates compiled, connections open
    profile = cProfile.Profile(time.process_time)  # CPU, not time spent waiting on the database
    cpu, requests = time.process_time(), 0
    profile.enable()
    for _ in range(args.walks):
        client = app.test_client()
        requests += _walk(client, DEMO_KIOSK_CODE)
    profile.disable()
    cpu = time.process_time() - cpu
    print(f"{requests} requests, {cpu * 1000 / requests:.2f} ms CPU per request (profiled)")
    client = app.test_client()
    cpu, unprofiled = time.process_time(), 0
    for _ in range(args.walks):
        client = app.test_client()
        unprofiled += _walk(client, DEMO_KIOSK_CODE)
    cpu = time.process_time() - cpu
    print(f"{unprofiled} requests, {cpu * 1000 / unprofiled:.2f} ms CPU per request (not profiled)")
    if args.save:
        profile.dump_stats(args.save)
    pstats.Stats(profile).sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
