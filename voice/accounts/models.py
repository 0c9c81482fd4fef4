import enum
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from voice.db import Model, utcnow


class Role(enum.Enum):
    ADMIN = "admin"
    STRATEGY_LEAD = "strategy_lead"
    FORUM_REP = "forum_rep"
    SCHOOL_CONTACT = "school_contact"
    FACILITATOR = "facilitator"
    SAFEGUARDING_LEAD = "safeguarding_lead"


SECOND_FACTOR_ROLES = frozenset({Role.ADMIN, Role.SAFEGUARDING_LEAD, Role.STRATEGY_LEAD})


class SignInEventKind(enum.Enum):
    SIGNED_IN = "signed_in"
    PASSWORD_REFUSED = "password_refused"  # noqa: S105 - an event name
    CODE_REFUSED = "code_refused"
    RECOVERY_CODE_USED = "recovery_code_used"
    SECOND_FACTOR_SET_UP = "second_factor_set_up"
    SECOND_FACTOR_RESET = "second_factor_reset"
    SIGNED_OUT = "signed_out"
    SIGNED_OUT_EVERYWHERE = "signed_out_everywhere"
    SESSION_REFUSED = "session_refused"
    SIGNED_IN_WITH_PROVIDER = "signed_in_with_provider"
    PROVIDER_REFUSED = "provider_refused"


class User(UserMixin, Model):
    __tablename__ = "users"
    __table_args__ = (UniqueConstraint("oidc_issuer", "oidc_subject"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]
    # Raised by sign-out, a password change, deactivation and "sign out everywhere": every
    # session cookie carries the number it was issued with and stops working when it changes.
    session_version: Mapped[int] = mapped_column(default=0, server_default="0")
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_enabled_at: Mapped[datetime | None]
    # The last accepted 30-second time step, so one code never works twice.
    totp_last_step: Mapped[int | None]
    # The identity provider's issuer and subject ("sub") once the person has signed in with
    # single sign-on: they are matched by these, never by email address.
    oidc_issuer: Mapped[str | None] = mapped_column(String(255))
    oidc_subject: Mapped[str | None] = mapped_column(String(255))
    role_rows: Mapped[list["UserRole"]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    @property
    def roles(self) -> frozenset[Role]:
        return frozenset(row.role for row in self.role_rows)

    def has_any_role(self, *roles: Role) -> bool:
        return not roles or bool(self.roles.intersection(roles))

    @property
    def has_password(self) -> bool:
        """False for accounts made by single sign-on, which have no Voice password."""
        return bool(self.password_hash)

    @property
    def uses_single_sign_on(self) -> bool:
        return self.oidc_subject is not None

    @property
    def has_second_factor(self) -> bool:
        return self.totp_enabled_at is not None

    @property
    def must_have_second_factor(self) -> bool:
        return bool(self.roles.intersection(SECOND_FACTOR_ROLES))


class UserRole(Model):
    __tablename__ = "user_roles"
    __table_args__ = (UniqueConstraint("user_id", "role"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role]
    user: Mapped[User] = relationship(back_populates="role_rows")


class RecoveryCode(Model):
    __tablename__ = "recovery_codes"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(255))
    used_at: Mapped[datetime | None]


class SignInEvent(Model):
    """Who did what to sign in, and when; never a password or a code."""

    __tablename__ = "sign_in_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    kind: Mapped[SignInEventKind]
    # Who was reset by whom: the admin's id for a reset, otherwise empty.
    by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
