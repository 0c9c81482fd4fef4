"""comment text gate: erasable originals, a redacted-text search index, the access log and
safeguarding steps

Revision ID: 0012
Revises: 0011

The staff word search moves from the original text of each comment to its redacted text (a
strategy lead searching a surname must not find the comment by it), so the GIN index of 0009
is replaced by one over ``item_analyses.redacted_text``. The expression must stay identical to
``themes.text_search.search_vector``. Originals become nullable: the retention task deletes
them when a survey's retention period ends. Survey answers now name their response, so a
safeguarding lead can see which tablet session a comment came from. Existing answers are
linked through the key their items were stored under.
"""

import sqlalchemy as sa
from alembic import op

import voice.db

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

OLD_INDEX = "ix_feedback_items_text_search"
INDEX = "ix_item_analyses_redacted_search"


def upgrade():
    with op.batch_alter_table("feedback_items", schema=None) as batch_op:
        batch_op.alter_column("text", existing_type=sa.Text(), nullable=True)
        batch_op.add_column(sa.Column("original_deleted_at", voice.db.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("response_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_feedback_items_response_id"), ["response_id"])
        batch_op.create_foreign_key(
            batch_op.f("fk_feedback_items_response_id_survey_responses"),
            "survey_responses",
            ["response_id"],
            ["id"],
            ondelete="SET NULL",
        )
    with op.batch_alter_table("safeguarding_flags", schema=None) as batch_op:
        batch_op.add_column(sa.Column("raised_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("first_opened_at", voice.db.UTCDateTime(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_safeguarding_flags_raised_by_id_users"),
            "users",
            ["raised_by_id"],
            ["id"],
            ondelete="SET NULL",
        )
    op.create_table(
        "safeguarding_flag_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("flag_id", sa.Integer(), nullable=False),
        sa.Column("event", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("at", voice.db.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["flag_id"],
            ["safeguarding_flags.id"],
            name=op.f("fk_safeguarding_flag_events_flag_id_safeguarding_flags"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_safeguarding_flag_events_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_safeguarding_flag_events")),
    )
    op.create_index(
        op.f("ix_safeguarding_flag_events_flag_id"), "safeguarding_flag_events", ["flag_id"]
    )
    op.create_table(
        "comment_text_reads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("place", sa.String(length=32), nullable=False),
        sa.Column("what", sa.String(length=16), nullable=False),
        sa.Column("at", voice.db.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_comment_text_reads_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comment_text_reads")),
    )
    op.create_index(op.f("ix_comment_text_reads_item_id"), "comment_text_reads", ["item_id"])
    op.create_index(op.f("ix_comment_text_reads_user_id"), "comment_text_reads", ["user_id"])
    op.create_index(op.f("ix_comment_text_reads_at"), "comment_text_reads", ["at"])
    op.execute(
        "UPDATE feedback_items SET response_id = (SELECT r.id FROM survey_responses r "
        "WHERE feedback_items.dedupe_key LIKE 'response:' || r.idempotency_key || ':%') "
        "WHERE dedupe_key LIKE 'response:%'"
    )
    if op.get_bind().dialect.name != "postgresql":
        return
    with op.get_context().autocommit_block():
        op.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {OLD_INDEX}")
        op.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {INDEX}")
        op.execute(
            f"CREATE INDEX CONCURRENTLY {INDEX} ON item_analyses "
            "USING gin (to_tsvector('english'::regconfig, redacted_text))"
        )
    # As in 0009: keep enough word statistics that a rare word is known to be rare.
    op.execute(f"ALTER INDEX {INDEX} ALTER COLUMN 1 SET STATISTICS 1000")
    op.execute("ANALYZE item_analyses")


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        with op.get_context().autocommit_block():
            op.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {INDEX}")
            op.execute(
                f"CREATE INDEX CONCURRENTLY {OLD_INDEX} ON feedback_items "
                "USING gin (to_tsvector('english'::regconfig, text))"
            )
    op.drop_table("comment_text_reads")
    op.drop_table("safeguarding_flag_events")
    with op.batch_alter_table("safeguarding_flags", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_safeguarding_flags_raised_by_id_users"), type_="foreignkey"
        )
        batch_op.drop_column("first_opened_at")
        batch_op.drop_column("raised_by_id")
    with op.batch_alter_table("feedback_items", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_feedback_items_response_id_survey_responses"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_feedback_items_response_id"))
        batch_op.drop_column("response_id")
        batch_op.drop_column("original_deleted_at")
        batch_op.alter_column("text", existing_type=sa.Text(), nullable=False)
