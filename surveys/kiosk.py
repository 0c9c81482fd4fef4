"""Kiosk sessions: a facilitator opens one for a group, and tablets join it with a short code.
Services flush; the view commits."""

import secrets
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select

from surveys.builder import is_accepting
from surveys.models import KioskSession, Survey, SurveyKind, SurveyStatus
from voice.db import db, utcnow

JOIN_CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"  # no 0/O, 1/I/l, 2/Z, 5/S, 8/B look-alikes
JOIN_CODE_LENGTH = 5


@dataclass(frozen=True)
class JoinTarget:
    """Another kind of tablet session that shares the join page and its codes (a priority
    round), registered by the package that owns it so that surveys never imports it.
    `taken` says whether a code is in use at all; `enter` gives the address a tablet goes to
    for a live session with that code, or None."""

    taken: Callable[[str], bool]
    enter: Callable[[str], str | None]


_JOIN_TARGETS: dict[str, JoinTarget] = {}


def register_join_target(name: str, target: JoinTarget) -> None:
    _JOIN_TARGETS[name] = target


def other_join_url(code: str | None) -> str | None:
    """Where a tablet goes for a live session of another kind with this code, or None."""
    if not code:
        return None
    normal = normalise_join_code(code)
    return next((url for t in _JOIN_TARGETS.values() if (url := t.enter(normal))), None)


def list_open_surveys() -> list[Survey]:
    """Open surveys a tablet session can run (feedback forms are for adults, never kiosks)."""
    query = (
        select(Survey)
        .where(Survey.status == SurveyStatus.OPEN, Survey.kind == SurveyKind.SURVEY)
        .order_by(Survey.title)
    )
    return [s for s in db.session.scalars(query) if is_accepting(s)]


def normalise_join_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def new_join_code() -> str:
    while True:
        code = "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))
        if db.session.scalar(select(KioskSession.id).where(KioskSession.code == code)) is None and (
            not any(target.taken(code) for target in _JOIN_TARGETS.values())
        ):
            return code


def open_kiosk_session(
    survey: Survey, group_label: str, opened_by_id: int | None, *, code: str | None = None
) -> KioskSession:
    """A new session with a new join code, or with `code` (the demo's fixed one) if given."""
    session = KioskSession(
        survey_id=survey.id,
        code=normalise_join_code(code) if code else new_join_code(),
        group_label=group_label.strip(),
        opened_by_id=opened_by_id,
    )
    db.session.add(session)
    db.session.flush()
    return session


def get_kiosk_session(session_id: int) -> KioskSession | None:
    return db.session.get(KioskSession, session_id)


def find_kiosk_session(code: str) -> KioskSession | None:
    """The session with this join code, open or closed."""
    return db.session.scalar(
        select(KioskSession).where(KioskSession.code == normalise_join_code(code))
    )


def find_live_kiosk_session(code: str | None, survey: Survey | None = None) -> KioskSession | None:
    """The open session with this code whose survey still takes answers; given a survey, only
    a session for that survey (checked on the survey given, without loading it again)."""
    if not code:
        return None
    session = find_kiosk_session(code)
    if session is None or session.closed_at is not None:
        return None
    if survey is not None and session.survey_id != survey.id:
        return None
    return session if is_accepting(survey or session.survey) else None


def list_kiosk_sessions() -> list[KioskSession]:
    return list(
        db.session.scalars(select(KioskSession).order_by(KioskSession.opened_at.desc()).limit(50))
    )


def close_kiosk_session(session: KioskSession) -> None:
    if session.closed_at is None:
        session.closed_at = utcnow()
        db.session.flush()


def reopen_kiosk_session(session: KioskSession) -> None:
    if session.closed_at is not None:
        session.closed_at = None
        db.session.flush()
