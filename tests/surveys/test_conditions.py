"""Display conditions: the rules (surveys.conditions), the builder's condition form and its
checks, and the respondent pages following them with no JavaScript (the test client runs none):
next, Back, "Question N of M", Check your answers, answers to questions no longer asked dropped
before anything is stored, on the web, on a kiosk tablet and in easy read."""

import importlib.util
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from surveys.builder import (
    delete_question,
    duplicate_survey,
    move_question,
    update_question,
)
from surveys.conditions import (
    ConditionError,
    answers_to_asked,
    asked_questions,
    clear_condition,
    set_condition,
)
from surveys.models import Answer, FeedbackLabel, Survey, SurveyResponse
from surveys.types import QuestionType
from tests.conftest import csrf_token
from tests.factories import make_kiosk_session, make_survey
from tests.surveys.survey_helpers import answer, begin, error_beside, h1, send
from voice.accounts.models import Role
from voice.db import db

# 1 which clubs (multiple) -> 2 which other club (free text, only when 1 includes option 3)
# 3 did you like it (yes / no / not sure) -> 4 what would make it better (only when 3 is not yes)
KINDS = (QuestionType.MULTIPLE, QuestionType.FREE_TEXT, QuestionType.YES_NO, QuestionType.FREE_TEXT)
TAGS = re.compile(r"<[^>]+>")


def _text(html: str) -> str:
    return " ".join(TAGS.sub(" ", html).split())


@pytest.fixture
def made(app: Flask) -> dict[str, Any]:
    """The survey of KINDS with its two conditions: its id, its questions' ids and the first
    question's options."""
    with app.app_context():
        survey = make_survey(kinds=KINDS)
        clubs, other, liked, better = survey.questions
        third = str(clubs.options[2].id)
        set_condition(other, clubs, [third], negated=False)
        set_condition(better, liked, ["yes"], negated=True)
        db.session.commit()
        return {
            "survey": survey.id,
            "ids": [q.id for q in survey.questions],
            "options": [str(o.id) for o in clubs.options],
        }


def _asked(app: Flask, survey_id: int, answers: dict) -> list[int]:
    with app.app_context():
        survey = db.session.get(Survey, survey_id)
        return [survey.questions.index(q) + 1 for q in asked_questions(survey, answers)]


def _chose(*values: str) -> dict[str, object]:
    return {"skipped": False, "choices": list(values), "text": None}


SKIPPED = {"skipped": True, "choices": [], "text": None}


def _shown(client: FlaskClient, path: str) -> str:
    """The words of the page at `path`."""
    return _text(client.get(path).get_data(as_text=True))


# --- The rules --------------------------------------------------------------------------------


def test_question_is_asked_only_when_the_earlier_answer_includes_a_chosen_option(
    app: Flask,
    made: dict[str, Any],
) -> None:
    first, _second, third = made["options"]
    q1, _q2, q3, _q4 = (str(i) for i in made["ids"])
    survey = made["survey"]
    assert _asked(app, survey, {}) == [1, 3]  # nothing answered yet: no condition is met
    assert _asked(app, survey, {q1: _chose(first)}) == [1, 3]
    assert _asked(app, survey, {q1: _chose(first, third)}) == [1, 2, 3]
    assert _asked(app, survey, {q1: SKIPPED}) == [1, 3]


def test_negated_condition_asks_when_the_answer_is_not_chosen_and_never_after_a_skip(
    app: Flask,
    made: dict[str, Any],
) -> None:
    q3 = str(made["ids"][2])
    survey = made["survey"]
    assert _asked(app, survey, {q3: _chose("no")}) == [1, 3, 4]
    assert _asked(app, survey, {q3: _chose("not_sure")}) == [1, 3, 4]
    assert _asked(app, survey, {q3: _chose("yes")}) == [1, 3]
    assert _asked(app, survey, {q3: SKIPPED}) == [1, 3]  # no answer says nothing either way


def test_question_following_a_question_not_asked_is_not_asked_when_answers_change(
    app: Flask,
) -> None:
    with app.app_context():
        survey = make_survey(kinds=(QuestionType.SINGLE, QuestionType.SINGLE, QuestionType.RATING))
        a, b, c = survey.questions
        set_condition(b, a, [str(a.options[0].id)], negated=False)
        set_condition(c, b, [str(b.options[0].id)], negated=False)
        db.session.commit()
        chosen = {str(a.id): _chose(str(a.options[0].id)), str(b.id): _chose(str(b.options[0].id))}
        assert [q.id for q in asked_questions(survey, chosen)] == [a.id, b.id, c.id]
        chosen[str(a.id)] = _chose(str(a.options[1].id))  # b is no longer asked, so neither is c
        assert [q.id for q in asked_questions(survey, chosen)] == [a.id]
        assert answers_to_asked(survey, chosen) == {str(a.id): chosen[str(a.id)]}


def test_condition_is_refused_when_it_points_at_itself_a_later_question_or_other_answers(
    app: Flask,
) -> None:
    with app.app_context():
        survey = make_survey(kinds=(QuestionType.SINGLE, QuestionType.SINGLE, QuestionType.YES_NO))
        a, b, c = survey.questions
        with pytest.raises(ConditionError):
            set_condition(a, b, [str(b.options[0].id)], negated=False)  # a later question
        with pytest.raises(ConditionError):
            set_condition(b, b, [str(b.options[0].id)], negated=False)  # itself
        with pytest.raises(ConditionError):
            set_condition(c, a, [str(b.options[0].id)], negated=False)  # b's option, not a's
        with pytest.raises(ConditionError):
            set_condition(c, a, [], negated=False)
        # A loop needs a condition on a later question, so none can be made:
        set_condition(b, a, [str(a.options[0].id)], negated=False)
        with pytest.raises(ConditionError):
            set_condition(a, b, [str(b.options[0].id)], negated=False)
        assert a.condition_question_id is None


def test_move_is_refused_and_delete_releases_when_a_condition_would_break(
    app: Flask, made: dict[str, Any]
) -> None:
    with app.app_context():
        survey = db.session.get(Survey, made["survey"])
        clubs, other, liked, better = survey.questions
        with pytest.raises(ConditionError):
            move_question(other, -1)  # above the question it follows
        with pytest.raises(ConditionError):
            move_question(clubs, 1)
        move_question(other, 1)  # below "did you like it": still after its question
        db.session.commit()
        assert [q.id for q in db.session.get(Survey, made["survey"]).questions] == [
            clubs.id,
            liked.id,
            other.id,
            better.id,
        ]
        assert delete_question(liked) == [better]
        db.session.commit()
        assert better.condition_question_id is None
        assert better.condition_values == []


def test_change_removing_an_answer_a_condition_uses_is_refused_when_saved(
    app: Flask, made: dict[str, Any]
) -> None:
    with app.app_context():
        clubs = db.session.get(Survey, made["survey"]).questions[0]
        two = [(o.wording, o.picture) for o in clubs.options[:2]]
        with pytest.raises(ConditionError):
            update_question(clubs, kind=QuestionType.MULTIPLE, prompt=clubs.prompt, options=two)
        with pytest.raises(ConditionError):
            update_question(clubs, kind=QuestionType.YES_NO, prompt=clubs.prompt)
        every = [(o.wording, o.picture) for o in clubs.options]
        update_question(clubs, kind=QuestionType.SINGLE, prompt=clubs.prompt, options=every)
        db.session.commit()  # one answer instead of several keeps the same options: allowed


def test_copy_keeps_conditions_pointing_at_its_own_questions_when_a_survey_is_copied(
    app: Flask,
    made: dict[str, Any],
) -> None:
    with app.app_context():
        copy = duplicate_survey(db.session.get(Survey, made["survey"]), "Copy")
        db.session.commit()
        clubs, other, liked, better = copy.questions
        assert other.condition_question_id == clubs.id
        assert other.condition_values == [str(clubs.options[2].id)]
        assert (better.condition_question_id, better.condition_values) == (liked.id, ["yes"])
        assert better.condition_negated is True


# --- The respondent pages ---------------------------------------------------------------------


def test_hidden_question_is_skipped_by_next_back_and_the_count_when_javascript_is_off(
    made: dict[str, Any], client: FlaskClient
) -> None:
    survey, (first, _second, third) = made["survey"], made["options"]
    begin(client, survey)
    page = client.get(f"/s/{survey}/questions/1").get_data(as_text=True)
    assert "Question 1 of 2" in _text(page)  # 2 and 4 wait on answers not given yet
    after = answer(client, survey, 1, answer=[first])
    assert after.location.endswith(f"/s/{survey}/questions/3")  # question 2 is not asked
    page = client.get(f"/s/{survey}/questions/3").get_data(as_text=True)
    assert "Question 2 of 2" in _text(page)
    assert f'href="/s/{survey}/questions/1"' in page  # Back skips question 2
    hidden = client.get(f"/s/{survey}/questions/2")
    assert hidden.location.endswith(f"/s/{survey}/questions/3")
    # Ticking the third club brings question 2 in.
    after = answer(client, survey, 1, answer=[first, third])
    assert after.location.endswith(f"/s/{survey}/questions/2")
    page = client.get(f"/s/{survey}/questions/2").get_data(as_text=True)
    assert "Question 2 of 3" in _text(page)
    assert answer(client, survey, 2, answer="Drama club").location.endswith("/questions/3")
    last = answer(client, survey, 3, answer="no")
    assert last.location.endswith(f"/s/{survey}/questions/4")  # not "yes", so asked
    assert "Question 4 of 4" in _shown(client, last.location)
    assert answer(client, survey, 4, answer="More trips").location.endswith("/check")


def test_answer_to_a_question_no_longer_asked_is_dropped_when_the_earlier_answer_changes(
    app: Flask, made: dict[str, Any], client: FlaskClient
) -> None:
    survey, (first, _second, third) = made["survey"], made["options"]
    begin(client, survey)
    answer(client, survey, 1, answer=[first, third])
    answer(client, survey, 2, answer="Drama club")
    answer(client, survey, 3, answer="no")
    answer(client, survey, 4, answer="More trips")
    check = _shown(client, f"/s/{survey}/check")
    assert "Drama club" in check
    assert "More trips" in check
    # Changed from Check your answers: back there, with questions 2 and 4 no longer asked.
    path = f"/s/{survey}/questions/1?change=1"
    changed = client.post(path, data={"csrf_token": csrf_token(client, path), "answer": [first]})
    assert changed.location.endswith(f"/s/{survey}/check")
    path = f"/s/{survey}/questions/3?change=1"
    client.post(path, data={"csrf_token": csrf_token(client, path), "answer": "yes"})
    page = client.get(f"/s/{survey}/check").get_data(as_text=True)
    assert "Drama club" not in page  # not in the rows, nor in the answers sent with the form
    assert "More trips" not in page
    assert f'href="/s/{survey}/questions/3"' in page  # Back goes to the last question asked
    rows = re.findall(r"/questions/(\d+)\?change=1", page)
    assert rows == ["1", "3"]
    assert "answer to question 2" in _text(page)  # numbered as the person saw them
    response, _fields = send(client, survey)
    assert response.location.endswith("/thank-you")
    with app.app_context():
        stored = db.session.scalars(select(SurveyResponse)).one()
        answered = {a.question_id: a for a in stored.answers}
        q1, q2, q3, q4 = made["ids"]
        assert set(answered) == {q1, q3}  # no row at all for questions not asked
        assert answered[q1].choices == [first]
        assert all("Drama" not in (a.text or "") for a in db.session.scalars(select(Answer)))
        assert db.session.scalars(select(FeedbackLabel)).all() == []


def test_resent_answers_to_a_question_not_asked_are_dropped_when_sent_offline(
    app: Flask, made: dict[str, Any], client: FlaskClient
) -> None:
    survey, (first, _second, _third) = made["survey"], made["options"]
    q1, q2, q3, _q4 = (str(i) for i in made["ids"])
    posted = {
        q1: {"choices": [first]},
        q2: {"text": "A comment for a question this person was never asked"},
    }
    begin(client, survey)
    response, _fields = send(client, survey, idempotency_key="x" * 24, answers=json.dumps(posted))
    assert response.status_code == 302
    with app.app_context():
        stored = db.session.scalars(select(SurveyResponse)).one()
        # Question 3 was asked and not answered (a skip); questions 2 and 4 were never asked.
        assert sorted(a.question_id for a in stored.answers) == [int(q1), int(q3)]


def test_change_that_brings_in_a_question_asks_it_before_check_answers(
    made: dict[str, Any], client: FlaskClient
) -> None:
    survey, (first, _second, third) = made["survey"], made["options"]
    begin(client, survey)
    answer(client, survey, 1, answer=[first])
    answer(client, survey, 3, answer="yes")
    path = f"/s/{survey}/questions/1?change=1"
    changed = client.post(
        path, data={"csrf_token": csrf_token(client, path), "answer": [first, third]}
    )
    assert changed.location.endswith(f"/s/{survey}/questions/2?change=1")
    path = f"/s/{survey}/questions/2?change=1"
    done = client.post(path, data={"csrf_token": csrf_token(client, path), "answer": "Chess"})
    assert done.location.endswith(f"/s/{survey}/check")


@pytest.mark.parametrize("easy", ["0", "1"])
def test_kiosk_tablet_follows_the_condition_when_joined_with_a_code(
    app: Flask, made: dict[str, Any], client: FlaskClient, easy: str
) -> None:
    survey, (first, _second, third) = made["survey"], made["options"]
    with app.app_context():
        make_kiosk_session(survey=db.session.get(Survey, survey), code="CND34")
    assert client.get("/join/CND34").status_code == 302
    client.get(f"/s/{survey}?easy={easy}")
    begin(client, survey)
    assert answer(client, survey, 1, answer=[third]).location.endswith("/questions/2")
    page = client.get(f"/s/{survey}/questions/2").get_data(as_text=True)
    assert h1(page) == ("Question 2 easy (en)" if easy == "1" else "Question 2 (en)")
    assert "Question 2 of 3" in _text(page)
    answer(client, survey, 2, answer="Drama club")
    answer(client, survey, 1, answer=[first])
    assert answer(client, survey, 3, answer="yes").location.endswith("/check")
    response, _fields = send(client, survey)
    assert response.status_code == 302
    with app.app_context():
        stored = db.session.scalars(select(SurveyResponse)).one()
        assert stored.kiosk_session_id is not None
        assert len(stored.answers) == 2


def test_start_page_says_up_to_when_some_questions_follow_answers(
    made: dict[str, Any], client: FlaskClient
) -> None:
    page = _shown(client, f"/s/{made['survey']}")
    assert "There are up to 4 questions." in page


# --- The builder's condition form -------------------------------------------------------------


@pytest.fixture
def as_lead(login_as: Callable[..., object]) -> None:
    """The test client signed in as a strategy lead, who builds surveys."""
    login_as(Role.STRATEGY_LEAD)


def _condition_path(made: dict, number: int) -> str:
    return f"/staff/surveys/{made['survey']}/questions/{made['ids'][number - 1]}/when-shown"


def _post_condition(client: FlaskClient, path: str, **data: object):
    data.setdefault("csrf_token", csrf_token(client, path))
    return client.post(path, data=data)


def test_condition_is_saved_and_read_as_a_sentence_when_staff_complete_it(
    app: Flask, client: FlaskClient, login_as: object
) -> None:
    login_as(Role.FACILITATOR)
    with app.app_context():
        survey = make_survey(kinds=(QuestionType.MULTIPLE, QuestionType.FREE_TEXT))
        made = {"survey": survey.id, "ids": [q.id for q in survey.questions]}
        options = [str(o.id) for o in survey.questions[0].options]
    path = _condition_path(made, 2)
    page = client.get(path).get_data(as_text=True)
    assert h1(page) == "When to show question 2"
    assert "Everyone is asked this question." in page
    saved = _post_condition(
        client, path, source=str(made["ids"][0]), mode="includes", values=[options[1], options[2]]
    )
    assert saved.status_code == 302
    overview = _shown(client, saved.location)
    sentence = (
        "Show this question when “Question 1 (en)” includes “Option 2 (en)” or “Option 3 (en)”"
    )
    assert sentence in overview
    assert "Question 2 is now shown only after the answers you chose." in overview
    assert sentence in _shown(client, path)
    _post_condition(client, path, source=str(made["ids"][0]), mode="excludes", values=[options[0]])
    overview = _shown(client, f"/staff/surveys/{made['survey']}")
    assert "Show this question when “Question 1 (en)” does not include “Option 1 (en)”" in overview
    with app.app_context():
        question = db.session.get(Survey, made["survey"]).questions[1]
        assert (question.condition_values, question.condition_negated) == ([options[0]], True)
    removed = client.post(
        f"{path}/remove", data={"csrf_token": csrf_token(client, path)}, follow_redirects=True
    )
    assert "Question 2 is now shown to everyone." in removed.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Survey, made["survey"]).questions[1].condition_question_id is None


def test_yes_no_condition_reads_is_not_when_staff_choose_does_not_include(
    made: dict[str, Any], client: FlaskClient, as_lead: None
) -> None:
    page = _shown(client, _condition_path(made, 4))
    assert "Show this question when the answer to “Question 3 (en)” is not “Yes”" in page


def test_errors_are_shown_beside_the_fields_when_the_condition_is_not_possible(
    app: Flask, made: dict[str, Any], client: FlaskClient, login_as: object
) -> None:
    login_as(Role.ADMIN)
    path = _condition_path(made, 2)
    later = _post_condition(
        client, path, source=str(made["ids"][2]), mode="includes", values=["yes"]
    )
    page = later.get_data(as_text=True)
    assert "<title>Error:" in page
    assert "Choose a question that comes before this one" in error_beside(page, "source")
    itself = _post_condition(client, path, source=str(made["ids"][1]), mode="includes")
    assert "Choose a question that comes before this one" in itself.get_data(as_text=True)
    nothing = _post_condition(client, path, source=str(made["ids"][0])).get_data(as_text=True)
    assert "Tick at least one answer of “Question 1 (en)”" in error_beside(nothing, "values")
    assert "Choose whether the answer includes" in error_beside(nothing, "mode")
    path4 = _condition_path(made, 4)
    mixed = _post_condition(
        client, path4, source=str(made["ids"][2]), mode="includes", values=[made["options"][0]]
    ).get_data(as_text=True)
    assert "Tick only answers of “Question 3 (en)”" in mixed
    with app.app_context():
        questions = db.session.get(Survey, made["survey"]).questions
        assert questions[3].condition_values == ["yes"]  # unchanged
        assert questions[1].condition_question_id == made["ids"][0]


def test_answers_of_the_chosen_question_are_shown_when_staff_ask_without_saving(
    app: Flask, made: dict[str, Any], client: FlaskClient, as_lead: None
) -> None:
    path = _condition_path(made, 4)
    page = _post_condition(
        client, path, source=str(made["ids"][0]), mode="includes", show_answers="1"
    ).get_data(as_text=True)
    assert "<title>Error:" not in page
    assert "Option 3 (en)" in page
    assert 'value="yes"' not in page
    with app.app_context():
        assert db.session.get(Survey, made["survey"]).questions[3].condition_values == ["yes"]


def test_question_with_nothing_before_it_to_follow_says_so_when_opened(
    made: dict[str, Any], client: FlaskClient, as_lead: None
) -> None:
    page = _shown(client, _condition_path(made, 1))
    assert "No question before this one has answers to choose from" in page


def test_question_change_is_refused_beside_the_field_when_a_condition_uses_its_answers(
    app: Flask, made: dict[str, Any], client: FlaskClient, as_lead: None
) -> None:
    path = f"/staff/surveys/{made['survey']}/questions/{made['ids'][0]}"
    page = client.get(path).get_data(as_text=True)
    textarea = r'<textarea[^>]*name="([^"]+)"[^>]*>\s*(.*?)</textarea>'
    fields = dict(re.findall(textarea, page, re.S))
    fields = {
        name: value.replace("&#34;", '"').replace("&amp;", "&") for name, value in fields.items()
    }
    two = {
        n: "\n".join(v.splitlines()[:2]) if n.startswith("options_") else v
        for n, v in fields.items()
    }
    data = {"csrf_token": csrf_token(client, path), "kind": "multiple", **two}
    refused = client.post(path, data=data).get_data(as_text=True)
    assert "<title>Error:" in refused
    assert "Question 2 is shown only after an answer this change" in error_beside(
        refused, "options_en"
    )
    retyped = client.post(path, data={**data, **fields, "kind": "free_text"}).get_data(as_text=True)
    assert "Question 2 is shown only after certain answers" in error_beside(retyped, "kind")
    with app.app_context():
        assert len(db.session.get(Survey, made["survey"]).questions[0].options) == 3


def test_move_is_refused_with_a_message_and_delete_tells_staff_when_conditions_depend(
    app: Flask, made: dict[str, Any], client: FlaskClient, as_lead: None
) -> None:
    base = f"/staff/surveys/{made['survey']}"
    token = csrf_token(client, base)
    moved = client.post(
        f"{base}/questions/{made['ids'][1]}/up", data={"csrf_token": token}, follow_redirects=True
    )
    page = _text(moved.get_data(as_text=True))
    assert "Important" in page
    assert (
        "Question 2 is shown only after an answer to question 1, so it must come after it." in page
    )
    assert "Done" not in page
    removed = client.post(
        f"{base}/questions/{made['ids'][2]}/delete",
        data={"csrf_token": token},
        follow_redirects=True,
    )
    page = _text(removed.get_data(as_text=True))
    assert "The question has been removed." in page
    assert "“Question 4 (en)” was shown only after an answer to the question you removed." in page
    with app.app_context():
        questions = db.session.get(Survey, made["survey"]).questions
        assert [q.id for q in questions] == [made["ids"][0], made["ids"][1], made["ids"][3]]
        assert questions[2].condition_question_id is None


def test_condition_page_is_refused_when_someone_without_a_builder_role_asks(
    made: dict[str, Any], client: FlaskClient, login_as: object
) -> None:
    login_as(Role.FORUM_REP)
    assert client.get(_condition_path(made, 2)).status_code == 403


# --- Existing standing forms (migration 0016) -------------------------------------------------


def _migration():
    path = Path(__file__).resolve().parents[2] / "migrations" / "versions"
    (found,) = path.glob("0016_*.py")
    spec = importlib.util.spec_from_file_location("migration_0016", found)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_standing_form_made_before_conditions_gets_one_when_the_migration_runs(
    app: Flask,
) -> None:
    from surveys.feedback_forms import ensure_feedback_forms

    with app.app_context():
        forms = ensure_feedback_forms()
        survey = db.session.get(Survey, forms["parent-carers"])
        other = survey.questions[3]
        clear_condition(other)  # as forms were made before this change
        other.prompt = {
            **other.prompt,
            "en": {"plain": "Which other service? Only if you ticked Something else."}
            | {"easy": "Which other service? Only if you ticked Something else."},
            "pl": {"plain": "Jakie inne usługi? Tylko jeśli zaznaczono „Coś innego”.", "easy": ""},
        }
        stamp = survey.stamp
        db.session.commit()
        _migration().set_standing_form_conditions(db.session.connection())
        db.session.commit()
        db.session.expire_all()
        survey = db.session.get(Survey, forms["parent-carers"])
        services, other = survey.questions[2], survey.questions[3]
        something_else = next(o for o in services.options if o.key == "other")
        assert other.condition_question_id == services.id
        assert other.condition_values == [str(something_else.id)]
        assert other.prompt["en"] == {
            "plain": "Which other service?",
            "easy": "Which other service?",
        }
        assert other.prompt["pl"]["plain"] == "Jakie inne usługi?"
        assert survey.stamp != stamp
