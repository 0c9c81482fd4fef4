"""Names of the default codebook's themes, marked for translation.

Stored theme names are what staff typed; while a default theme keeps its shipped English name,
pages show it in the reader's language from these messages instead. A translation staff stored
(voice.content_translations) comes first."""

from flask_babel import get_locale

from themes import translatable as _translatable  # noqa: F401 - registers the theme kind
from themes.models import Theme
from voice.content_translations.store import translation_for
from voice.i18n import _l

DEFAULT_NAMES = {
    "waiting-times": (
        "Waiting times",
        _l("Waiting times"),
        "Waiting a long time",
        _l("Waiting a long time"),
    ),
    "speech-language": (
        "Speech, language and communication",
        _l("Speech, language and communication"),
        "Talking and understanding",
        _l("Talking and understanding"),
    ),
    "mental-health": (
        "Mental health and wellbeing",
        _l("Mental health and wellbeing"),
        "Feelings and mental health",
        _l("Feelings and mental health"),
    ),
    "ehc-plans": (
        "EHC plans and assessments",
        _l("EHC plans and assessments"),
        "My EHC plan",
        _l("My EHC plan"),
    ),
    "school-support": (
        "Support in school",
        _l("Support in school"),
        "Help at school",
        _l("Help at school"),
    ),
    "school-places": (
        "School places and placements",
        _l("School places and placements"),
        "Finding the right school",
        _l("Finding the right school"),
    ),
    "short-breaks": (
        "Short breaks and activities",
        _l("Short breaks and activities"),
        "Clubs, activities and breaks",
        _l("Clubs, activities and breaks"),
    ),
    "information": (
        "Information and communication",
        _l("Information and communication"),
        "Finding out and being kept informed",
        _l("Finding out and being kept informed"),
    ),
    "adulthood": (
        "Preparing for adulthood",
        _l("Preparing for adulthood"),
        "Growing up and becoming an adult",
        _l("Growing up and becoming an adult"),
    ),
    "being-heard": (
        "Being heard and involved",
        _l("Being heard and involved"),
        "Being listened to",
        _l("Being listened to"),
    ),
    "transport": (
        "Transport",
        _l("Transport"),
        "Getting to school and getting around",
        _l("Getting to school and getting around"),
    ),
    "social-care": (
        "Social care and family support",
        _l("Social care and family support"),
        "Social workers and help for families",
        _l("Social workers and help for families"),
    ),
    "friendships": (
        "Friendships and belonging",
        _l("Friendships and belonging"),
        "Friends and fitting in",
        _l("Friends and fitting in"),
    ),
    "health-therapies": (
        "Health services and therapies",
        _l("Health services and therapies"),
        "Health, therapy and equipment",
        _l("Health, therapy and equipment"),
    ),
}


def _in_reader_language(theme: Theme, name: str) -> str:
    return translation_for(theme, name, str(get_locale() or "en")) or getattr(theme, name)


def theme_name(theme: Theme) -> str:
    return _in_reader_language(theme, "name")


def easy_read_name(theme: Theme) -> str:
    return _in_reader_language(theme, "easy_read_name")
