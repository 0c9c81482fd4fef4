"""Forms every package uses."""

from flask_wtf import FlaskForm


class ConfirmForm(FlaskForm):
    """A button alone (retire, publish, sign out everywhere): its CSRF token is the whole form."""
