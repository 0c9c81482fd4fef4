"""staff sessions and second factor: session version, TOTP, recovery codes, sign-in events

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

import voice.db

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

EVENT_KINDS = (
    "SIGNED_IN",
    "PASSWORD_REFUSED",
    "CODE_REFUSED",
    "RECOVERY_CODE_USED",
    "SECOND_FACTOR_SET_UP",
    "SECOND_FACTOR_RESET",
    "SIGNED_OUT",
    "SIGNED_OUT_EVERYWHERE",
    "SESSION_REFUSED",
)


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("session_version", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(sa.Column("totp_secret", sa.String(length=64), nullable=True))
        batch_op.add_column(
            sa.Column("totp_enabled_at", voice.db.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("totp_last_step", sa.Integer(), nullable=True))

    op.create_table(
        "recovery_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=255), nullable=False),
        sa.Column("used_at", voice.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_recovery_codes_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recovery_codes")),
    )
    with op.batch_alter_table("recovery_codes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_recovery_codes_user_id"), ["user_id"], unique=False)

    op.create_table(
        "sign_in_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(*EVENT_KINDS, name="signineventkind", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("by_user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", voice.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["by_user_id"],
            ["users.id"],
            name=op.f("fk_sign_in_events_by_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_sign_in_events_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_in_events")),
    )
    with op.batch_alter_table("sign_in_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_sign_in_events_created_at"), ["created_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_sign_in_events_user_id"), ["user_id"], unique=False)


def downgrade():
    with op.batch_alter_table("sign_in_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sign_in_events_user_id"))
        batch_op.drop_index(batch_op.f("ix_sign_in_events_created_at"))
    op.drop_table("sign_in_events")
    with op.batch_alter_table("recovery_codes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recovery_codes_user_id"))
    op.drop_table("recovery_codes")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("totp_last_step")
        batch_op.drop_column("totp_enabled_at")
        batch_op.drop_column("totp_secret")
        batch_op.drop_column("session_version")
