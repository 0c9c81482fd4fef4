"""Background work for surveys: deleting raw responses once their retention period ends."""

from celery import shared_task
from sqlalchemy.exc import OperationalError

from surveys.retention import delete_expired_responses
from voice.db import db


@shared_task(
    name="surveys.delete_expired_responses", autoretry_for=(OperationalError,), retry_backoff=True
)
def delete_expired_responses_task() -> int:
    """Safe to run twice: a second run finds nothing left to delete."""
    deleted = delete_expired_responses()
    db.session.commit()
    return deleted
