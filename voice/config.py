"""Settings read from the environment; every default is safe to publish and works on a laptop."""

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

INSTANCE_DIR = Path(__file__).resolve().parent.parent / "instance"
DEFAULT_SECRET_KEY = "dev-only-not-secret"  # noqa: S105 - refused in production
LANGUAGES = ("en", "cy", "pl", "ar")
RTL_LANGUAGES = frozenset({"ar", "ur"})


class ConfigurationError(RuntimeError):
    """A setting makes it unsafe to start."""


def _flag(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def parse_role_groups(value: str | None) -> dict[str, list[str]]:
    """OIDC_ROLE_GROUPS: `group=role,group=role` or a JSON object {"group": "role" or [roles]}.

    A group may be named more than once to give several roles; role names are checked when the
    app starts (voice.accounts.single_sign_on)."""
    text = (value or "").strip()
    mapping: dict[str, list[str]] = {}
    if not text:
        return mapping
    if text.startswith("{"):
        try:
            loaded = json.loads(text)
        except ValueError as error:
            raise ConfigurationError("OIDC_ROLE_GROUPS is not valid JSON") from error
        if not isinstance(loaded, dict):
            raise ConfigurationError("OIDC_ROLE_GROUPS must be a JSON object")
        for group, roles in loaded.items():
            names = [roles] if isinstance(roles, str) else roles
            if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
                raise ConfigurationError("OIDC_ROLE_GROUPS: give each group a role or a list")
            mapping.setdefault(str(group), []).extend(n.strip() for n in names)
        return mapping
    for pair in text.split(","):
        group, sep, role = pair.rpartition("=")
        if not sep or not group.strip() or not role.strip():
            raise ConfigurationError("OIDC_ROLE_GROUPS: write each entry as group=role")
        mapping.setdefault(group.strip(), []).append(role.strip())
    return mapping


def settings_from_env(env: Mapping[str, str]) -> dict[str, Any]:
    """Build the Flask config from environment variables (see the README's table)."""
    voice_env = env.get("VOICE_ENV", "development")
    production = voice_env == "production"
    database_url = env.get("DATABASE_URL") or f"sqlite:///{INSTANCE_DIR / 'voice.sqlite3'}"
    broker_url = env.get("CELERY_BROKER_URL") or f"sqla+sqlite:///{INSTANCE_DIR / 'broker.sqlite3'}"
    return {
        "VOICE_ENV": voice_env,
        "SECRET_KEY": env.get("SECRET_KEY") or DEFAULT_SECRET_KEY,
        "SQLALCHEMY_DATABASE_URI": database_url,
        # hide_parameters: an error message never carries what someone wrote (or an email).
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True, "hide_parameters": True},
        "CELERY": {
            "broker_url": broker_url,
            "task_ignore_result": True,
            "task_always_eager": False,
            "broker_connection_retry_on_startup": True,
            "worker_hijack_root_logger": False,
            "beat_schedule_filename": str(INSTANCE_DIR / "celerybeat-schedule"),
        },
        "BEAT_SCHEDULE": {
            # Items whose hand-over to the workers was lost (broker down) get tagged anyway.
            "themes-sweep-untagged": {"task": "themes.sweep_untagged", "schedule": 60.0},
            "themes-retrain-model": {"task": "themes.retrain_model", "schedule": 3600.0},
            # A safeguarding flag nobody has opened is sent to the leads again.
            "themes-alert-unopened-flags": {
                "task": "themes.alert_unopened_flags",
                "schedule": 900.0,
            },
            # Raw survey responses past their survey's retention period (issue 3).
            "surveys-delete-expired-responses": {
                "task": "surveys.delete_expired_responses",
                "schedule": 3600.0,
            },
            # Uploaded spreadsheets never confirmed within IMPORT_UPLOAD_HOURS (issue 4).
            "surveys-expire-abandoned-imports": {
                "task": "surveys.expire_abandoned_imports",
                "schedule": 3600.0,
            },
            # Imports whose worker went quiet (killed, or the broker lost the message) go on.
            "surveys-sweep-stuck-imports": {
                "task": "surveys.sweep_stuck_imports",
                "schedule": 60.0,
            },
            # The dashboard's daily theme counts follow tagging and review (issue 7).
            "dashboards-catch-up": {"task": "dashboards.catch_up", "schedule": 60.0},
            "dashboards-rebuild": {"task": "dashboards.rebuild", "schedule": 86400.0},
            # "You said, we did" follow-up emails (batched weekly per person) and voice counts.
            "tracker-send-follow-ups": {"task": "tracker.send_follow_ups", "schedule": 3600.0},
            "tracker-refresh-voice-counts": {
                "task": "tracker.refresh_voice_counts",
                "schedule": 3600.0,
            },
        },
        # argon2-cffi's own defaults (RFC 9106, low memory); only the tests lower them.
        "PASSWORD_HASH": {
            "time_cost": 3,
            "memory_cost": 65536,
            "parallelism": 4,
            "hash_len": 32,
            "salt_len": 16,
        },
        "SESSION_COOKIE_SECURE": production,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "WTF_CSRF_TIME_LIMIT": None,
        # A staff session ends after this long with no request, and this long after sign-in.
        "STAFF_IDLE_MINUTES": int(env.get("STAFF_IDLE_MINUTES", "30")),
        "STAFF_SESSION_HOURS": int(env.get("STAFF_SESSION_HOURS", "12")),
        # Admins, safeguarding leads and strategy leads must sign in with a code as well.
        "REQUIRE_SECOND_FACTOR": _flag(env.get("REQUIRE_SECOND_FACTOR"), True),
        # Single sign-on over OpenID Connect: on when OIDC_ISSUER is set.
        "OIDC_ISSUER": (env.get("OIDC_ISSUER") or "").strip().rstrip("/"),
        "OIDC_CLIENT_ID": env.get("OIDC_CLIENT_ID", ""),
        "OIDC_CLIENT_SECRET": env.get("OIDC_CLIENT_SECRET", ""),
        "OIDC_ROLE_GROUPS": parse_role_groups(env.get("OIDC_ROLE_GROUPS")),
        "OIDC_GROUPS_CLAIM": env.get("OIDC_GROUPS_CLAIM") or "groups",
        "OIDC_SCOPE": env.get("OIDC_SCOPE") or "openid email profile",
        # Off: no password sign-in at all, only the identity provider.
        "LOCAL_PASSWORDS": _flag(env.get("LOCAL_PASSWORDS"), True),
        "RATELIMIT_STORAGE_URI": env.get("RATELIMIT_STORAGE_URI", "memory://"),
        # When the store (Redis) is down, sign-in and respondent posts still work: limits are
        # counted in memory until it answers again (flask-limiter logs the switch, no address).
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
        "RATELIMIT_SWALLOW_ERRORS": True,
        "RATELIMIT_STORAGE_OPTIONS": (
            {"socket_connect_timeout": 1, "socket_timeout": 1}
            if env.get("RATELIMIT_STORAGE_URI", "").startswith(("redis://", "rediss://"))
            else {}
        ),
        # How many proxies (load balancers) in front of the app add X-Forwarded-For; 0 trusts
        # none. Without it, every visitor behind a load balancer shares one rate-limit bucket.
        "TRUSTED_PROXIES": int(env.get("TRUSTED_PROXIES", "0")),
        "RATELIMIT_ENABLED": _flag(env.get("RATELIMIT_ENABLED"), True),
        "RATELIMIT_HEADERS_ENABLED": False,
        "LOGIN_RATE_LIMIT": env.get("LOGIN_RATE_LIMIT", "10 per minute;50 per hour"),
        "PUBLIC_POST_RATE_LIMIT": env.get("PUBLIC_POST_RATE_LIMIT", "600 per minute"),
        # "Is this better for you now?" on the public cards, per address: a family answers a
        # handful of cards; a thousand answers from one address is not a family.
        "VERDICT_RATE_LIMIT": env.get("VERDICT_RATE_LIMIT", "30 per minute;200 per day"),
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_TRANSLATION_DIRECTORIES": str(
            Path(__file__).resolve().parent.parent / "translations"
        ),
        "LANGUAGES": LANGUAGES,
        "SERVICE_NAME": env.get("SERVICE_NAME", "Voice"),
        "PUBLIC_URL": env.get("PUBLIC_URL", "http://localhost:5000"),
        "KIOSK_IDLE_SECONDS": int(env.get("KIOSK_IDLE_SECONDS", "180")),
        "SAFEGUARDING_REALERT_HOURS": int(env.get("SAFEGUARDING_REALERT_HOURS", "4")),
        "ORGANISATION_NAME": env.get("ORGANISATION_NAME", "the local area SEND partnership"),
        "CONTACT_EMAIL": env.get("CONTACT_EMAIL", "voice@example.org"),
        "MAIL_SERVER": env.get("MAIL_SERVER", "localhost"),
        "MAIL_PORT": int(env.get("MAIL_PORT", "25")),
        "MAIL_USERNAME": env.get("MAIL_USERNAME") or None,
        "MAIL_PASSWORD": env.get("MAIL_PASSWORD") or None,
        "MAIL_USE_TLS": _flag(env.get("MAIL_USE_TLS"), False),
        "MAIL_FROM": env.get("MAIL_FROM", "voice@example.org"),
        "PREFERRED_URL_SCHEME": "https" if production else "http",
        "MAX_CONTENT_LENGTH": int(env.get("MAX_UPLOAD_BYTES", str(10 * 1024 * 1024))),
        # An uploaded spreadsheet not confirmed within this many hours is deleted.
        "IMPORT_UPLOAD_HOURS": int(env.get("IMPORT_UPLOAD_HOURS", "24")),
        # A worker reads an uploaded spreadsheet within this many seconds, or refuses it; an
        # import whose worker shows no progress for this many minutes is handed on.
        "IMPORT_READ_SECONDS": float(env.get("IMPORT_READ_SECONDS", "60")),
        "IMPORT_STALE_MINUTES": int(env.get("IMPORT_STALE_MINUTES", "5")),
        # The minute sweep queues an untagged item once it has seen it for this many seconds,
        # and queues it again only after this many minutes (it may still be waiting).
        "TAGGING_SWEEP_GRACE_SECONDS": int(env.get("TAGGING_SWEEP_GRACE_SECONDS", "45")),
        "TAGGING_REQUEUE_MINUTES": int(env.get("TAGGING_REQUEUE_MINUTES", "10")),
        # The original words of comments with no survey (proxy entry, imports) are deleted
        # after this many days; survey and form answers follow their survey's own period.
        "FEEDBACK_RETENTION_DAYS": int(env.get("FEEDBACK_RETENTION_DAYS", "365")),
        # Counts staff see below this show as "fewer than N", to every role (voice/suppression.py).
        "SMALL_NUMBER_THRESHOLD": int(env.get("SMALL_NUMBER_THRESHOLD", "5")),
    }


def check_sign_in_settings(config: Mapping[str, Any]) -> None:
    """Someone must be able to sign in, and single sign-on needs all three of its settings."""
    issuer = config.get("OIDC_ISSUER")
    if issuer and not (config.get("OIDC_CLIENT_ID") and config.get("OIDC_CLIENT_SECRET")):
        raise ConfigurationError("OIDC_ISSUER needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET too")
    if not config.get("LOCAL_PASSWORDS", True) and not issuer:
        raise ConfigurationError("LOCAL_PASSWORDS=false needs single sign-on (OIDC_ISSUER)")


def check_production_settings(config: Mapping[str, Any]) -> None:
    """Refuse to run production with settings that are only fit for a laptop."""
    if config.get("VOICE_ENV") != "production":
        return
    secret = config.get("SECRET_KEY") or ""
    if secret == DEFAULT_SECRET_KEY or len(secret) < 32:
        raise ConfigurationError(
            "SECRET_KEY must be set to a random value of at least 32 characters in production"
        )
    issuer = config.get("OIDC_ISSUER") or ""
    if issuer and not issuer.startswith("https://"):
        raise ConfigurationError("OIDC_ISSUER must be an https:// address in production")
