"""dashboard emerging phrases

Revision ID: 0008
Revises: 0007

"""
from alembic import op
import sqlalchemy as sa

import voice.db

# revision identifiers, used by Alembic.
revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "dash_phrase_days",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("phrase", sa.String(length=200), nullable=False),
        sa.Column("items", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", "phrase", name=op.f("pk_dash_phrase_days")),
    )


def downgrade():
    op.drop_table("dash_phrase_days")
