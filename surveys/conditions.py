"""Display conditions: a question asked only when the answer to an earlier choice question
includes (or does not include) answers staff chose.

The rule respondent pages follow (which questions a person is asked, given their answers so far)
and the checks the builder makes (a condition follows an earlier question's own answers, and no
change to the survey leaves one pointing at a later question or at answers that are gone) are
both here, so the respondent pages, the stored response and the builder agree.

A condition on an earlier question that was skipped, or was itself not asked, is not met: the
question is not asked. Answers to questions not asked are never sent or stored."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from babel.lists import format_list
from flask_babel import get_locale

from surveys.models import Question, QuestionOption, QuestionType, Survey
from surveys.question_types import QUESTION_TYPES, Answers, BuiltinChoiceQuestion, for_question
from surveys.wordings import wording_text
from voice.db import db
from voice.i18n import _

# Questions whose answers are chosen from a list can decide whether a later one is asked.
CONDITION_TYPES = frozenset(
    {
        QuestionType.SINGLE,
        QuestionType.MULTIPLE,
        QuestionType.PICTURE,
        QuestionType.YES_NO,
        QuestionType.EMOJI,
        QuestionType.RATING,
    }
)


class ConditionError(Exception):
    """A condition, or a change to a survey, that would break the rules above."""


# --- What respondents are asked ---------------------------------------------------------------


def has_condition(question: Question) -> bool:
    return question.condition_question_id is not None


def asked_questions(survey: Survey, answers: Answers) -> list[Question]:
    """The questions this person is asked, in order, given the answers so far. A condition is
    only ever read from the answer to an earlier question that was itself asked."""
    asked: list[Question] = []
    asked_ids: set[int] = set()
    earlier: set[int] = set()
    for question in survey.questions:
        if _condition_met(question, answers, asked_ids, earlier):
            asked.append(question)
            asked_ids.add(question.id)
        earlier.add(question.id)
    return asked


def _condition_met(
    question: Question, answers: Answers, asked_ids: set[int], earlier: set[int]
) -> bool:
    source_id = question.condition_question_id
    if source_id is None or source_id not in earlier:
        return True  # no condition (the builder never lets one point anywhere but earlier)
    if source_id not in asked_ids:
        return False
    answer = answers.get(str(source_id)) or {}
    chosen = {str(value) for value in answer.get("choices") or []}
    if answer.get("skipped") or not chosen:
        return False
    matched = bool(chosen & {str(value) for value in question.condition_values or []})
    return not matched if question.condition_negated else matched


def answers_to_asked(survey: Survey, answers: Answers) -> Answers:
    """Only the answers to questions this person is asked: an answer given before an earlier
    answer changed, to a question no longer asked, is dropped."""
    asked = {str(question.id) for question in asked_questions(survey, answers)}
    return {key: answer for key, answer in answers.items() if key in asked}


# --- What the builder allows ------------------------------------------------------------------


def possible_sources(question: Question) -> list[Question]:
    """The questions a condition on `question` may follow: earlier ones answered from a list."""
    return [
        q
        for q in question.survey.questions
        if q.position < question.position and q.kind in CONDITION_TYPES
    ]


def choice_values(kind: QuestionType, options: Iterable[QuestionOption]) -> list[str]:
    """The values an answer to a question of this kind can hold."""
    rules = QUESTION_TYPES[kind]
    if kind not in CONDITION_TYPES:
        return []
    if issubclass(rules, BuiltinChoiceQuestion):
        return [choice.value for choice in rules.builtin]
    return [str(option.id) for option in options]


def set_condition(
    question: Question, source: Question, values: Sequence[str], *, negated: bool
) -> None:
    """Ask `question` only when the answer to `source` includes one of `values` (or, negated,
    none of them)."""
    if source.survey_id != question.survey_id or source.position >= question.position:
        raise ConditionError("a condition can only follow an earlier question")
    allowed = choice_values(source.kind, source.options)
    if not values or any(value not in allowed for value in values):
        raise ConditionError("the answers must be the earlier question's own")
    question.condition_question_id = source.id
    question.condition_values = [value for value in allowed if value in set(values)]
    question.condition_negated = negated
    db.session.flush()


def clear_condition(question: Question) -> None:
    question.condition_question_id = None
    question.condition_values = []
    question.condition_negated = False
    db.session.flush()


def dependents(question: Question) -> list[Question]:
    """Later questions asked only because of this question's answer."""
    return [q for q in question.survey.questions if q.condition_question_id == question.id]


def broken_by_order(order: Sequence[Question]) -> list[Question]:
    """The questions whose condition would follow a question no longer before them."""
    before: set[int] = set()
    broken = []
    for question in order:
        source = question.condition_question_id
        if source is not None and source not in before:
            broken.append(question)
        before.add(question.id)
    return broken


def broken_by_change(question: Question, kind: QuestionType, option_count: int) -> list[Question]:
    """Later questions whose condition uses answers `question` would no longer have after a
    change to its type or to the number of its options (options are kept by position)."""
    kept = choice_values(kind, list(question.options)[:option_count])
    return [q for q in dependents(question) if any(v not in kept for v in q.condition_values)]


def release_dependents(question: Question) -> list[Question]:
    """Before `question` is removed: its dependents become questions everyone is asked."""
    released = dependents(question)
    for dependent in released:
        clear_condition(dependent)
    return released


# --- The sentence staff read ------------------------------------------------------------------


@dataclass(frozen=True)
class ConditionSentence:
    question: str  # the earlier question's wording
    answers: list[str]  # the chosen answers' wordings
    negated: bool
    multiple: bool  # "includes" reads right for several answers, "is" for one

    def text(self) -> str:
        quoted = [_("“%(answer)s”", answer=answer) for answer in self.answers]
        answers = format_list(quoted, style="or", locale=str(get_locale() or "en"))
        if self.multiple and self.negated:
            return _(
                "Show this question when “%(question)s” does not include %(answers)s",
                question=self.question,
                answers=answers,
            )
        if self.multiple:
            return _(
                "Show this question when “%(question)s” includes %(answers)s",
                question=self.question,
                answers=answers,
            )
        if self.negated:
            return _(
                "Show this question when the answer to “%(question)s” is not %(answers)s",
                question=self.question,
                answers=answers,
            )
        return _(
            "Show this question when the answer to “%(question)s” is %(answers)s",
            question=self.question,
            answers=answers,
        )


def describe(question: Question, survey: Survey) -> ConditionSentence | None:
    """The condition on `question` in the builder's words (English wordings, as the builder
    lists questions), or None when it is asked of everyone."""
    source = next((q for q in survey.questions if q.id == question.condition_question_id), None)
    if source is None:
        return None
    wordings = {choice.value: choice.wording for choice in for_question(source).choices()}
    return ConditionSentence(
        question=wording_text(source.prompt, "en", False),
        answers=[
            wording_text(wordings[v], "en", False)
            for v in question.condition_values
            if v in wordings
        ],
        negated=question.condition_negated,
        multiple=source.kind is QuestionType.MULTIPLE,
    )


def describe_all(survey: Survey) -> dict[int, str]:
    """Each conditional question's id to its sentence."""
    sentences = {}
    for question in survey.questions:
        sentence = describe(question, survey)
        if sentence is not None:
            sentences[question.id] = sentence.text()
    return sentences
