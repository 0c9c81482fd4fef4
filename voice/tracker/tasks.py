"""Closing the loop: one short email a week at most to people who asked to hear back."""

import logging
import smtplib
from email import policy
from email.message import EmailMessage
from typing import Any

from celery import shared_task
from flask import current_app, url_for
from flask_babel import force_locale
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy.exc import IntegrityError, OperationalError

from voice.db import db, utcnow
from voice.i18n import _
from voice.tracker import follow_ups, statements
from voice.tracker.forms import STATUS_LABELS

log = logging.getLogger(__name__)
# Headers are written on one line up to the 998 characters RFC 5322 allows. With the default 78,
# Python folds a header with no spaces (our unsubscribe link) into MIME encoded-words, which
# mail apps do not read as a link, so one-click unsubscribe (RFC 8058) would not be offered.
MAIL_POLICY = policy.SMTP.clone(max_line_length=998)
UNSUBSCRIBE_SALT = "tracker-unsubscribe"
UNSUBSCRIBE_MAX_AGE = 60 * 60 * 24 * 90  # links work for 90 days


def unsubscribe_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=UNSUBSCRIBE_SALT)


def _public_address(endpoint: str, **values: Any) -> str:
    """Full links for emails, built outside any request from PUBLIC_URL."""
    base = current_app.config.get("PUBLIC_URL") or "http://localhost:5000"
    with current_app.test_request_context(base_url=base):
        return url_for(endpoint, _external=True, **values)


def build_message(notice: follow_ups.Notice) -> EmailMessage:
    # We do not know the reader's language, so the email uses the site's default.
    with force_locale(current_app.config.get("BABEL_DEFAULT_LOCALE", "en")):
        return _message(notice)


def _message(notice: follow_ups.Notice) -> EmailMessage:
    config = current_app.config
    token = unsubscribe_serializer().dumps(notice.contact.id)
    unsubscribe = _public_address("tracker.you_said_unsubscribe", token=token)
    lines = [
        _("Hello,"),
        "",
        _("You asked us to tell you what happened to your views. Here is the news:"),
        "",
    ]
    for action, status in notice.changes:
        lines.append(
            _("%(action)s: now %(status)s", action=action.title, status=STATUS_LABELS[status])
        )
    lines += [
        "",
        _("See what changed: %(address)s", address=_public_address("tracker.you_said")),
        "",
        _("To stop these emails, open this link: %(address)s", address=unsubscribe),
    ]
    message = EmailMessage(policy=MAIL_POLICY)
    message["Subject"] = _("What we did with your views")
    message["From"] = config["MAIL_FROM"]
    message["To"] = notice.contact.email
    message["List-Unsubscribe"] = f"<{unsubscribe}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content("\n".join(lines))
    return message


def _connect() -> smtplib.SMTP:
    config = current_app.config
    smtp = smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=30)
    if config.get("MAIL_USE_TLS"):
        smtp.starttls()
    if config.get("MAIL_USERNAME"):
        smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
    return smtp


# A clash on a follow-up's unique key means another run stored the same rows; the retry finds them.
@shared_task(
    name="tracker.follow_up", autoretry_for=(OperationalError, IntegrityError), retry_backoff=True
)
def store_follow_up(contact_request_id: int, item_ids: list[int]) -> int:
    """Remember that the person behind a contact request wants news of these comments (sent by
    the receiver of surveys' contact_requested, after the response is committed). Safe to run
    twice: the comments they are already followed up about are skipped."""
    try:
        follow_ups.follow_up(contact_request_id, item_ids)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return len(item_ids)


@shared_task(name="tracker.send_follow_ups", autoretry_for=(OperationalError,), retry_backoff=True)
def send_follow_ups() -> int:
    """Write to everyone with news who has not heard from us this week; safe to run often."""
    now = utcnow()
    notices = follow_ups.due_notices(now)
    sent = 0
    if notices:
        with _connect() as smtp:
            for notice in notices:
                try:
                    smtp.send_message(build_message(notice))
                except smtplib.SMTPException:
                    log.warning("follow-up email refused for contact request %s", notice.contact.id)
                    continue
                follow_ups.mark_sent(notice.contact.id, now)
                sent += 1
    db.session.commit()
    return sent


@shared_task(
    name="tracker.refresh_voice_counts", autoretry_for=(OperationalError,), retry_backoff=True
)
def refresh_voice_counts() -> int:
    """Recount the voices behind every statement, as new comments get tagged with its themes."""
    every = statements.list_statements()
    for statement in every:
        statements.refresh_voices(statement)
    db.session.commit()
    return len(every)


@shared_task(name="tracker.recount_voices", autoretry_for=(OperationalError,), retry_backoff=True)
def recount_voices(item_ids: list[int]) -> int:
    """Recount the voices behind the statements these comments belong to, by their themes or
    by being chosen, as soon as their themes change (sent by themes' tags_changed)."""
    found = statements.statements_for_items(item_ids)
    for statement in found:
        statements.refresh_voices(statement)
    db.session.commit()
    return len(found)
