"""Background upkeep of the dashboard's summary table."""

from celery import shared_task
from sqlalchemy.exc import OperationalError

from voice.dashboards import summary
from voice.db import db


@shared_task(
    name="dashboards.catch_up", bind=True, autoretry_for=(OperationalError,), retry_backoff=True
)
def catch_up(self: object) -> int:
    rebuilt = summary.catch_up()
    db.session.commit()
    return rebuilt


@shared_task(
    name="dashboards.rebuild", bind=True, autoretry_for=(OperationalError,), retry_backoff=True
)
def rebuild(self: object) -> None:
    summary.rebuild_all()
    db.session.commit()
