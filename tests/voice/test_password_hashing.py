import pytest
from argon2 import Parameters, PasswordHasher, extract_parameters
from argon2.low_level import ARGON2_VERSION
from flask import Flask

from tests.factories import TEST_PASSWORD, make_user
from voice.accounts.services import authenticate, hash_password
from voice.config import settings_from_env


def _full_cost() -> Parameters:
    """What argon2-cffi's PasswordHasher uses when given no parameters."""
    default = PasswordHasher()
    return Parameters(
        type=default.type,
        version=ARGON2_VERSION,
        salt_len=default.salt_len,
        hash_len=default.hash_len,
        time_cost=default.time_cost,
        memory_cost=default.memory_cost,
        parallelism=default.parallelism,
    )


def test_passwords_are_hashed_at_argon2_full_cost_when_the_config_is_the_default(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    full_cost = _full_cost()
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
        assert extract_parameters(user.password_hash) == _full_cost()
