"""Forms for finding and erasing a comment or a contact's email address."""

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextArea, GovTextInput
from wtforms import EmailField, HiddenField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Email, InputRequired, Length, ValidationError

from voice.forms import required
from voice.i18n import _l

REASON_LIMIT = 1000


def _stripped(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


def _reason_field() -> TextAreaField:
    return TextAreaField(
        _l("Why are you deleting it?"),
        widget=GovTextArea(),
        description=_l(
            "For example: the person asked us to, by email on 3 May. Do not write their name or "
            "email address; we take personal details out of the reason before it is kept."
        ),
        filters=[_stripped],
        validators=[
            DataRequired(message=_l("Enter why you are deleting it")),
            Length(
                max=REASON_LIMIT,
                message=_l("The reason must be %(max)d characters or fewer", max=REASON_LIMIT),
            ),
        ],
    )


class FindCommentForm(FlaskForm):
    """Sent with GET, so the number can be bookmarked and nothing changes."""

    class Meta:
        csrf = False

    number = StringField(
        _l("Comment number"),
        widget=GovTextInput(),
        description=_l('The number the All feedback list shows, like "Comment 123".'),
        filters=[_stripped],
        validators=[DataRequired(message=_l("Enter the comment number, like 123"))],
    )
    submit = SubmitField(_l("Find the comment"), widget=GovSubmitInput())

    def validate_number(self, field: StringField) -> None:
        value = (field.data or "").strip().removeprefix("#")
        if value.lower().startswith("comment"):
            value = value[len("comment") :].strip()
        if not value.isascii() or not value.isdigit() or len(value) > 12:
            raise ValidationError(_l("Enter the comment number using numbers only, like 123"))
        field.data = value

    @property
    def item_id(self) -> int:
        return int(required(self.number.data))


class EraseCommentForm(FlaskForm):
    reason = _reason_field()
    submit = SubmitField(_l("Delete this comment"), widget=GovSubmitInput())


class FindContactForm(FlaskForm):
    """Sent with POST: an email address must not end up in web server logs."""

    email = EmailField(
        _l("Email address"),
        widget=GovTextInput(),
        description=_l("The address the person gave on a survey or feedback form."),
        filters=[_stripped],
        validators=[
            InputRequired(message=_l("Enter the email address")),
            Email(message=_l("Enter an email address in the right format, like name@example.org")),
            Length(max=254),
        ],
    )
    submit = SubmitField(_l("Find their details"), widget=GovSubmitInput())


class EraseContactForm(FlaskForm):
    email = HiddenField()
    reason = _reason_field()
    submit = SubmitField(_l("Delete all their details"), widget=GovSubmitInput())
