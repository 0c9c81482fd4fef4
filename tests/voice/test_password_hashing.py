import pytest
from argon2 import PasswordHasher, extract_parameters
from flask import Flask

from tests.factories import TEST_PASSWORD, make_user
from voice.accounts.services import authenticate, hash_password
from voice.config import settings_from_env


def test_passwords_are_hashed_at_argon2_full_cost_when_the_config_is_the_default(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    full_cost = extract_parameters(PasswordHasher().hash("x"))
    monkeypatch.setitem(app.config, "PASSWORD_HASH", settings_from_env({})["PASSWORD_HASH"])
    with app.app_context():
        stored = hash_password("a-long-test-password")
    assert extract_parameters(stored) == full_cost
    assert (full_cost.time_cost, full_cost.memory_cost, full_cost.parallelism) == (3, 65536, 4)


def test_tests_hash_cheaply_when_run_with_the_test_settings(app: Flask) -> None:
    with app.app_context():
        stored = hash_password("a-long-test-password")
    assert extract_parameters(stored).memory_cost < PasswordHasher().memory_cost


def test_a_cheap_hash_still_signs_in_and_is_upgraded_when_the_full_cost_is_configured(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    with app.app_context():
        user = make_user(roles=(), email="upgrade@example.org")
        monkeypatch.setitem(app.config, "PASSWORD_HASH", settings_from_env({})["PASSWORD_HASH"])
        assert authenticate("upgrade@example.org", TEST_PASSWORD) is not None
        assert extract_parameters(user.password_hash) == extract_parameters(
            PasswordHasher().hash("x")
        )
