from typing import Any

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovCheckboxInput,
    GovPasswordInput,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    SelectMultipleField,
    StringField,
    SubmitField,
)
from wtforms.validators import Email, EqualTo, InputRequired, Length, ValidationError

from voice.accounts.models import Role, SignInEventKind
from voice.i18n import _l

MIN_PASSWORD_LENGTH = 12

ROLE_LABELS = {
    Role.ADMIN: _l("Admin"),
    Role.STRATEGY_LEAD: _l("Strategy lead"),
    Role.FORUM_REP: _l("Parent carer forum rep"),
    Role.SCHOOL_CONTACT: _l("School contact"),
    Role.FACILITATOR: _l("Facilitator"),
    Role.SAFEGUARDING_LEAD: _l("Safeguarding lead"),
}

EVENT_LABELS = {
    SignInEventKind.SIGNED_IN: _l("Signed in"),
    SignInEventKind.PASSWORD_REFUSED: _l("Wrong email address or password"),
    SignInEventKind.CODE_REFUSED: _l("Wrong or reused security code"),
    SignInEventKind.RECOVERY_CODE_USED: _l("Recovery code used"),
    SignInEventKind.SECOND_FACTOR_SET_UP: _l("Second factor set up"),
    SignInEventKind.SECOND_FACTOR_RESET: _l("Second factor reset"),
    SignInEventKind.SIGNED_OUT: _l("Signed out"),
    SignInEventKind.SIGNED_OUT_EVERYWHERE: _l("Signed out everywhere"),
    SignInEventKind.SESSION_REFUSED: _l("Session refused"),
    SignInEventKind.SIGNED_IN_WITH_PROVIDER: _l("Signed in with the organisation's account"),
    SignInEventKind.PROVIDER_REFUSED: _l("Organisation's sign-in refused"),
}

_password_length = Length(
    min=MIN_PASSWORD_LENGTH,
    max=200,
    message=_l("Password must be %(min)d characters or more", min=MIN_PASSWORD_LENGTH),
)


class SignInForm(FlaskForm):
    email = EmailField(
        _l("Email address"),
        widget=GovTextInput(),
        validators=[InputRequired(message=_l("Enter your email address"))],
    )
    password = PasswordField(
        _l("Password"),
        widget=GovPasswordInput(),
        validators=[InputRequired(message=_l("Enter your password"))],
    )
    submit = SubmitField(_l("Sign in"), widget=GovSubmitInput())


class RolesField(SelectMultipleField):
    def __init__(self, label: str, **kwargs: Any) -> None:
        super().__init__(
            label,
            choices=[(role.value, text) for role, text in ROLE_LABELS.items()],
            widget=GovCheckboxesInput(),
            **kwargs,
        )

    @property
    def roles(self) -> list[Role]:
        return [Role(value) for value in self.data or []]


class NewUserForm(FlaskForm):
    name = StringField(
        _l("Full name"),
        widget=GovTextInput(),
        validators=[InputRequired(message=_l("Enter the person's name")), Length(max=120)],
    )
    email = EmailField(
        _l("Email address"),
        widget=GovTextInput(),
        validators=[
            InputRequired(message=_l("Enter the person's email address")),
            Email(message=_l("Enter an email address in the right format, like name@example.org")),
            Length(max=254),
        ],
    )
    roles = RolesField(
        _l("Roles"),
        validators=[InputRequired(message=_l("Select at least one role"))],
    )
    password = PasswordField(
        _l("First password"),
        description=_l("Give this to the person privately. They can change it after signing in."),
        widget=GovPasswordInput(),
        validators=[InputRequired(message=_l("Enter a first password")), _password_length],
    )
    submit = SubmitField(_l("Add person"), widget=GovSubmitInput())


class EditUserForm(FlaskForm):
    roles = RolesField(_l("Roles"))
    active = BooleanField(_l("This account can sign in"), widget=GovCheckboxInput())
    submit = SubmitField(_l("Save changes"), widget=GovSubmitInput())


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        _l("Current password"),
        widget=GovPasswordInput(),
        validators=[InputRequired(message=_l("Enter your current password"))],
    )
    new_password = PasswordField(
        _l("New password"),
        widget=GovPasswordInput(),
        validators=[InputRequired(message=_l("Enter a new password")), _password_length],
    )
    confirm_password = PasswordField(
        _l("Confirm new password"),
        widget=GovPasswordInput(),
        validators=[
            InputRequired(message=_l("Enter the new password again")),
            EqualTo("new_password", message=_l("The two new passwords must match")),
        ],
    )
    submit = SubmitField(_l("Change password"), widget=GovSubmitInput())

    def validate_new_password(self, field: PasswordField) -> None:
        if field.data and field.data == self.current_password.data:
            raise ValidationError(
                _l("Choose a new password that is different from the current one")
            )


class SecondFactorCodeForm(FlaskForm):
    code = StringField(
        _l("Security code"),
        widget=GovTextInput(),
        validators=[InputRequired(message=_l("Enter the 6-digit code from your app"))],
    )
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())


class SetUpSecondFactorForm(FlaskForm):
    code = StringField(
        _l("Security code"),
        widget=GovTextInput(),
        validators=[InputRequired(message=_l("Enter the 6-digit code from your app"))],
    )
    submit = SubmitField(_l("Turn on the second factor"), widget=GovSubmitInput())
