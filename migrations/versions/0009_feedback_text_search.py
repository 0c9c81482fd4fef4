"""feedback text search index

Revision ID: 0009
Revises: 0008

A GIN index over the English word stems of each feedback comment, so the staff "All feedback"
list can search a million comments without reading every row (surveys/text_search.py).
PostgreSQL only: SQLite, the embedded default, searches without an index, so on SQLite this
migration does nothing.

The expression must stay identical to ``surveys.text_search.search_vector`` (and the Index on
``FeedbackItem``) or PostgreSQL will not use the index. It is built CONCURRENTLY, which needs
its own transaction, so a live site keeps taking feedback while it builds.
"""
from alembic import op
import sqlalchemy as sa

import voice.db

# revision identifiers, used by Alembic.
revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

INDEX = "ix_feedback_items_text_search"


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    with op.get_context().autocommit_block():
        # A build that failed part way leaves an invalid index behind; start again cleanly.
        op.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {INDEX}")
        op.execute(
            f"CREATE INDEX CONCURRENTLY {INDEX} ON feedback_items "
            "USING gin (to_tsvector('english'::regconfig, text))"
        )
    # ANALYZE keeps word frequencies for the indexed expression. With the default sample a
    # word in 1 comment of 5,000 is not among them, PostgreSQL guesses it is in 1 of 200,
    # and reads comments newest first looking for it (10.9 s at a million items instead of
    # 4 ms). Ten times the default sample knows such words (ANALYZE takes a few seconds more).
    op.execute(f"ALTER INDEX {INDEX} ALTER COLUMN 1 SET STATISTICS 1000")
    # Until the next ANALYZE there are no word frequencies at all, and autovacuum may not
    # analyze a large table for weeks.
    op.execute("ANALYZE feedback_items")


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    with op.get_context().autocommit_block():
        op.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {INDEX}")
