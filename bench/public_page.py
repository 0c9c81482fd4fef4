"""The public "You said, we did" page with 500 published statements on PostgreSQL.

Uses its own database (dropped and rebuilt), never the shared one:

    createdb -h 127.0.0.1 -U postgres voice_tracker_bench   # once
    .venv/bin/python bench/public_page.py [--statements 500] [--items 20000]

Fills themes, tagged feedback items, actions with updates and coproduction entries and
published statements with quotes, then times whole GET requests (query and rendering) through
the Flask test client. Voice counts are stored on each statement (as publishing does).
Prints one JSON object on the last line: median milliseconds per page.
"""

import argparse
import json
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

from themes.tagger import default_codebook

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = "postgresql+psycopg://postgres@127.0.0.1:5432/voice_tracker_bench"
SLUGS = list(default_codebook().slugs)


def fill(statements: int, items: int) -> None:
    from sqlalchemy import insert, text

    from surveys.models import FeedbackItem
    from surveys.types import Channel, SourceGroup
    from themes.models import ItemAnalysis, ItemTheme, Theme
    from themes.types import TagSource
    from voice.db import db, utcnow
    from voice.tracker.models import (
        Action,
        CoproductionEntry,
        ProgressUpdate,
        Statement,
        StatementQuote,
        statement_actions,
        statement_items,
        statement_themes,
    )
    from voice.tracker.priorities import seed_priorities
    from voice.tracker.types import ActionStatus, Organisation

    priorities = seed_priorities()
    db.session.execute(
        insert(Theme),
        [
            {
                "slug": slug,
                "name": slug.replace("-", " ").capitalize(),
                "easy_read_name": slug,
                "signals": slug,
            }
            for slug in SLUGS
        ],
    )
    theme_ids = [t.id for t in db.session.scalars(db.select(Theme).order_by(Theme.id))]
    groups = list(SourceGroup)
    db.session.execute(
        insert(FeedbackItem),
        [
            {
                "source_group": groups[n % 4],
                "channel": Channel.FORM,
                "language": "en",
                "original_text": f"We waited a long time, comment {n}",
                "consent_to_quote": n % 2 == 0,
                "created_at": utcnow(),
            }
            for n in range(items)
        ],
    )
    item_ids = list(db.session.scalars(db.select(FeedbackItem.id).order_by(FeedbackItem.id)))
    db.session.execute(
        insert(ItemAnalysis),
        [
            {
                "item_id": i,
                "redacted_text": f"We waited a long time, comment {n}",
                "tagged_at": utcnow(),
            }
            for n, i in enumerate(item_ids)
        ],
    )
    db.session.execute(
        insert(ItemTheme),
        [
            {"item_id": i, "theme_id": theme_ids[n % len(theme_ids)], "source": TagSource.AUTO}
            for n, i in enumerate(item_ids)
        ],
    )
    statuses = list(ActionStatus)
    db.session.execute(
        insert(Action),
        [
            {
                "priority_id": priorities[n % 6].id,
                "title": f"Action number {n}",
                "description": "A plain description of what we are doing about it. " * 3,
                "easy_read_description": "We are doing this. It will help.",
                "organisation": Organisation.COUNCIL,
                "lead": "Team",
                "status": statuses[n % 4],
                "status_reason": "Money went to a bigger need." if n % 4 == 3 else "",
                "impact": "Average wait: 31 weeks → 18 weeks" if n % 3 == 0 else "",
                "status_changed_at": utcnow(),
                "created_at": utcnow(),
            }
            for n in range(statements)
        ],
    )
    action_ids = list(db.session.scalars(db.select(Action.id).order_by(Action.id)))
    db.session.execute(
        insert(ProgressUpdate),
        [
            {
                "action_id": a,
                "written_on": date(2026, 1 + k, 1),
                "text": f"Update {k}",
                "created_at": utcnow(),
            }
            for a in action_ids
            for k in range(3)
        ],
    )
    db.session.execute(
        insert(CoproductionEntry),
        [
            {
                "action_id": a,
                "who": "Young people's panel",
                "how": "A workshop",
                "happened_on": date(2026, 2, 1),
                "what_changed": "Clearer leaflet",
                "created_at": utcnow(),
            }
            for a in action_ids
        ],
    )
    now = utcnow()
    db.session.execute(
        insert(Statement),
        [
            {
                "summary": f"People told us thing number {n} about waiting",
                "published": True,
                "easy_read_summary": f"You said thing {n}.",
                "voices_young_person": n % 3,
                "voices_parent_carer": 5 + n % 40,
                "voices_school": n % 7,
                "voices_professional": 1,
                "published_at": now,
                "created_at": now,
                "updated_at": now,
            }
            for n in range(statements)
        ],
    )
    statement_ids = list(db.session.scalars(db.select(Statement.id).order_by(Statement.id)))
    db.session.execute(
        insert(statement_themes),
        [
            {"statement_id": s, "theme_id": theme_ids[(n + k) % len(theme_ids)]}
            for n, s in enumerate(statement_ids)
            for k in range(2)
        ],
    )
    db.session.execute(
        insert(statement_actions),
        [{"statement_id": s, "action_id": action_ids[n]} for n, s in enumerate(statement_ids)],
    )
    db.session.execute(
        insert(statement_items),
        [
            {"statement_id": s, "item_id": item_ids[(n * 7 + k) % len(item_ids)]}
            for n, s in enumerate(statement_ids)
            for k in range(4)
        ],
    )
    db.session.execute(
        insert(StatementQuote),
        [
            {"statement_id": s, "item_id": item_ids[(n * 7) % len(item_ids)]}
            for n, s in enumerate(statement_ids)
        ],
    )
    db.session.commit()
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=500)
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
    sys.path.insert(0, str(ROOT))

    from flask_migrate import upgrade
    from sqlalchemy import text

    from voice.app import create_app
    from voice.db import db

    app = create_app({"RATELIMIT_ENABLED": False})
    with app.app_context():
        with db.engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        upgrade()
        started = time.perf_counter()
        fill(args.statements, args.items)
        print(f"filled in {time.perf_counter() - started:.1f}s", flush=True)
        db.session.remove()

    client = app.test_client()
    cases = {
        "standard": "/you-said-we-did",
        "easy read": "/you-said-we-did/easy-read",
        "arabic": "/you-said-we-did?lang=ar",
        "filter by theme": "/you-said-we-did?theme=transport",
        "filter by audience": "/you-said-we-did?audience=young_person",
    }
    results = {}
    for name, path in cases.items():
        client.get(path)  # warm the template cache
        timings = []
        for _ in range(args.runs):
            started = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
        results[name] = {
            "median_ms": round(statistics.median(timings), 1),
            "max_ms": round(max(timings), 1),
            "cards": response.get_data(as_text=True).count("<article"),
            "kb": round(len(response.data) / 1024),
        }
        print(f"{name}: {results[name]}", flush=True)
    print(json.dumps({"statements": args.statements, "runs": args.runs, "results": results}))


if __name__ == "__main__":
    main()
