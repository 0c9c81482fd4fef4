"""feedback forms on the survey engine: question roles, option keys, survey slugs

Revision ID: 0010
Revises: 0009

"""
from alembic import op
import sqlalchemy as sa

import voice.db

# revision identifiers, used by Alembic.
revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("surveys", schema=None) as batch_op:
        batch_op.add_column(sa.Column("slug", sa.String(length=40), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_surveys_slug"), ["slug"])
    with op.batch_alter_table("survey_questions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "role",
                sa.Enum("ANSWER", "LABEL", "CONSENT", name="questionrole",
                        native_enum=False, length=32),
                server_default="ANSWER",
                nullable=False,
            )
        )
        batch_op.add_column(sa.Column("label_key", sa.String(length=40), nullable=True))
    with op.batch_alter_table("survey_question_options", schema=None) as batch_op:
        batch_op.add_column(sa.Column("key", sa.String(length=40), nullable=True))


def downgrade():
    with op.batch_alter_table("survey_question_options", schema=None) as batch_op:
        batch_op.drop_column("key")
    with op.batch_alter_table("survey_questions", schema=None) as batch_op:
        batch_op.drop_column("label_key")
        batch_op.drop_column("role")
    with op.batch_alter_table("surveys", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_surveys_slug"), type_="unique")
        batch_op.drop_column("slug")
