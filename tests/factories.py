"""Keyword-only factories that add and commit real rows; call them inside an app context."""

from sqlalchemy import select

from surveys.models import FeedbackItem, ImportJob, ProxyEntry
from surveys.types import Channel, SourceGroup
from voice.accounts.models import Role, User
from voice.accounts.services import create_user
from voice.db import db

TEST_PASSWORD = "a-long-test-password"


def make_user(
    *, roles: tuple[Role, ...] = (), email: str | None = None, name: str = "Test Person"
) -> User:
    user = create_user(
        email=email or f"{'-'.join(r.value for r in roles) or 'nobody'}@example.org",
        name=name,
        password=TEST_PASSWORD,
        roles=roles,
    )
    db.session.commit()
    return user


def make_feedback_item(
    *,
    text: str = "The wait for speech and language therapy is far too long",
    source_group: SourceGroup = SourceGroup.PARENT_CARER,
    channel: Channel = Channel.FORM,
    language: str = "en",
    consent_to_quote: bool = False,
    source_detail: str | None = None,
) -> FeedbackItem:
    item = FeedbackItem(
        original_text=text,
        source_group=source_group,
        channel=channel,
        language=language,
        consent_to_quote=consent_to_quote,
        source_detail=source_detail,
    )
    db.session.add(item)
    db.session.commit()
    return item


def make_tagged_item(*, text: str, language: str = "en") -> FeedbackItem:
    """A feedback item tagged in-process (for pages; pipeline tests use the real worker)."""
    from themes import tagging as theme_tagging

    item = make_feedback_item(text=text, language=language)
    theme_tagging.tag_items([item.id])
    db.session.commit()
    return item


def make_proxy_entry(
    *,
    entered_by: User,
    text: str = "The coffee mornings are the only place we hear about short breaks",
    on_behalf_of: SourceGroup = SourceGroup.PARENT_CARER,
    gathered_at: str = "Coffee morning, Oak Lodge",
) -> ProxyEntry:
    from surveys.proxy import add_proxy_entry

    entry = add_proxy_entry(
        entered_by=entered_by,
        text=text,
        on_behalf_of=on_behalf_of,
        gathered_at=gathered_at,
        consent_to_quote=False,
        language="en",
    )
    db.session.commit()
    return entry


def make_import_job(
    *, created_by: User, data: bytes, filename: str = "comments.csv", mapping: dict | None = None
) -> ImportJob:
    """A job whose file a worker has read (status PREVIEW), as after an upload."""
    from surveys.imports import jobs, parsing

    job = jobs.create_import_job(user=created_by, filename=filename, data=data)
    db.session.flush()
    jobs.store_read_table(job.id, parsing.read_table(data, filename))
    db.session.refresh(job)
    if mapping is not None:  # as the preview page keeps it: the columns and what they give
        language = mapping.get("language") or "en"
        jobs.save_mapping(job, parsing.Mapping.from_dict(mapping), language, shown=100)
    db.session.commit()
    return job


from surveys.models import KioskSession, Survey  # noqa: E402 - survey factories below
from surveys.types import QuestionType, SurveyStatus  # noqa: E402


def make_survey(
    *,
    title: str = "Short breaks",
    status: SurveyStatus | None = None,
    kinds: tuple[QuestionType, ...] | None = None,
    required: bool = False,
) -> Survey:
    """A survey with wordings in every language and one question of each kind asked for."""
    from surveys.builder import add_question, create_survey
    from voice.config import LANGUAGES

    def words(text: str) -> dict[str, dict[str, str]]:
        return {
            lang: {"plain": f"{text} ({lang})", "easy": f"{text} easy ({lang})"}
            for lang in LANGUAGES
        }

    survey = create_survey(
        title=title,
        audience=SourceGroup.YOUNG_PERSON,
        title_wording=words(title),
        intro=words("Tell us what you think"),
    )
    for number, kind in enumerate(kinds or tuple(QuestionType), start=1):
        options = []
        if kind in {QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.PICTURE}:
            options = [(words(f"Option {n}"), "happy") for n in (1, 2, 3)]
        add_question(
            survey,
            kind=kind,
            prompt=words(f"Question {number}"),
            options=options,
            required=required,
            required_reason="We need it" if required else None,
        )
    survey.status = status or SurveyStatus.OPEN
    db.session.commit()
    return survey


def make_kiosk_session(
    *, survey: Survey, group_label: str = "Tuesday youth club", code: str | None = None
) -> KioskSession:
    from surveys.kiosk import open_kiosk_session

    kiosk = open_kiosk_session(survey, group_label, None)
    if code:
        kiosk.code = code
    db.session.commit()
    return kiosk


# --- "You said, we did" tracker (issue 6) -----------------------------------------------------

from typing import TYPE_CHECKING  # noqa: E402 - tracker factories below

if TYPE_CHECKING:
    from themes.models import Theme
    from voice.tracker.models import Action, Statement
    from voice.tracker.types import ActionStatus


def make_theme(*, slug: str = "waiting-times", name: str = "Waiting times") -> "Theme":
    """A theme named as asked: the seeded one with that slug, renamed if need be, or a new one."""
    from themes.models import Theme

    theme = db.session.scalar(select(Theme).where(Theme.slug == slug))
    if theme is None:
        theme = Theme(slug=slug, name=name, easy_read_name=name, signals="wait")
        db.session.add(theme)
    elif theme.name != name:
        theme.name = theme.easy_read_name = name
    db.session.commit()
    return theme


def make_voice(
    *,
    text: str = "We waited a year for speech therapy",
    redacted_text: str | None = None,
    source_group: SourceGroup = SourceGroup.PARENT_CARER,
    consent_to_quote: bool = True,
    themes: tuple["Theme", ...] = (),
    flagged: bool = False,
) -> FeedbackItem:
    """A feedback item with its analysis (redacted text), theme tags and, if asked, an open
    safeguarding flag, stored directly rather than by the tagger."""
    from themes.models import ItemAnalysis, ItemTheme, SafeguardingFlag
    from themes.types import TagSource

    item = make_feedback_item(
        text=text, source_group=source_group, consent_to_quote=consent_to_quote
    )
    db.session.add(ItemAnalysis(item_id=item.id, redacted_text=redacted_text or text))
    for theme in themes:
        db.session.add(ItemTheme(item_id=item.id, theme_id=theme.id, source=TagSource.HUMAN))
    if flagged:
        db.session.add(SafeguardingFlag(item_id=item.id, reason="test"))
    db.session.commit()
    return item


def make_action(
    *,
    title: str = "Weekly drop-in for families waiting for speech therapy",
    status: "ActionStatus | None" = None,
    impact: str = "",
) -> "Action":
    from voice.tracker import actions as tracker_actions
    from voice.tracker.priorities import list_priorities
    from voice.tracker.types import ActionStatus, Organisation

    priority = list_priorities()[0]  # seeded for every test, as `voice seed` does
    action = tracker_actions.create_action(
        priority_id=priority.id,
        title=title,
        description="A weekly drop-in at the library.",
        easy_read_description="You can come and talk to us every week.",
        organisation=Organisation.NHS,
        lead="Speech therapy team",
        status=status or ActionStatus.PLANNED,
        status_reason="",
        starts_on=None,
        due_on=None,
        impact=impact,
        by_id=None,
    )
    db.session.commit()
    return action


def make_statement(
    *,
    summary: str = "Families told us the wait for speech therapy is too long",
    easy_read_summary: str = "You said you wait too long for speech therapy.",
    themes: tuple["Theme", ...] = (),
    actions: tuple["Action", ...] = (),
    items: tuple[FeedbackItem, ...] = (),
    published: bool = False,
) -> "Statement":
    from voice.tracker import statements as tracker_statements

    statement = tracker_statements.save_statement(
        None,
        summary=summary,
        easy_read_summary=easy_read_summary,
        theme_ids=[t.id for t in themes],
        action_ids=[a.id for a in actions],
    )
    if items:
        tracker_statements.choose_items(statement, [i.id for i in items])
    if published:
        tracker_statements.publish(statement, by_id=None)
    db.session.commit()
    return statement


from datetime import datetime  # noqa: E402 - dashboard factory below


def make_dash_item(
    *,
    text: str = "The wait for speech therapy is too long",
    created_at: "datetime | None" = None,
    source_group: SourceGroup = SourceGroup.YOUNG_PERSON,
    channel: Channel = Channel.KIOSK,
    language: str = "en",
    sentiment: str = "negative",
    score: float = -0.5,
    themes: tuple["Theme", ...] = (),
    flagged: bool = False,
    consent_to_quote: bool = True,
    source_detail: str | None = None,
    survey_id: int | None = None,
) -> FeedbackItem:
    """A tagged feedback item with a chosen date and sentiment, for dashboard tests."""
    from themes.models import ItemAnalysis, ItemTheme, SafeguardingFlag
    from themes.types import TagSource
    from voice.db import utcnow

    item = FeedbackItem(
        original_text=text,
        source_group=source_group,
        channel=channel,
        language=language,
        consent_to_quote=consent_to_quote,
        source_detail=source_detail,
        survey_id=survey_id,
        created_at=created_at or utcnow(),
    )
    db.session.add(item)
    db.session.flush()
    db.session.add(
        ItemAnalysis(
            item_id=item.id,
            redacted_text=text,
            sentiment=score,
            sentiment_label=sentiment,
            key_phrases='["speech therapy"]',
        )
    )
    for theme in themes:
        db.session.add(ItemTheme(item_id=item.id, theme_id=theme.id, source=TagSource.HUMAN))
    if flagged:
        db.session.add(SafeguardingFlag(item_id=item.id, reason="test"))
    db.session.commit()
    return item
