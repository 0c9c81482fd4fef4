"""Contact requests: the email address a respondent may leave to hear what happened, kept apart
from their answers, and withdrawn with the secret link they are shown once."""

import hashlib
import secrets
from collections.abc import Sequence

from flask import current_app
from sqlalchemy import delete

from surveys.models import ContactRequest, QuestionType, SourceGroup, Survey
from surveys.question_types import Answers
from surveys.signals import contact_requested
from voice.db import db, execute_dml


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def add_contact_request(*, email: str, source_group: SourceGroup) -> tuple[int, str]:
    """Store an email address apart from the feedback; return its id and the secret token
    that lets the person withdraw it."""
    token = secrets.token_urlsafe(24)
    request = ContactRequest(
        email=email.strip(), source_group=source_group, withdraw_token_hash=_hash_token(token)
    )
    db.session.add(request)
    db.session.flush()
    return request.id, token


def withdraw_contact_request(token: str) -> bool:
    result = execute_dml(
        delete(ContactRequest).where(ContactRequest.withdraw_token_hash == _hash_token(token))
    )
    return bool(result.rowcount)


def erase_contact_requests(contact_request_ids: Sequence[int]) -> None:
    """Delete these contact requests, on an erasure request (the follow-ups they asked for go
    first, through the tracker)."""
    db.session.execute(delete(ContactRequest).where(ContactRequest.id.in_(contact_request_ids)))


def given_email(survey: Survey, answers: Answers) -> str | None:
    """The email address a respondent gave, if any (never stored with their answers)."""
    for question in survey.questions:
        if question.kind is QuestionType.EMAIL:
            text = (answers.get(str(question.id)) or {}).get("text")
            if text:
                return str(text)
    return None


def record_contact_request(
    survey: Survey, answers: Answers, item_ids: Sequence[int]
) -> tuple[int, str] | None:
    """Keep the email address a respondent gave, apart from their answers, when there is
    something to tell them about; returns its id and the token that withdraws it."""
    email = given_email(survey, answers)
    if email is None or not item_ids:
        return None
    return add_contact_request(email=email, source_group=survey.audience)


def announce_contact_request(contact_request_id: int, item_ids: Sequence[int]) -> None:
    """Tell listeners (the tracker) about a committed contact request and the comments it is
    about. Never raises: the person's answers are already stored."""
    try:
        contact_requested.send(
            # current_app is a proxy typed as the Flask app it stands for; receivers get the app.
            current_app._get_current_object(),  # type: ignore[attr-defined]
            contact_request_id=contact_request_id,
            item_ids=list(item_ids),
        )
    except Exception:
        current_app.logger.warning("could not announce a contact request", exc_info=True)
