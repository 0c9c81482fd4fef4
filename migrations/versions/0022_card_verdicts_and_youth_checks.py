"""card verdicts and youth checks

Revision ID: 0022
Revises: 0021
"""

import sqlalchemy as sa
from alembic import op

import voice.db

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tracker_verdicts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("statement_id", sa.Integer(), nullable=False),
        sa.Column(
            "face",
            sa.Enum("BETTER", "SAME", "WORSE", name="verdictface", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("answer_key", sa.String(length=64), nullable=False),
        sa.Column("answered_on", voice.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("feedback_item_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["tracker_statements.id"],
            name=op.f("fk_tracker_verdicts_statement_id_tracker_statements"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["feedback_item_id"],
            ["feedback_items.id"],
            name=op.f("fk_tracker_verdicts_feedback_item_id_feedback_items"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tracker_verdicts")),
        sa.UniqueConstraint("answer_key", name=op.f("uq_tracker_verdicts_answer_key")),
    )
    op.create_index(
        "ix_tracker_verdicts_statement_face", "tracker_verdicts", ["statement_id", "face"]
    )
    op.create_index(
        op.f("ix_tracker_verdicts_answered_on"), "tracker_verdicts", ["answered_on"]
    )
    op.create_index(
        op.f("ix_tracker_verdicts_feedback_item_id"), "tracker_verdicts", ["feedback_item_id"]
    )
    op.create_table(
        "tracker_youth_checks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("statement_id", sa.Integer(), nullable=False),
        sa.Column("survey_id", sa.Integer(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", voice.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["tracker_statements.id"],
            name=op.f("fk_tracker_youth_checks_statement_id_tracker_statements"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["survey_id"],
            ["surveys.id"],
            name=op.f("fk_tracker_youth_checks_survey_id_surveys"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_tracker_youth_checks_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tracker_youth_checks")),
        sa.UniqueConstraint("survey_id", name=op.f("uq_tracker_youth_checks_survey_id")),
    )
    op.create_index(
        op.f("ix_tracker_youth_checks_statement_id"), "tracker_youth_checks", ["statement_id"]
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_tracker_youth_checks_statement_id"), table_name="tracker_youth_checks")
    op.drop_table("tracker_youth_checks")
    op.drop_index(op.f("ix_tracker_verdicts_feedback_item_id"), table_name="tracker_verdicts")
    op.drop_index(op.f("ix_tracker_verdicts_answered_on"), table_name="tracker_verdicts")
    op.drop_index("ix_tracker_verdicts_statement_face", table_name="tracker_verdicts")
    op.drop_table("tracker_verdicts")
