"""Forms for the survey builder, kiosk sessions and the respondent pages (each question's
answer form is picked by its type: surveys/question_types.py)."""

import re

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovCheckboxInput,
    GovDateInput,
    GovFileInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from surveys.labels import AUDIENCE_LABELS
from surveys.models import HowAnswered, QuestionRole, QuestionType, SourceGroup
from surveys.question_types import CHOICE_TYPES
from surveys.symbols import SYMBOL_PREFIX, symbol_for
from voice.config import LANGUAGES
from voice.i18n import _l

PICTURES = ("happy", "sad", "school", "bus", "doctor", "friends", "home", "play", "talk", "wait")
PICTURE_NAMES = {
    "happy": _l("Happy"),
    "sad": _l("Sad"),
    "school": _l("School"),
    "bus": _l("Bus"),
    "doctor": _l("Doctor"),
    "friends": _l("Friends"),
    "home": _l("Home"),
    "play": _l("Play"),
    "talk": _l("Talking"),
    "wait": _l("Waiting"),
}
LANGUAGE_LABELS = {"en": _l("English"), "cy": _l("Welsh"), "pl": _l("Polish"), "ar": _l("Arabic")}
QUESTION_TYPE_LABELS = {
    QuestionType.FREE_TEXT: _l("Free text"),
    QuestionType.SINGLE: _l("Single choice"),
    QuestionType.MULTIPLE: _l("Multiple choice"),
    QuestionType.PICTURE: _l("Picture choice"),
    QuestionType.EMOJI: _l("Face scale (5 faces)"),
    QuestionType.YES_NO: _l("Yes, no or not sure"),
    QuestionType.RATING: _l("Rating from 1 to 5"),
    QuestionType.EMAIL: _l("Email address, kept apart from the answers"),
}
QUESTION_ROLE_LABELS = {
    QuestionRole.ANSWER: _l("Keep the answer (written answers become comments)"),
    QuestionRole.LABEL: _l("Label every comment in the response with the answer"),
    QuestionRole.CONSENT: _l("Permission to quote every comment in the response"),
}
LABEL_KEY = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
HOW_ANSWERED_LABELS = {
    HowAnswered.ON_MY_OWN: _l("I answered on my own"),
    HowAnswered.WITH_HELP: _l("Someone helped me"),
    HowAnswered.FOR_ME: _l("Someone answered for me"),
}


SENTENCE_STARTERS = (
    _l("I like it when…"),
    _l("I do not like it when…"),
    _l("It would help me if…"),
    _l("I wish…"),
    _l("I feel…"),
)


class DayMonthYearField(DateField):
    """A GOV.UK date input's three boxes. A post with some other number of parts, or none (the
    page never sends either), is read as three empty boxes, so the page can draw them again."""

    def process_formdata(self, valuelist: list[str]) -> None:
        if len(valuelist) != 3:  # none at all, too: the boxes must still be drawn
            valuelist = ["", "", ""]
            self.raw_data = valuelist
        super().process_formdata(valuelist)


class SurveyForm(FlaskForm):
    title = StringField(
        _l("Title staff see"),
        widget=GovTextInput(),
        validators=[DataRequired(_l("Enter a title for the survey")), Length(max=200)],
    )
    audience = RadioField(
        _l("Who is it for?"),
        widget=GovRadioInput(),
        choices=[(group.value, label) for group, label in AUDIENCE_LABELS.items()],
        validators=[InputRequired(_l("Choose who the survey is for"))],
    )
    opens_on = DayMonthYearField(
        _l("Opening date (optional)"),
        widget=GovDateInput(),
        validators=[Optional()],
        format="%d %m %Y",
    )
    closes_on = DayMonthYearField(
        _l("Closing date (optional)"),
        widget=GovDateInput(),
        validators=[Optional()],
        format="%d %m %Y",
    )
    retention_days = IntegerField(
        _l("Days to keep the answers"),
        widget=GovTextInput(),
        default=365,
        validators=[
            InputRequired(_l("Enter how many days to keep the answers")),
            NumberRange(min=1, max=3650, message=_l("Enter a number from 1 to 3650")),
        ],
    )
    listed = BooleanField(
        _l("List it for young people on the home page while it is open"),
        widget=GovCheckboxInput(),
    )
    submit = SubmitField(_l("Save survey"), widget=GovSubmitInput())

    def validate_closes_on(self, field: DateField) -> None:
        if field.data and self.opens_on.data and field.data <= self.opens_on.data:
            raise ValidationError(_l("The closing date must be after the opening date"))

    def validate_listed(self, field: BooleanField) -> None:
        if field.data and self.audience.data != SourceGroup.YOUNG_PERSON.value:
            raise ValidationError(
                _l(
                    "Only surveys for young people can be listed. Untick the box or choose "
                    "young people"
                )
            )


class QuestionForm(FlaskForm):
    kind = RadioField(
        _l("Type of question"),
        widget=GovRadioInput(),
        choices=[(kind.value, label) for kind, label in QUESTION_TYPE_LABELS.items()],
        validators=[InputRequired(_l("Choose the type of question"))],
    )
    picture = SelectField(
        _l("Picture beside the question (optional)"),
        widget=GovSelect(),
        choices=[("", _l("No picture"))] + [(name, PICTURE_NAMES[name]) for name in PICTURES],
        validators=[Optional()],
    )
    required = BooleanField(_l("Young people must answer this question"), widget=GovCheckboxInput())
    required_reason = StringField(
        _l("Why must they answer? (needed if they must)"),
        widget=GovTextInput(),
        validators=[Length(max=300)],
    )
    role = RadioField(
        _l("What the answer does"),
        widget=GovRadioInput(),
        choices=[(role.value, label) for role, label in QUESTION_ROLE_LABELS.items()],
        default=QuestionRole.ANSWER.value,
        validators=[Optional()],  # left out: the answer is just kept
    )
    label_key = StringField(
        _l("Label name (needed for labels)"),
        widget=GovTextInput(),
        description=_l("Lower case letters, numbers and hyphens. For example, service or age"),
        filters=[lambda value: value.strip() if isinstance(value, str) else value],
        validators=[Length(max=40, message=_l("Use 40 characters or fewer"))],
    )
    submit = SubmitField(_l("Save question"), widget=GovSubmitInput())

    def validate_required_reason(self, field: StringField) -> None:
        if self.required.data and not (field.data or "").strip():
            raise ValidationError(_l("Give the reason this question must be answered"))

    def validate_role(self, field: RadioField) -> None:
        kind = self.kind.data
        if field.data == QuestionRole.CONSENT.value and kind != QuestionType.YES_NO.value:
            raise ValidationError(_l("Permission to quote needs a yes, no or not sure question"))
        if field.data != QuestionRole.ANSWER.value and kind == QuestionType.EMAIL.value:
            raise ValidationError(_l("An email address can only be kept, never used as a label"))

    def validate_label_key(self, field: StringField) -> None:
        if field.data and not LABEL_KEY.fullmatch(field.data):
            raise ValidationError(
                _l("Use only lower case letters, numbers and hyphens, for example service")
            )
        if self.role.data == QuestionRole.LABEL.value and not field.data:
            raise ValidationError(_l("Enter a label name, for example service"))

    def validate_option_keys(self, field: TextAreaField) -> None:
        keys = read_option_keys(self)
        if any(not LABEL_KEY.fullmatch(key) for key in keys):
            raise ValidationError(
                _l("Use only lower case letters, numbers and hyphens for each option's label")
            )
        labelled = self.role.data == QuestionRole.LABEL.value
        choice = self.kind.data in {kind.value for kind in CHOICE_TYPES}
        if labelled and choice and len(keys) != len(read_options(self)):
            raise ValidationError(_l("Give every option a label, one a line, in order"))


CONDITION_MODES = {
    "includes": _l("includes one of the answers ticked below"),
    "excludes": _l("does not include any of the answers ticked below"),
}


class ConditionForm(FlaskForm):
    """When a question is shown, as a sentence staff complete: "Show this question when the
    answer to [an earlier question] [includes / does not include] [answers]". The view sets
    the choices and checks the answers belong to the chosen question (surveys.conditions)."""

    source = SelectField(
        _l("Show this question when the answer to"),
        widget=GovSelect(),
        validate_choice=False,  # checked in the view, with a message saying why
        validators=[InputRequired(_l("Choose the earlier question whose answer decides"))],
    )
    mode = RadioField(
        _l("Show it when that answer"),
        widget=GovRadioInput(),
        choices=list(CONDITION_MODES.items()),
        validators=[
            InputRequired(_l("Choose whether the answer includes or does not include them"))
        ],
    )
    values = SelectMultipleField(_l("Answers"), widget=GovCheckboxesInput(), validate_choice=False)
    show_answers = SubmitField(_l("Show the answers of this question"), widget=GovSubmitInput())
    submit = SubmitField(_l("Save when to show this question"), widget=GovSubmitInput())


class IntroForm(FlaskForm):
    submit = SubmitField(_l("Save wordings"), widget=GovSubmitInput())


def _add_wording_fields(
    form_class: type,
    prefix: str,
    plain_label: str,
    easy_label: str,
    plain_hint: str | None = None,
) -> None:
    for lang in LANGUAGES:
        setattr(
            form_class,
            f"{prefix}_{lang}_plain",
            TextAreaField(
                plain_label,
                widget=GovTextArea(),
                validators=[Length(max=2000)],
                description=LANGUAGE_LABELS[lang],
            ),
        )
        setattr(
            form_class,
            f"{prefix}_{lang}_easy",
            TextAreaField(
                easy_label,
                widget=GovTextArea(),
                validators=[Length(max=2000)],
                description=LANGUAGE_LABELS[lang],
            ),
        )


_add_wording_fields(IntroForm, "title", _l("Title"), _l("Easy read title"))
_add_wording_fields(IntroForm, "intro", _l("Introduction"), _l("Easy read introduction"))
_add_wording_fields(QuestionForm, "prompt", _l("Question"), _l("Easy read question"))
for _lang in LANGUAGES:
    setattr(
        QuestionForm,
        f"options_{_lang}",
        TextAreaField(
            _l("Answer options"),
            widget=GovTextArea(),
            validators=[Length(max=4000)],
            description=LANGUAGE_LABELS[_lang],
        ),
    )


def _known_symbols(form: FlaskForm, field: TextAreaField) -> None:
    """An OpenMoji code nobody can draw is refused, not silently dropped."""
    for line in (field.data or "").splitlines():
        name = line.strip()
        if name.startswith(SYMBOL_PREFIX) and symbol_for(name) is None:
            raise ValidationError(
                _l(
                    "There is no OpenMoji symbol called %(name)s. Check the code, or choose a "
                    "symbol from the search.",
                    name=name,
                )
            )


QuestionForm.option_pictures = TextAreaField(
    _l("Pictures for the options (picture choice only)"),
    widget=GovTextArea(),
    validators=[Length(max=1000), _known_symbols],
)
QuestionForm.option_keys = TextAreaField(
    _l("Label for each option (labels only)"),
    widget=GovTextArea(),
    validators=[Length(max=2000)],
)


def read_wordings(form: FlaskForm, prefix: str) -> dict[str, dict[str, str]]:
    return {
        lang: {
            "plain": (form[f"{prefix}_{lang}_plain"].data or "").strip(),
            "easy": (form[f"{prefix}_{lang}_easy"].data or "").strip(),
        }
        for lang in LANGUAGES
    }


def fill_wordings(form: FlaskForm, prefix: str, wordings: dict | None) -> None:
    for lang in LANGUAGES:
        entry = (wordings or {}).get(lang) or {}
        form[f"{prefix}_{lang}_plain"].data = entry.get("plain", "")
        form[f"{prefix}_{lang}_easy"].data = entry.get("easy", "")


def read_options(form: QuestionForm) -> list[tuple[dict[str, dict[str, str]], str | None]]:
    """One option a line, "plain wording | easy read wording", lines matching across languages;
    pictures one a line in the same order."""
    per_language = {
        lang: [line for line in (form[f"options_{lang}"].data or "").splitlines() if line.strip()]
        for lang in LANGUAGES
    }
    pictures = [p.strip() for p in (form.option_pictures.data or "").splitlines() if p.strip()]
    count = max(len(lines) for lines in per_language.values())
    options = []
    for index in range(count):
        wording = {}
        for lang, lines in per_language.items():
            plain, _sep, easy = (lines[index] if index < len(lines) else "").partition("|")
            wording[lang] = {"plain": plain.strip(), "easy": easy.strip()}
        picture = pictures[index] if index < len(pictures) else None
        allowed = (
            picture in PICTURES
            or (picture or "").startswith("upload-")
            or symbol_for(picture) is not None
        )
        options.append((wording, picture if allowed else None))
    return options


def fill_options(form: QuestionForm, options: list) -> None:
    for lang in LANGUAGES:
        form[f"options_{lang}"].data = "\n".join(
            f"{(o.wording.get(lang) or {}).get('plain', '')} | "
            f"{(o.wording.get(lang) or {}).get('easy', '')}"
            for o in options
        )
    form.option_pictures.data = "\n".join(o.picture or "" for o in options)
    form.option_keys.data = "\n".join(o.key or "" for o in options)


def read_option_keys(form: QuestionForm) -> list[str]:
    """One label a line, in the same order as the options (blank lines ignored)."""
    return [line.strip() for line in (form.option_keys.data or "").splitlines() if line.strip()]


class KioskSessionForm(FlaskForm):
    survey = SelectField(
        _l("Survey"),
        widget=GovSelect(),
        coerce=int,
        validators=[InputRequired(_l("Choose a survey"))],
    )
    group_label = StringField(
        _l("Name of the group"),
        widget=GovTextInput(),
        description=_l("For example, Tuesday youth club, Ellesmere Port"),
        validators=[DataRequired(_l("Enter the name of the group")), Length(max=120)],
    )
    submit = SubmitField(_l("Open the session"), widget=GovSubmitInput())


class CloseKioskForm(FlaskForm):
    submit = SubmitField(_l("Close the session"), widget=GovSubmitInput())


class JoinForm(FlaskForm):
    code = StringField(
        _l("Type the code"),
        widget=GovTextInput(),
        description=_l("The person running your group will tell you the code."),
        validators=[DataRequired(_l("Type the code. It has 5 letters and numbers."))],
    )
    submit = SubmitField(_l("Start"), widget=GovSubmitInput())


class StartForm(FlaskForm):
    submit = SubmitField(_l("Start"), widget=GovSubmitInput())


class SubmitResponseForm(FlaskForm):
    idempotency_key = HiddenField()
    answers = HiddenField()
    how_answered = RadioField(
        _l("How did you answer?"),
        widget=GovRadioInput(),
        choices=[(how.value, label) for how, label in HOW_ANSWERED_LABELS.items()],
        validators=[Optional()],
    )
    submit = SubmitField(_l("Send my answers"), widget=GovSubmitInput())


class CopySurveyForm(FlaskForm):
    submit = SubmitField(_l("Make a copy"), widget=GovSubmitInput())


class SymbolForm(FlaskForm):
    """Choosing one symbol the search found, for the question or one of its options."""

    symbol = RadioField(
        _l("Symbols that match"),
        widget=GovRadioInput(),
        choices=[],
        validate_choice=False,  # an unknown code gets its own message beside the field
        validators=[InputRequired(_l("Choose a symbol"))],
    )
    target = RadioField(
        _l("Where the symbol goes"),
        widget=GovRadioInput(),
        choices=[],
        validate_choice=False,  # checked in the view, with the message below
        validators=[InputRequired(_l("Choose where the symbol goes"))],
    )
    submit = SubmitField(_l("Use this symbol"), widget=GovSubmitInput())


class PictureForm(FlaskForm):
    name = StringField(
        _l("Name of the picture"),
        widget=GovTextInput(),
        description=_l("Staff see this name. For example, Our youth club"),
        validators=[DataRequired(_l("Enter a name for the picture")), Length(max=80)],
    )
    picture = FileField(
        _l("Upload a picture"),
        widget=GovFileInput(),
        description=_l("A PNG or JPEG file, 200 KB or smaller."),
        validators=[FileRequired(_l("Choose a picture to upload"))],
    )
    submit = SubmitField(_l("Upload picture"), widget=GovSubmitInput())
