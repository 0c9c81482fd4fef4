"""Forms for making a round, opening it on tablets and choosing on them."""

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSelect, GovSubmitInput
from wtforms import HiddenField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from surveys.forms import PICTURE_NAMES, PICTURES
from voice.i18n import _l
from voice.tracker.forms import radio_field, text_field
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
    title = text_field(
        _l("Name of the round"),
        description=_l("Staff see this name. For example, Spring 2026 youth groups"),
        required=_l("Enter a name for the round"),
        most=200,
        too_long=_l("The name must be 200 characters or fewer"),
    )
    submit = SubmitField(_l("Make the round"), widget=GovSubmitInput())


EASY_NAMES = {
    "en": _l("Easy read words"),
    "cy": _l("Easy read words in Welsh (optional)"),
    "pl": _l("Easy read words in Polish (optional)"),
    "ar": _l("Easy read words in Arabic (optional)"),
}
PLAIN_NAMES = {
    "en": _l("Standard words (optional)"),
    "cy": _l("Standard words in Welsh (optional)"),
    "pl": _l("Standard words in Polish (optional)"),
    "ar": _l("Standard words in Arabic (optional)"),
}


def _easy(language: str) -> StringField:
    """A card's easy read words: needed in English, the other languages optional."""
    english = language == "en"
    return text_field(
        EASY_NAMES[language],
        description=_l("One short sentence a young person can read. 80 characters or fewer")
        if english
        else "",
        required=_l("Enter the card's words in easy read") if english else None,
        most=EASY_LIMIT,
        too_long=_l("Easy read words must be 80 characters or fewer"),
    )


def _plain(language: str) -> StringField:
    return text_field(
        PLAIN_NAMES[language],
        description=_l("Leave empty to use the words of what the card stands for")
        if language == "en"
        else "",
        most=200,
        too_long=_l("Standard words must be 200 characters or fewer"),
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
    picture = radio_field(
        _l("Picture"),
        [(name, PICTURE_NAMES[name]) for name in PICTURES],
        required=_l("Choose a picture for the card"),
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
    group_label = text_field(
        _l("Group name"),
        description=_l("For example, Tuesday youth club"),
        required=_l("Enter the name of the group"),
        most=120,
        too_long=_l("The group name must be 120 characters or fewer"),
    )
    age_band = radio_field(
        _l("Ages of the young people"),
        [(band, AGE_BAND_LABELS[band]) for band in AGE_BANDS],
        required=_l("Choose the ages of the young people"),
    )
    setting = radio_field(
        _l("Where the group meets"),
        [(place, SETTING_LABELS[place]) for place in SETTINGS],
        required=_l("Choose where the group meets"),
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
