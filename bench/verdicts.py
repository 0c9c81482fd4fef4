"""The public "You said, we did" page with 500 cards and 100,000 "Did it work for you?"
answers, on PostgreSQL: the public-page half of issue 16's measurement (bench/rounds.py
measures the tablets).

Uses its own database (dropped and rebuilt), never the shared one:

    createdb -h 127.0.0.1 -U postgres voice_verdicts_bench   # once
    .venv/bin/python bench/verdicts.py [--statements 500] [--verdicts 100000]

Fills the cards as bench/public_page.py does, then the answers spread over the cards (every
card past the small-number threshold, so every card shows its counts), and times whole GET
requests (counts, this browser's own answers, forms and rendering) through the Flask test
client, with and without a verdict cookie. Prints one JSON object on the last line.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from public_page import fill  # noqa: E402 - the same cards as the public page bench

DEFAULT_DB = "postgresql+psycopg://postgres@127.0.0.1:5432/voice_verdicts_bench"


def fill_verdicts(number: int) -> None:
    from sqlalchemy import insert, select, text

    from voice.db import db
    from voice.tracker import verdicts
    from voice.tracker.models import Statement
    from voice.tracker.verdicts import Verdict, VerdictFace

    statement_ids = list(db.session.scalars(select(Statement.id).order_by(Statement.id)))
    faces = list(VerdictFace)
    day = verdicts.start_of_today()
    batch = []
    for n in range(number):
        batch.append(
            {
                "statement_id": statement_ids[n % len(statement_ids)],
                "face": faces[(n * 7) % 3],
                "answer_key": verdicts.answer_key(f"bench-token-{n:08d}", n),
                "answered_on": day,
            }
        )
        if len(batch) == 10_000:
            db.session.execute(insert(Verdict), batch)
            batch = []
    if batch:
        db.session.execute(insert(Verdict), batch)
    db.session.commit()
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=500)
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument("--verdicts", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)

    from flask_migrate import upgrade
    from sqlalchemy import text

    from voice.app import create_app
    from voice.db import db
    from voice.tracker import verdicts

    app = create_app({"RATELIMIT_ENABLED": False})
    with app.app_context():
        with db.engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        upgrade()
        started = time.perf_counter()
        fill(args.statements, args.items)
        fill_verdicts(args.verdicts)
        print(f"filled in {time.perf_counter() - started:.1f}s", flush=True)
        db.session.remove()
        with app.test_request_context():
            cookie = verdicts.sign_token("bench-token-00000001")

    client = app.test_client()
    returning = app.test_client()
    returning.set_cookie(verdicts.COOKIE_NAME, cookie)
    cases = {
        "standard": (client, "/you-said-we-did"),
        "easy read": (client, "/you-said-we-did/easy-read"),
        "arabic": (client, "/you-said-we-did?lang=ar"),
        "with a verdict cookie": (returning, "/you-said-we-did"),
        "last page": (client, f"/you-said-we-did?page={-(-args.statements // 20)}"),
    }
    results = {}
    for name, (browser, path) in cases.items():
        browser.get(path)  # warm the template cache
        timings = []
        for _ in range(args.runs):
            started = time.perf_counter()
            response = browser.get(path)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
        page = response.get_data(as_text=True)
        results[name] = {
            "median_ms": round(statistics.median(timings), 1),
            "max_ms": round(max(timings), 1),
            "cards": page.count("<article"),
            "cards_with_counts": page.count("people told us:"),
            "forms": page.count('class="voice-verdict"'),
            "kb": round(len(response.data) / 1024),
        }
        print(f"{name}: {results[name]}", flush=True)
    worst = max(result["median_ms"] for result in results.values())
    print(
        json.dumps(
            {
                "statements": args.statements,
                "verdicts": args.verdicts,
                "runs": args.runs,
                "worst_median_ms": worst,
                "under_200_ms": worst < 200,
                "results": results,
            }
        )
    )


if __name__ == "__main__":
    main()
