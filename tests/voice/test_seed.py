"""`voice seed`: the rows every database needs, and `voice demo-data` after it."""

from flask import Flask
from sqlalchemy import delete, func, select

from surveys.models import Survey
from surveys.types import SurveyKind
from themes.models import Theme
from themes.tagger import default_codebook
from voice.db import db
from voice.tracker.models import Priority


def _counts() -> tuple[int, int, int]:
    return (
        db.session.scalar(select(func.count(Priority.id))),
        db.session.scalar(select(func.count(Theme.id))),
        db.session.scalar(select(func.count(Survey.id))),
    )


def test_seed_adds_priorities_codebook_and_forms_once_when_run_twice(app: Flask) -> None:
    runner = app.test_cli_runner()
    with app.app_context():
        db.session.execute(delete(Priority))
        db.session.commit()
    first = runner.invoke(args=["seed"])
    second = runner.invoke(args=["seed"])
    assert first.exit_code == 0, first.output
    assert second.exit_code == 0, second.output
    with app.app_context():
        # Six improvement areas, the default codebook and the two standing feedback forms.
        assert _counts() == (6, len(default_codebook().slugs), 2)


def test_demo_data_asks_for_seed_when_the_priorities_are_missing(app: Flask) -> None:
    with app.app_context():
        db.session.execute(delete(Priority))
        db.session.commit()
    result = app.test_cli_runner().invoke(args=["demo-data"])
    assert result.exit_code == 1
    assert "run `voice seed` first" in result.output
    with app.app_context():
        surveys = select(func.count(Survey.id)).where(Survey.kind == SurveyKind.SURVEY)
        assert db.session.scalar(surveys) == 0  # nothing half-loaded
