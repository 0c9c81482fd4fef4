"""Celery tasks: tag in batches, sweep what was missed, re-tag all, retrain, tell the leads."""

import smtplib
from datetime import timedelta
from email.message import EmailMessage
from typing import Any

from celery import shared_task
from flask import current_app
from flask_babel import force_locale
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError

from themes import learning, retagging, safeguarding, tagging
from themes.models import JobStatus
from themes.signals import tags_changed
from voice.accounts.models import Role, User, UserRole
from voice.db import db, utcnow
from voice.i18n import _, ngettext

# A unique-key clash means another worker stored the same item at the same moment; the retry
# then finds its rows and updates them.
RETRY_ON = (OperationalError, IntegrityError)


@shared_task(
    name="themes.tag_items",
    bind=True,
    autoretry_for=RETRY_ON,
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=8,
)
def tag_items(self: Any, item_ids: list[int]) -> int:
    """Tag a batch of feedback items; running it twice stores the same result."""
    try:
        flag_ids = tagging.tag_items(item_ids)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    tags_changed.send("themes", item_ids=list(item_ids))
    if flag_ids:
        send_safeguarding_email.delay(flag_ids)
    return len(item_ids)


@shared_task(name="themes.sweep_untagged", autoretry_for=(OperationalError,), retry_backoff=True)
def sweep_untagged() -> int:
    """Pick up items that were never tagged, for example because the broker was down; never
    one that is already waiting in the queue (see tagging.items_to_sweep)."""
    config = current_app.config
    ids = tagging.items_to_sweep(
        seen_for=timedelta(seconds=config.get("TAGGING_SWEEP_GRACE_SECONDS", 45)),
        queued_for=timedelta(minutes=config.get("TAGGING_REQUEUE_MINUTES", 10)),
    )
    # Marked before sending: if sending fails, they are taken again TAGGING_REQUEUE_MINUTES on.
    db.session.commit()
    for batch in tagging.batches(ids):
        tag_items.delay(batch)
    return len(ids)


@shared_task(
    name="themes.retag_all",
    bind=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def retag_all(self: Any, job_id: int) -> int:
    """Re-tag every item after a codebook change, recording progress after each batch.

    Unlike the other tasks this commits once per batch, so that the codebook page can show
    how far it has got; each batch is itself idempotent, so a retry simply starts again."""
    if retagging.get_retag_job(job_id) is None:
        return 0
    done = 0
    last_id = 0
    retagging.record_job_progress(job_id, done=0, status=JobStatus.RUNNING)
    db.session.commit()
    try:
        while ids := retagging.item_ids_after(last_id):
            flag_ids = tagging.tag_items(ids)
            done += len(ids)
            last_id = ids[-1]
            retagging.record_job_progress(job_id, done=done, status=JobStatus.RUNNING)
            db.session.commit()
            tags_changed.send("themes", item_ids=ids)
            if flag_ids:
                send_safeguarding_email.delay(flag_ids)
    except Exception:
        db.session.rollback()
        retagging.record_job_progress(job_id, done=done, status=JobStatus.FAILED)
        db.session.commit()
        raise
    retagging.record_job_progress(job_id, done=done, status=JobStatus.DONE)
    db.session.commit()
    return done


@shared_task(name="themes.retrain_model", autoretry_for=(OperationalError,), retry_backoff=True)
def retrain_model() -> int:
    """Train the learned model on reviewed items; the next tagging run uses it."""
    stored = learning.train_model()
    db.session.commit()
    return stored.trained_on if stored else 0


def _safeguarding_leads() -> list[str]:
    return list(
        db.session.scalars(
            select(User.email)
            .join(UserRole, UserRole.user_id == User.id)
            .where(UserRole.role == Role.SAFEGUARDING_LEAD, User.active.is_(True))
            .order_by(User.email)
        )
    )


@shared_task(
    name="themes.send_safeguarding_email",
    autoretry_for=(OSError, smtplib.SMTPException),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=10,
)
def send_safeguarding_email(flag_ids: list[int], again: bool = False) -> int:
    """Tell every safeguarding lead that comments wait in their queue.

    The email never contains the comment: it may identify a child, and mail leaves our
    systems. The lead follows the link and signs in to read it."""
    recipients = _safeguarding_leads()
    if not recipients:
        current_app.logger.error("safeguarding flags raised but no safeguarding lead exists")
        return 0
    config = current_app.config
    with force_locale(config.get("BABEL_DEFAULT_LOCALE", "en")):
        message = EmailMessage()
        message["Subject"] = _(
            "%(service)s: a comment may show a child at risk", service=config["SERVICE_NAME"]
        )
        message["From"] = config["MAIL_FROM"]
        message["To"] = ", ".join(recipients)
        queue = config["PUBLIC_URL"].rstrip("/") + "/themes/safeguarding"
        body = ngettext(
            "%(num)d comment may show that a child or young person is at risk. "
            "Sign in to %(service)s and open the safeguarding queue to read it and record "
            "what you did: %(link)s",
            "%(num)d comments may show that a child or young person is at risk. "
            "Sign in to %(service)s and open the safeguarding queue to read them and record "
            "what you did: %(link)s",
            len(flag_ids),
            service=config["SERVICE_NAME"],
            link=queue,
        )
        if again:
            body = _("Nobody has opened this yet.") + " " + body
        message.set_content(body)
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=30) as smtp:
        if config.get("MAIL_USE_TLS"):
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
        smtp.send_message(message)
    safeguarding.mark_notified(flag_ids, again=again)
    db.session.commit()
    return len(recipients)


@shared_task(name="themes.alert_unopened_flags", autoretry_for=(OperationalError,))
def alert_unopened_flags() -> int:
    """Alert the leads again about open flags nobody has opened in SAFEGUARDING_REALERT_HOURS
    (and about any whose first alert never went out)."""
    hours = current_app.config["SAFEGUARDING_REALERT_HOURS"]
    flag_ids = safeguarding.flags_to_alert_again(utcnow(), timedelta(hours=hours))
    db.session.rollback()
    if flag_ids:
        send_safeguarding_email.delay(flag_ids, again=True)
    return len(flag_ids)
