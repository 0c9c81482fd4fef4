"""An import job: the uploaded file while it is needed, its column mapping and progress, and
storing its good rows as feedback items in batches. Services flush; the view or task commits."""

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
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
from voice.accounts.models import Role, User
from voice.db import db, utcnow

BATCH_SIZE = 5_000


def create_import_job(*, user: User, filename: str, data: bytes) -> ImportJob:
    job = ImportJob(
        created_by_id=user.id,
        filename=filename[:255],
        file_sha256=parsing.file_sha256(data),
        content=data,
        status=ImportStatus.PREVIEW,
        mapping={},
    )
    db.session.add(job)
    db.session.flush()
    return job


def _can_see_all_imports(user: User) -> bool:
    return user.has_any_role(Role.STRATEGY_LEAD, Role.ADMIN)


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


def read_job_table(job: ImportJob) -> parsing.Table:
    return parsing.read_table(job.content or b"", job.filename)


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


def save_mapping(job: ImportJob, mapping: parsing.Mapping, language: str) -> None:
    job.mapping = {**mapping.to_dict(), "language": language}
    db.session.flush()


def queue_import(job: ImportJob, total_rows: int) -> None:
    job.status = ImportStatus.QUEUED
    job.total_rows = total_rows
    job.processed_rows = job.imported_rows = job.duplicate_rows = job.rejected_rows = 0
    db.session.flush()


def request_cancel(job: ImportJob) -> None:
    if job.status == ImportStatus.QUEUED:
        job.status = ImportStatus.CANCELLED
        job.finished_at = utcnow()
        job.content = None  # the task will not run it, so nothing needs the file any more
    elif job.status == ImportStatus.RUNNING:
        job.cancel_requested = True
    db.session.flush()


IMPORT_OVER = (ImportStatus.DONE, ImportStatus.CANCELLED, ImportStatus.FAILED, ImportStatus.EXPIRED)


def expire_abandoned_imports(*, older_than: timedelta) -> int:
    """Delete the uploaded file of every import still waiting on its preview screen after
    ``older_than`` and mark it expired; return how many. Also drops the file of any import
    that is over but still holds one (the task drops it as it finishes, so normally none)."""
    now = utcnow()
    expired = db.session.execute(
        update(ImportJob)
        .where(ImportJob.status == ImportStatus.PREVIEW, ImportJob.created_at < now - older_than)
        .values(status=ImportStatus.EXPIRED, content=None, finished_at=now)
    ).rowcount
    db.session.execute(
        update(ImportJob)
        .where(ImportJob.status.in_(IMPORT_OVER), ImportJob.content.is_not(None))
        .values(content=None)
    )
    return expired or 0


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


def _copy_ignoring_duplicates(rows: list[dict]) -> list[tuple[int, str]]:
    """PostgreSQL: COPY the batch into a temporary table, then move the rows whose dedupe key is
    new. COPY skips building one huge INSERT, which is most of the cost of a batch."""
    connection = db.session.connection()
    raw = connection.connection.driver_connection
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
            "consent_to_quote": False,
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
        raw = db.session.connection().connection.driver_connection
        with (
            raw.cursor() as cursor,
            cursor.copy("COPY feedback_labels (feedback_item_id, label) FROM STDIN") as copy,
        ):
            for row in label_rows:
                copy.write_row((row["feedback_item_id"], row["label"]))
    elif label_rows:
        db.session.execute(FeedbackLabel.__table__.insert(), label_rows)
    return [item_id for item_id, _key in inserted]


def cancel_was_requested(job_id: int) -> bool:
    return bool(
        db.session.scalar(
            select(ImportJob.cancel_requested)
            .where(ImportJob.id == job_id)
            .execution_options(populate_existing=True)
        )
    )


def record_progress(job_id: int, **counts: int | ImportStatus | datetime | None) -> None:
    db.session.execute(update(ImportJob).where(ImportJob.id == job_id).values(**counts))
