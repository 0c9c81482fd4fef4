"""feedback forms proxy entry and imports

Revision ID: 0005
Revises: 0002

"""
from alembic import op
import sqlalchemy as sa

import voice.db


# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('contact_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('source_group', sa.Enum('YOUNG_PERSON', 'PARENT_CARER', 'SCHOOL', 'PROFESSIONAL', name='sourcegroup', native_enum=False, length=32), nullable=False),
    sa.Column('withdraw_token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', voice.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact_requests')),
    sa.UniqueConstraint('withdraw_token_hash', name=op.f('uq_contact_requests_withdraw_token_hash'))
    )
    op.create_table('import_jobs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('file_sha256', sa.String(length=64), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=True),
    sa.Column('mapping', sa.JSON(), nullable=False),
    sa.Column('status', sa.Enum('PREVIEW', 'QUEUED', 'RUNNING', 'DONE', 'CANCELLED', 'FAILED', name='importstatus', native_enum=False, length=32), nullable=False),
    sa.Column('total_rows', sa.Integer(), nullable=False),
    sa.Column('processed_rows', sa.Integer(), nullable=False),
    sa.Column('imported_rows', sa.Integer(), nullable=False),
    sa.Column('duplicate_rows', sa.Integer(), nullable=False),
    sa.Column('rejected_rows', sa.Integer(), nullable=False),
    sa.Column('cancel_requested', sa.Boolean(), nullable=False),
    sa.Column('created_at', voice.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('finished_at', voice.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_import_jobs_created_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_jobs'))
    )
    with op.batch_alter_table('import_jobs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_import_jobs_created_by_id'), ['created_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_import_jobs_file_sha256'), ['file_sha256'], unique=False)

    op.create_table('feedback_labels',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('feedback_item_id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['feedback_item_id'], ['feedback_items.id'], name=op.f('fk_feedback_labels_feedback_item_id_feedback_items'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback_labels'))
    )
    with op.batch_alter_table('feedback_labels', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feedback_labels_feedback_item_id'), ['feedback_item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_feedback_labels_label'), ['label'], unique=False)

    op.create_table('proxy_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('feedback_item_id', sa.Integer(), nullable=False),
    sa.Column('entered_by_id', sa.Integer(), nullable=True),
    sa.Column('gathered_at', sa.String(length=200), nullable=False),
    sa.Column('entered_at', voice.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('corrected_at', voice.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['entered_by_id'], ['users.id'], name=op.f('fk_proxy_entries_entered_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['feedback_item_id'], ['feedback_items.id'], name=op.f('fk_proxy_entries_feedback_item_id_feedback_items'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proxy_entries')),
    sa.UniqueConstraint('feedback_item_id', name=op.f('uq_proxy_entries_feedback_item_id'))
    )
    with op.batch_alter_table('proxy_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proxy_entries_entered_by_id'), ['entered_by_id'], unique=False)



def downgrade():
    with op.batch_alter_table('proxy_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proxy_entries_entered_by_id'))

    op.drop_table('proxy_entries')
    with op.batch_alter_table('feedback_labels', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_feedback_labels_label'))
        batch_op.drop_index(batch_op.f('ix_feedback_labels_feedback_item_id'))

    op.drop_table('feedback_labels')
    with op.batch_alter_table('import_jobs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_import_jobs_file_sha256'))
        batch_op.drop_index(batch_op.f('ix_import_jobs_created_by_id'))

    op.drop_table('import_jobs')
    op.drop_table('contact_requests')
