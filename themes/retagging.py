"""Re-tag jobs: every item tagged again after a codebook change, with progress.

Services flush; the view or task that owns the work commits once.
"""

from typing import Any

from sqlalchemy import func, select, update

from surveys.models import FeedbackItem
from themes.models import (
    JobStatus,
    RetagJob,
)
from themes.tagging import BATCH_SIZE
from voice.db import db, utcnow


def start_retag_job(*, user_id: int | None) -> RetagJob:
    total = db.session.scalar(select(func.count(FeedbackItem.id))) or 0
    job = RetagJob(total=total, requested_by_id=user_id)
    db.session.add(job)
    db.session.flush()
    return job


def get_retag_job(job_id: int) -> RetagJob | None:
    return db.session.get(RetagJob, job_id)


def latest_retag_job() -> RetagJob | None:
    return db.session.scalar(select(RetagJob).order_by(RetagJob.id.desc()).limit(1))


def item_ids_after(last_id: int, size: int = BATCH_SIZE) -> list[int]:
    return list(
        db.session.scalars(
            select(FeedbackItem.id)
            .where(FeedbackItem.id > last_id)
            .order_by(FeedbackItem.id)
            .limit(size)
        )
    )


def record_job_progress(job_id: int, *, done: int, status: JobStatus) -> None:
    values: dict[str, Any] = {"done": done, "status": status}
    if status in {JobStatus.DONE, JobStatus.FAILED}:
        values["finished_at"] = utcnow()
    db.session.execute(update(RetagJob).where(RetagJob.id == job_id).values(**values))
