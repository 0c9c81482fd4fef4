"""An import job: the uploaded file while it is needed, its column mapping and progress, and
storing its good rows as feedback items in batches. Services flush; the view or task commits."""

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.dialects import sqlite

from surveys.imports import parsing
from surveys.models import (
    Channel,
    FeedbackItem,
    FeedbackLabel,
    ImportJob,
    ImportStatus,
    SourceGroup,
)
from voice.accounts.models import User
from voice.accounts.roles import LEADS
from voice.db import db, execute_dml, utcnow

BATCH_SIZE = 5_000


def create_import_job(*, user: User, filename: str, data: bytes) -> ImportJob:
    """A job holding the uploaded bytes until a worker reads them (surveys.read_import)."""
    job = ImportJob(
        created_by_id=user.id,
        filename=filename[:255],
        file_sha256=parsing.file_sha256(data),
        content=data,
        status=ImportStatus.READING,
        mapping={},
        progress_at=utcnow(),
    )
    db.session.add(job)
    db.session.flush()
    return job


def store_read_table(job_id: int, table: parsing.Table) -> bool:
    """Keep what the worker read, in place of the file; False if the job has moved on (it was
    cancelled, or another worker got there first)."""
    done = execute_dml(
        update(ImportJob)
        .where(ImportJob.id == job_id, ImportJob.status == ImportStatus.READING)
        .values(
            status=ImportStatus.PREVIEW,
            table_data=table.to_bytes(),
            preview={"headers": table.headers, "sample": table.sample(), "rows": len(table.rows)},
            content=None,
            problem=None,
            progress_at=utcnow(),
        )
    ).rowcount
    return bool(done)


def store_read_problem(job_id: int, problem: parsing.ImportFileError) -> None:
    """The file cannot be imported: say why on its page, and delete it."""
    db.session.execute(
        update(ImportJob)
        .where(ImportJob.id == job_id, ImportJob.status == ImportStatus.READING)
        .values(
            status=ImportStatus.FAILED,
            problem={"code": problem.code, "values": problem.values},
            content=None,
            finished_at=utcnow(),
        )
    )


def _can_see_all_imports(user: User) -> bool:
    return user.has_any_role(*LEADS)


def get_import_job(job_id: int, user: User) -> ImportJob | None:
    """Strategy leads see every import; a forum rep sees only their own."""
    query = select(ImportJob).where(ImportJob.id == job_id)
    if not _can_see_all_imports(user):
        query = query.where(ImportJob.created_by_id == user.id)
    return db.session.scalar(query)


def list_import_jobs(user: User, *, limit: int = 50) -> Sequence[ImportJob]:
    query = select(ImportJob).order_by(ImportJob.created_at.desc(), ImportJob.id.desc())
    if not _can_see_all_imports(user):
        query = query.where(ImportJob.created_by_id == user.id)
    return db.session.scalars(query.limit(limit)).all()


def read_job_table(job: ImportJob, *, seconds: float | None = None) -> parsing.Table:
    """The table the worker read; a job made before that step (or by a bench) is read now,
    which only a worker does."""
    if job.table_data is not None:
        return parsing.Table.from_bytes(job.table_data)
    return parsing.read_table(job.content or b"", job.filename, seconds=seconds)


def count_already_imported(job: ImportJob, table: parsing.Table) -> int:
    """Rows of this very file that an earlier import already stored."""
    earlier = db.session.scalar(
        select(func.count())
        .select_from(ImportJob)
        .where(
            ImportJob.file_sha256 == job.file_sha256,
            ImportJob.id != job.id,
            ImportJob.imported_rows > 0,
        )
    )
    if not earlier:
        return 0
    keys = [parsing.row_key(job.file_sha256, n + 2) for n in range(len(table.rows))]
    found = 0
    for start in range(0, len(keys), 1000):
        found += (
            db.session.scalar(
                select(func.count())
                .select_from(FeedbackItem)
                .where(FeedbackItem.dedupe_key.in_(keys[start : start + 1000]))
            )
            or 0
        )
    return found


def save_mapping(job: ImportJob, mapping: parsing.Mapping, language: str, *, shown: int) -> None:
    """Keep the chosen columns and what they give, so the preview page reads a summary rather
    than the file."""
    table = read_job_table(job)
    summary = parsing.summarise(table, mapping)
    job.mapping = {**mapping.to_dict(), "language": language}
    job.summary = {
        "good": summary.good,
        "rejected_count": summary.rejected_count,
        "rejected": [[row.row_number, row.reason] for row in summary.rejected[:shown]],
        "already": count_already_imported(job, table),
    }
    db.session.flush()


def queue_import(job: ImportJob) -> None:
    job.status = ImportStatus.QUEUED
    job.total_rows = (job.preview or {}).get("rows", 0)
    job.processed_rows = job.imported_rows = job.duplicate_rows = job.rejected_rows = 0
    job.progress_at = utcnow()
    db.session.flush()


def _drop_file() -> dict:
    """What an import no longer keeps once it is over: the file, the table read from it and
    the sample rows shown in the preview (all may hold personal views)."""
    return {"content": None, "table_data": None, "preview": None}


def cancel_import(job: ImportJob) -> None:
    """End the job whatever state it is in, and delete its file at once. A worker still
    running it stops at its next batch; the rows it already stored stay, and the page says
    how many."""
    if job.status in IMPORT_OVER:
        return
    db.session.execute(
        update(ImportJob)
        .where(ImportJob.id == job.id)
        .values(
            status=ImportStatus.CANCELLED,
            cancel_requested=True,
            finished_at=utcnow(),
            **_drop_file(),
        )
    )
    db.session.flush()
    db.session.refresh(job)


IMPORT_OVER = (ImportStatus.DONE, ImportStatus.CANCELLED, ImportStatus.FAILED, ImportStatus.EXPIRED)


def expire_abandoned_imports(*, older_than: timedelta) -> int:
    """Delete the uploaded file of every import still waiting on its preview screen after
    ``older_than`` and mark it expired; return how many. Also drops the file of any import
    that is over but still holds one (the task drops it as it finishes, so normally none)."""
    now = utcnow()
    expired = execute_dml(
        update(ImportJob)
        .where(ImportJob.status == ImportStatus.PREVIEW, ImportJob.created_at < now - older_than)
        .values(status=ImportStatus.EXPIRED, finished_at=now, **_drop_file())
    ).rowcount
    db.session.execute(
        update(ImportJob)
        .where(
            ImportJob.status.in_(IMPORT_OVER),
            ImportJob.content.is_not(None)
            | ImportJob.table_data.is_not(None)
            | ImportJob.preview.is_not(None),
        )
        .values(**_drop_file())
    )
    return expired or 0


MAX_ATTEMPTS = 3
WORKING = (ImportStatus.READING, ImportStatus.QUEUED, ImportStatus.RUNNING)


def claim_import(job_id: int, *, stale_after: timedelta) -> bool:
    """Take the job for this worker: a queued one, or a running one whose worker has shown
    no progress for `stale_after` (it was killed). False if another worker holds it."""
    now = utcnow()
    claimed = execute_dml(
        update(ImportJob)
        .where(
            ImportJob.id == job_id,
            (ImportJob.status == ImportStatus.QUEUED)
            | (
                (ImportJob.status == ImportStatus.RUNNING)
                & (ImportJob.progress_at < now - stale_after)
            ),
        )
        .values(status=ImportStatus.RUNNING, progress_at=now)
    ).rowcount
    return bool(claimed)


def hand_on_stuck_imports(*, stale_after: timedelta) -> list[tuple[int, ImportStatus]]:
    """Jobs whose worker has gone quiet for `stale_after` (killed, or its message lost with
    the broker): put back in the queue to go on from the rows already stored, or failed after
    MAX_ATTEMPTS tries. Returns the ids and states to send to the workers again."""
    now = utcnow()
    quiet = db.session.execute(
        select(ImportJob.id, ImportJob.status, ImportJob.attempts).where(
            ImportJob.status.in_(WORKING),
            func.coalesce(ImportJob.progress_at, ImportJob.created_at) < now - stale_after,
        )
    ).all()
    again: list[tuple[int, ImportStatus]] = []
    for job_id, status, attempts in quiet:
        if attempts + 1 >= MAX_ATTEMPTS:
            db.session.execute(
                update(ImportJob)
                .where(ImportJob.id == job_id, ImportJob.status == status)
                .values(
                    status=ImportStatus.FAILED,
                    problem={"code": "stuck", "values": {"tries": MAX_ATTEMPTS}},
                    finished_at=now,
                    **_drop_file(),
                )
            )
            continue
        back = ImportStatus.READING if status == ImportStatus.READING else ImportStatus.QUEUED
        moved = execute_dml(
            update(ImportJob)
            .where(ImportJob.id == job_id, ImportJob.status == status)
            .values(status=back, progress_at=now, attempts=attempts + 1)
        ).rowcount
        if moved:
            again.append((job_id, back))
    return again


_ITEM_COLUMNS = (
    "text",
    "source_group",
    "channel",
    "language",
    "source_detail",
    "consent_to_quote",
    "dedupe_key",
    "created_at",
)


def _psycopg_connection() -> Any:
    """The session's psycopg connection, for COPY (which the DB-API does not have)."""
    raw = db.session.connection().connection.driver_connection
    if raw is None:  # only a pool entry that was closed has none; the session's is open
        raise RuntimeError("the session's database connection is closed")
    return raw


def _copy_ignoring_duplicates(rows: list[dict]) -> list[tuple[int, str]]:
    """PostgreSQL: COPY the batch into a temporary table, then move the rows whose dedupe key is
    new. COPY skips building one huge INSERT, which is most of the cost of a batch."""
    raw = _psycopg_connection()
    columns = ", ".join(_ITEM_COLUMNS)
    with raw.cursor() as cursor:
        cursor.execute(
            # Gone at the batch's commit, and copying no defaults, so it never holds on to
            # feedback_items (a migration could not drop or change it otherwise).
            f"CREATE TEMP TABLE import_stage ON COMMIT DROP AS SELECT {columns} "  # noqa: S608
            "FROM feedback_items WITH NO DATA"
        )
        with cursor.copy(f"COPY import_stage ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(
                    (
                        row["original_text"],
                        row["source_group"].name,
                        row["channel"].name,
                        row["language"],
                        row["source_detail"],
                        row["consent_to_quote"],
                        row["dedupe_key"],
                        row["created_at"],
                    )
                )
        cursor.execute(
            f"INSERT INTO feedback_items ({columns}) "  # noqa: S608 - fixed column names
            f"SELECT {columns} FROM import_stage "
            "ON CONFLICT (dedupe_key) DO NOTHING RETURNING id, dedupe_key"
        )
        inserted = [(item_id, key) for item_id, key in cursor.fetchall()]
    return inserted


def _insert_ignoring_duplicates(rows: list[dict]) -> list[tuple[int, str]]:
    """Insert many items at once, skipping any whose dedupe key is already stored; return the
    new ids. Far faster than one flush per row, which the 5,000 rows a second target needs.
    PostgreSQL copies the rows in; any other database (SQLite) takes one INSERT."""
    if not rows:
        return []
    if db.session.get_bind().dialect.name == "postgresql":
        return _copy_ignoring_duplicates(rows)
    statement = (
        sqlite.insert(FeedbackItem)
        .on_conflict_do_nothing(index_elements=[FeedbackItem.dedupe_key])
        .returning(FeedbackItem.id, FeedbackItem.dedupe_key)
    )
    return [(row.id, row.dedupe_key) for row in db.session.execute(statement, rows)]


def import_batch(job: ImportJob, batch: list[parsing.GoodRow]) -> list[int]:
    """Store one batch of good rows; return the ids of the items that are new."""
    language = job.mapping.get("language") or "en"
    now = utcnow()
    rows = [
        {
            "original_text": row.text,
            "source_group": SourceGroup(row.audience),
            "channel": Channel.IMPORT,
            "language": language,
            "source_detail": row.setting,
            "consent_to_quote": row.consent_to_quote,
            "dedupe_key": parsing.row_key(job.file_sha256, row.row_number),
            "created_at": row.given_on or now,
        }
        for row in batch
    ]
    inserted = _insert_ignoring_duplicates(rows)
    labels_by_key = {
        parsing.row_key(job.file_sha256, row.row_number): row.labels for row in batch if row.labels
    }
    label_rows = [
        {"feedback_item_id": item_id, "label": label}
        for item_id, key in inserted
        for label in labels_by_key.get(key, ())
    ]
    if label_rows and db.session.get_bind().dialect.name == "postgresql":
        raw = _psycopg_connection()
        with (
            raw.cursor() as cursor,
            cursor.copy("COPY feedback_labels (feedback_item_id, label) FROM STDIN") as copy,
        ):
            for row in label_rows:
                copy.write_row((row["feedback_item_id"], row["label"]))
    elif label_rows:
        db.session.execute(insert(FeedbackLabel), label_rows)
    return [item_id for item_id, _key in inserted]


def cancel_was_requested(job_id: int) -> bool:
    return bool(
        db.session.scalar(
            select(ImportJob.cancel_requested)
            .where(ImportJob.id == job_id)
            .execution_options(populate_existing=True)
        )
    )


def record_progress(job_id: int, **counts: int | ImportStatus | datetime | dict | None) -> None:
    """Counts for the page, and the time the sweep reads to tell a live worker from a dead one.
    A job cancelled meanwhile keeps its state."""
    db.session.execute(
        update(ImportJob)
        .where(ImportJob.id == job_id, ImportJob.status.not_in(IMPORT_OVER))
        .values(progress_at=utcnow(), **counts)
    )


def finish_import(job_id: int, status: ImportStatus) -> None:
    """The job is over: its state, and its file deleted (the items hold what we need)."""
    db.session.execute(
        update(ImportJob)
        .where(ImportJob.id == job_id, ImportJob.status.not_in(IMPORT_OVER))
        .values(status=status, finished_at=utcnow(), cancel_requested=False, **_drop_file())
    )
