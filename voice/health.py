"""Really asks the database and the broker whether they answer."""

from dataclasses import dataclass

from celery import Celery
from flask import Blueprint, current_app, jsonify
from sqlalchemy import text
from werkzeug.wrappers import Response

from voice.accounts.access import public
from voice.db import db
from voice.extensions import rate_limit_store_answers

bp = Blueprint("health", __name__)


@dataclass(frozen=True)
class HealthReport:
    database: bool
    broker: bool
    # None: counters in memory. False: the store is down and limits fail open (in memory), so
    # the service still works; the report says so without failing the check.
    rate_limits: bool | None = None

    @property
    def ok(self) -> bool:
        return self.database and self.broker


def database_answers() -> bool:
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:
        current_app.logger.warning("health: database did not answer", exc_info=True)
        db.session.rollback()
        return False
    return True


def broker_answers(celery: Celery) -> bool:
    try:
        with celery.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, timeout=3)
            # A round trip on a channel, which a lazy transport only makes on first use.
            connection.default_channel.queue_declare(queue="voice.health", auto_delete=True)
    except Exception:
        current_app.logger.warning("health: broker did not answer", exc_info=True)
        return False
    return True


def check_health() -> HealthReport:
    return HealthReport(
        database=database_answers(),
        broker=broker_answers(current_app.extensions["celery"]),
        rate_limits=rate_limit_store_answers(),
    )


@bp.route("/healthz")
@public
def healthz() -> tuple[Response, int]:
    report = check_health()
    body = {
        "status": "ok" if report.ok else "unavailable",
        "database": "ok" if report.database else "failed",
        "broker": "ok" if report.broker else "failed",
        "rate_limits": {None: "memory", True: "ok", False: "failed, counting in memory"}[
            report.rate_limits
        ],
    }
    return jsonify(body), 200 if report.ok else 503
