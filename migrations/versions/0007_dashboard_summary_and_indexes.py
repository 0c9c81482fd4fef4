"""dashboard summary table and indexes

Revision ID: 0007
Revises: 0002

"""
from alembic import op
import sqlalchemy as sa

import voice.db

# revision identifiers, used by Alembic.
revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "dash_summary_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("refreshed_at", voice.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("codebook_version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dash_summary_state")),
    )
    op.create_table(
        "dash_theme_days",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("theme_id", sa.Integer(), nullable=False),
        sa.Column(
            "source_group",
            sa.Enum("YOUNG_PERSON", "PARENT_CARER", "SCHOOL", "PROFESSIONAL",
                    name="sourcegroup", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column(
            "channel",
            sa.Enum("KIOSK", "WEB", "FORM", "PROXY", "IMPORT",
                    name="channel", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("sentiment_label", sa.String(length=16), nullable=False),
        sa.Column("voices", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["theme_id"], ["themes.id"],
            name=op.f("fk_dash_theme_days_theme_id_themes"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "day", "theme_id", "source_group", "channel", "sentiment_label",
            name=op.f("pk_dash_theme_days"),
        ),
    )
    with op.batch_alter_table("dash_theme_days", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dash_theme_days_theme_id"), ["theme_id"], unique=False)
    with op.batch_alter_table("feedback_items", schema=None) as batch_op:
        batch_op.create_index(
            "ix_dash_items_period", ["created_at", "source_group", "channel"], unique=False
        )
    with op.batch_alter_table("item_analyses", schema=None) as batch_op:
        batch_op.create_index(
            "ix_dash_analyses_item", ["item_id", "sentiment_label", "sentiment"], unique=False
        )
    with op.batch_alter_table("item_themes", schema=None) as batch_op:
        batch_op.create_index(
            "ix_dash_item_themes_item", ["item_id", "theme_id", "removed"], unique=False
        )
        batch_op.create_index(
            "ix_dash_item_themes_theme", ["theme_id", "item_id", "removed"], unique=False
        )


def downgrade():
    with op.batch_alter_table("item_themes", schema=None) as batch_op:
        batch_op.drop_index("ix_dash_item_themes_theme")
        batch_op.drop_index("ix_dash_item_themes_item")
    with op.batch_alter_table("item_analyses", schema=None) as batch_op:
        batch_op.drop_index("ix_dash_analyses_item")
    with op.batch_alter_table("feedback_items", schema=None) as batch_op:
        batch_op.drop_index("ix_dash_items_period")
    with op.batch_alter_table("dash_theme_days", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dash_theme_days_theme_id"))
    op.drop_table("dash_theme_days")
    op.drop_table("dash_summary_state")
