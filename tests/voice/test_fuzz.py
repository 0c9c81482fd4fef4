"""Malformed values sent to every route of the URL map, as the public and as someone holding
every role at once: no request may end in a server error. Walking the URL map (not a list of
pages) means a route added tomorrow is fuzzed tomorrow. The form fields posted are the ones
each page's own form names, so a new field is fuzzed too."""

import json
import re
import time
from collections.abc import Iterator
from urllib.parse import quote, urlencode

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.routing import AnyConverter, IntegerConverter, Rule

from surveys.models import FeedbackItem, KioskSession, Survey
from tests.conftest import _test_settings, make_staff, sign_in_session
from tests.factories import make_action, make_feedback_item, make_kiosk_session, make_survey
from themes.models import Theme
from voice.accounts.models import Role, User
from voice.app import create_app
from voice.db import db
from voice.extensions import limiter
from voice.tracker.models import Action

NESTED = "[" * 5000 + "]" * 5000
BAD_TEXT = (
    "99999999999999999999",
    "-1",
    "\x00",
    "we need more help\x00 at school",
    "../../etc/passwd",
    " ",
    "x" * 5000,
    "ضصث 👩‍👩‍👧 ħ\u202e",
    "0001-01-01",
    "9999-12-31",
)
BAD_INTS = (2**31, 99999999999999999999, 0)
BAD_STRINGS = ("\x00", "..", "x" * 300, "ü\u202e")
# Query-string names the filters and pages read.
QUERY_NAMES = (
    "survey",
    "page",
    "after",
    "before",
    "from",
    "to",
    "date_from",
    "date_to",
    "channel",
    "audience",
    "theme",
    "q",
    "sentiment",
    "language",
    "kiosk_group",
    "setting",
    "order",
    "next",
    "lang",
    "code",
    "status",
    "year",
)
# Respondent pages that only do their work once a survey has been started.
BEGUN = {"surveys.question", "surveys.check_answers", "surveys.send"}
FIELD_NAME = re.compile(r'name="([^"]+)"')
PARTS = 3  # the routes are walked in three tests, so parallel workers share the walk


@pytest.fixture
def fuzz_app(app: Flask) -> Iterator[Flask]:
    """A second app on the same database, without CSRF, so the posts reach the forms."""
    # No second factor to set up first: the staff pages themselves are what is fuzzed.
    overrides = {"WTF_CSRF_ENABLED": False, "REQUIRE_SECOND_FACTOR": False}
    fuzzing = create_app(_test_settings() | overrides)
    yield fuzzing
    with fuzzing.app_context():
        db.session.remove()
    app.extensions["celery"].set_current()  # create_app made the fuzz app's Celery the default
    app.extensions["celery"].set_default()


def _values(app: Flask) -> dict[str, object]:
    """A real value for each route argument, so the other arguments reach their view."""
    with app.app_context():
        survey = make_survey(title="Fuzzed survey")
        make_kiosk_session(survey=survey)
        make_feedback_item()
        make_action(title="Fuzzed action")
        first = lambda statement: db.session.scalar(statement) or 1  # noqa: E731
        kiosk = db.session.scalar(select(KioskSession))
        return {
            "survey_id": first(select(Survey.id)),
            "item_id": first(select(FeedbackItem.id)),
            "action_id": first(select(Action.id)),
            "session_id": kiosk.id,
            "kiosk_id": kiosk.id,
            "code": kiosk.code,
            "theme_id": first(select(Theme.id)),
            "slug": first(select(Theme.slug)) if db.session.scalar(select(Theme.id)) else "x",
            "audience": "parent-carers",
            "token": "not-a-token",
            "filename": "js/respond.js",
            "year": 2026,
            "number": 1,
            # Someone else: the admin pages' posts must not change the fuzzing user.
            "user_id": make_staff(app, Role.FORUM_REP, email="fuzz-other@example.org").id,
        }


def _urls(app: Flask, rule: Rule, values: dict[str, object]) -> Iterator[str]:
    """The route with real arguments, then with each argument made malformed in turn."""
    arguments = sorted(rule.arguments - set(rule.defaults or {}))
    good: dict[str, object] = {}
    for name in arguments:
        converter = rule._converters[name]
        if isinstance(converter, AnyConverter):
            good[name] = next(iter(converter.items))
        else:
            good[name] = values.get(name, 1)
    adapter = app.url_map.bind("localhost")
    url = adapter.build(rule.endpoint, {**(rule.defaults or {}), **good})
    yield url
    for name in arguments:
        converter = rule._converters[name]
        if isinstance(converter, AnyConverter):
            continue  # only its few words match at all
        number = isinstance(converter, IntegerConverter)
        marker = "987654321" if number else f"zz{name}zz"
        for value in BAD_INTS if number else BAD_STRINGS:
            template = adapter.build(rule.endpoint, {**(rule.defaults or {}), **good, name: marker})
            yield template.replace(marker, quote(str(value), safe=""))


def _fields(client: FlaskClient, url: str) -> set[str]:
    page = client.get(url)
    names = (
        set(FIELD_NAME.findall(page.get_data(as_text=True))) if page.status_code == 200 else set()
    )
    return (names - {"csrf_token"}) | {"answers", "how_answered", "idempotency_key", "text"}


def _client(app: Flask, user: User | None, begun: int | None = None) -> FlaskClient:
    """A fresh client, signed in as `user`, part way through survey `begun` if given."""
    client = app.test_client()
    if user is not None:
        with app.app_context():  # an earlier post may have ended its sessions everywhere
            sign_in_session(client, db.session.get(User, user.id))
    if begun is not None:
        client.post(f"/s/{begun}/start")
    return client


def _requests(rule: Rule, url: str, fields: set[str]) -> Iterator[tuple[str, str, dict]]:
    methods = rule.methods or set()
    if "GET" in methods:
        yield "GET", url, {}
        for value in BAD_TEXT:
            yield "GET", f"{url}?{urlencode(dict.fromkeys(QUERY_NAMES, value))}", {}
    if "POST" in methods:
        yield "POST", url, {}
        for value in (*BAD_TEXT, NESTED):
            data = dict.fromkeys(sorted(fields), value)
            data["idempotency_key"] = "k" * 32
            yield "POST", url, data
        yield "POST", url, {"idempotency_key": "k" * 32, "answers": json.dumps({"1": [1, {}]})}
        yield "POST", url, {"idempotency_key": "k" * 32, "answers": json.dumps({"1": {"text": 1}})}


def _status(client: FlaskClient, method: str, target: str, data: dict) -> int | str:
    try:
        response = client.open(target, method=method, data=data)
        response.get_data()  # a streamed export fails while it is read
    except Exception as error:
        return f"{type(error).__name__}: {str(error)[:200]}"
    return response.status_code


@pytest.mark.parametrize("part", range(PARTS))
@pytest.mark.parametrize("signed_in", [False, True], ids=["public", "every role"])
def test_no_route_gives_a_server_error_when_sent_malformed_values_as_anyone(
    fuzz_app: Flask, signed_in: bool, part: int
) -> None:
    started = time.monotonic()
    values = _values(fuzz_app)
    everyone = make_staff(fuzz_app, *Role, email="fuzz-every-role@example.org")
    every_rule = sorted(
        (
            rule
            for rule in fuzz_app.url_map.iter_rules()
            if rule.endpoint != "static" and {"GET", "POST"} & (rule.methods or set())
        ),
        key=lambda rule: (rule.endpoint, rule.rule),
    )
    assert len(every_rule) > 60
    rules = every_rule[part::PARTS]
    failures: list[str] = []
    reached: set[tuple[bool, str]] = set()
    sent = 0
    for user in [everyone] if signed_in else [None]:
        for rule in rules:
            limiter.reset()  # a 429 would hide what the view does with the values
            begun = values["survey_id"] if rule.endpoint in BEGUN else None
            for number, url in enumerate(_urls(fuzz_app, rule, values)):
                fields = set()
                if number == 0 and "POST" in (rule.methods or set()):
                    fields = _fields(_client(fuzz_app, user, begun), url)
                for method, target, data in (
                    _requests(rule, url, fields)
                    if number == 0
                    else [(m, url, {}) for m in ("GET", "POST") if m in (rule.methods or set())]
                ):
                    sent += 1
                    status = _status(_client(fuzz_app, user, begun), method, target, data)
                    if status == 200 and method == "GET":
                        reached.add((user is not None, rule.endpoint))
                    if not isinstance(status, int) or status >= 500:
                        who = "every role" if user else "public"
                        failures.append(
                            f"{who} {method} {target[:160]} {data and 'form'}: {status}"
                        )
    # The cause of a 500 is in the log ("unhandled error"), as the error page hides it.
    print(f"fuzz: {sent} requests in {time.monotonic() - started:.1f} s")  # noqa: T201
    assert sent > 2000 / PARTS / 2
    # The walk really opened the pages, not just sign-in redirects.
    endpoints = {rule.endpoint for rule in rules}
    for seen in (
        (False, "surveys.question"),
        (True, "themes.feedback_list"),
        (True, "dashboards.overview"),
        (True, "tracker.action"),
        (True, "surveys.survey"),
    ):
        if seen[0] is signed_in and seen[1] in endpoints:
            assert seen in reached, seen
    assert not failures, "\n".join(failures)
