"""Spreadsheet import end to end: a generated CSV through the real `surveys.import_rows` task.

PostgreSQL, Redis and one Celery worker process, as in production. Uses its own database
(dropped and rebuilt) and Redis database, never the shared ones:

    createdb -h 127.0.0.1 -U postgres voice_intake_bench   # once
    .venv/bin/python bench/import.py [--rows 100000]

Times from the task being queued to the job's last batch committed (its finished_at), and
prints one JSON object on the last line. Target: 5,000 rows a second or more.
"""

import argparse
import csv
import io
import json
import os
import random
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = "postgresql+psycopg://postgres@127.0.0.1:5432/voice_intake_bench"
DEFAULT_BROKER = "redis://127.0.0.1:6379/5"
OPENINGS = [
    "We waited",
    "My son waited",
    "The school waited",
    "Our family waited",
    "I waited",
]
TOPICS = [
    "for speech and language therapy",
    "for an autism assessment",
    "for the EHC plan",
    "for a school place",
    "for CAMHS",
    "for a wheelchair repair",
    "for short breaks",
]
ENDINGS = [
    "and nobody kept us informed.",
    "which felt far too long.",
    "but the staff were kind.",
    "and it affected his schooling.",
    "so we paid privately in the end.",
]
AUDIENCES = ["Parent", "parent carer", "Young person", "School", "Professional"]


def make_csv(rows: int, seed: int = 7) -> bytes:
    """A spreadsheet like an old survey tool's export: comment, date, who, setting, topic."""
    rng = random.Random(seed)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Comment", "Date", "Respondent", "Setting", "Topic"])
    start = datetime(2024, 1, 1, tzinfo=UTC)
    for number in range(rows):
        text = f"{rng.choice(OPENINGS)} {rng.choice(TOPICS)} {rng.choice(ENDINGS)} #{number}"
        day = (start + timedelta(days=rng.randrange(700))).strftime("%d/%m/%Y")
        writer.writerow(
            [
                text,
                day,
                rng.choice(AUDIENCES),
                f"Setting {number % 40}",
                rng.choice(["waiting", "ehc", "school", ""]),
            ]
        )
    return out.getvalue().encode("utf-8")


def _reset_database(app: object) -> None:
    from flask_migrate import upgrade
    from sqlalchemy import text

    from voice.db import db

    with app.app_context():  # type: ignore[attr-defined]
        with db.engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        upgrade()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    env = {
        **os.environ,
        "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB),
        "CELERY_BROKER_URL": os.environ.get("BENCH_BROKER_URL", DEFAULT_BROKER),
    }
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))

    from redis import Redis
    from sqlalchemy import func, select

    from surveys.imports import parsing as imports
    from surveys.imports.tasks import import_rows
    from surveys.models import FeedbackItem, ImportJob, ImportStatus
    from voice.accounts.models import Role
    from voice.accounts.services import create_user
    from voice.app import create_app
    from voice.db import db

    Redis.from_url(env["CELERY_BROKER_URL"]).flushdb()  # our private database number only
    app = create_app()
    _reset_database(app)

    started = time.perf_counter()
    data = make_csv(args.rows)
    print(
        f"generated {args.rows} rows, {len(data) / 1e6:.1f} MB in "
        f"{time.perf_counter() - started:.1f}s",
        flush=True,
    )

    with app.app_context():
        started = time.perf_counter()
        table = imports.read_table(data, "bench.csv")
        mapping = imports.Mapping(text=0, date=1, audience=2, setting=3, labels=[4])
        summary = imports.summarise(table, mapping)
        preview_seconds = time.perf_counter() - started
        print(
            f"preview: {summary.good} good, {summary.rejected_count} rejected in "
            f"{preview_seconds:.1f}s",
            flush=True,
        )
        user = create_user(
            email="bench@example.org", name="Bench", password="x" * 16, roles=[Role.STRATEGY_LEAD]
        )
        job = ImportJob(
            created_by_id=user.id,
            filename="bench.csv",
            file_sha256=imports.file_sha256(data),
            content=data,
            mapping={**mapping.to_dict(), "language": "en"},
            status=ImportStatus.QUEUED,
            total_rows=len(table.rows),
        )
        db.session.add(job)
        db.session.commit()
        job_id = job.id

    worker = subprocess.Popen(  # noqa: S603 - our own venv's celery, fixed arguments
        [
            str(ROOT / ".venv" / "bin" / "celery"),
            "-A",
            "voice.worker",
            "worker",
            "--pool=solo",
            "--loglevel=WARNING",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        time.sleep(4)  # let the worker connect before the clock starts
        with app.app_context():
            queued = datetime.now(UTC)
            import_rows.delay(job_id)
            while True:
                db.session.expire_all()
                job = db.session.get(ImportJob, job_id)
                if job.status in (ImportStatus.DONE, ImportStatus.FAILED, ImportStatus.CANCELLED):
                    break
                time.sleep(0.2)
            seconds = (job.finished_at - queued).total_seconds()
            stored = db.session.scalar(select(func.count()).select_from(FeedbackItem))
            result = {
                "rows": args.rows,
                "status": job.status.value,
                "imported": job.imported_rows,
                "rejected": job.rejected_rows,
                "stored_items": stored,
                "seconds_to_last_commit": round(seconds, 2),
                "rows_per_second": round(args.rows / seconds),
                "preview_seconds": round(preview_seconds, 2),
                "target_rows_per_second": 5000,
            }
            # Run the same file again (in this process: the worker is now busy tagging the
            # new items): nothing new may be stored.
            again = ImportJob(
                created_by_id=job.created_by_id,
                filename="bench.csv",
                file_sha256=job.file_sha256,
                content=data,
                mapping=job.mapping,
                status=ImportStatus.QUEUED,
            )
            db.session.add(again)
            db.session.commit()
            import_rows.apply(args=[again.id])
            db.session.expire_all()
            again = db.session.get(ImportJob, again.id)
            result["second_run_imported"] = again.imported_rows
            result["second_run_duplicates"] = again.duplicate_rows
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
