"""The spreadsheet import task: reads the stored file, stores good rows in batches, reports
progress, stops when asked, and skips rows an earlier run of the same file already stored.
Beat also runs the clean-up of uploads that were never confirmed."""

from datetime import timedelta

from celery import shared_task
from flask import current_app
from sqlalchemy.exc import OperationalError

from surveys.feedback import announce_feedback
from surveys.imports import parsing
from surveys.imports.jobs import (
    BATCH_SIZE,
    cancel_was_requested,
    expire_abandoned_imports,
    import_batch,
    read_job_table,
    record_progress,
)
from surveys.models import ImportJob, ImportStatus
from voice.db import db, utcnow


class _Run:
    """One pass over the file: counts, batches, and a commit plus an announcement per batch."""

    def __init__(self, job: ImportJob) -> None:
        self.job = job
        self.processed = self.imported = self.duplicates = self.rejected = 0

    def store(self, batch: list[parsing.GoodRow]) -> bool:
        """Commit one batch with its progress; False when someone asked us to stop."""
        if cancel_was_requested(self.job.id):
            return False
        new_ids = import_batch(self.job, batch)
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
        batch: list[parsing.GoodRow] = []
        for row in parsing.parse_rows(table, parsing.Mapping.from_dict(self.job.mapping)):
            self.processed += 1
            if isinstance(row, parsing.RejectedRow):
                self.rejected += 1
                continue
            batch.append(row)
            if len(batch) >= BATCH_SIZE:
                if not self.store(batch):
                    return ImportStatus.CANCELLED
                batch = []
        if batch and not self.store(batch):
            return ImportStatus.CANCELLED
        record_progress(self.job.id, processed_rows=self.processed, rejected_rows=self.rejected)
        return ImportStatus.DONE


@shared_task(
    name="surveys.import_rows",
    bind=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
)
def import_rows(self: object, job_id: int) -> dict[str, int]:
    job = db.session.get(ImportJob, job_id)
    if job is None or job.status not in (ImportStatus.QUEUED, ImportStatus.RUNNING):
        return {"imported": 0}
    try:
        table = read_job_table(job)
    except parsing.ImportFileError:
        return _finish(job_id, ImportStatus.FAILED, 0)
    record_progress(job_id, status=ImportStatus.RUNNING, total_rows=len(table.rows))
    db.session.commit()
    # Every commit expires the job, and the next batch would load the whole row again, file
    # included (11 MB for 100,000 rows, 3 s of a 16 s import): keep only what batches read.
    db.session.refresh(job, ["id", "mapping", "file_sha256"])
    db.session.expunge(job)
    run = _Run(job)
    try:
        status = run.run(table)
    except OperationalError:
        db.session.rollback()
        raise  # retried; the rows already stored are skipped by their dedupe keys
    except Exception:
        # Committed batches stay (running the same file again skips them); the page says Failed.
        db.session.rollback()
        _finish(job_id, ImportStatus.FAILED, run.imported)
        raise
    return _finish(job_id, status, run.imported)


def _finish(job_id: int, status: ImportStatus, imported: int) -> dict[str, int]:
    # The uploaded bytes are not kept once the import is over: the items hold what we need.
    record_progress(
        job_id, status=status, finished_at=utcnow(), cancel_requested=False, content=None
    )
    db.session.commit()
    return {"imported": imported}


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
