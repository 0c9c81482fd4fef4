"""Time-based one-time codes (RFC 6238) and one-time recovery codes; callers commit."""

import secrets
from datetime import datetime

import pyotp
import segno
from flask import current_app, session
from markupsafe import Markup
from sqlalchemy import delete, select

from voice.accounts.models import RecoveryCode, SignInEvent, SignInEventKind, User
from voice.accounts.services import hash_password, verify_hash
from voice.db import db, utcnow

RECOVERY_CODE_COUNT = 10
STEP_SECONDS = 30
# Set at a single sign-on whose ID token says the provider asked for more than one factor.
PROVIDER_MULTI_FACTOR_KEY = "_voice_idp_mfa"


def second_factor_required(user: User) -> bool:
    """Admins, safeguarding leads and strategy leads must set a second factor up."""
    return bool(current_app.config["REQUIRE_SECOND_FACTOR"]) and user.must_have_second_factor


def provider_gave_second_factor() -> bool:
    """Whether this session's sign-in was a single sign-on the provider did with two factors."""
    return session.get(PROVIDER_MULTI_FACTOR_KEY) is True


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(
        name=user.email, issuer_name=current_app.config["SERVICE_NAME"]
    )


def qr_code_svg(uri: str) -> Markup:
    """An inline SVG QR code: no JavaScript and no extra request."""
    svg = segno.make(uri, error="m").svg_inline(scale=5, title=None, dark="#0b0c0c")
    return Markup(svg)  # noqa: S704 - segno's own markup, no user input beyond the URI


def _accepted_step(secret: str, code: str, last_step: int | None, at: datetime) -> int | None:
    """The time step `code` belongs to (this one or either neighbour), if not used before."""
    code = "".join(code.split())
    if not code.isdigit() or len(code) != 6:
        return None
    totp = pyotp.TOTP(secret)
    step = int(at.timestamp()) // STEP_SECONDS
    for candidate in (step, step - 1, step + 1):
        if last_step is not None and candidate <= last_step:
            continue
        if secrets.compare_digest(totp.generate_otp(candidate), code):
            return candidate
    return None


def confirm_set_up(user: User, secret: str, code: str, at: datetime) -> list[str] | None:
    """Turn the second factor on if `code` is right; the new recovery codes, shown once."""
    step = _accepted_step(secret, code, None, at)
    if step is None:
        return None
    user.totp_secret = secret
    user.totp_last_step = step
    user.totp_enabled_at = utcnow()
    codes = _new_recovery_codes(user)
    log_event(user, SignInEventKind.SECOND_FACTOR_SET_UP)
    return codes


def check_code(user: User, code: str, at: datetime) -> bool:
    """A right code not used before; a wrong or reused one is logged."""
    if user.totp_secret is None:
        return False
    step = _accepted_step(user.totp_secret, code, user.totp_last_step, at)
    if step is None:
        log_event(user, SignInEventKind.CODE_REFUSED)
        return False
    user.totp_last_step = step
    db.session.flush()
    return True


def use_recovery_code(user: User, code: str) -> bool:
    cleaned = "".join(code.split()).lower().replace("-", "")
    if not cleaned:
        return False
    rows = db.session.scalars(
        select(RecoveryCode).where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
    )
    for row in rows:
        if verify_hash(row.code_hash, cleaned):
            row.used_at = utcnow()
            log_event(user, SignInEventKind.RECOVERY_CODE_USED)
            return True
    log_event(user, SignInEventKind.CODE_REFUSED)
    return False


def reset_second_factor(user: User, by: User) -> None:
    """An admin's reset: the person sets a new one up at their next sign-in."""
    user.totp_secret = None
    user.totp_last_step = None
    user.totp_enabled_at = None
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    user.session_version = (user.session_version or 0) + 1
    log_event(user, SignInEventKind.SECOND_FACTOR_RESET, by=by)


def _new_recovery_codes(user: User) -> list[str]:
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = [secrets.token_hex(5) for _ in range(RECOVERY_CODE_COUNT)]
    db.session.add_all(RecoveryCode(user_id=user.id, code_hash=hash_password(c)) for c in codes)
    db.session.flush()
    return [f"{c[:5]}-{c[5:]}" for c in codes]


def log_event(user: User | None, kind: SignInEventKind, *, by: User | None = None) -> None:
    db.session.add(
        SignInEvent(user_id=user.id if user else None, kind=kind, by_user_id=by.id if by else None)
    )
    db.session.flush()


def list_events(limit: int = 200) -> list[SignInEvent]:
    return list(
        db.session.scalars(
            select(SignInEvent)
            .order_by(SignInEvent.created_at.desc(), SignInEvent.id.desc())
            .limit(limit)
        )
    )
