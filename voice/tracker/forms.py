"""Forms for priorities, actions, progress updates, coproduction and statements."""

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovDateInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    DateField,
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from voice.i18n import _l
from voice.tracker.models import ActionStatus, Organisation
from voice.tracker.verdicts import SENTENCE_LIMIT, VerdictFace

ORGANISATION_LABELS = {
    Organisation.COUNCIL: _l("Council"),
    Organisation.NHS: _l("NHS"),
    Organisation.SCHOOLS: _l("Schools"),
    Organisation.FORUM: _l("Parent carer forum"),
}

STATUS_LABELS = {
    ActionStatus.PLANNED: _l("Planned"),
    ActionStatus.IN_PROGRESS: _l("In progress"),
    ActionStatus.DONE: _l("Done"),
    ActionStatus.NOT_DOING: _l("Not doing"),
}

DATE_FORMAT = "%d %m %Y"


class DayMonthYearField(DateField):
    """A date typed into the GOV.UK day, month and year boxes."""

    def process_formdata(self, valuelist: list[str]) -> None:
        if len(valuelist) != 3:  # the widget needs all three boxes, even if a post left some out
            self.raw_data = ["", "", ""]
            valuelist = []
        if not any(value.strip() for value in valuelist):
            self.data = None
            return
        try:
            super().process_formdata([value.strip() for value in valuelist])
        except ValueError as error:
            raise ValueError(_l("Enter a real date as day month year, like 27 3 2026")) from error


class PriorityForm(FlaskForm):
    title = StringField(
        _l("Priority"),
        widget=GovTextInput(),
        validators=[
            InputRequired(message=_l("Enter the priority")),
            Length(max=200, message=_l("Priority must be 200 characters or fewer")),
        ],
    )
    easy_read_title = StringField(
        _l("Easy read wording"),
        widget=GovTextInput(),
        validators=[
            InputRequired(message=_l("Enter the priority in easy read")),
            Length(max=200, message=_l("Easy read wording must be 200 characters or fewer")),
        ],
    )
    submit = SubmitField(_l("Save priority"), widget=GovSubmitInput())


class ActionForm(FlaskForm):
    title = StringField(
        _l("Action"),
        description=_l("What we will do, in a few words"),
        widget=GovTextInput(),
        validators=[
            InputRequired(message=_l("Enter what the action is")),
            Length(max=200, message=_l("Action must be 200 characters or fewer")),
        ],
    )
    priority_id = SelectField(
        _l("Priority"),
        coerce=int,
        widget=GovSelect(),
        validators=[InputRequired(message=_l("Choose the priority this action serves"))],
    )
    description = TextAreaField(
        _l("Description"),
        widget=GovTextArea(),
        validators=[InputRequired(message=_l("Describe the action"))],
    )
    easy_read_description = TextAreaField(
        _l("Easy read description"),
        description=_l("Short sentences and everyday words."),
        widget=GovTextArea(),
        validators=[InputRequired(message=_l("Describe the action in easy read"))],
    )
    organisation = SelectField(
        _l("Organisation that owns it"),
        choices=[(org.value, label) for org, label in ORGANISATION_LABELS.items()],
        widget=GovRadioInput(),
        validators=[InputRequired(message=_l("Choose the organisation that owns the action"))],
    )
    lead = StringField(
        _l("Lead"),
        description=_l("The person or team responsible"),
        widget=GovTextInput(),
        validators=[
            InputRequired(message=_l("Enter who leads the action")),
            Length(max=120, message=_l("Lead must be 120 characters or fewer")),
        ],
    )
    status = SelectField(
        _l("Status"),
        choices=[(status.value, label) for status, label in STATUS_LABELS.items()],
        default=ActionStatus.PLANNED.value,
        widget=GovRadioInput(),
        validators=[InputRequired(message=_l("Choose the status"))],
    )
    status_reason = TextAreaField(
        _l("Why we are not doing it (needed for “Not doing”)"),
        description=_l("This is shown to the public."),
        widget=GovTextArea(),
    )
    starts_on = DayMonthYearField(
        _l("Start date (optional)"),
        description=_l("For example, 27 3 2026"),
        widget=GovDateInput(),
        format=DATE_FORMAT,
        validators=[Optional()],
    )
    due_on = DayMonthYearField(
        _l("Due date (optional)"),
        description=_l("For example, 27 3 2027"),
        widget=GovDateInput(),
        format=DATE_FORMAT,
        validators=[Optional()],
    )
    impact = TextAreaField(
        _l("Measured impact (optional)"),
        description=_l(
            "For example: average wait for a first speech and language appointment: "
            "31 weeks → 18 weeks"
        ),
        widget=GovTextArea(),
    )
    submit = SubmitField(_l("Save action"), widget=GovSubmitInput())

    def validate_status_reason(self, field: TextAreaField) -> None:
        if self.status.data == ActionStatus.NOT_DOING.value and not (field.data or "").strip():
            raise ValidationError(_l("Enter why we are not doing this action"))

    def validate_due_on(self, field: DayMonthYearField) -> None:
        if field.data and self.starts_on.data and field.data < self.starts_on.data:
            raise ValidationError(_l("Due date must be the same as or after the start date"))


class UpdateForm(FlaskForm):
    written_on = DayMonthYearField(
        _l("Date of the update"),
        description=_l("For example, 27 3 2026"),
        widget=GovDateInput(),
        format=DATE_FORMAT,
        validators=[InputRequired(message=_l("Enter the date of the update as day month year"))],
    )
    text = TextAreaField(
        _l("Progress update"),
        widget=GovTextArea(),
        validators=[InputRequired(message=_l("Enter what has happened"))],
    )
    submit = SubmitField(_l("Add update"), widget=GovSubmitInput())


class CoproductionForm(FlaskForm):
    who = StringField(
        _l("Who helped shape it"),
        description=_l("For example, the young people's panel or the parent carer forum"),
        widget=GovTextInput(),
        validators=[
            InputRequired(message=_l("Enter who helped shape the action")),
            Length(max=200, message=_l("Who must be 200 characters or fewer")),
        ],
    )
    how = TextAreaField(
        _l("How they were involved"),
        widget=GovTextArea(),
        validators=[InputRequired(message=_l("Enter how they were involved"))],
    )
    happened_on = DayMonthYearField(
        _l("When"),
        description=_l("For example, 27 3 2026"),
        widget=GovDateInput(),
        format=DATE_FORMAT,
        validators=[InputRequired(message=_l("Enter the date as day month year"))],
    )
    what_changed = TextAreaField(
        _l("What changed because of them"),
        widget=GovTextArea(),
        validators=[InputRequired(message=_l("Enter what changed because of them"))],
    )
    submit = SubmitField(_l("Add to the coproduction log"), widget=GovSubmitInput())


class StatementForm(FlaskForm):
    summary = TextAreaField(
        _l("You said"),
        description=_l("A short summary of what people told us"),
        widget=GovTextArea(),
        validators=[
            InputRequired(message=_l("Enter a summary of what people said")),
            Length(max=600, message=_l("Summary must be 600 characters or fewer")),
        ],
    )
    easy_read_summary = TextAreaField(
        _l("You said, in easy read (needed before publishing)"),
        widget=GovTextArea(),
        validators=[
            Length(max=600, message=_l("Easy read summary must be 600 characters or fewer"))
        ],
    )
    theme_ids = SelectMultipleField(
        _l("Themes (optional)"), coerce=int, widget=GovCheckboxesInput(), validators=[Optional()]
    )
    action_ids = SelectMultipleField(
        _l("Actions that answer it (optional)"),
        coerce=int,
        widget=GovCheckboxesInput(),
        validators=[Optional()],
    )
    submit = SubmitField(_l("Save statement"), widget=GovSubmitInput())


class ChooseItemsForm(FlaskForm):
    item_ids = SelectMultipleField(
        _l("Comments to link"),
        coerce=int,
        widget=GovCheckboxesInput(),
        validators=[InputRequired(message=_l("Select at least one comment to link"))],
    )
    submit = SubmitField(_l("Link comments"), widget=GovSubmitInput())


# "Is this better for you now?" on a public card: the three faces, mildest first to worst.
FACE_LABELS = {
    VerdictFace.BETTER: _l("Better"),
    VerdictFace.SAME: _l("The same"),
    VerdictFace.WORSE: _l("Worse"),
}
FACE_PICTURES = {
    VerdictFace.BETTER: "face-4",
    VerdictFace.SAME: "face-3",
    VerdictFace.WORSE: "face-2",
}


class VerdictForm(FlaskForm):
    """Checked only: the card draws its own fields, one form per card (tracker/_verdict.html)."""

    face = RadioField(
        _l("Is this better for you now?"),
        choices=[(face.value, label) for face, label in FACE_LABELS.items()],
        validate_choice=False,
    )
    sentence = TextAreaField(
        _l("Tell us why (optional)"),
        validators=[
            Optional(),
            Length(
                max=SENTENCE_LIMIT,
                message=_l("Write %(limit)s characters or fewer", limit=SENTENCE_LIMIT),
            ),
        ],
    )
    token = HiddenField()
    back = HiddenField()

    def validate_face(self, field: RadioField) -> None:
        if field.data not in {face.value for face in VerdictFace}:
            raise ValidationError(_l("Choose better, the same or worse"))


class YouthCheckForm(FlaskForm):
    group_label = StringField(
        _l("Which youth group will check it?"),
        widget=GovTextInput(),
        filters=[lambda value: value.strip() if isinstance(value, str) else value],
        validators=[
            DataRequired(message=_l("Enter the name of the youth group")),
            Length(max=120, message=_l("Group name must be 120 characters or fewer")),
        ],
    )
    submit = SubmitField(_l("Send to the group's tablets"), widget=GovSubmitInput())
