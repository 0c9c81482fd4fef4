"""Forms every package uses, and two helpers for their fields after validation."""

from typing import TypeVar

from flask_wtf import FlaskForm
from wtforms import Field

T = TypeVar("T")


def required(data: T | None) -> T:
    """The data of a field whose DataRequired or InputRequired validator has passed. WTForms
    types every field's data as optional, since it is None before the form is validated."""
    if data is None:
        raise ValueError("a required field has no data: validate the form first")
    return data


def add_error(field: Field, message: str) -> None:
    """Show a message beside a field after validation, as its own validators' are shown (a
    new list: WTForms types the errors as a sequence, a tuple until validation runs)."""
    field.errors = [*field.errors, message]


class ConfirmForm(FlaskForm):
    """A button alone (retire, publish, sign out everywhere): its CSRF token is the whole form."""
