"""Forms for priorities, actions, progress updates, coproduction and statements."""

from typing import TypeAlias

from flask_babel import LazyString
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


Label: TypeAlias = LazyString | str  # a label or message, translated when drawn


def text_field(
    label: Label,
    *,
    required: Label | None = None,
    most: int | None = None,
    too_long: Label | None = None,
    description: Label = "",
    area: bool = False,
) -> StringField:
    """A GOV.UK text input, or with `area` a textarea. `required` says what to enter when it is
    left empty; without it the field may be left empty, and the form's `validate_<field>` still
    runs (no `Optional()`, which would skip it). `too_long` says so past `most` characters."""
    validators: list[object] = [] if required is None else [InputRequired(required)]
    if most is not None:
        validators.append(Length(max=most, message=too_long))
    if area:
        return TextAreaField(
            label, description=description, widget=GovTextArea(), validators=validators
        )
    return StringField(label, description=description, widget=GovTextInput(), validators=validators)


def date_field(
    label: Label, *, required: Label | None = None, example: Label | None = None
) -> DayMonthYearField:
    """The GOV.UK day, month and year boxes; optional without `required`."""
    return DayMonthYearField(
        label,
        description=_l("For example, 27 3 2026") if example is None else example,
        widget=GovDateInput(),
        format=DATE_FORMAT,
        validators=[Optional() if required is None else InputRequired(required)],
    )


def radio_field(
    label: Label, choices: list[tuple[str, Label]], *, required: Label, default: str | None = None
) -> SelectField:
    """One choice of a few, as GOV.UK radios."""
    return SelectField(
        label,
        choices=choices,
        default=default,
        widget=GovRadioInput(),
        validators=[InputRequired(message=required)],
    )


class PriorityForm(FlaskForm):
    title = text_field(
        _l("Priority"),
        required=_l("Enter the priority"),
        most=200,
        too_long=_l("Priority must be 200 characters or fewer"),
    )
    easy_read_title = text_field(
        _l("Easy read wording"),
        required=_l("Enter the priority in easy read"),
        most=200,
        too_long=_l("Easy read wording must be 200 characters or fewer"),
    )
    submit = SubmitField(_l("Save priority"), widget=GovSubmitInput())


class ActionForm(FlaskForm):
    title = text_field(
        _l("Action"),
        description=_l("What we will do, in a few words"),
        required=_l("Enter what the action is"),
        most=200,
        too_long=_l("Action must be 200 characters or fewer"),
    )
    priority_id = SelectField(
        _l("Priority"),
        coerce=int,
        widget=GovSelect(),
        validators=[InputRequired(message=_l("Choose the priority this action serves"))],
    )
    description = text_field(_l("Description"), required=_l("Describe the action"), area=True)
    easy_read_description = text_field(
        _l("Easy read description"),
        description=_l("Short sentences and everyday words."),
        required=_l("Describe the action in easy read"),
        area=True,
    )
    organisation = radio_field(
        _l("Organisation that owns it"),
        [(org.value, label) for org, label in ORGANISATION_LABELS.items()],
        required=_l("Choose the organisation that owns the action"),
    )
    lead = text_field(
        _l("Lead"),
        description=_l("The person or team responsible"),
        required=_l("Enter who leads the action"),
        most=120,
        too_long=_l("Lead must be 120 characters or fewer"),
    )
    status = radio_field(
        _l("Status"),
        [(status.value, label) for status, label in STATUS_LABELS.items()],
        required=_l("Choose the status"),
        default=ActionStatus.PLANNED.value,
    )
    status_reason = text_field(
        _l("Why we are not doing it (needed for “Not doing”)"),
        description=_l("This is shown to the public."),
        area=True,
    )
    starts_on = date_field(_l("Start date (optional)"))
    due_on = date_field(_l("Due date (optional)"), example=_l("For example, 27 3 2027"))
    impact = text_field(
        _l("Measured impact (optional)"),
        description=_l(
            "For example: average wait for a first speech and language appointment: "
            "31 weeks → 18 weeks"
        ),
        area=True,
    )
    submit = SubmitField(_l("Save action"), widget=GovSubmitInput())

    def validate_status_reason(self, field: TextAreaField) -> None:
        if self.status.data == ActionStatus.NOT_DOING.value and not (field.data or "").strip():
            raise ValidationError(_l("Enter why we are not doing this action"))

    def validate_due_on(self, field: DayMonthYearField) -> None:
        if field.data and self.starts_on.data and field.data < self.starts_on.data:
            raise ValidationError(_l("Due date must be the same as or after the start date"))


class UpdateForm(FlaskForm):
    written_on = date_field(
        _l("Date of the update"), required=_l("Enter the date of the update as day month year")
    )
    text = text_field(_l("Progress update"), required=_l("Enter what has happened"), area=True)
    submit = SubmitField(_l("Add update"), widget=GovSubmitInput())


class CoproductionForm(FlaskForm):
    who = text_field(
        _l("Who helped shape it"),
        description=_l("For example, the young people's panel or the parent carer forum"),
        required=_l("Enter who helped shape the action"),
        most=200,
        too_long=_l("Who must be 200 characters or fewer"),
    )
    how = text_field(
        _l("How they were involved"), required=_l("Enter how they were involved"), area=True
    )
    happened_on = date_field(_l("When"), required=_l("Enter the date as day month year"))
    what_changed = text_field(
        _l("What changed because of them"),
        required=_l("Enter what changed because of them"),
        area=True,
    )
    submit = SubmitField(_l("Add to the coproduction log"), widget=GovSubmitInput())


class StatementForm(FlaskForm):
    summary = text_field(
        _l("You said"),
        description=_l("A short summary of what people told us"),
        required=_l("Enter a summary of what people said"),
        most=600,
        too_long=_l("Summary must be 600 characters or fewer"),
        area=True,
    )
    easy_read_summary = text_field(
        _l("You said, in easy read (needed before publishing)"),
        most=600,
        too_long=_l("Easy read summary must be 600 characters or fewer"),
        area=True,
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
