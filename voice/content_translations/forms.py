"""Forms of the translation pages."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovFileInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
)
from wtforms import SelectField, SelectMultipleField, SubmitField, TextAreaField
from wtforms.validators import Length, Optional

from voice.content_translations.files import MAX_TEXT
from voice.content_translations.workflow import Entry
from voice.i18n import _l, language_name


def language_choices(languages: list[str]) -> list[tuple[str, str]]:
    return [(code, language_name(code)) for code in languages]


class ImportForm(FlaskForm):
    language = SelectField(_l("Language of the translations"), widget=GovSelect(), choices=[])
    translations = FileField(_l("Translated file"), widget=GovFileInput())
    submit = SubmitField(_l("Check the file"), widget=GovSubmitInput())


class ApplyForm(FlaskForm):
    submit = SubmitField(_l("Apply these translations"), widget=GovSubmitInput())


class RequiredLanguagesForm(FlaskForm):
    languages = SelectMultipleField(
        _l("Languages a statement must be translated into before it is published"),
        widget=GovCheckboxesInput(),
        choices=[],
        validators=[Optional()],
    )
    submit = SubmitField(_l("Save the setting"), widget=GovSubmitInput())


class TranslateForm(FlaskForm):
    submit = SubmitField(_l("Save translations"), widget=GovSubmitInput())


def translate_form(entries: list[Entry]) -> TranslateForm:
    """A form with one box per field, named field_<the content's field>."""

    class Form(TranslateForm):
        pass

    for entry in entries:
        setattr(
            Form,
            f"field_{entry.name}",
            TextAreaField(
                entry.kind.fields[entry.name],
                widget=GovTextArea(),
                validators=[
                    Length(
                        max=MAX_TEXT,
                        message=_l("Translations must be %(max)d characters or fewer"),
                    )
                ],
            ),
        )
    return Form()
