"""display conditions on survey questions

A question can be asked only when the answer to an earlier choice question includes (or does
not include) chosen answers. The standing feedback forms, made on first use, ask "Which other
service?" only of those who ticked "Something else": forms made before this revision get the
same condition here, and lose the "Only if you ticked Something else." sentence the condition
replaces (where staff have not reworded it).

Revision ID: 0016
Revises: 0015
"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

FORM_SLUGS = ("tell-us-parent-carers", "tell-us-schools")
# The sentence as the forms were made with it, in each site language (translations/*.po then).
ONLY_IF = {
    "en": "Only if you ticked Something else.",
    "cy": "Dim ond os gwnaethoch chi dicio Rhywbeth arall.",
    "pl": "Tylko jeśli zaznaczono „Coś innego”.",
    "ar": "فقط إذا اخترت «شيء آخر».",
}

surveys = sa.table("surveys", sa.column("id"), sa.column("slug"), sa.column("stamp"))
questions = sa.table(
    "survey_questions",
    sa.column("id"),
    sa.column("survey_id"),
    sa.column("position"),
    sa.column("kind"),
    sa.column("label_key"),
    sa.column("prompt", sa.JSON),
    sa.column("condition_question_id"),
    sa.column("condition_values", sa.JSON),
    sa.column("condition_negated", sa.Boolean),
)
options = sa.table(
    "survey_question_options", sa.column("id"), sa.column("question_id"), sa.column("key")
)


def _prompt(prompt: dict, add: bool) -> dict:
    changed = {}
    for lang, entry in (prompt or {}).items():
        sentence = ONLY_IF.get(lang)
        entry = dict(entry or {})
        for style in ("plain", "easy"):
            text = entry.get(style) or ""
            if sentence and not add and text.endswith(f" {sentence}"):
                entry[style] = text.removesuffix(f" {sentence}")
            elif sentence and add and text and not text.endswith(sentence):
                entry[style] = f"{text} {sentence}"
        changed[lang] = entry
    return changed


def _other_service_questions(bind: sa.engine.Connection) -> list[tuple[int, int, int, dict]]:
    """(survey id, services question id, other service question id, its prompt) per form."""
    found = []
    for survey_id in bind.scalars(sa.select(surveys.c.id).where(surveys.c.slug.in_(FORM_SLUGS))):
        rows = bind.execute(
            sa.select(questions.c.id, questions.c.kind, questions.c.label_key, questions.c.prompt)
            .where(questions.c.survey_id == survey_id)
            .order_by(questions.c.position, questions.c.id)
        ).all()
        for earlier, later in zip(rows, rows[1:], strict=False):
            if (earlier.kind, earlier.label_key, later.kind, later.label_key) == (
                "MULTIPLE",
                "service",
                "FREE_TEXT",
                "service",
            ):
                found.append((survey_id, earlier.id, later.id, later.prompt))
    return found


def upgrade() -> None:
    with op.batch_alter_table("survey_questions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("condition_question_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("condition_values", sa.JSON(), server_default="[]", nullable=False)
        )
        batch_op.add_column(
            sa.Column("condition_negated", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_survey_questions_condition_question_id_survey_questions"),
            "survey_questions",
            ["condition_question_id"],
            ["id"],
            ondelete="SET NULL",
        )
    set_standing_form_conditions(op.get_bind())


def set_standing_form_conditions(bind: sa.engine.Connection) -> None:
    """Ask "Which other service?" only of those who ticked "Something else" on forms made
    before conditions existed (tests call this on such a form)."""
    for survey_id, services_id, other_id, prompt in _other_service_questions(bind):
        other_option = bind.scalar(
            sa.select(options.c.id).where(
                options.c.question_id == services_id, options.c.key == "other"
            )
        )
        if other_option is None:
            continue
        bind.execute(
            questions.update()
            .where(questions.c.id == other_id, questions.c.condition_question_id.is_(None))
            .values(
                condition_question_id=services_id,
                condition_values=[str(other_option)],
                condition_negated=False,
                prompt=_prompt(prompt, add=False),
            )
        )
        # Respondent pages keep a copy of each survey until its stamp changes.
        bind.execute(
            surveys.update().where(surveys.c.id == survey_id).values(stamp=uuid.uuid4().hex)
        )


def downgrade() -> None:
    bind = op.get_bind()
    for survey_id, _services_id, other_id, prompt in _other_service_questions(bind):
        bind.execute(
            questions.update()
            .where(questions.c.id == other_id)
            .values(prompt=_prompt(prompt, add=True))
        )
        bind.execute(
            surveys.update().where(surveys.c.id == survey_id).values(stamp=uuid.uuid4().hex)
        )
    with op.batch_alter_table("survey_questions", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_survey_questions_condition_question_id_survey_questions"),
            type_="foreignkey",
        )
        batch_op.drop_column("condition_negated")
        batch_op.drop_column("condition_values")
        batch_op.drop_column("condition_question_id")
