"""Canaries: made-up personal details and a disclosure sent through the real public routes,
tagged by a real worker, then looked for on every page of the URL map as the public and as
each role, exports included. Walking the URL map (not a list of pages) means a page added
tomorrow is checked tomorrow; a route with an argument this test cannot fill fails it."""

import io
import logging
from collections.abc import Callable, Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import load_workbook
from sqlalchemy import select, update
from werkzeug.routing import AnyConverter, Rule

from surveys.models import FeedbackItem, KioskSession, ProxyEntry, Survey
from tests.conftest import csrf_token, make_staff, wait_until_tagged
from tests.factories import make_action, make_kiosk_session, make_statement, make_survey
from tests.surveys.survey_helpers import answer_feedback_form, open_feedback_form, option_ids, send
from themes.models import ItemTheme, SafeguardingFlag, Theme
from themes.types import FlagStatus
from voice.accounts.models import Role, User
from voice.accounts.sessions import session_for
from voice.db import db, utcnow
from voice.tracker import quotes as tracker_quotes
from voice.tracker import statements as tracker_statements
from voice.tracker.models import Action, Statement

PERSONAL = "My name is Oriel Quenby, call 07911 123456 or email oriel.q@example.net."
QUOTED = PERSONAL + " The short breaks club has helped us so much."
DISCLOSURE = (
    "My stepdad hits me and locks me in the shed at Thornwick when mum is out, "
    "I am scared to go home"
)
PROXY = "Mr Idris Penhallow told us the taxi escort shouts at him and the short breaks stopped"

# Words of the originals that redaction takes out: only admins and safeguarding leads, on pages
# that say they show the original.
ORIGINAL_ONLY = ("Oriel", "Quenby", "07911 123456", "oriel.q@example.net", "Idris", "Penhallow")
# A word that only the flagged comment holds, and that redaction keeps.
HELD_BACK = "Thornwick"

ORIGINAL_PAGES = {"themes.item_detail", "themes.safeguarding_flag", "privacy.comment"}
HELD_BACK_PAGES = {
    Role.SAFEGUARDING_LEAD: {
        "themes.item_detail",
        "themes.safeguarding_flag",
        "themes.safeguarding_queue",
    },
    Role.ADMIN: {"themes.item_detail", "privacy.comment"},
}
VIEWERS: tuple[Role | None, ...] = (None, *Role)


def _send_parent_form(client: FlaskClient, app: Flask) -> None:
    survey_id = open_feedback_form(client, "parent-carers")
    with app.app_context():
        keys = option_ids(survey_id)
    answer_feedback_form(
        client,
        survey_id,
        keys,
        working=QUOTED,
        not_working=DISCLOSURE,
        services=["short-breaks"],
        consent="yes",
    )
    response, _fields = send(client, survey_id)
    assert response.status_code == 302


def _send_proxy_entry(app: Flask) -> None:
    rep = make_staff(app, Role.FORUM_REP, email="canary-rep@example.org")
    client = _signed_in(app, rep.id)
    data = {
        "csrf_token": csrf_token(client, "/proxy"),
        "text": PROXY,
        "on_behalf_of": "parent_carer",
        "gathered_at": "Coffee morning",
        "language": "en",
        "consent_to_quote": "y",
    }
    assert client.post("/proxy", data=data).status_code == 302


def _signed_in(app: Flask, user_id: int | None) -> FlaskClient:
    client = app.test_client()
    if user_id is not None:
        with app.app_context(), client.session_transaction() as session:
            session.update(session_for(db.session.get(User, user_id)))
    return client


def _publish_with_quote(app: Flask) -> None:
    """A strategy lead links both form comments to a statement and quotes the consented one."""
    with app.app_context():
        quoted = db.session.scalar(
            select(FeedbackItem)
            .where(FeedbackItem.consent_to_quote, FeedbackItem.survey_id.is_not(None))
            .order_by(FeedbackItem.id)
        )
        everything = list(db.session.scalars(select(FeedbackItem)))
        themes = list(
            db.session.scalars(
                select(Theme).join(ItemTheme, ItemTheme.theme_id == Theme.id).distinct()
            )
        )
        statement = make_statement(
            themes=tuple(themes),
            actions=(make_action(title="More short breaks places"),),
            items=tuple(everything),
        )
        tracker_quotes.choose_quote(statement, quoted.id)
        tracker_statements.publish(statement, by_id=None)
        db.session.commit()


@pytest.fixture
def canaries(app: Flask, celery_worker: object) -> None:
    _send_parent_form(app.test_client(), app)
    _send_proxy_entry(app)
    with app.app_context():
        make_kiosk_session(survey=make_survey(title="Canary group survey"))
    wait_until_tagged(app)
    with app.app_context():
        flagged = db.session.scalars(
            select(SafeguardingFlag.item_id).where(SafeguardingFlag.status == FlagStatus.OPEN)
        ).all()
        assert len(flagged) == 1  # the disclosure, flagged by the tagger on the worker
    _publish_with_quote(app)


def _values(app: Flask) -> dict[str, list[object]]:
    """Every value a route argument can take in the canary data."""
    with app.app_context():
        ids = lambda model: list(db.session.scalars(select(model.id)))  # noqa: E731
        return {
            "item_id": ids(FeedbackItem),
            "statement_id": ids(Statement),
            "action_id": ids(Action),
            "flag_id": ids(SafeguardingFlag),
            "survey_id": ids(Survey),
            "session_id": ids(KioskSession),
            "kiosk_id": ids(KioskSession),
            "entry_id": ids(ProxyEntry),
            "theme_id": ids(Theme)[:2],
            "slug": list(db.session.scalars(select(Theme.slug)))[:4],
            "code": list(db.session.scalars(select(KioskSession.code))),
            "year": [utcnow().year],
            # The translation pages show the statements and actions a quote belongs to.
            "language": ["cy"],
            "kind_name": ["statement", "action"],
            "object_id": sorted({*ids(Statement), *ids(Action)}),
            "import_id": [1],
            "round_id": [1],  # priority rounds show choices and counts, never a comment
            "card_id": [1],
            "audience": ["parent-carers", "schools"],
            # Nothing of a comment hangs off these; a missing one must still not leak.
            "job_id": [1],
            "picture_id": [1],
            "question_id": [1],
            "number": [1, 2],
            "priority_id": [1],
            "user_id": [1],
            "token": ["not-a-token"],
            "filename": ["js/respond.js"],
        }


def _urls(app: Flask, rule: Rule, values: dict[str, list[object]]) -> Iterator[str]:
    choices: list[dict[str, object]] = [{}]
    for name in sorted(rule.arguments - set(rule.defaults or {})):
        converter = rule._converters[name]
        if isinstance(converter, AnyConverter):
            options = list(converter.items)
        elif name in values:
            options = values[name] or [1]
        else:
            pytest.fail(f"{rule.endpoint}: add canary values for the route argument {name!r}")
        choices = [dict(choice, **{name: option}) for choice in choices for option in options]
    with app.test_request_context():
        adapter = app.url_map.bind("localhost")
        for choice in choices:
            yield adapter.build(rule.endpoint, {**(rule.defaults or {}), **choice})


def _body(response: object) -> str:
    data = response.get_data()
    if response.mimetype.endswith("spreadsheetml.sheet"):
        sheet = load_workbook(io.BytesIO(data), read_only=True).active
        return " ".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row)
    return data.decode("utf-8", errors="replace")


def _leaks(role: Role | None, endpoint: str, body: str) -> list[str]:
    found = []
    may_see_original = role in {Role.ADMIN, Role.SAFEGUARDING_LEAD} and endpoint in ORIGINAL_PAGES
    if not may_see_original:
        found += [word for word in ORIGINAL_ONLY if word in body]
    if HELD_BACK in body and endpoint not in HELD_BACK_PAGES.get(role, set()):
        found.append(HELD_BACK)
    return found


@pytest.mark.parametrize("role", VIEWERS, ids=lambda role: role.value if role else "public")
def test_no_page_shows_a_canary_to_anyone_who_must_not_see_it_when_every_route_is_walked(
    app: Flask, canaries: None, caplog: pytest.LogCaptureFixture, role: Role | None
) -> None:
    caplog.set_level(logging.DEBUG)
    values = _values(app)
    rules = [
        rule
        for rule in app.url_map.iter_rules()
        if "GET" in (rule.methods or set()) and rule.endpoint != "static"
    ]
    assert len(rules) > 60
    leaks: list[str] = []
    statuses: dict[tuple[Role | None, str], set[int]] = {}
    walked = 0
    user = make_staff(app, role, email=f"canary-{role.value}@example.org") if role else None
    if role is Role.FACILITATOR:  # the tablet session is theirs
        with app.app_context():
            db.session.execute(update(KioskSession).values(opened_by_id=user.id))
            db.session.commit()
    for rule in rules:
        for url in _urls(app, rule, values):
            # A fresh sign-in for each page: some public pages start a clean session.
            response = _signed_in(app, user.id if user else None).get(url)
            assert response.status_code < 500, (role, url)
            statuses.setdefault((role, rule.endpoint), set()).add(response.status_code)
            walked += 1
            leaks += [
                f"{role} {url}: {word}" for word in _leaks(role, rule.endpoint, _body(response))
            ]
    # The walk really opened the pages that show comments, signed in as the people they serve.
    for seen in (
        (Role.STRATEGY_LEAD, "themes.feedback_list"),
        (Role.STRATEGY_LEAD, "themes.item_detail"),
        (Role.STRATEGY_LEAD, "dashboards.export_xlsx"),
        (Role.STRATEGY_LEAD, "tracker.statement"),
        (Role.SAFEGUARDING_LEAD, "themes.safeguarding_queue"),
        (Role.FORUM_REP, "themes.proxy_entries"),
        (Role.FACILITATOR, "tracker.group_outcome"),
        (Role.ADMIN, "themes.item_detail"),
        (None, "tracker.you_said"),
    ):
        if seen[0] is role:
            assert 200 in statuses[seen], seen
    assert walked > 400 / len(VIEWERS)
    assert leaks == []
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert [word for word in (*ORIGINAL_ONLY, HELD_BACK) if word in logged] == []


def test_pages_that_say_so_show_the_original_and_the_queue_when_the_viewer_may_see_them(
    app: Flask, canaries: None
) -> None:
    """The other half of the walk: the canaries are really there for those allowed, so the
    walk above cannot pass by showing nobody anything."""
    with app.app_context():
        flag = db.session.scalar(select(SafeguardingFlag))
        quoted_id = db.session.scalar(
            select(FeedbackItem.id).where(FeedbackItem.consent_to_quote).order_by(FeedbackItem.id)
        )
    lead = _signed_in(app, make_staff(app, Role.SAFEGUARDING_LEAD, email="sl@example.org").id)
    assert HELD_BACK in lead.get("/themes/safeguarding").get_data(as_text=True)
    assert HELD_BACK in lead.get(f"/themes/safeguarding/{flag.id}").get_data(as_text=True)
    admin = _signed_in(app, make_staff(app, Role.ADMIN, email="admin@example.org").id)
    page = admin.get(f"/themes/items/{quoted_id}").get_data(as_text=True)
    assert "Oriel Quenby" in page
    assert "Your viewing of it is logged." in page
    public = app.test_client().get("/you-said-we-did").get_data(as_text=True)
    assert "The short breaks club has helped us so much." in public
    assert "[name]" in public


def test_search_does_not_find_a_comment_by_a_name_that_was_taken_out_when_a_lead_searches(
    app: Flask, canaries: None
) -> None:
    lead = _signed_in(app, make_staff(app, Role.STRATEGY_LEAD, email="lead@example.org").id)
    assert "No feedback matches" in lead.get("/feedback?q=Quenby").get_data(as_text=True)
    assert "No feedback matches" in lead.get("/feedback?q=Thornwick").get_data(as_text=True)
    found = lead.get("/feedback?q=short+breaks+club").get_data(as_text=True)
    assert "1 item matches." in found


def test_quote_leaves_every_public_page_when_its_comment_is_flagged_after_publishing(
    app: Flask, canaries: None
) -> None:
    public = app.test_client()
    words = "The short breaks club has helped us so much."
    pages: Callable[[], list[str]] = lambda: [  # noqa: E731
        public.get(path).get_data(as_text=True)
        for path in ("/you-said-we-did", "/you-said-we-did/easy-read")
    ]
    assert all(words in page for page in pages())
    with app.app_context():
        quoted_id = db.session.scalar(
            select(FeedbackItem.id).where(FeedbackItem.consent_to_quote).order_by(FeedbackItem.id)
        )
    lead = make_staff(app, Role.STRATEGY_LEAD, email="worried@example.org")
    client = _signed_in(app, lead.id)
    path = f"/themes/items/{quoted_id}/raise-flag"
    response = client.post(
        path, data={"csrf_token": csrf_token(client, path), "reason": "Mentions a name I know"}
    )
    assert response.status_code == 302
    assert not any(words in page for page in pages())
    with app.app_context():
        statement_id = db.session.scalar(select(Statement.id))
    poster = public.get(f"/you-said-we-did/{statement_id}/poster").get_data(as_text=True)
    assert words not in poster
    tracker_page = client.get(f"/tracker/statements/{statement_id}").get_data(as_text=True)
    assert words not in tracker_page
    assert "This comment is with the safeguarding lead." in tracker_page


def test_database_errors_hold_no_words_when_a_statement_with_a_comment_fails(
    app: Flask, caplog: pytest.LogCaptureFixture
) -> None:
    """SQLAlchemy puts a failed statement's parameters into its message unless told not to;
    the message goes to the error log."""
    from sqlalchemy import text
    from sqlalchemy.exc import SQLAlchemyError

    caplog.set_level(logging.DEBUG)
    with app.app_context(), pytest.raises(SQLAlchemyError) as failed:
        db.session.execute(text("INSERT INTO no_such_table VALUES (:words)"), {"words": PERSONAL})
    assert "Quenby" not in str(failed.value)
    assert "Quenby" not in "\n".join(record.getMessage() for record in caplog.records)


def test_quote_is_refused_with_a_reason_when_only_personal_details_were_written(
    app: Flask,
) -> None:
    from tests.factories import make_feedback_item
    from themes import comment_text
    from themes.tagging import tag_items

    with app.test_request_context():
        item = make_feedback_item(text="Mrs Quenby, 07911 123456", consent_to_quote=True)
        tag_items([item.id])
        db.session.commit()
        assert comment_text.quote_problems(item.id) == [
            "Nothing is left of it once personal details are taken out"
        ]
        assert comment_text.public_quotes([item.id]) == {}
