"""import jobs read in the worker

Revision ID: 0018
Revises: 0017
"""

import sqlalchemy as sa
from alembic import op

import voice.db

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("import_jobs", schema=None) as batch_op:
        # The file as the worker read it (compressed), what the preview shows, the summary for
        # the chosen columns, why the file was refused, and when the worker last moved on.
        batch_op.add_column(sa.Column("table_data", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("preview", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("summary", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("problem", sa.JSON(), nullable=True))
        batch_op.add_column(
            sa.Column("progress_at", voice.db.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column("attempts", sa.Integer(), nullable=False, server_default="0")
        )


def downgrade() -> None:
    with op.batch_alter_table("import_jobs", schema=None) as batch_op:
        batch_op.drop_column("attempts")
        batch_op.drop_column("progress_at")
        batch_op.drop_column("problem")
        batch_op.drop_column("summary")
        batch_op.drop_column("preview")
        batch_op.drop_column("table_data")
