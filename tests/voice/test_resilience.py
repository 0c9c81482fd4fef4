"""Faults the service must ride out: the rate-limit store down, proxies in front, error pages
that cannot be drawn."""

import logging

import pytest
from flask import Flask, request
from flask.testing import FlaskClient
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter

from tests.conftest import csrf_token, make_staff
from tests.factories import TEST_PASSWORD
from voice.accounts.models import Role
from voice.config import settings_from_env
from voice.errors import SECURITY_HEADERS
from voice.extensions import limiter, trust_proxies

EMAIL = "lead-redis-down@example.org"


@pytest.fixture
def store_down(monkeypatch: pytest.MonkeyPatch) -> None:
    """The limiter's Redis stops answering (nothing listens on port 1), as in production."""
    dead = storage_from_string("redis://127.0.0.1:1", socket_connect_timeout=0.5)
    monkeypatch.setattr(limiter, "_storage", dead)
    monkeypatch.setattr(limiter, "_limiter", FixedWindowRateLimiter(dead))
    monkeypatch.setattr(limiter, "_storage_dead", False)


def _sign_in(client: FlaskClient, password: str) -> object:
    return client.post(
        "/sign-in",
        data={"csrf_token": csrf_token(client, "/sign-in"), "email": EMAIL, "password": password},
    )


def test_sign_in_works_when_the_rate_limit_store_is_down(
    app: Flask, client: FlaskClient, store_down: None, caplog: pytest.LogCaptureFixture
) -> None:
    make_staff(app, Role.STRATEGY_LEAD, email=EMAIL)
    caplog.set_level(logging.INFO)
    response = _sign_in(client, TEST_PASSWORD)
    assert response.status_code == 302
    assert "Rate limit storage unreachable" in caplog.text  # the switch is logged...
    assert EMAIL not in caplog.text  # ...with nothing about who was signing in
    assert TEST_PASSWORD not in caplog.text


def test_limits_still_count_in_memory_when_the_rate_limit_store_is_down(
    client: FlaskClient, store_down: None
) -> None:
    statuses = [_sign_in(client, "wrong-password").status_code for _ in range(12)]
    assert statuses[0] == 200
    assert statuses[-1] == 429
    assert 500 not in statuses


def test_respondent_posts_work_when_the_rate_limit_store_is_down(
    client: FlaskClient, store_down: None
) -> None:
    token = csrf_token(client, "/join")
    response = client.post("/join", data={"csrf_token": token, "code": "NOPE12"})
    assert response.status_code == 200
    assert "That code is not working" in response.get_data(as_text=True)


def test_healthz_says_the_rate_limit_store_is_down_when_it_does_not_answer(
    client: FlaskClient, store_down: None
) -> None:
    response = client.get("/healthz")
    body = response.get_json()
    assert body["rate_limits"] == "failed, counting in memory"
    assert response.status_code == 200  # the service works: limits fail open


def test_healthz_says_where_limits_are_counted_when_the_store_answers(
    client: FlaskClient,
) -> None:
    assert client.get("/healthz").get_json()["rate_limits"] == "memory"


def test_rate_limit_settings_fail_open_when_read_from_the_environment() -> None:
    settings = settings_from_env({"RATELIMIT_STORAGE_URI": "redis://cache:6379/3"})
    assert settings["RATELIMIT_IN_MEMORY_FALLBACK_ENABLED"] is True
    assert settings["RATELIMIT_STORAGE_OPTIONS"]["socket_connect_timeout"] == 1
    assert settings_from_env({})["RATELIMIT_STORAGE_OPTIONS"] == {}


def _address_app(hops: int) -> Flask:
    small = Flask(__name__)
    small.config["TRUSTED_PROXIES"] = hops
    trust_proxies(small)

    @small.get("/who")
    def who() -> str:
        return f"{request.remote_addr} {request.scheme}"

    return small


def test_visitor_address_comes_from_the_load_balancer_when_trusted_proxies_is_set() -> None:
    assert settings_from_env({})["TRUSTED_PROXIES"] == 0
    assert settings_from_env({"TRUSTED_PROXIES": "2"})["TRUSTED_PROXIES"] == 2
    headers = {"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https"}
    trusted = _address_app(1).test_client().get("/who", headers=headers)
    assert trusted.get_data(as_text=True) == "203.0.113.7 https"
    # With none trusted, anyone could write the header: it is ignored.
    untrusted = _address_app(0).test_client().get("/who", headers=headers)
    assert untrusted.get_data(as_text=True) == "127.0.0.1 http"


def _assert_secure_500(response: object) -> None:
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Sorry, there is a problem with the service" in page
    assert "secret internals" not in page
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def _failing_app() -> Flask:
    from tests.conftest import _test_settings
    from voice.app import create_app

    failing = create_app(_test_settings() | {"TESTING": False})

    @failing.route("/boom")
    def boom() -> str:
        raise RuntimeError("secret internals")

    return failing


def test_error_page_is_drawn_with_security_headers_when_its_template_fails(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    failing = _failing_app()

    def broken_template(*_args: object, **_kwargs: object) -> str:
        raise RuntimeError("secret internals of the layout")

    monkeypatch.setattr("voice.errors.render_template", broken_template)
    _assert_secure_500(failing.test_client().get("/boom"))


def test_bare_500_still_carries_security_headers_when_the_error_handler_itself_fails(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    failing = _failing_app()

    def handler_fails(*_args: object, **_kwargs: object) -> str:
        raise RuntimeError("secret internals of the handler")

    monkeypatch.setattr("voice.errors.render_error", handler_fails)
    response = failing.test_client().get("/boom")
    _assert_secure_500(response)
    assert dict(SECURITY_HEADERS)["Cache-Control"] == response.headers["Cache-Control"]
