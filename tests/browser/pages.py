"""The one list of pages every accessibility check walks. Later work adds its pages here."""

from dataclasses import dataclass

from voice.accounts.models import Role


@dataclass(frozen=True)
class PageCheck:
    name: str
    path: str
    roles: tuple[Role, ...] | None = None  # None: open to anyone; () any signed-in staff
    submit_empty: bool = False  # also check the page showing its error summary


PAGES: list[PageCheck] = [
    PageCheck("home", "/"),
    PageCheck("sign in", "/sign-in"),
    PageCheck("sign in with errors", "/sign-in", submit_empty=True),
    PageCheck("accessibility statement", "/accessibility"),
    PageCheck("privacy notice", "/privacy"),
    PageCheck("not found error", "/no-such-page"),
    PageCheck("staff home", "/staff", roles=()),
    PageCheck("change password", "/account/password", roles=(), submit_empty=True),
    PageCheck("people", "/admin/people", roles=(Role.ADMIN,)),
    PageCheck("add a person", "/admin/people/new", roles=(Role.ADMIN,), submit_empty=True),
    PageCheck("codebook", "/themes/codebook", roles=(Role.STRATEGY_LEAD,), submit_empty=True),
    PageCheck("themes review, nothing to review", "/themes/review", roles=(Role.STRATEGY_LEAD,)),
    PageCheck("tagger quality", "/themes/quality", roles=(Role.STRATEGY_LEAD,)),
    PageCheck("emerging", "/themes/emerging", roles=(Role.STRATEGY_LEAD,), submit_empty=True),
    PageCheck("safeguarding queue", "/themes/safeguarding", roles=(Role.SAFEGUARDING_LEAD,)),
    PageCheck("you said, we did", "/you-said-we-did"),
    PageCheck("you said, we did in easy read", "/you-said-we-did/easy-read"),
    PageCheck("local offer report", "/you-said-we-did/local-offer-report/2026"),
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
    PageCheck("you said, we did unsubscribe, bad link", "/you-said-we-did/unsubscribe/bad-link"),
    PageCheck("tell us what you think", "/tell-us"),
    PageCheck("tell us what you think, easy read", "/tell-us/easy-read"),
    PageCheck("parent carer feedback form", "/tell-us/parent-carers", submit_empty=True),
    PageCheck(
        "parent carer feedback form, easy read",
        "/tell-us/parent-carers/easy-read",
        submit_empty=True,
    ),
    PageCheck("school feedback form", "/tell-us/schools", submit_empty=True),
    PageCheck("school feedback form, easy read", "/tell-us/schools/easy-read", submit_empty=True),
    PageCheck("feedback thank you", "/tell-us/thank-you"),
    PageCheck("contact email withdrawal", "/tell-us/contact/not-a-real-token"),
    PageCheck("contact email withdrawn", "/tell-us/contact-withdrawn"),
    PageCheck("proxy entry", "/proxy", roles=(Role.FORUM_REP,), submit_empty=True),
    PageCheck("proxy entries", "/proxy/entries", roles=(Role.SCHOOL_CONTACT,)),
    PageCheck("imports", "/imports", roles=(Role.STRATEGY_LEAD,)),
    PageCheck("import upload", "/imports/new", roles=(Role.FORUM_REP,), submit_empty=True),
    PageCheck("all feedback", "/feedback", roles=(Role.STRATEGY_LEAD,)),
    # Surveys (issue 3). Pages needing a survey (start, each question type, check answers,
    # thank you, in standard and easy read) are walked in tests/browser/test_surveys.py.
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
]
