"""priority rounds: rounds, cards, tablet sessions, ballots and choices

Revision ID: 0021
Revises: 0020
"""

import sqlalchemy as sa
from alembic import op

import voice.db

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    when = voice.db.UTCDateTime(timezone=True)
    op.create_table(
        "tracker_rounds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column(
            "status",
            sa.Enum("DRAFT", "OPEN", "CLOSED", name="roundstatus", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", when, nullable=False),
        sa.Column("opened_at", when, nullable=True),
        sa.Column("closed_at", when, nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_tracker_rounds_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tracker_rounds")),
    )
    with op.batch_alter_table("tracker_rounds", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tracker_rounds_status"), ["status"], unique=False)

    op.create_table(
        "tracker_round_cards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column(
            "source",
            sa.Enum(
                "THEME", "STATEMENT", "ACTION", name="cardsource", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column("theme_id", sa.Integer(), nullable=True),
        sa.Column("statement_id", sa.Integer(), nullable=True),
        sa.Column("action_id", sa.Integer(), nullable=True),
        sa.Column("picture", sa.String(length=60), nullable=False),
        sa.Column("wording", sa.JSON(), nullable=False),
        sa.Column("removed_at", when, nullable=True),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["tracker_rounds.id"],
            name=op.f("fk_tracker_round_cards_round_id_tracker_rounds"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["theme_id"],
            ["themes.id"],
            name=op.f("fk_tracker_round_cards_theme_id_themes"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["tracker_statements.id"],
            name=op.f("fk_tracker_round_cards_statement_id_tracker_statements"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["tracker_actions.id"],
            name=op.f("fk_tracker_round_cards_action_id_tracker_actions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tracker_round_cards")),
    )
    with op.batch_alter_table("tracker_round_cards", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_tracker_round_cards_round_id"), ["round_id"], unique=False
        )

    op.create_table(
        "tracker_round_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=12), nullable=False),
        sa.Column("group_label", sa.String(length=120), nullable=False),
        sa.Column("age_band", sa.String(length=20), nullable=False),
        sa.Column("setting", sa.String(length=20), nullable=False),
        sa.Column("opened_by_id", sa.Integer(), nullable=True),
        sa.Column("opened_at", when, nullable=False),
        sa.Column("closed_at", when, nullable=True),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["tracker_rounds.id"],
            name=op.f("fk_tracker_round_sessions_round_id_tracker_rounds"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["opened_by_id"],
            ["users.id"],
            name=op.f("fk_tracker_round_sessions_opened_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tracker_round_sessions")),
        sa.UniqueConstraint("code", name=op.f("uq_tracker_round_sessions_code")),
    )
    with op.batch_alter_table("tracker_round_sessions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_tracker_round_sessions_round_id"), ["round_id"], unique=False
        )

    op.create_table(
        "tracker_round_ballots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("idempotency_key", sa.String(length=64), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("easy_read", sa.Boolean(), nullable=False),
        sa.Column("submitted_at", when, nullable=False),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["tracker_rounds.id"],
            name=op.f("fk_tracker_round_ballots_round_id_tracker_rounds"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["tracker_round_sessions.id"],
            name=op.f("fk_tracker_round_ballots_session_id_tracker_round_sessions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tracker_round_ballots")),
        sa.UniqueConstraint(
            "idempotency_key", name=op.f("uq_tracker_round_ballots_idempotency_key")
        ),
    )
    with op.batch_alter_table("tracker_round_ballots", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_tracker_round_ballots_round_id"), ["round_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_tracker_round_ballots_session_id"), ["session_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_tracker_round_ballots_submitted_at"), ["submitted_at"], unique=False
        )

    op.create_table(
        "tracker_round_choices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ballot_id", sa.Integer(), nullable=False),
        sa.Column("card_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["ballot_id"],
            ["tracker_round_ballots.id"],
            name=op.f("fk_tracker_round_choices_ballot_id_tracker_round_ballots"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["card_id"],
            ["tracker_round_cards.id"],
            name=op.f("fk_tracker_round_choices_card_id_tracker_round_cards"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tracker_round_choices")),
        sa.UniqueConstraint(
            "ballot_id", "card_id", name=op.f("uq_tracker_round_choices_ballot_id")
        ),
    )
    with op.batch_alter_table("tracker_round_choices", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_tracker_round_choices_ballot_id"), ["ballot_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_tracker_round_choices_card_id"), ["card_id"], unique=False
        )


def downgrade() -> None:
    for table in (
        "tracker_round_choices",
        "tracker_round_ballots",
        "tracker_round_sessions",
        "tracker_round_cards",
        "tracker_rounds",
    ):
        op.drop_table(table)
