"""Surveys as respondent pages see them: loaded once per process, reused until staff change them.

Every respondent request needs the survey with its questions and their options, and building
those objects was the largest part of a respondent request's work (bench/submit.py), yet they
change only when staff edit the survey. So each process keeps a fully loaded, detached copy of
each survey and checks one small column, Survey.stamp, on every request; any flush that adds,
changes or deletes a survey, a question or an option gives that survey a new stamp
(surveys.models).

The copies are read-only: never add them to a session or change them.
"""

from sqlalchemy import select
from sqlalchemy.orm import Session

from surveys.models import Survey
from voice.db import db

_KEEP = 200  # surveys kept per process; far more than are open at once
_copies: dict[int, Survey] = {}


def survey_for_answering(survey_id: int) -> Survey | None:
    """The survey with its questions and options, or None when there is no such survey."""
    stamp = db.session.scalar(select(Survey.stamp).where(Survey.id == survey_id))
    if stamp is None:
        return None
    copy = _copies.get(survey_id)
    if copy is not None and copy.stamp == stamp:
        return copy
    with Session(db.engine) as loader:
        copy = loader.get(Survey, survey_id)  # questions and options load with it (selectin)
    if copy is None:
        return None
    if len(_copies) >= _KEEP:
        _copies.clear()
    _copies[survey_id] = copy
    return copy
