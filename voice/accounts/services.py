"""Account queries and changes; callers commit."""

from collections.abc import Iterable
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from sqlalchemy import func, select

from voice.accounts.models import Role, User, UserRole
from voice.db import db, utcnow


@lru_cache(maxsize=4)
def _hasher_for(parameters: tuple[tuple[str, int], ...]) -> tuple[PasswordHasher, str]:
    # PASSWORD_HASH holds argon2's integer costs by name; mypy cannot tell those names from
    # the two parameters that are not integers (encoding, type).
    hasher = PasswordHasher(**dict(parameters))  # type: ignore[arg-type]
    return hasher, hasher.hash("voice-dummy-password")


def _hashing() -> tuple[PasswordHasher, str]:
    """The hasher the PASSWORD_HASH setting asks for, and a hash to verify against when the
    email is unknown (so the timing is the same either way)."""
    return _hasher_for(tuple(sorted(current_app.config["PASSWORD_HASH"].items())))


class AccountError(ValueError):
    """A change that would break an account rule; the message is for the person."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def hash_password(password: str) -> str:
    return _hashing()[0].hash(password)


def verify_hash(stored: str, secret: str) -> bool:
    try:
        return _hashing()[0].verify(stored, secret)
    except (VerificationError, InvalidHashError):
        return False


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def authenticate(email: str, password: str) -> User | None:
    """The active user with this email and password, or None without saying which was wrong."""
    user = find_user_by_email(email)
    hasher, dummy_hash = _hashing()
    try:
        hasher.verify(user.password_hash if user else dummy_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or not user.active:
        return None
    if hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    db.session.flush()
    return user


def create_user(*, email: str, name: str, password: str, roles: Iterable[Role]) -> User:
    email = normalise_email(email)
    if find_user_by_email(email) is not None:
        raise AccountError("exists")
    user = User(email=email, name=name.strip(), password_hash=hash_password(password))
    user.role_rows = [UserRole(role=role) for role in sorted(set(roles), key=lambda r: r.value)]
    db.session.add(user)
    db.session.flush()
    return user


def set_roles(user: User, roles: Iterable[Role]) -> None:
    wanted = set(roles)
    user.role_rows = [row for row in user.role_rows if row.role in wanted]
    have = user.roles
    user.role_rows.extend(UserRole(role=role) for role in wanted - have)
    db.session.flush()


def set_password(user: User, password: str) -> None:
    user.password_hash = hash_password(password)
    db.session.flush()


def count_active_admins() -> int:
    return (
        db.session.scalar(
            select(func.count(User.id.distinct()))
            .join(UserRole)
            .where(User.active.is_(True), UserRole.role == Role.ADMIN)
        )
        or 0
    )


def list_users() -> list[User]:
    return list(db.session.scalars(select(User).order_by(User.active.desc(), User.name)))
