"""Forms for feedback forms, proxy entry, spreadsheet imports and the All feedback list."""

from datetime import UTC, datetime

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxesInput,
    GovCheckboxInput,
    GovFileInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import (
    BooleanField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
)
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from surveys.imports.parsing import parse_date
from surveys.labels import CHANNEL_LABELS, HOW_ANSWERED_LABELS, NOT_RECORDED, NOT_RECORDED_CHOICE
from surveys.labels import SOURCE_LABELS as AUDIENCE_LABELS
from surveys.models import SourceGroup
from voice.config import LANGUAGES
from voice.i18n import LANGUAGE_NAMES, _l

MAX_VIEW_CHARS = 5000

LANGUAGE_CHOICES = [(code, LANGUAGE_NAMES.get(code, code)) for code in LANGUAGES]


def _strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


class NotBlank:
    """InputRequired lets "   " through; this does not."""

    def __init__(self, message: str) -> None:
        self.message = message

    def __call__(self, form: FlaskForm, field: StringField) -> None:
        if not (field.data or "").strip():
            raise ValidationError(self.message)


# --- Proxy entry ------------------------------------------------------------------------------


class ProxyEntryForm(FlaskForm):
    text = StringField(
        _l("What did they say?"),
        widget=GovCharacterCount(),
        validators=[
            NotBlank(_l("Enter the view you were given")),
            Length(
                max=MAX_VIEW_CHARS,
                message=_l("The view must be %(max)d characters or fewer", max=MAX_VIEW_CHARS),
            ),
        ],
    )
    on_behalf_of = RadioField(
        _l("Whose view is it?"),
        widget=GovRadioInput(),
        choices=[
            (g.value, AUDIENCE_LABELS[g])
            for g in (SourceGroup.PARENT_CARER, SourceGroup.YOUNG_PERSON, SourceGroup.SCHOOL)
        ],
        validators=[InputRequired(message=_l("Select whose view it is"))],
    )
    gathered_at = StringField(
        _l("Where or how was it gathered?"),
        widget=GovTextInput(),
        filters=[_strip],
        validators=[
            NotBlank(_l("Enter the event or setting, for example Coffee morning, 3 March")),
            Length(max=200, message=_l("Enter 200 characters or fewer")),
        ],
    )
    consent_to_quote = BooleanField(
        _l("They agree to an anonymised quote being published"), widget=GovCheckboxInput()
    )
    language = SelectField(
        _l("Language they used"), widget=GovSelect(), choices=LANGUAGE_CHOICES, default="en"
    )
    submit = SubmitField(_l("Save and enter another"), widget=GovSubmitInput())


# --- Spreadsheet import -----------------------------------------------------------------------


class ImportUploadForm(FlaskForm):
    spreadsheet = FileField(_l("Upload a file"), widget=GovFileInput())
    submit = SubmitField(_l("Upload and preview"), widget=GovSubmitInput())


class ImportMappingForm(FlaskForm):
    text_column = SelectField(_l("Comment"), widget=GovSelect(), choices=[])
    date_column = SelectField(_l("Date (optional)"), widget=GovSelect(), choices=[])
    audience_column = SelectField(_l("Who it is from (optional)"), widget=GovSelect(), choices=[])
    setting_column = SelectField(_l("Event or setting (optional)"), widget=GovSelect(), choices=[])
    consent_column = SelectField(_l("May we quote it (optional)"), widget=GovSelect(), choices=[])
    label_columns = SelectMultipleField(
        _l("Labels (optional)"), widget=GovCheckboxesInput(), choices=[], validate_choice=False
    )
    default_audience = RadioField(
        _l("Who are the comments from, when the file does not say?"),
        widget=GovRadioInput(),
        choices=[(g.value, AUDIENCE_LABELS[g]) for g in AUDIENCE_LABELS],
        validators=[Optional()],
    )
    language = SelectField(
        _l("Language of the comments"), widget=GovSelect(), choices=LANGUAGE_CHOICES, default="en"
    )
    submit = SubmitField(_l("Check the rows"), widget=GovSubmitInput())

    def set_columns(self, headers: list[str]) -> None:
        columns = [
            (str(i), header or _l("Column %(number)d", number=i + 1))
            for i, header in enumerate(headers)
        ]
        unused = [("", _l("Not in this file"))]
        self.text_column.choices = [("", _l("Choose a column")), *columns]
        for field in (
            self.date_column,
            self.audience_column,
            self.setting_column,
            self.consent_column,
        ):
            field.choices = unused + columns
        self.label_columns.choices = columns


class ImportConfirmForm(FlaskForm):
    submit = SubmitField(_l("Import the rows"), widget=GovSubmitInput())


class ImportCancelForm(FlaskForm):
    submit = SubmitField(_l("Stop this import"), widget=GovSubmitInput())


# --- All feedback list ------------------------------------------------------------------------


class DateField(StringField):
    """A day typed as 27/3/2026 or 2026-03-27; `.day` holds it as midnight UTC."""

    day: datetime | None = None

    def pre_validate(self, form: FlaskForm) -> None:
        self.day = None
        value = (self.data or "").strip()
        if not value:
            return
        try:
            self.day = parse_date(value)
        except ValueError as error:
            raise ValidationError(_l("Enter a date like 27/3/2026")) from error
        if self.day is not None and self.day > datetime.now(UTC).replace(year=2100):
            raise ValidationError(_l("Enter a real date"))


class FeedbackFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search form: nothing changes

    audience = SelectField(
        _l("Who it is from"), widget=GovSelect(), choices=[], validators=[Optional()]
    )
    channel = SelectField(
        _l("How it reached us"), widget=GovSelect(), choices=[], validators=[Optional()]
    )
    survey = SelectField(_l("Survey"), widget=GovSelect(), choices=[], validators=[Optional()])
    how_answered = SelectField(
        _l("How it was answered"), widget=GovSelect(), choices=[], validators=[Optional()]
    )
    date_from = DateField(_l("From date (optional)"), widget=GovTextInput())
    date_to = DateField(_l("To date (optional)"), widget=GovTextInput())
    q = StringField(
        _l("Words in the comment (optional)"),
        widget=GovTextInput(),
        filters=[_strip],
        validators=[Length(max=200)],
    )
    submit = SubmitField(_l("Apply filters"), widget=GovSubmitInput())

    def set_choices(self, surveys: list[tuple[int, str]]) -> None:
        anything = [("", _l("Any"))]
        self.audience.choices = anything + [(g.value, t) for g, t in AUDIENCE_LABELS.items()]
        self.channel.choices = anything + [(c.value, t) for c, t in CHANNEL_LABELS.items()]
        self.survey.choices = anything + [(str(i), title) for i, title in surveys]
        self.how_answered.choices = (
            anything
            + [(how.value, text) for how, text in HOW_ANSWERED_LABELS.items()]
            + [(NOT_RECORDED_CHOICE, NOT_RECORDED)]
        )

    def validate_date_to(self, field: DateField) -> None:
        if self.date_from.day and field.day and field.day < self.date_from.day:
            raise ValidationError(_l("The to date must be the same as or after the from date"))


# --- Contact email withdrawal (the feedback forms are standing surveys: feedback_forms.py) -----


class WithdrawContactForm(FlaskForm):
    submit = SubmitField(_l("Delete my email address"), widget=GovSubmitInput())
