"""surveys kiosk responses

Revision ID: 0004
Revises: 0002

"""
from alembic import op
import sqlalchemy as sa

import voice.db


# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('surveys',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('SURVEY', 'FORM', name='surveykind', native_enum=False, length=32), nullable=False),
    sa.Column('status', sa.Enum('DRAFT', 'OPEN', 'CLOSED', name='surveystatus', native_enum=False, length=32), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('audience', sa.Enum('YOUNG_PERSON', 'PARENT_CARER', 'SCHOOL', 'PROFESSIONAL', name='sourcegroup', native_enum=False, length=32), nullable=False),
    sa.Column('title_wording', sa.JSON(), nullable=False),
    sa.Column('intro', sa.JSON(), nullable=False),
    sa.Column('opens_at', voice.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('closes_at', voice.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('retention_days', sa.Integer(), nullable=False),
    sa.Column('created_at', voice.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_surveys'))
    )
    with op.batch_alter_table('surveys', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_surveys_status'), ['status'], unique=False)

    op.create_table('kiosk_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=12), nullable=False),
    sa.Column('group_label', sa.String(length=120), nullable=False),
    sa.Column('opened_by_id', sa.Integer(), nullable=True),
    sa.Column('opened_at', voice.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('closed_at', voice.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['opened_by_id'], ['users.id'], name=op.f('fk_kiosk_sessions_opened_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['survey_id'], ['surveys.id'], name=op.f('fk_kiosk_sessions_survey_id_surveys'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_kiosk_sessions')),
    sa.UniqueConstraint('code', name=op.f('uq_kiosk_sessions_code'))
    )
    with op.batch_alter_table('kiosk_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kiosk_sessions_survey_id'), ['survey_id'], unique=False)

    op.create_table('survey_questions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('FREE_TEXT', 'SINGLE', 'MULTIPLE', 'PICTURE', 'EMOJI', 'YES_NO', 'RATING', name='questiontype', native_enum=False, length=32), nullable=False),
    sa.Column('required', sa.Boolean(), nullable=False),
    sa.Column('required_reason', sa.String(length=300), nullable=True),
    sa.Column('picture', sa.String(length=60), nullable=True),
    sa.Column('prompt', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['survey_id'], ['surveys.id'], name=op.f('fk_survey_questions_survey_id_surveys'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_questions'))
    )
    with op.batch_alter_table('survey_questions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_questions_survey_id'), ['survey_id'], unique=False)

    op.create_table('survey_response_drafts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.Column('updated_at', voice.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['survey_id'], ['surveys.id'], name=op.f('fk_survey_response_drafts_survey_id_surveys'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_response_drafts')),
    sa.UniqueConstraint('token', name=op.f('uq_survey_response_drafts_token'))
    )
    with op.batch_alter_table('survey_response_drafts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_response_drafts_survey_id'), ['survey_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_survey_response_drafts_updated_at'), ['updated_at'], unique=False)

    op.create_table('survey_question_options',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('picture', sa.String(length=60), nullable=True),
    sa.Column('wording', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['question_id'], ['survey_questions.id'], name=op.f('fk_survey_question_options_question_id_survey_questions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_question_options'))
    )
    with op.batch_alter_table('survey_question_options', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_question_options_question_id'), ['question_id'], unique=False)

    op.create_table('survey_responses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('kiosk_session_id', sa.Integer(), nullable=True),
    sa.Column('group_label', sa.String(length=120), nullable=True),
    sa.Column('idempotency_key', sa.String(length=64), nullable=False),
    sa.Column('channel', sa.Enum('KIOSK', 'WEB', 'FORM', 'PROXY', 'IMPORT', name='channel', native_enum=False, length=32), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('easy_read', sa.Boolean(), nullable=False),
    sa.Column('how_answered', sa.Enum('ON_MY_OWN', 'WITH_HELP', 'FOR_ME', name='howanswered', native_enum=False, length=32), nullable=True),
    sa.Column('submitted_at', voice.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['kiosk_session_id'], ['kiosk_sessions.id'], name=op.f('fk_survey_responses_kiosk_session_id_kiosk_sessions'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['survey_id'], ['surveys.id'], name=op.f('fk_survey_responses_survey_id_surveys'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_responses')),
    sa.UniqueConstraint('idempotency_key', name=op.f('uq_survey_responses_idempotency_key'))
    )
    with op.batch_alter_table('survey_responses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_responses_kiosk_session_id'), ['kiosk_session_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_survey_responses_submitted_at'), ['submitted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_survey_responses_survey_id'), ['survey_id'], unique=False)

    op.create_table('survey_answers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('response_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('skipped', sa.Boolean(), nullable=False),
    sa.Column('choices', sa.JSON(), nullable=False),
    sa.Column('text', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['question_id'], ['survey_questions.id'], name=op.f('fk_survey_answers_question_id_survey_questions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['response_id'], ['survey_responses.id'], name=op.f('fk_survey_answers_response_id_survey_responses'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_answers'))
    )
    with op.batch_alter_table('survey_answers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_answers_question_id'), ['question_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_survey_answers_response_id'), ['response_id'], unique=False)

    op.create_table('survey_pictures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('content_type', sa.String(length=32), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', voice.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_pictures'))
    )
    with op.batch_alter_table('feedback_items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('survey_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('question_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_feedback_items_survey_id'), ['survey_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_feedback_items_survey_id_surveys'), 'surveys', ['survey_id'], ['id'], ondelete='SET NULL')
        batch_op.create_foreign_key(batch_op.f('fk_feedback_items_question_id_survey_questions'), 'survey_questions', ['question_id'], ['id'], ondelete='SET NULL')

    # ### end Alembic commands ###


def downgrade():
    # ### commands auto generated by Alembic - please adjust! ###
    with op.batch_alter_table('feedback_items', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_feedback_items_question_id_survey_questions'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_feedback_items_survey_id_surveys'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_feedback_items_survey_id'))
        batch_op.drop_column('question_id')
        batch_op.drop_column('survey_id')

    with op.batch_alter_table('survey_answers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_answers_response_id'))
        batch_op.drop_index(batch_op.f('ix_survey_answers_question_id'))

    op.drop_table('survey_pictures')
    op.drop_table('survey_answers')
    with op.batch_alter_table('survey_responses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_responses_survey_id'))
        batch_op.drop_index(batch_op.f('ix_survey_responses_submitted_at'))
        batch_op.drop_index(batch_op.f('ix_survey_responses_kiosk_session_id'))

    op.drop_table('survey_responses')
    with op.batch_alter_table('survey_question_options', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_question_options_question_id'))

    op.drop_table('survey_question_options')
    with op.batch_alter_table('survey_response_drafts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_response_drafts_updated_at'))
        batch_op.drop_index(batch_op.f('ix_survey_response_drafts_survey_id'))

    op.drop_table('survey_response_drafts')
    with op.batch_alter_table('survey_questions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_questions_survey_id'))

    op.drop_table('survey_questions')
    with op.batch_alter_table('kiosk_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kiosk_sessions_survey_id'))

    op.drop_table('kiosk_sessions')
    with op.batch_alter_table('surveys', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_surveys_status'))

    op.drop_table('surveys')
