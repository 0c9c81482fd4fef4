"""tagging sweep marks what it queued

Revision ID: 0020
Revises: 0019
"""

import sqlalchemy as sa
from alembic import op

import voice.db

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tagging_sweep_marks",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("seen_at", voice.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("queued_at", voice.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["feedback_items.id"],
            name=op.f("fk_tagging_sweep_marks_item_id_feedback_items"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("item_id", name=op.f("pk_tagging_sweep_marks")),
    )


def downgrade() -> None:
    op.drop_table("tagging_sweep_marks")
