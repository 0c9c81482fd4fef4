"""The All feedback list with a million feedback items on PostgreSQL.

Uses its own database (dropped and rebuilt), never the shared one:

    createdb -h 127.0.0.1 -U postgres voice_intake_bench   # once
    .venv/bin/python bench/feedback_list.py [--items 1000000]

Fills feedback_items and their analyses (the redacted text the list shows and searches) in the
database (generate_series), flags one comment in a thousand for safeguarding, then times the
real service, themes.feedback.list_feedback as a strategy lead (one page of 50, its words
through the comment text gate, plus the capped count), for each filter. Prints one JSON
object on the last line: median milliseconds per page.
"""

import argparse
import json
import os
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = "postgresql+psycopg://postgres@127.0.0.1:5432/voice_intake_bench"

FILL = """
INSERT INTO feedback_items (source_group, channel, language, text, source_detail,
                            consent_to_quote, created_at)
SELECT (ARRAY['YOUNG_PERSON','PARENT_CARER','SCHOOL','PROFESSIONAL'])[1 + (n * 7) % 4],
       (ARRAY['KIOSK','WEB','FORM','PROXY','IMPORT'])[1 + (n * 13) % 5],
       (ARRAY['en','en','en','cy','pl','ar'])[1 + n % 6],
       (ARRAY['We waited a long time for speech and language therapy',
              'The school bus is always late and my son misses lessons',
              'Nobody listens to what I want in my EHC plan',
              'Short breaks have been cut and we are exhausted',
              'I have no friends at college and feel lonely',
              'The new SENCo rings me back and it helps',
              'CAMHS said she was not unwell enough'])[1 + (n * 3) % 7]
         || CASE WHEN n % 5000 = 0 THEN ' and the wheelchair repair took months' ELSE '' END
         || ' (' || n || ')',
       'Setting ' || (n % 300),
       n % 3 = 0,
       timestamptz '2023-01-01 00:00+00' + (n * interval '90 seconds')
FROM generate_series(1, :items) AS n
"""

ANALYSE = """
INSERT INTO item_analyses (item_id, sentiment, sentiment_label, key_phrases, redacted_text,
                           auto_slugs, tagger_version, tagged_at)
SELECT id, 0, 'mixed', '[]', text, '[]', 'bench', created_at FROM feedback_items
"""

FLAG = """
INSERT INTO safeguarding_flags (item_id, reason, status, raised_at)
SELECT id, 'bench', 'OPEN', created_at FROM feedback_items WHERE id % 1000 = 7
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--without-index", action="append", default=[], help="drop this index first (compare)"
    )
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
    sys.path.insert(0, str(ROOT))

    from flask_migrate import upgrade
    from sqlalchemy import text

    from surveys.types import Channel, SourceGroup
    from themes import feedback
    from themes.comment_text import Viewer
    from themes.feedback import FeedbackFilters
    from voice.accounts.models import Role
    from voice.app import create_app
    from voice.db import db

    lead = Viewer(user_id=None, roles=frozenset({Role.STRATEGY_LEAD}))

    def list_feedback(filters: FeedbackFilters, **paging: object) -> feedback.FeedbackPage:
        return feedback.list_feedback(filters, lead, **paging)

    app = create_app()
    with app.app_context():
        with db.engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        upgrade()
        started = time.perf_counter()
        with db.engine.begin() as connection:
            connection.execute(text(FILL), {"items": args.items})
            connection.execute(text(ANALYSE))
            connection.execute(text(FLAG))
            for name in args.without_index:
                connection.execute(text(f'DROP INDEX "{name}"'))
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            for table in ("feedback_items", "item_analyses", "safeguarding_flags"):
                connection.execute(text(f"VACUUM ANALYZE {table}"))
        print(f"filled {args.items} items in {time.perf_counter() - started:.1f}s", flush=True)

        middle = list_feedback(FeedbackFilters(), page_size=50)
        for _ in range(200):  # two hundred pages in, by following "Older" links
            middle = list_feedback(FeedbackFilters(), after=middle.next_cursor)
        cases = {
            "no filter, first page": (FeedbackFilters(), None),
            "no filter, page 201": (FeedbackFilters(), middle.next_cursor),
            "audience school": (FeedbackFilters(source_group=SourceGroup.SCHOOL), None),
            "channel import": (FeedbackFilters(channel=Channel.IMPORT), None),
            "audience and channel": (
                FeedbackFilters(source_group=SourceGroup.PARENT_CARER, channel=Channel.PROXY),
                None,
            ),
            "one month": (
                FeedbackFilters(
                    date_from=datetime(2024, 3, 1, tzinfo=UTC),
                    date_to=datetime(2024, 3, 31, tzinfo=UTC),
                ),
                None,
            ),
            "text, common word": (FeedbackFilters(text="waited"), None),
            "text, rare word": (FeedbackFilters(text="wheelchair"), None),
            "text, two words": (FeedbackFilters(text="Wheelchairs repaired"), None),
            "text, word in no comment": (FeedbackFilters(text="zebra"), None),
            "text and audience": (
                FeedbackFilters(text="wheelchair", source_group=SourceGroup.SCHOOL),
                None,
            ),
            "text and one month": (
                FeedbackFilters(
                    text="wheelchair",
                    date_from=datetime(2024, 3, 1, tzinfo=UTC),
                    date_to=datetime(2024, 3, 31, tzinfo=UTC),
                ),
                None,
            ),
        }
        results = {}
        for name, (filters, cursor) in cases.items():
            timings = []
            for _ in range(args.runs):
                db.session.expunge_all()
                started = time.perf_counter()
                page = list_feedback(filters, after=cursor)
                timings.append((time.perf_counter() - started) * 1000)
            results[name] = {
                "median_ms": round(statistics.median(timings), 1),
                "max_ms": round(max(timings), 1),
                "shown": len(page.items),
                "count": page.count,
            }
            print(f"{name}: {results[name]}", flush=True)
    print(json.dumps({"items": args.items, "page_size": 50, "runs": args.runs, "results": results}))


if __name__ == "__main__":
    main()
