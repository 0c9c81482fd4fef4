"""The spreadsheet tasks. `read_import` reads the uploaded file once, in a worker, within a
time limit, and keeps the table it read (or why it was refused). `import_rows` stores the good
rows in batches, reports progress, stops when cancelled, and goes on from the rows already
stored when a killed worker's job is picked up again. Beat runs the clean-up of uploads never
confirmed, and the sweep that hands on jobs whose worker went quiet."""

from datetime import timedelta

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from flask import current_app
from sqlalchemy.exc import OperationalError

from surveys.feedback import announce_feedback
from surveys.imports import parsing
from surveys.imports.jobs import (
    BATCH_SIZE,
    cancel_was_requested,
    claim_import,
    expire_abandoned_imports,
    finish_import,
    hand_on_stuck_imports,
    import_batch,
    read_job_table,
    record_progress,
    store_read_problem,
    store_read_table,
)
from surveys.models import ImportJob, ImportStatus
from voice.db import db


def _read_seconds() -> float:
    return float(current_app.config.get("IMPORT_READ_SECONDS", parsing.MAX_READ_SECONDS))


def _stale_after() -> timedelta:
    return timedelta(minutes=current_app.config.get("IMPORT_STALE_MINUTES", 5))


class _Run:
    """One pass over the file from where the last one stopped: counts, batches, and a commit
    plus an announcement per batch. Progress is committed with its batch, so `processed`
    always says how many rows are behind us."""

    def __init__(self, job: ImportJob) -> None:
        self.job = job
        self.processed = job.processed_rows
        self.imported = job.imported_rows
        self.duplicates = job.duplicate_rows
        self.rejected = job.rejected_rows

    def store(self, batch: list[parsing.GoodRow]) -> bool:
        """Commit one batch with its progress; False when someone asked us to stop."""
        if cancel_was_requested(self.job.id):
            return False
        new_ids = import_batch(self.job, batch) if batch else []
        self.imported += len(new_ids)
        self.duplicates += len(batch) - len(new_ids)
        record_progress(
            self.job.id,
            processed_rows=self.processed,
            imported_rows=self.imported,
            duplicate_rows=self.duplicates,
            rejected_rows=self.rejected,
        )
        db.session.commit()
        announce_feedback(new_ids)
        return True

    def run(self, table: parsing.Table) -> ImportStatus:
        mapping = parsing.Mapping.from_dict(self.job.mapping)
        start = self.processed
        rest = parsing.Table(table.headers, table.rows[start:], table.kind, table.encoding, [])
        rest.numbers = [table.row_number(i) for i in range(start, len(table.rows))]
        batch: list[parsing.GoodRow] = []
        for row in parsing.parse_rows(rest, mapping):
            self.processed += 1
            if isinstance(row, parsing.RejectedRow):
                self.rejected += 1
            else:
                batch.append(row)
            if len(batch) >= BATCH_SIZE or self.processed - start >= BATCH_SIZE * 4:
                # Rejected rows count as progress too, so a file of bad rows shows it is alive.
                if not self.store(batch):
                    return ImportStatus.CANCELLED
                batch, start = [], self.processed
        if not self.store(batch):
            return ImportStatus.CANCELLED
        return ImportStatus.DONE


@shared_task(
    name="surveys.read_import",
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
    soft_time_limit=int(parsing.MAX_READ_SECONDS) + 30,
    time_limit=int(parsing.MAX_READ_SECONDS) + 60,
)
def read_import(self: object, job_id: int) -> str:
    """Read an uploaded file once, here and not in the web request, and keep what it holds for
    the preview and the import. Safe to run twice: only a job still being read is changed."""
    job = db.session.get(ImportJob, job_id)
    if job is None or job.status != ImportStatus.READING:
        return "skipped"
    content, filename = job.content or b"", job.filename
    db.session.rollback()  # no transaction held open while the file is read
    try:
        table = parsing.read_table(content, filename, seconds=_read_seconds())
    except parsing.ImportFileError as problem:
        store_read_problem(job_id, problem)
        db.session.commit()
        return problem.code
    except SoftTimeLimitExceeded:
        store_read_problem(
            job_id, parsing.ImportFileError("too_slow", seconds=int(_read_seconds()))
        )
        db.session.commit()
        return "too_slow"
    stored = store_read_table(job_id, table)
    db.session.commit()
    return "read" if stored else "skipped"


@shared_task(
    name="surveys.import_rows",
    bind=True,
    # Acknowledged only when done: a worker killed mid-import leaves the message to be given
    # to another worker, which goes on from the rows already stored.
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
)
def import_rows(self: object, job_id: int) -> dict[str, int]:
    if not claim_import(job_id, stale_after=_stale_after()):
        db.session.rollback()
        return {"imported": 0}  # over, or another worker is on it
    db.session.commit()
    job = db.session.get_one(ImportJob, job_id)
    try:
        table = read_job_table(job, seconds=_read_seconds())
    except parsing.ImportFileError as problem:
        record_progress(job_id, problem={"code": problem.code, "values": problem.values})
        finish_import(job_id, ImportStatus.FAILED)
        db.session.commit()
        return {"imported": 0}
    if not job.total_rows:
        record_progress(job_id, total_rows=len(table.rows))
        db.session.commit()
    # Every commit expires the job, and the next batch would load the whole row again, table
    # included: keep only what batches read.
    db.session.refresh(
        job,
        [
            "id",
            "mapping",
            "file_sha256",
            "processed_rows",
            "imported_rows",
            "duplicate_rows",
            "rejected_rows",
        ],
    )
    db.session.expunge(job)
    run = _Run(job)
    try:
        status = run.run(table)
    except OperationalError:
        db.session.rollback()
        raise  # retried; it goes on from the last committed batch
    except Exception:
        # Committed batches stay (running the same file again skips them); the page says Failed.
        db.session.rollback()
        finish_import(job_id, ImportStatus.FAILED)
        db.session.commit()
        raise
    finish_import(job_id, status)
    db.session.commit()
    return {"imported": run.imported - job.imported_rows}


@shared_task(
    name="surveys.expire_abandoned_imports",
    autoretry_for=(OperationalError,),
    retry_backoff=True,
)
def expire_abandoned_imports_task() -> int:
    """Uploaded spreadsheets nobody confirmed within IMPORT_UPLOAD_HOURS are deleted: the file
    may hold personal views, and we keep it only as long as the import needs it. Safe to run
    twice: a second run finds nothing left to expire."""
    hours = current_app.config.get("IMPORT_UPLOAD_HOURS", 24)
    expired = expire_abandoned_imports(older_than=timedelta(hours=hours))
    db.session.commit()
    return expired


@shared_task(
    name="surveys.sweep_stuck_imports",
    autoretry_for=(OperationalError,),
    retry_backoff=True,
)
def sweep_stuck_imports() -> int:
    """A job whose worker showed no progress for IMPORT_STALE_MINUTES (killed, or its message
    lost while the broker was down) is sent to the workers again; it goes on from the rows
    already stored. Each job is tried at most MAX_ATTEMPTS times, then shown as failed."""
    again = hand_on_stuck_imports(stale_after=_stale_after())
    db.session.commit()
    for job_id, status in again:
        if status == ImportStatus.READING:
            read_import.delay(job_id)
        else:
            import_rows.delay(job_id)
    return len(again)
