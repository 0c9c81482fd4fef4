"""content translations

Revision ID: 0015
Revises: 0014
"""

import sqlalchemy as sa
from alembic import op

import voice.db

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "content_translations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("object_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("source_hash", sa.String(length=64), nullable=False),
        sa.Column("translated_at", voice.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("translated_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["translated_by_id"],
            ["users.id"],
            name=op.f("fk_content_translations_translated_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_content_translations")),
        sa.UniqueConstraint(
            "kind", "object_id", "field", "language", name=op.f("uq_content_translations_kind")
        ),
    )
    with op.batch_alter_table("content_translations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_content_translations_language"), ["language"], unique=False
        )

    op.create_table(
        "content_translation_required_languages",
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.PrimaryKeyConstraint("language", name=op.f("pk_content_translation_required_languages")),
    )

    op.create_table(
        "content_translation_imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("rows", sa.Text(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", voice.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("applied_at", voice.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_content_translation_imports_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_content_translation_imports")),
    )
    with op.batch_alter_table("content_translation_imports", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_content_translation_imports_created_at"), ["created_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("content_translation_imports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_content_translation_imports_created_at"))
    op.drop_table("content_translation_imports")
    op.drop_table("content_translation_required_languages")
    with op.batch_alter_table("content_translations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_content_translations_language"))
    op.drop_table("content_translations")
