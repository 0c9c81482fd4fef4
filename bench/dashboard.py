"""The strategy leads' dashboard with a million tagged feedback items on PostgreSQL.

Uses its own database, created (or emptied) by this script, never the shared one:

    .venv/bin/python bench/dashboard.py [--items 1000000] [--runs 20]

Fills feedback_items, item_analyses, item_themes and a few open safeguarding flags over the
last three years with INSERT ... SELECT from generate_series (the rows are made inside
PostgreSQL, not one by one through the ORM), then times through the real Flask views:

- the overview (last 91 days, every theme ranked and compared with the 91 days before),
- a filtered theme page (one theme, young people only, a year, comments page 1),
- a CSV export of about 50,000 comments: time to the first bytes and to the end.

"Cold" runs use a new database connection and a period not asked for before; "warm" runs
repeat the same request. Prints p50 and p95 in milliseconds; the last line is one JSON object.
"""

import argparse
import json
import os
import resource
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432"
DATABASE = "voice_dash_bench"

FILL_ITEMS = """
INSERT INTO feedback_items (source_group, channel, language, text, source_detail,
                            consent_to_quote, created_at, survey_id)
SELECT (ARRAY['YOUNG_PERSON','PARENT_CARER','SCHOOL','PROFESSIONAL'])[1 + (n * 7) % 4],
       (ARRAY['KIOSK','WEB','FORM','PROXY','IMPORT'])[1 + (n * 13) % 5],
       (ARRAY['en','en','en','cy','pl','ar'])[1 + n % 6],
       (ARRAY['We waited a long time for speech and language therapy',
              'The school bus is always late and my son misses lessons',
              'Nobody listens to what I want in my EHC plan',
              'Short breaks have been cut and we are exhausted',
              'I have no friends at college and feel lonely',
              'The new SENCo rings me back and it helps',
              '=CAMHS said she was not unwell enough'])[1 + (n * 3) % 7] || ' (' || n || ')',
       'Setting ' || (n % 300),
       n % 3 = 0,
       :now - (n * (interval '3 years' / :items)),
       NULL
FROM generate_series(1, :items) AS n
"""
FILL_ANALYSES = """
INSERT INTO item_analyses (item_id, sentiment, sentiment_label, key_phrases, redacted_text,
                           auto_slugs, tagger_version, tagged_at)
SELECT id,
       ((id * 37) % 200 - 100) / 100.0,
       (ARRAY['positive','negative','negative','mixed','neutral'])[1 + (id * 11) % 5],
       (ARRAY['["long wait"]','["school bus"]','["ehc plan"]','["short breaks"]'])[1 + id % 4],
       text, '[]', 'bench', created_at
FROM feedback_items
"""
FILL_TAGS = """
INSERT INTO item_themes (item_id, theme_id, confidence, evidence, source, reviewed, removed)
SELECT id, theme_id, 0.8, '[]', 'AUTO', false, id % 50 = 0
FROM (
  SELECT id, (:ids)[1 + (id * 3) % :themes] AS theme_id FROM feedback_items
  UNION
  SELECT id, (:ids)[1 + (id * 7 + 5) % :themes] FROM feedback_items WHERE id % 2 = 0
) AS tags
"""
FILL_FLAGS = """
INSERT INTO safeguarding_flags (item_id, reason, status, raised_at)
SELECT id, 'bench', CASE WHEN id % 2 = 0 THEN 'OPEN' ELSE 'CLOSED' END, created_at
FROM feedback_items WHERE id % 5000 = 0
"""


def _create_database() -> None:
    import psycopg

    with psycopg.connect(
        "host=127.0.0.1 port=5432 user=postgres dbname=postgres", autocommit=True
    ) as connection:
        found = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (DATABASE,)
        ).fetchone()
        if not found:
            connection.execute(f'CREATE DATABASE "{DATABASE}"')


def _percentiles(timings: list[float]) -> dict[str, float]:
    ordered = sorted(timings)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50": round(statistics.median(ordered), 1), "p95": round(p95, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--keep", action="store_true", help="reuse the data already loaded")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"{SERVER}/{DATABASE}")
    sys.path.insert(0, str(ROOT))
    _create_database()

    from flask_migrate import upgrade
    from sqlalchemy import func, select, text

    from surveys.models import FeedbackItem
    from tests.factories import make_user
    from themes.models import Theme
    from voice.accounts.models import Role
    from voice.accounts.sessions import session_for
    from voice.app import create_app
    from voice.cli import seed
    from voice.dashboards import summary
    from voice.db import db

    # The staff pages are timed signed in with a password only, as before a second factor is set.
    app = create_app({"RATELIMIT_ENABLED": False, "REQUIRE_SECOND_FACTOR": False})
    now = datetime.now(UTC)
    with app.app_context():
        if not args.keep:
            with db.engine.begin() as connection:
                connection.execute(text("DROP SCHEMA public CASCADE"))
                connection.execute(text("CREATE SCHEMA public"))
            upgrade()
            seed()
            db.session.commit()
            ids = list(db.session.scalars(select(Theme.id).order_by(Theme.id)))
            started = time.perf_counter()
            with db.engine.begin() as connection:
                connection.execute(text(FILL_ITEMS), {"items": args.items, "now": now})
                connection.execute(text(FILL_ANALYSES))
                connection.execute(text(FILL_TAGS), {"ids": ids, "themes": len(ids)})
                connection.execute(text(FILL_FLAGS))
            filled = time.perf_counter() - started
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
                c.execute(text("VACUUM ANALYZE"))
            print(f"filled {args.items} items in {filled:.1f}s", flush=True)
        started = time.perf_counter()
        summary.catch_up()  # the first run builds the whole table, as the nightly task does
        db.session.commit()
        print(f"summary table built in {time.perf_counter() - started:.1f}s", flush=True)
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.execute(text("VACUUM ANALYZE dash_theme_days"))
        user = make_user(roles=(Role.STRATEGY_LEAD,), email=f"bench-{time.time_ns()}@example.org")
        signed_in = session_for(user)  # what the sign-in page puts in the session
        items = db.session.scalar(select(func.count(FeedbackItem.id)))
        tags = db.session.scalar(text("SELECT count(*) FROM item_themes"))
        theme_slug = db.session.scalar(select(Theme.slug).order_by(Theme.id))

    client = app.test_client()
    with client.session_transaction() as session:
        session.update(signed_in)

    today = now.date()

    def period(days: int, shift: int) -> str:
        end = today - timedelta(days=shift)
        return f"from={(end - timedelta(days=days - 1)).isoformat()}&to={end.isoformat()}"

    def timed(path: str) -> float:
        started = time.perf_counter()
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        return (time.perf_counter() - started) * 1000

    def cold(path_for: "callable") -> list[float]:  # type: ignore[valid-type]
        found = []
        for shift in range(1, args.runs + 1):
            with app.app_context():
                db.engine.dispose()  # a new connection: no warm catalogue or plan caches
            found.append(timed(path_for(shift)))
        return found

    results: dict[str, dict[str, float]] = {}
    cases = {
        "overview": lambda shift: f"/dashboard/?{period(91, shift * 3)}",
        "theme page": lambda shift: (
            f"/dashboard/themes/{theme_slug}?{period(365, shift * 3)}&audience=young_person"
        ),
    }
    for name, path_for in cases.items():
        results[f"{name} cold"] = _percentiles(cold(path_for))
        warm_path = path_for(0)
        timed(warm_path)
        results[f"{name} warm"] = _percentiles([timed(warm_path) for _ in range(args.runs)])
        print(name, results[f"{name} cold"], results[f"{name} warm"], flush=True)

    # About 50,000 comments: the period holding that many of the million.
    export_days = max(1, round(50_000 * 3 * 365 / items))
    first_bytes: list[float] = []
    totals: list[float] = []
    rows = 0
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for run in range(3):
        if run == 0:
            with app.app_context():
                db.engine.dispose()
        started = time.perf_counter()
        response = client.get(f"/dashboard/export.csv?{period(export_days, 0)}", buffered=False)
        chunks = iter(response.response)
        first = next(chunks)
        first_bytes.append((time.perf_counter() - started) * 1000)
        size = len(first)
        lines = first.count(b"\n") if isinstance(first, bytes) else first.count("\n")
        for chunk in chunks:
            size += len(chunk)
            lines += chunk.count(b"\n") if isinstance(chunk, bytes) else chunk.count("\n")
        response.close()
        totals.append((time.perf_counter() - started) * 1000)
        rows = lines - 1
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    results["export first bytes"] = {
        "cold": round(first_bytes[0], 1),
        "warm p50": round(statistics.median(first_bytes[1:]), 1),
    }
    results["export whole file"] = {
        "cold": round(totals[0], 1),
        "warm p50": round(statistics.median(totals[1:]), 1),
    }
    print("export", results["export first bytes"], results["export whole file"], flush=True)
    print(
        json.dumps(
            {
                "items": items,
                "item_themes": tags,
                "runs": args.runs,
                "export_rows": rows,
                "export_peak_rss_growth_mb": round((rss_after - rss_before) / 1024, 1),
                "results_ms": results,
            }
        )
    )


if __name__ == "__main__":
    main()
