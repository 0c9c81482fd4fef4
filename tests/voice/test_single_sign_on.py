"""Single sign-on end to end: Voice on a live server, a real OpenID provider (the npm package
oidc-provider, tests/voice/oidc_provider.mjs) on another port, and a requests session as the
browser, following every redirect between the two."""

import logging
import os
import shutil
import socket
import subprocess
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit, urlunsplit

import pytest
import requests
from flask import Flask
from sqlalchemy import select
from werkzeug.serving import make_server

from tests.conftest import csrf_token, make_staff
from tests.factories import TEST_PASSWORD
from voice.accounts.models import Role, SignInEvent, SignInEventKind, User
from voice.app import create_app
from voice.config import ConfigurationError, check_production_settings, parse_role_groups
from voice.db import db

PROVIDER_SCRIPT = Path(__file__).resolve().parent / "oidc_provider.mjs"
CLIENT_ID = "voice-tests"
CLIENT_SECRET = "voice-tests-secret-that-is-long-enough"  # as in oidc_provider.mjs
ROLE_GROUPS = {
    "voice-admins": ["admin"],
    "voice-leads": ["strategy_lead"],
    "youth-workers": ["facilitator"],
}
LOG_NAME = "voice.accounts.single_sign_on"
START = "{}/sign-in/provider"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def voice_server(app: Flask) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="module")
def provider(voice_server: str) -> Iterator[str]:
    """The provider's issuer address; the Node.js process lives as long as this module."""
    node = shutil.which("node")
    if node is None:
        message = "Node.js not found: the single sign-on tests need it (`make setup`)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    port = _free_port()
    process = subprocess.Popen(  # noqa: S603 - our own script, no shell
        [node, str(PROVIDER_SCRIPT)],
        env={
            **os.environ,
            "OIDC_TEST_PORT": str(port),
            "OIDC_TEST_REDIRECT_URI": f"{voice_server}/sign-in/provider/callback",
            "OIDC_TEST_LOGOUT_URI": f"{voice_server}/",
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        ready: list[str] = []
        reader = threading.Thread(target=lambda: ready.append(process.stdout.readline()))
        reader.start()
        reader.join(30)
        if not ready or not ready[0].startswith("ready "):
            pytest.fail("the OpenID provider did not start within 30 seconds")
        yield ready[0].split()[1]
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def sso(app: Flask, provider: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """Single sign-on switched on with the three settings and a groups mapping."""
    monkeypatch.setitem(app.config, "OIDC_ISSUER", provider)
    monkeypatch.setitem(app.config, "OIDC_CLIENT_ID", CLIENT_ID)
    monkeypatch.setitem(app.config, "OIDC_CLIENT_SECRET", CLIENT_SECRET)
    monkeypatch.setitem(app.config, "OIDC_ROLE_GROUPS", ROLE_GROUPS)
    return provider


class _Forms(HTMLParser):
    """Each form's action and its named inputs (the provider's login and sign-out pages)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "form":
            self.forms.append((found.get("action") or "", {}))
        elif tag in {"input", "button"} and self.forms and found.get("name"):
            self.forms[-1][1][found["name"] or ""] = found.get("value") or ""


def _forms(response: requests.Response) -> list[tuple[str, dict[str, str]]]:
    parser = _Forms()
    parser.feed(response.text)
    return parser.forms


def _to_callback(browser: requests.Session, voice: str, account: str, start: str) -> str:
    """Start single sign-on at `start` and log in at the provider as `account`; the address
    of Voice's callback the provider sends the browser back to, not yet opened."""
    page = browser.get(start)
    assert "Council sign-in" in page.text, page.url
    action, _fields = _forms(page)[0]
    response = browser.post(
        urljoin(page.url, action), data={"login": account}, allow_redirects=False
    )
    while response.is_redirect:
        location = urljoin(response.url, response.headers["Location"])
        if location.startswith(f"{voice}/sign-in/provider/callback"):
            return location
        response = browser.get(location, allow_redirects=False)
    pytest.fail(f"the provider did not send the browser back to Voice: {response.status_code}")


def _sign_in(
    browser: requests.Session, voice: str, account: str, next_path: str = ""
) -> requests.Response:
    start = f"{voice}/sign-in/provider" + (
        f"?{urlencode({'next': next_path})}" if next_path else ""
    )
    return browser.get(_to_callback(browser, voice, account, start))


def _stored_user(app: Flask, email: str) -> User | None:
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        if user is not None:
            db.session.expunge(user)
        return user


def _events(app: Flask) -> list[SignInEventKind]:
    with app.app_context():
        return list(db.session.scalars(select(SignInEvent.kind).order_by(SignInEvent.id)))


def _opens_staff_home(browser: requests.Session, voice: str) -> bool:
    response = browser.get(f"{voice}/staff", allow_redirects=False)
    return response.status_code == 200


def test_a_person_is_made_with_roles_from_their_groups_when_they_first_sign_in(
    app: Flask, sso: str, voice_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The provider asked for two factors (amr "mfa"), so a strategy lead is not asked again.
    monkeypatch.setitem(app.config, "REQUIRE_SECOND_FACTOR", True)
    browser = requests.Session()
    home = _sign_in(browser, voice_server, "lead-7f3a")
    assert home.url == f"{voice_server}/staff"
    assert "Hello, Lena Lead" in home.text
    assert "Strategy lead" in home.text
    assert "Change your password" not in home.text  # there is no Voice password to change
    user = _stored_user(app, "lena.lead@council.example")
    assert user is not None
    assert (user.oidc_issuer, user.oidc_subject) == (sso, "lead-7f3a")
    assert user.roles == {Role.STRATEGY_LEAD}
    assert not user.has_password
    assert _events(app) == [SignInEventKind.SIGNED_IN_WITH_PROVIDER]
    assert _opens_staff_home(browser, voice_server)


def test_voice_asks_for_its_own_second_factor_when_the_provider_used_one_factor(
    app: Flask, sso: str, voice_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(app.config, "REQUIRE_SECOND_FACTOR", True)
    browser = requests.Session()
    response = _sign_in(browser, voice_server, "lead-no-mfa-9e4f")
    assert response.url == f"{voice_server}/account/second-factor"
    assert "Set up a second factor" in response.text
    denied = browser.get(f"{voice_server}/tracker", allow_redirects=False)
    assert denied.headers["Location"] == "/account/second-factor"


def test_roles_are_set_again_from_the_groups_when_a_known_person_signs_in(
    app: Flask, sso: str, voice_server: str
) -> None:
    browser = requests.Session()
    _sign_in(browser, voice_server, "worker-5d1e")
    with app.app_context():
        user = db.session.scalar(select(User).where(User.oidc_subject == "worker-5d1e"))
        user.role_rows.clear()  # an admin's change in Voice, or a stale set of roles
        db.session.commit()
    browser.post(
        f"{voice_server}/sign-out",
        data={"csrf_token": _csrf(browser, f"{voice_server}/staff")},
    )
    home = _sign_in(requests.Session(), voice_server, "worker-5d1e")
    assert "Facilitator" in home.text
    user = _stored_user(app, "yan.worker@council.example")
    assert user is not None
    assert user.roles == {Role.FACILITATOR}  # "finance" gives no role
    with app.app_context():
        assert db.session.scalar(select(db.func.count(User.id))) == 1  # matched, not made twice


def test_a_person_in_no_voice_group_is_refused_and_nothing_personal_is_logged(
    app: Flask, sso: str, voice_server: str, caplog: pytest.LogCaptureFixture
) -> None:
    browser = requests.Session()
    with caplog.at_level(logging.INFO, logger=LOG_NAME):
        response = _sign_in(browser, voice_server, "outsider-3c8d")
    assert response.status_code == 403
    assert "You could not be signed in" in response.text
    assert "not in a group that uses Voice" in response.text
    assert _stored_user(app, "olu.outsider@council.example") is None
    assert "Single sign-on refused: no_role" in caplog.text
    for personal in ("olu", "Outsider", "outsider-3c8d", "council.example"):
        assert personal not in caplog.text


def test_signing_out_ends_the_voice_session_and_the_providers(
    app: Flask, sso: str, voice_server: str
) -> None:
    browser = requests.Session()
    _sign_in(browser, voice_server, "worker-5d1e")
    copied = requests.Session()
    copied.cookies.update(browser.cookies)
    response = browser.post(
        f"{voice_server}/sign-out",
        data={"csrf_token": _csrf(browser, f"{voice_server}/staff")},
        allow_redirects=False,
    )
    end_session = response.headers["Location"]
    assert end_session.startswith(f"{sso}/session/end?")
    assert parse_qs(urlsplit(end_session).query)["post_logout_redirect_uri"] == [f"{voice_server}/"]
    confirm = browser.get(end_session)
    action, fields = _forms(confirm)[0]
    back = browser.post(urljoin(confirm.url, action), data={**fields, "logout": "yes"})
    assert back.url == f"{voice_server}/"
    assert "You have signed out." in back.text
    assert not _opens_staff_home(browser, voice_server)
    assert not _opens_staff_home(copied, voice_server)  # a copy of the cookie is no use
    # The provider's session ended too: signing in again asks who the person is.
    assert "Council sign-in" in browser.get(f"{voice_server}/sign-in/provider").text
    assert SignInEventKind.SIGNED_OUT in _events(app)


@pytest.mark.parametrize(
    ("account", "reason"),
    [("wrong-audience", "id_token_invalid_claim"), ("expired", "id_token_expired_token")],
)
def test_an_id_token_is_refused_when_it_is_for_another_service_or_has_expired(
    app: Flask,
    sso: str,
    voice_server: str,
    caplog: pytest.LogCaptureFixture,
    account: str,
    reason: str,
) -> None:
    browser = requests.Session()
    with caplog.at_level(logging.INFO, logger=LOG_NAME):
        response = _sign_in(browser, voice_server, account)
    assert response.status_code == 403
    assert "The sign-in could not be checked" in response.text
    assert f"Single sign-on refused: {reason}" in caplog.text
    assert not _opens_staff_home(browser, voice_server)
    with app.app_context():
        assert db.session.scalar(select(db.func.count(User.id))) == 0


def test_a_callback_is_refused_when_it_is_replayed(app: Flask, sso: str, voice_server: str) -> None:
    browser = requests.Session()
    callback = _to_callback(
        browser, voice_server, "worker-5d1e", f"{voice_server}/sign-in/provider"
    )
    before = requests.Session()  # a copy of the browser as it was before the callback
    before.cookies.update(browser.cookies)
    assert browser.get(callback).url == f"{voice_server}/staff"
    again = browser.get(callback)
    assert again.status_code == 403
    assert "The sign-in could not be checked, or it was used already" in again.text
    # Even with the state still in an old copy of the cookie, the code works only once.
    replayed = before.get(callback)
    assert replayed.status_code == 403
    assert not _opens_staff_home(before, voice_server)
    assert _events(app).count(SignInEventKind.SIGNED_IN_WITH_PROVIDER) == 1


def test_a_callback_is_refused_when_its_state_does_not_match(
    app: Flask, sso: str, voice_server: str
) -> None:
    browser = requests.Session()
    callback = _to_callback(
        browser, voice_server, "worker-5d1e", f"{voice_server}/sign-in/provider"
    )
    parts = urlsplit(callback)
    query = parse_qs(parts.query)
    query["state"] = ["forged" + query["state"][0][6:]]
    forged = urlunsplit(parts._replace(query=urlencode(query, doseq=True)))
    response = browser.get(forged)
    assert response.status_code == 403
    assert not _opens_staff_home(browser, voice_server)
    assert _stored_user(app, "yan.worker@council.example") is None


def test_next_is_followed_on_the_site_and_refused_off_it(sso: str, voice_server: str) -> None:
    on_site = _sign_in(requests.Session(), voice_server, "lead-7f3a", next_path="/tracker")
    assert on_site.url == f"{voice_server}/tracker"
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        response = _sign_in(requests.Session(), voice_server, "worker-5d1e", next_path=target)
        assert response.url == f"{voice_server}/staff", target


def test_a_session_ends_when_the_account_is_deactivated_and_it_cannot_sign_in_again(
    app: Flask, sso: str, voice_server: str
) -> None:
    browser = requests.Session()
    _sign_in(browser, voice_server, "worker-5d1e")
    with app.app_context():
        user = db.session.scalar(select(User).where(User.oidc_subject == "worker-5d1e"))
        user.active = False
        db.session.commit()
    ended = browser.get(f"{voice_server}/staff")
    assert ended.url.startswith(f"{voice_server}/sign-in?next=")
    assert "Your session has ended" in ended.text
    again = browser.get(f"{voice_server}/sign-in/provider")  # the provider still knows them
    assert again.status_code == 403
    assert "This account has been turned off" in again.text
    assert SignInEventKind.PROVIDER_REFUSED in _events(app)


def test_an_existing_account_is_joined_only_when_the_provider_vouches_for_the_email(
    app: Flask, sso: str, voice_server: str
) -> None:
    make_staff(app, Role.FORUM_REP, email="known@council.example")
    make_staff(app, Role.FORUM_REP, email="existing@council.example")
    joined = _sign_in(requests.Session(), voice_server, "verified-1d7c")
    assert joined.url == f"{voice_server}/staff"
    user = _stored_user(app, "known@council.example")
    assert user is not None
    assert user.oidc_subject == "verified-1d7c"
    assert user.roles == {Role.FACILITATOR}
    refused = _sign_in(requests.Session(), voice_server, "unverified-6a2b")
    assert refused.status_code == 403
    assert "A Voice account already uses your email address" in refused.text
    unlinked = _stored_user(app, "existing@council.example")
    assert unlinked is not None
    assert unlinked.oidc_subject is None


def test_local_passwords_off_hides_the_form_and_refuses_a_password(
    app: Flask, sso: str, voice_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_staff(app, Role.FACILITATOR, email="local@example.org")
    client = app.test_client()
    token = csrf_token(client, "/sign-in")
    monkeypatch.setitem(app.config, "LOCAL_PASSWORDS", False)
    page = client.get("/sign-in").get_data(as_text=True)
    assert 'type="password"' not in page
    assert 'href="/sign-in/provider"' in page
    assert "Sign in with your organisation's account" in page
    posted = client.post(
        "/sign-in",
        data={"csrf_token": token, "email": "local@example.org", "password": TEST_PASSWORD},
    )
    assert posted.status_code == 403
    assert "Voice does not use passwords here" in posted.get_data(as_text=True)
    assert client.get("/staff").status_code == 302
    assert SignInEventKind.SIGNED_IN not in _events(app)
    # Signing in through the provider still works.
    assert _sign_in(requests.Session(), voice_server, "worker-5d1e").url.endswith("/staff")


def test_the_sign_in_page_offers_both_ways_when_passwords_are_on(
    sso: str, voice_server: str
) -> None:
    page = requests.get(f"{voice_server}/sign-in?next=/tracker", timeout=10).text
    assert 'type="password"' in page
    assert 'href="/sign-in/provider?next=/tracker"' in page
    assert "Or sign in with a Voice password" in page


def _csrf(browser: requests.Session, url: str) -> str:
    page = browser.get(url).text
    marker = 'name="csrf_token" value="'
    start = page.index(marker) + len(marker)
    return page[start : page.index('"', start)]


@pytest.mark.parametrize(
    "value",
    [
        "voice-admins=admin,voice-leads=strategy_lead,voice-leads=safeguarding_lead",
        '{"voice-admins": "admin", "voice-leads": ["strategy_lead", "safeguarding_lead"]}',
    ],
)
def test_role_groups_are_read_when_written_as_pairs_or_json(value: str) -> None:
    assert parse_role_groups(value) == {
        "voice-admins": ["admin"],
        "voice-leads": ["strategy_lead", "safeguarding_lead"],
    }


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"OIDC_ROLE_GROUPS": "voice-admins"}, "group=role"),
        ({"OIDC_ROLE_GROUPS": "{not json"}, "not valid JSON"),
        ({"OIDC_ROLE_GROUPS": "staff=superuser"}, "unknown roles: superuser"),
        ({"OIDC_ISSUER": "https://login.example"}, "OIDC_CLIENT_ID and OIDC_CLIENT_SECRET"),
        ({"LOCAL_PASSWORDS": "false"}, "needs single sign-on"),
    ],
)
def test_the_app_refuses_to_start_when_sign_in_settings_cannot_work(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], message: str
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ConfigurationError, match=message):
        create_app({"TESTING": True})


def test_production_refuses_an_issuer_without_https() -> None:
    with pytest.raises(ConfigurationError, match="https"):
        check_production_settings(
            {"VOICE_ENV": "production", "SECRET_KEY": "x" * 40, "OIDC_ISSUER": "http://idp"}
        )


def test_pages_let_the_sign_out_form_go_on_to_the_provider_when_single_sign_on_is_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OIDC_ISSUER", "https://login.example.org/tenant/v2.0")
    monkeypatch.setenv("OIDC_CLIENT_ID", "voice")
    monkeypatch.setenv("OIDC_CLIENT_SECRET", "secret")
    policy = (
        create_app({"TESTING": True})
        .test_client()
        .get("/sign-in")
        .headers["Content-Security-Policy"]
    )
    assert "form-action 'self' https://login.example.org" in policy
