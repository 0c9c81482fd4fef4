"""Forms for the codebook, the review screen and the safeguarding queue."""

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import SelectField, SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from voice.i18n import _l


class ThemeForm(FlaskForm):
    name = StringField(
        _l("Name"),
        widget=GovTextInput(),
        validators=[
            InputRequired(message=_l("Enter the name of the theme")),
            Length(max=120, message=_l("Name must be 120 characters or fewer")),
        ],
    )
    easy_read_name = StringField(
        _l("Easy read name (optional)"),
        widget=GovTextInput(),
        validators=[
            Optional(),
            Length(max=120, message=_l("Easy read name must be 120 characters or fewer")),
        ],
    )
    description = TextAreaField(_l("Description (optional)"), widget=GovTextArea())
    signals = TextAreaField(
        _l("Words and phrases that signal this theme"),
        description=_l("One a line, or separated by commas. Word forms are matched for you."),
        widget=GovTextArea(),
        validators=[InputRequired(message=_l("Enter at least one word or phrase"))],
    )
    submit = SubmitField(_l("Save theme"), widget=GovSubmitInput())


class MergeForm(FlaskForm):
    target = SelectField(
        _l("Merge into"),
        coerce=int,
        widget=GovSelect(),
        validators=[InputRequired(message=_l("Select the theme to merge into"))],
    )
    submit = SubmitField(_l("Merge themes"), widget=GovSubmitInput())


class ReviewForm(FlaskForm):
    themes = SelectMultipleField(
        _l("Themes in this comment"),
        coerce=int,
        widget=GovCheckboxesInput(),
        validators=[Optional()],
    )
    submit = SubmitField(_l("Save and go to the next comment"), widget=GovSubmitInput())


class CloseFlagForm(FlaskForm):
    action_taken = TextAreaField(
        _l("What was done"),
        description=_l("For example who you contacted and when. This closes the flag."),
        widget=GovTextArea(),
        validators=[
            InputRequired(message=_l("Enter what was done before you close the flag")),
            Length(max=5000, message=_l("What was done must be 5000 characters or fewer")),
        ],
    )
    submit = SubmitField(_l("Close the flag"), widget=GovSubmitInput())


class RaiseFlagForm(FlaskForm):
    reason = TextAreaField(
        _l("What worries you about this comment?"),
        widget=GovTextArea(),
        validators=[
            InputRequired(message=_l("Say what worries you, so the safeguarding lead can act")),
            Length(max=2000, message=_l("Write 2,000 characters or fewer")),
        ],
    )
    submit = SubmitField(_l("Tell the safeguarding lead"), widget=GovSubmitInput())


class EmergingForm(FlaskForm):
    phrase = StringField(
        _l("Phrase"),
        widget=GovTextInput(),
        validators=[
            InputRequired(message=_l("Choose a phrase to make a theme from")),
            Length(max=120, message=_l("Phrase must be 120 characters or fewer")),
        ],
    )
    submit = SubmitField(_l("Make a theme"), widget=GovSubmitInput())
