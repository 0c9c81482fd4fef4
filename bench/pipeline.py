"""The whole tagging pipeline: N feedback items announced to all their tags stored.

PostgreSQL, Redis and two Celery worker processes (one process each), as in production.
Uses its own database (dropped and rebuilt) and Redis database, never the shared ones:

    createdb -h 127.0.0.1 -U postgres voice_bench_pipeline   # once
    .venv/bin/python bench/pipeline.py [--items 100000]

Prints progress, then one JSON object on the last line.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = "postgresql+psycopg://postgres@127.0.0.1:5432/voice_bench_pipeline"
DEFAULT_BROKER = "redis://127.0.0.1:6379/3"
DEV_FILE = ROOT.parent / "shared" / "data" / "themes_dev.jsonl"
FALLBACK_TEXTS = [
    "We waited 18 months for speech and language therapy",
    "The school bus is always late and my son misses the start of the day",
    "Nobody listens to what I want in my EHC plan",
    "Short breaks have been cut and we are exhausted",
    "I have no friends at college and feel lonely",
]


def _texts() -> list[str]:
    if DEV_FILE.exists():
        with DEV_FILE.open(encoding="utf-8") as lines:
            return [json.loads(line)["text"] for line in lines if line.strip()]
    return FALLBACK_TEXTS


def _tagger_rate(texts: list[str], seconds: float = 5.0) -> float:
    from themes.tagger import Tagger, default_codebook

    tagger = Tagger(default_codebook())
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        tagger.tag(texts[done % len(texts)])
        done += 1
    return done / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    database = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
    broker = os.environ.get("BENCH_BROKER_URL", DEFAULT_BROKER)
    env = {**os.environ, "DATABASE_URL": database, "CELERY_BROKER_URL": broker}
    os.environ.update(DATABASE_URL=database, CELERY_BROKER_URL=broker)

    from flask_migrate import upgrade
    from sqlalchemy import func, insert, select, text

    from surveys.feedback import announce_feedback
    from surveys.models import FeedbackItem
    from surveys.types import Channel, SourceGroup
    from themes import codebook
    from themes.models import ItemAnalysis
    from voice.app import create_app
    from voice.db import db

    app = create_app()
    texts = _texts()
    with app.app_context():
        with db.engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        upgrade()
        codebook.ensure_codebook()
        db.session.commit()
        celery = app.extensions["celery"]
        celery.control.purge()
        rows = [
            {
                "source_group": SourceGroup.YOUNG_PERSON,
                "channel": Channel.WEB,
                "language": "en",
                "original_text": texts[number % len(texts)],
            }
            for number in range(args.items)
        ]
        for start in range(0, len(rows), 5000):
            db.session.execute(insert(FeedbackItem), rows[start : start + 5000])
        db.session.commit()
        ids = list(db.session.scalars(select(FeedbackItem.id).order_by(FeedbackItem.id)))
    print(f"stored {len(ids)} items; starting {args.workers} workers", file=sys.stderr)

    workers = [
        subprocess.Popen(  # noqa: S603 - our own worker command
            [
                str(Path(sys.executable).with_name("celery")),
                "-A",
                "voice.worker",
                "worker",
                "--concurrency=1",
                "--loglevel=WARNING",
                "-n",
                f"bench{number}@%h",
                "--without-gossip",
                "--without-mingle",
            ],
            cwd=ROOT,
            env=env,
        )
        for number in range(args.workers)
    ]
    try:
        with app.app_context():
            deadline = time.monotonic() + 60
            while len(celery.control.ping(timeout=1.0) or []) < args.workers:
                if time.monotonic() > deadline:
                    raise SystemExit("the workers did not start")
            start = time.perf_counter()
            for offset in range(0, len(ids), 1000):
                announce_feedback(ids[offset : offset + 1000])
            enqueued = time.perf_counter() - start
            left = len(ids)
            while left:
                time.sleep(1.0)
                db.session.rollback()
                left = db.session.scalar(
                    select(func.count(FeedbackItem.id)).where(FeedbackItem.tagged_at.is_(None))
                )
                print(f"{len(ids) - left} of {len(ids)} tagged", file=sys.stderr)
            elapsed = time.perf_counter() - start
            analysed = db.session.scalar(select(func.count(ItemAnalysis.id)))
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=30)

    tagger_rate = _tagger_rate(texts)
    pipeline_rate = len(ids) / elapsed
    print(
        json.dumps(
            {
                "items": len(ids),
                "analyses_stored": analysed,
                "workers": args.workers,
                "enqueue_seconds": round(enqueued, 2),
                "pipeline_seconds": round(elapsed, 2),
                "pipeline_items_per_second": round(pipeline_rate, 1),
                "tagger_items_per_second_one_core": round(tagger_rate, 1),
                "pipeline_to_tagger_ratio": round(pipeline_rate / tagger_rate, 3),
                "target_seconds": 120,
            }
        )
    )


if __name__ == "__main__":
    main()
