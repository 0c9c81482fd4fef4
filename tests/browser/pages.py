"""The one list of pages every accessibility check walks. Later work adds its pages here."""

from dataclasses import dataclass

from surveys.types import QuestionType
from voice.accounts.models import Role


@dataclass(frozen=True)
class PageCheck:
    name: str
    path: str
    roles: tuple[Role, ...] | None = None  # None: open to anyone; () any signed-in staff
    submit_empty: bool = False  # also check the page showing its error summary
    # The path holds {survey}: a survey with one question of every type is made and started in
    # this browser first (respondent pages need answers in progress).
    answering: bool = False
    closed: bool = False  # with answering: staff close the survey once it has been started
    status: int = 200  # what the page must answer: a friendly 500 page passes axe too


PAGES: list[PageCheck] = [
    PageCheck("home", "/"),
    PageCheck("home, easy read", "/?easy=1"),
    PageCheck("sign in", "/sign-in"),
    PageCheck("sign in with errors", "/sign-in", submit_empty=True),
    PageCheck("accessibility statement", "/accessibility"),
    PageCheck("privacy notice", "/privacy"),
    PageCheck("not found error", "/no-such-page", status=404),
    PageCheck("staff home", "/staff", roles=()),
    PageCheck("change password", "/account/password", roles=(), submit_empty=True),
    PageCheck("people", "/admin/people", roles=(Role.ADMIN,)),
    PageCheck("add a person", "/admin/people/new", roles=(Role.ADMIN,), submit_empty=True),
    PageCheck(
        "delete a comment on request", "/admin/comments", roles=(Role.ADMIN,), submit_empty=True
    ),
    PageCheck("delete contact details", "/admin/contacts", roles=(Role.ADMIN,), submit_empty=True),
    PageCheck("deletions on request", "/admin/erasures", roles=(Role.ADMIN,)),
    PageCheck("access log", "/admin/access-log", roles=(Role.ADMIN,)),
    PageCheck("codebook", "/themes/codebook", roles=(Role.STRATEGY_LEAD,), submit_empty=True),
    PageCheck("themes review, nothing to review", "/themes/review", roles=(Role.STRATEGY_LEAD,)),
    PageCheck("tagger quality", "/themes/quality", roles=(Role.STRATEGY_LEAD,)),
    PageCheck("emerging", "/themes/emerging", roles=(Role.STRATEGY_LEAD,), submit_empty=True),
    PageCheck("safeguarding queue", "/themes/safeguarding", roles=(Role.SAFEGUARDING_LEAD,)),
    PageCheck("you said, we did", "/you-said-we-did"),
    PageCheck("you said, we did in easy read", "/you-said-we-did/easy-read"),
    PageCheck("local offer report", "/you-said-we-did/local-offer-report/2026"),
    PageCheck("did it work, card not open", "/you-said-we-did/999999/verdict", status=404),
    PageCheck("tracker overview", "/tracker", roles=(Role.STRATEGY_LEAD,)),
    PageCheck(
        "tracker add an action",
        "/tracker/actions/new",
        roles=(Role.STRATEGY_LEAD,),
        submit_empty=True,
    ),
    PageCheck(
        "tracker add a statement",
        "/tracker/statements/new",
        roles=(Role.STRATEGY_LEAD,),
        submit_empty=True,
    ),
    PageCheck("tracker gaps", "/tracker/gaps", roles=(Role.STRATEGY_LEAD,)),
    PageCheck("tracker our groups", "/tracker/our-groups", roles=(Role.FACILITATOR,)),
    # Priority rounds (issue 16). A round, its results and the tablet pages need a round:
    # tests/voice/test_page_structure.py and tests/browser/test_rounds.py.
    PageCheck("priority rounds", "/tracker/rounds", roles=(Role.STRATEGY_LEAD,), submit_empty=True),
    PageCheck("priority round tablets", "/tracker/round-sessions", roles=(Role.FACILITATOR,)),
    PageCheck(
        "you said, we did unsubscribe, bad link",
        "/you-said-we-did/unsubscribe/bad-link",
        status=400,
    ),
    PageCheck("tell us what you think", "/tell-us"),
    PageCheck("tell us what you think, easy read", "/tell-us/easy-read"),
    # The forms are standing surveys: these addresses redirect to their start pages (/s/<id>).
    # Every question page, the email error, check answers and thank you: test_intake.py.
    PageCheck("parent carer feedback form", "/tell-us/parent-carers"),
    PageCheck("parent carer feedback form, easy read", "/tell-us/parent-carers/easy-read"),
    PageCheck("school feedback form", "/tell-us/schools"),
    PageCheck("school feedback form, easy read", "/tell-us/schools/easy-read"),
    PageCheck("contact email withdrawal", "/tell-us/contact/not-a-real-token"),
    PageCheck("contact email withdrawn", "/tell-us/contact-withdrawn"),
    PageCheck("proxy entry", "/proxy", roles=(Role.FORUM_REP,), submit_empty=True),
    PageCheck("proxy entries", "/proxy/entries", roles=(Role.SCHOOL_CONTACT,)),
    PageCheck("imports", "/imports", roles=(Role.STRATEGY_LEAD,)),
    PageCheck("import upload", "/imports/new", roles=(Role.FORUM_REP,), submit_empty=True),
    PageCheck("all feedback", "/feedback", roles=(Role.STRATEGY_LEAD,)),
    # Surveys (issue 3). The respondent pages, which need a survey, are in RESPONDENT_PAGES.
    PageCheck("join a group session", "/join"),
    PageCheck("join a group session with errors", "/join", submit_empty=True),
    PageCheck("surveys", "/staff/surveys", roles=(Role.FACILITATOR,)),
    PageCheck(
        "create a survey", "/staff/surveys/new", roles=(Role.STRATEGY_LEAD,), submit_empty=True
    ),
    PageCheck("group sessions on tablets", "/staff/kiosk", roles=(Role.FACILITATOR,)),
    PageCheck(
        "survey pictures", "/staff/surveys/pictures", roles=(Role.FACILITATOR,), submit_empty=True
    ),
    # Dashboard (issue 7). The theme page and pages with data: tests/browser/test_dashboards.py.
    PageCheck("dashboard overview", "/dashboard/", roles=(Role.STRATEGY_LEAD,)),
    PageCheck("dashboard summary for forum reps", "/dashboard/", roles=(Role.FORUM_REP,)),
    PageCheck("dashboard evidence pack", "/dashboard/evidence-pack", roles=(Role.STRATEGY_LEAD,)),
    # Translations (issue 14). The import preview needs an upload: test_translation_workflow.py.
    PageCheck("translations", "/translations", roles=(Role.ADMIN,)),
    PageCheck("what needs translating", "/translations/cy", roles=(Role.STRATEGY_LEAD,)),
    PageCheck(
        "translate the organisation's name",
        "/translations/ar/organisation/0",
        roles=(Role.STRATEGY_LEAD,),
    ),
    PageCheck(
        "import translations",
        "/translations/import",
        roles=(Role.STRATEGY_LEAD,),
        submit_empty=True,
    ),
]

# Every page a young person answering a survey sees, in standard and easy-read wording. Their
# page weight is measured on a real walk through a survey in tests/browser/test_surveys.py.
_ANSWERING = [
    ("start", "/s/{survey}", 200),
    *(
        (f"question, {kind.value.replace('_', ' ')}", f"/s/{{survey}}/questions/{number}", 200)
        for number, kind in enumerate(QuestionType, start=1)
    ),
    ("question not found", "/s/{survey}/questions/99", 404),
    ("check answers", "/s/{survey}/check", 200),
    ("thank you", "/s/{survey}/thank-you", 200),
]
RESPONDENT_PAGES = [
    PageCheck(f"survey {name}{label}", f"{path}{query}", answering=True, status=status)
    for name, path, status in _ANSWERING
    for label, query in (("", ""), (", easy read", "?easy=1"))
]
RESPONDENT_PAGES.append(
    PageCheck(
        "survey closed part way through",
        "/s/{survey}/questions/1",
        answering=True,
        closed=True,
        status=410,
    )
)
PAGES += RESPONDENT_PAGES
