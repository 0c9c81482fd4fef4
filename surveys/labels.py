"""The words people read for audiences and channels, defined once for every package."""

from surveys.models import Channel, HowAnswered, SourceGroup
from voice.i18n import _l

# A group of people, for headings, filters and counts.
AUDIENCE_LABELS = {
    SourceGroup.YOUNG_PERSON: _l("Young people"),
    SourceGroup.PARENT_CARER: _l("Parent carers"),
    SourceGroup.SCHOOL: _l("Schools and settings"),
    SourceGroup.PROFESSIONAL: _l("Professionals"),
}

# One person or place, for a single view ("entered on behalf of a parent carer").
SOURCE_LABELS = {
    SourceGroup.PARENT_CARER: _l("Parent carer"),
    SourceGroup.YOUNG_PERSON: _l("Young person"),
    SourceGroup.SCHOOL: _l("School or setting"),
    SourceGroup.PROFESSIONAL: _l("Professional"),
}

CHANNEL_LABELS = {
    Channel.KIOSK: _l("Tablet at a group"),
    Channel.WEB: _l("Online survey"),
    Channel.FORM: _l("Feedback form"),
    Channel.PROXY: _l("Entered on someone's behalf"),
    Channel.IMPORT: _l("Imported spreadsheet"),
}

# How a response was given, as staff read it (the respondent's own words are in surveys.forms).
HOW_ANSWERED_LABELS = {
    HowAnswered.ON_MY_OWN: _l("On their own"),
    HowAnswered.WITH_HELP: _l("With help"),
    HowAnswered.FOR_ME: _l("Someone answered for them"),
}
NOT_RECORDED = _l("Not recorded")
NOT_RECORDED_CHOICE = "not_recorded"  # the filter value for responses that did not say
