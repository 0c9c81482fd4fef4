"""Forms for making a round, opening it on tablets and choosing on them."""

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import HiddenField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from surveys.forms import PICTURE_NAMES, PICTURES
from voice.i18n import _l
from voice.tracker.rounds.tablet import AGE_BANDS, REASON_LIMIT, SETTINGS

EASY_LIMIT = 80
OTHER_LANGUAGES = ("cy", "pl", "ar")

AGE_BAND_LABELS = {
    "8-11": _l("8 to 11"),
    "12-15": _l("12 to 15"),
    "16-18": _l("16 to 18"),
    "19-25": _l("19 to 25"),
    "mixed": _l("Mixed ages"),
}
SETTING_LABELS = {
    "youth_group": _l("Youth group"),
    "school": _l("School"),
    "college": _l("College"),
    "special_school": _l("Special school"),
    "other": _l("Somewhere else"),
}


class RoundForm(FlaskForm):
    title = StringField(
        _l("Name of the round"),
        description=_l("Staff see this name. For example, Spring 2026 youth groups"),
        widget=GovTextInput(),
        validators=[
            InputRequired(message=_l("Enter a name for the round")),
            Length(max=200, message=_l("The name must be 200 characters or fewer")),
        ],
    )
    submit = SubmitField(_l("Make the round"), widget=GovSubmitInput())


def _easy(language: str) -> StringField:
    names = {
        "en": _l("Easy read words"),
        "cy": _l("Easy read words in Welsh (optional)"),
        "pl": _l("Easy read words in Polish (optional)"),
        "ar": _l("Easy read words in Arabic (optional)"),
    }
    validators: list[object] = [
        Length(max=EASY_LIMIT, message=_l("Easy read words must be 80 characters or fewer"))
    ]
    if language == "en":
        validators.insert(0, InputRequired(message=_l("Enter the card's words in easy read")))
    else:
        validators.insert(0, Optional())
    return StringField(
        names[language],
        description=_l("One short sentence a young person can read. 80 characters or fewer")
        if language == "en"
        else "",
        widget=GovTextInput(),
        validators=validators,
    )


def _plain(language: str) -> StringField:
    names = {
        "en": _l("Standard words (optional)"),
        "cy": _l("Standard words in Welsh (optional)"),
        "pl": _l("Standard words in Polish (optional)"),
        "ar": _l("Standard words in Arabic (optional)"),
    }
    return StringField(
        names[language],
        description=_l("Leave empty to use the words of what the card stands for")
        if language == "en"
        else "",
        widget=GovTextInput(),
        validators=[
            Optional(),
            Length(max=200, message=_l("Standard words must be 200 characters or fewer")),
        ],
    )


class CardForm(FlaskForm):
    source = SelectField(
        _l("What the card stands for"),
        description=_l("A current theme, a published statement or an action still to do"),
        widget=GovSelect(),
        validators=[InputRequired(message=_l("Choose what the card stands for"))],
    )
    easy_en = _easy("en")
    plain_en = _plain("en")
    picture = SelectField(
        _l("Picture"),
        choices=[(name, PICTURE_NAMES[name]) for name in PICTURES],
        widget=GovRadioInput(),
        validators=[InputRequired(message=_l("Choose a picture for the card"))],
    )
    easy_cy = _easy("cy")
    plain_cy = _plain("cy")
    easy_pl = _easy("pl")
    plain_pl = _plain("pl")
    easy_ar = _easy("ar")
    plain_ar = _plain("ar")
    submit = SubmitField(_l("Add the card"), widget=GovSubmitInput())

    def wording(self) -> dict[str, dict[str, str]]:
        words: dict[str, dict[str, str]] = {}
        for language in ("en", *OTHER_LANGUAGES):
            parts = {
                part: (getattr(self, f"{part}_{language}").data or "").strip()
                for part in ("easy", "plain")
            }
            parts = {part: text for part, text in parts.items() if text}
            if parts:
                words[language] = parts
        return words


class RoundSessionForm(FlaskForm):
    round = SelectField(
        _l("Round"),
        coerce=int,
        widget=GovSelect(),
        validators=[InputRequired(message=_l("Choose the round to run"))],
    )
    group_label = StringField(
        _l("Group name"),
        description=_l("For example, Tuesday youth club"),
        widget=GovTextInput(),
        validators=[
            InputRequired(message=_l("Enter the name of the group")),
            Length(max=120, message=_l("The group name must be 120 characters or fewer")),
        ],
    )
    age_band = SelectField(
        _l("Ages of the young people"),
        choices=[(band, AGE_BAND_LABELS[band]) for band in AGE_BANDS],
        widget=GovRadioInput(),
        validators=[InputRequired(message=_l("Choose the ages of the young people"))],
    )
    setting = SelectField(
        _l("Where the group meets"),
        choices=[(place, SETTING_LABELS[place]) for place in SETTINGS],
        widget=GovRadioInput(),
        validators=[InputRequired(message=_l("Choose where the group meets"))],
    )
    submit = SubmitField(_l("Start the tablets"), widget=GovSubmitInput())


class ChooseForm(FlaskForm):
    """The cards are drawn by the respondent macros; this holds the CSRF token."""


class ReasonForm(FlaskForm):
    key = HiddenField()
    cards = HiddenField()
    reason = TextAreaField(
        _l("Why did you choose these? (optional)"),
        validators=[
            Optional(),
            Length(max=REASON_LIMIT, message=_l("Write 1,000 characters or fewer")),
        ],
    )
