"""Who does what: the groups of roles, each named once here and used by the pages that let them in
(`@role_required(*LEADS)`), by templates (`current_user.has_any_role(*roles.LEADS)`) and by the
services that ask the same question."""

from voice.accounts.models import Role

# Strategy leads and admins: every comment, the themes, the full dashboard, the tracker, priority
# rounds and content translations.
LEADS = (Role.STRATEGY_LEAD, Role.ADMIN)

# Who builds surveys and runs tablet sessions (a youth group's, a priority round's) and sees what
# came of them: every facilitator, not only the one who opened a session. A youth group's sessions
# are shared by its workers (one sets the tablets up, another closes them when the group ends,
# cover staff stand in), and a session left open because its opener went home keeps taking
# answers. What came of the views is a count and published statements, so sharing it costs no
# privacy. Safeguarding alerts still go to the facilitator who opened the session.
SURVEY_STAFF = (*LEADS, Role.FACILITATOR)

# People who speak for one audience (parent carers, a school): they enter views on someone's
# behalf, see the entries they made and a summary of their own audience's themes.
AUDIENCE_REPS = (Role.FORUM_REP, Role.SCHOOL_CONTACT)

# Who may import a spreadsheet of views.
IMPORTERS = (Role.STRATEGY_LEAD, Role.FORUM_REP)

# Who opens the dashboard: the leads see all of it, an audience's reps their own audience.
DASHBOARD_READERS = (*LEADS, *AUDIENCE_REPS)

# Who may open any comment's own page (and raise a safeguarding flag on it).
COMMENT_READERS = (*LEADS, Role.SAFEGUARDING_LEAD)
