"""What each type of question does on the respondent pages: the answer form it shows, what it
reads from a posted form, how it checks an answer, the words for a problem, how an answer is
shown back, and the labels an answer gives. One class per QuestionType, in QUESTION_TYPES.

The answer forms live here, not in surveys/forms.py, because each type picks its own."""

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, TypedDict

from email_validator import EmailNotValidError, validate_email
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovCharacterCount
from werkzeug.datastructures import MultiDict
from wtforms import BooleanField, RadioField, SelectMultipleField, TextAreaField
from wtforms.validators import Optional

from surveys.models import Question, QuestionType, Wordings
from surveys.wordings import wording_text
from voice.i18n import _, _l

SKIP = "skip"
FREE_TEXT_LIMIT = 2000
EMAIL_LIMIT = 254


class DraftAnswer(TypedDict, total=False):
    """An answer as a draft keeps it (JSON); every answer made here has all three keys."""

    skipped: bool
    choices: list[str]
    text: str | None


Answers = dict[str, DraftAnswer]  # a response's answers, by question id as a string


@dataclass(frozen=True)
class Choice:
    value: str
    wording: Wordings
    picture: str | None = None


class SingleAnswerForm(FlaskForm):
    answer = RadioField(validate_choice=False, validators=[Optional()])


class MultipleAnswerForm(FlaskForm):
    answer = SelectMultipleField(validate_choice=False, validators=[Optional()])
    skip = BooleanField()


class TextAnswerForm(FlaskForm):
    answer = TextAreaField(widget=GovCharacterCount(), validators=[Optional()])
    skip = BooleanField()


def _skipped() -> DraftAnswer:
    return {"skipped": True, "choices": [], "text": None}


class QuestionKind(ABC):
    """One question as its type treats it; `for_question` gives the right subclass."""

    kind: ClassVar[QuestionType]
    has_options: ClassVar[bool] = False  # staff write its answer options

    def __init__(self, question: Question) -> None:
        self.question = question

    def choices(self) -> list[Choice]:
        return []

    def form(self, stored: DraftAnswer | None) -> FlaskForm:
        """The answer form, filled in with the answer kept in the draft, if any."""
        form = self._form(stored or {})
        form.answer.choices = [(c.value, c.value) for c in self.choices()] + [(SKIP, SKIP)]
        return form

    @abstractmethod
    def _form(self, stored: DraftAnswer) -> FlaskForm: ...

    @abstractmethod
    def posted(self, formdata: MultiDict) -> tuple[list[str], str | None]:
        """The chosen values (SKIP among them when the person skipped) and the typed text."""

    def clean(self, values: Sequence[str], text: str | None) -> DraftAnswer | str:
        """The answer as stored in a draft, or an error code for `error_text`."""
        if SKIP in values and not self.question.required:
            return _skipped()
        return self._check(values, text)

    @abstractmethod
    def _check(self, values: Sequence[str], text: str | None) -> DraftAnswer | str: ...

    def error_text(self, code: str) -> str:
        """What to tell the person about an error code from `clean`."""
        if self.question.required:
            return _(
                "Please answer this question. We need it because: %(reason)s",
                reason=self.question.required_reason or "",
            )
        return _("Choose an answer, or choose “I don't want to answer”.")

    def display(self, answer: DraftAnswer | None, language: str, easy: bool) -> str:
        """The answer as the check-your-answers page shows it."""
        if answer is None:
            return _("Not answered yet")
        if answer.get("skipped"):
            return _("I don't want to answer")
        return self._shown(answer, language, easy)

    @abstractmethod
    def _shown(self, answer: DraftAnswer, language: str, easy: bool) -> str: ...

    def label_values(self, answer: DraftAnswer) -> list[str]:
        """What a LABEL question's answer says, as the values of its label."""
        return [str(value) for value in answer.get("choices") or []]


class ChoiceQuestion(QuestionKind):
    """Answered by choosing from a list."""

    multiple: ClassVar[bool] = False

    def _form(self, stored: DraftAnswer) -> FlaskForm:
        value = SKIP if stored.get("skipped") else next(iter(stored.get("choices") or []), None)
        return SingleAnswerForm(data={"answer": value})

    def posted(self, formdata: MultiDict) -> tuple[list[str], str | None]:
        values = formdata.getlist("answer")
        if formdata.get("skip"):
            values.append(SKIP)
        return values, None

    def _check(self, values: Sequence[str], text: str | None) -> DraftAnswer | str:
        allowed = {choice.value for choice in self.choices()}
        chosen = [value for value in values if value != SKIP]
        if not chosen:
            return "no_choice"
        if any(value not in allowed for value in chosen):
            return "bad_choice"
        if not self.multiple and len(chosen) > 1:
            return "bad_choice"
        return {"skipped": False, "choices": sorted(set(chosen), key=chosen.index), "text": None}

    def error_text(self, code: str) -> str:
        if code == "bad_choice":
            return _("That answer is not on the list. Choose an answer from the list.")
        return super().error_text(code)

    def _shown(self, answer: DraftAnswer, language: str, easy: bool) -> str:
        choices = {c.value: c for c in self.choices()}
        return ", ".join(
            wording_text(choices[v].wording, language, easy)
            for v in answer.get("choices", [])
            if v in choices
        )


class SingleChoiceQuestion(ChoiceQuestion):
    kind = QuestionType.SINGLE
    has_options = True

    def choices(self) -> list[Choice]:
        return [Choice(str(o.id), o.wording, o.picture) for o in self.question.options]

    def label_values(self, answer: DraftAnswer) -> list[str]:
        keys = {str(option.id): option.key for option in self.question.options}
        return [key for value in super().label_values(answer) if (key := keys.get(value))]


class MultipleChoiceQuestion(SingleChoiceQuestion):
    kind = QuestionType.MULTIPLE
    multiple = True

    def _form(self, stored: DraftAnswer) -> FlaskForm:
        return MultipleAnswerForm(
            data={"answer": stored.get("choices") or [], "skip": bool(stored.get("skipped"))}
        )


class PictureChoiceQuestion(SingleChoiceQuestion):
    kind = QuestionType.PICTURE


def _both(plain: str, easy: str | None = None) -> Wordings:
    # Lazy strings in fact (they follow the page language); wording_text makes them str.
    return {"en": {"plain": plain, "easy": easy or plain}}


class BuiltinChoiceQuestion(ChoiceQuestion):
    """Answers every question of the type shares, translated like the rest of the site (the
    "en" entry holds lazy strings, so it follows the page language). Their values are stable,
    so they are label values as they are."""

    builtin: ClassVar[tuple[Choice, ...]] = ()

    def choices(self) -> list[Choice]:
        return list(self.builtin)


class FaceScaleQuestion(BuiltinChoiceQuestion):
    kind = QuestionType.EMOJI
    builtin = (
        Choice("1", _both(_l("Very unhappy")), "face-1"),
        Choice("2", _both(_l("Unhappy")), "face-2"),
        Choice("3", _both(_l("OK")), "face-3"),
        Choice("4", _both(_l("Happy")), "face-4"),
        Choice("5", _both(_l("Very happy")), "face-5"),
    )


class YesNoQuestion(BuiltinChoiceQuestion):
    kind = QuestionType.YES_NO
    builtin = (
        Choice("yes", _both(_l("Yes")), "yes"),
        Choice("no", _both(_l("No")), "no"),
        Choice("not_sure", _both(_l("Not sure")), "not-sure"),
    )


class RatingQuestion(BuiltinChoiceQuestion):
    kind = QuestionType.RATING
    builtin = (
        Choice("1", _both(_l("1: very bad"))),
        Choice("2", _both(_l("2: bad"))),
        Choice("3", _both(_l("3: OK"))),
        Choice("4", _both(_l("4: good"))),
        Choice("5", _both(_l("5: very good"))),
    )


class TextQuestion(QuestionKind):
    """Answered by typing."""

    def _form(self, stored: DraftAnswer) -> FlaskForm:
        return TextAnswerForm(
            data={"answer": stored.get("text") or "", "skip": bool(stored.get("skipped"))}
        )

    def posted(self, formdata: MultiDict) -> tuple[list[str], str | None]:
        values = [SKIP] if formdata.get("skip") else []
        return values, formdata.get("answer", "")

    def _shown(self, answer: DraftAnswer, language: str, easy: bool) -> str:
        return str(answer.get("text") or "")


class FreeTextQuestion(TextQuestion):
    kind = QuestionType.FREE_TEXT

    def _check(self, values: Sequence[str], text: str | None) -> DraftAnswer | str:
        text = (text or "").strip()
        if not text:
            return "empty_text" if self.question.required else _skipped()
        if len(text) > FREE_TEXT_LIMIT:
            return "too_long"
        return {"skipped": False, "choices": [], "text": text}

    def error_text(self, code: str) -> str:
        if code == "too_long":
            return _(
                "Your answer is too long. Use %(limit)s characters or fewer.",
                limit=f"{FREE_TEXT_LIMIT:,}",
            )
        if code == "empty_text" and not self.question.required:
            return _("Write your answer, or choose “I don't want to answer”.")
        return super().error_text(code)

    def label_values(self, answer: DraftAnswer) -> list[str]:
        return [str(answer["text"]).strip()] if answer.get("text") else []


class EmailQuestion(TextQuestion):
    """An address to hear back at: never stored with the answers, never a label."""

    kind = QuestionType.EMAIL

    def _check(self, values: Sequence[str], text: str | None) -> DraftAnswer | str:
        text = (text or "").strip()
        if not text:
            # Leaving it empty is how a person says no: optional email questions have no skip box.
            return "empty_email" if self.question.required else _skipped()
        if len(text) > EMAIL_LIMIT:
            return "bad_email"
        try:
            validate_email(text, check_deliverability=False)
        except EmailNotValidError:
            return "bad_email"
        return {"skipped": False, "choices": [], "text": text}

    def error_text(self, code: str) -> str:
        if code == "bad_email":
            return _("Enter an email address like name@example.com")
        return super().error_text(code)

    def label_values(self, answer: DraftAnswer) -> list[str]:
        return []


QUESTION_TYPES: dict[QuestionType, type[QuestionKind]] = {
    rules.kind: rules
    for rules in (
        FreeTextQuestion,
        SingleChoiceQuestion,
        MultipleChoiceQuestion,
        PictureChoiceQuestion,
        FaceScaleQuestion,
        YesNoQuestion,
        RatingQuestion,
        EmailQuestion,
    )
}
CHOICE_TYPES = frozenset(kind for kind, rules in QUESTION_TYPES.items() if rules.has_options)


def for_question(question: Question) -> QuestionKind:
    return QUESTION_TYPES[question.kind](question)
