"""The always-open feedback forms ("Tell us what you think") for parent carers and for schools
and settings: standing surveys (kind FORM) on the survey engine, made on first use.

Their wordings are the translated messages below, rendered once in every site language when a
form is made; after that staff change them in the survey builder like any survey's."""

from collections.abc import Sequence

from flask_babel import force_locale
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from surveys.builder import add_question, create_survey
from surveys.conditions import set_condition
from surveys.models import (
    Question,
    QuestionRole,
    QuestionType,
    SourceGroup,
    Survey,
    SurveyKind,
    SurveyStatus,
    Wordings,
)
from voice.config import LANGUAGES
from voice.db import db
from voice.i18n import _l

# The public address of each form (/tell-us/<audience>) and who it is for.
AUDIENCES = {"parent-carers": SourceGroup.PARENT_CARER, "schools": SourceGroup.SCHOOL}
SLUG_PREFIX = "tell-us-"

# Standard and easy-read wording for each audience. Easy read is its own wording: short
# sentences, everyday words.
WORDINGS = {
    (SourceGroup.PARENT_CARER, False): {
        "title": _l("Tell us what you think: parent carers"),
        "intro": _l(
            "Tell us about support and services for your child or young person with "
            "special educational needs or a disability. You do not need to give your "
            "name."
        ),
        "working": _l("What is working well?"),
        "not_working": _l("What is not working?"),
        "services": _l("Which services is this about? (optional)"),
        "age_band": _l("How old is your child or young person? (optional)"),
        "setting_type": _l("Where do they go to school or nursery? (optional)"),
        "consent": _l("Can we publish what you said, without your name?"),
    },
    (SourceGroup.PARENT_CARER, True): {
        "title": _l("Tell us what you think"),
        "intro": _l(
            "This is for parents and carers. Tell us about help for your child. You do "
            "not have to say your name."
        ),
        "working": _l("What is good?"),
        "not_working": _l("What is not good?"),
        "services": _l("What is it about? You can tick more than one. You can skip this."),
        "age_band": _l("How old is your child? You can skip this."),
        "setting_type": _l("Where does your child learn? You can skip this."),
        "consent": _l("Can we share your words?"),
    },
    (SourceGroup.SCHOOL, False): {
        "title": _l("Tell us what you think: schools and settings"),
        "intro": _l(
            "Tell us how support for children and young people with special "
            "educational needs or a disability is working for your school or setting."
        ),
        "working": _l("What is working well?"),
        "not_working": _l("What is not working?"),
        "services": _l("Which services is this about? (optional)"),
        "age_band": _l("Which age group is this about? (optional)"),
        "setting_type": _l("What kind of setting are you? (optional)"),
        "consent": _l("Can we publish what you said, without naming you or your setting?"),
    },
    (SourceGroup.SCHOOL, True): {
        "title": _l("Tell us what you think"),
        "intro": _l(
            "This is for schools, nurseries and colleges. Tell us about help for "
            "children with extra needs."
        ),
        "working": _l("What is good?"),
        "not_working": _l("What is not good?"),
        "services": _l("What is it about? You can tick more than one. You can skip this."),
        "age_band": _l("How old are the children? You can skip this."),
        "setting_type": _l("What kind of place are you? You can skip this."),
        "consent": _l("Can we share your words?"),
    },
}
# Asked only of those who ticked "Something else" (a display condition, surveys.conditions).
OTHER_SERVICE = _l("Which other service?")
OTHER_SERVICE_EASY = _l("What else is it about? You can skip this.")
EMAIL_PROMPT = _l("Your email, if you want us to tell you what happened (optional)")
EMAIL_PROMPT_EASY = _l("Give us your email if you want to hear what we did. You can skip this.")

# Answer options; the keys are stable and become labels ("service:short-breaks").
SERVICES = {
    "send-support-in-school": _l("Support in school or setting"),
    "ehc-plans": _l("EHC plans (education, health and care plans)"),
    "speech-language": _l("Speech and language therapy"),
    "mental-health": _l("Mental health services"),
    "short-breaks": _l("Short breaks"),
    "neurodevelopmental": _l("Autism and ADHD assessment"),
    "transport": _l("Transport to school"),
    "local-offer": _l("Information and the Local Offer"),
    "other": _l("Something else"),
}
AGE_BANDS = {
    "0-4": _l("0 to 4"),
    "5-10": _l("5 to 10"),
    "11-15": _l("11 to 15"),
    "16-18": _l("16 to 18"),
    "19-25": _l("19 to 25"),
}
SETTING_TYPES = {
    "early-years": _l("Nursery or early years"),
    "mainstream": _l("Mainstream school"),
    "resource-base": _l("Resource base or unit in a mainstream school"),
    "special": _l("Special school"),
    "college": _l("College"),
    "home": _l("Home education or not in school"),
}

Words = object | Sequence[object]  # a lazy string, or whole sentences shown one after another


def _in(lang: str, words: Words) -> str:
    parts = words if isinstance(words, tuple | list) else (words,)
    with force_locale(lang):
        return " ".join(str(part) for part in parts)


def rendered(plain: Words, easy: Words | None = None) -> Wordings:
    """Stored wordings from translated messages, in every site language."""
    return {
        lang: {"plain": _in(lang, plain), "easy": _in(lang, plain if easy is None else easy)}
        for lang in LANGUAGES
    }


def _label_question(
    survey: Survey,
    kind: QuestionType,
    prompt: Wordings,
    label_key: str,
    picture: str,
    choices: dict[str, object] | None = None,
) -> Question:
    return add_question(
        survey,
        kind=kind,
        prompt=prompt,
        options=[(rendered(words), None) for words in (choices or {}).values()],
        option_keys=list(choices or {}),
        picture=picture,
        role=QuestionRole.LABEL,
        label_key=label_key,
    )


def _build_form(audience: SourceGroup, slug: str) -> Survey:
    plain, easy = WORDINGS[(audience, False)], WORDINGS[(audience, True)]

    def words(key: str) -> Wordings:
        return rendered(plain[key], easy[key])

    survey = create_survey(
        title=_in("en", plain["title"]),
        audience=audience,
        kind=SurveyKind.FORM,
        slug=slug,
        title_wording=words("title"),
        intro=words("intro"),
        retention_days=365,
    )
    # label_key names each comment on the All feedback list: form:working, form:not-working.
    add_question(
        survey,
        kind=QuestionType.FREE_TEXT,
        prompt=words("working"),
        picture="happy",
        label_key="working",
    )
    add_question(
        survey,
        kind=QuestionType.FREE_TEXT,
        prompt=words("not_working"),
        picture="sad",
        label_key="not-working",
    )
    services = _label_question(
        survey, QuestionType.MULTIPLE, words("services"), "service", "doctor", SERVICES
    )
    other = _label_question(
        survey,
        QuestionType.FREE_TEXT,
        rendered(OTHER_SERVICE, OTHER_SERVICE_EASY),
        "service",
        "doctor",
    )
    something_else = [str(o.id) for o in services.options if o.key == "other"]
    set_condition(other, services, something_else, negated=False)
    _label_question(survey, QuestionType.SINGLE, words("age_band"), "age", "play", AGE_BANDS)
    _label_question(
        survey, QuestionType.SINGLE, words("setting_type"), "setting", "school", SETTING_TYPES
    )
    add_question(
        survey,
        kind=QuestionType.YES_NO,
        prompt=words("consent"),
        picture="talk",
        role=QuestionRole.CONSENT,
    )
    add_question(
        survey,
        kind=QuestionType.EMAIL,
        prompt=rendered(EMAIL_PROMPT, EMAIL_PROMPT_EASY),
        picture="home",
    )
    survey.status = SurveyStatus.OPEN
    db.session.flush()
    return survey


def standing_form_ids() -> dict[str, int]:
    """The standing form's survey id for each audience address that has one (`voice seed`
    makes them)."""
    slugs = [SLUG_PREFIX + audience for audience in AUDIENCES]
    rows = db.session.execute(select(Survey.slug, Survey.id).where(Survey.slug.in_(slugs)))
    return {str(slug).removeprefix(SLUG_PREFIX): survey_id for slug, survey_id in rows}


def ensure_feedback_forms() -> dict[str, int]:
    """The standing form's survey id for each audience address, making any that are missing;
    run by `voice seed`. Safe when two seeds run at once: the unique slug lets only one form
    be made, and the other uses it. The caller commits."""
    forms = standing_form_ids()
    for audience, source_group in AUDIENCES.items():
        if audience in forms:
            continue
        try:
            with db.session.begin_nested():
                forms[audience] = _build_form(source_group, SLUG_PREFIX + audience).id
        except IntegrityError:
            made = standing_form_ids().get(audience)
            if made is None:
                raise
            forms[audience] = made
    return forms
