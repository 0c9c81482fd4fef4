"""The kinds of things surveys records, as other packages may name them (no tables here)."""

import enum


class SourceGroup(enum.Enum):
    """Who the view comes from (the survey "audience")."""

    YOUNG_PERSON = "young_person"
    PARENT_CARER = "parent_carer"
    SCHOOL = "school"
    PROFESSIONAL = "professional"


class Channel(enum.Enum):
    """How the view reached us."""

    KIOSK = "kiosk"
    WEB = "web"
    FORM = "form"
    PROXY = "proxy"
    IMPORT = "import"


class SurveyKind(enum.Enum):
    """A survey runs for a while; a feedback form is always open (same respondent engine)."""

    SURVEY = "survey"
    FORM = "form"


class SurveyStatus(enum.Enum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


class QuestionType(enum.Enum):
    FREE_TEXT = "free_text"
    SINGLE = "single"
    MULTIPLE = "multiple"
    PICTURE = "picture"
    EMOJI = "emoji"
    YES_NO = "yes_no"
    RATING = "rating"
    # An optional email address: kept apart from the answers, it becomes a ContactRequest.
    EMAIL = "email"


class QuestionRole(enum.Enum):
    """What an answer does besides being stored."""

    ANSWER = "answer"  # free text becomes a feedback item
    LABEL = "label"  # chosen option keys or typed text label the response's feedback items
    CONSENT = "consent"  # a yes/no: "yes" lets us quote the response's feedback items


class HowAnswered(enum.Enum):
    ON_MY_OWN = "on_my_own"
    WITH_HELP = "with_help"
    FOR_ME = "for_me"
