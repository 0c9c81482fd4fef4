"""Single sign-on over OpenID Connect: the authorization code flow with PKCE, state and nonce.

Authlib keeps the state, nonce and PKCE verifier in the session between the redirect to the
provider and the callback, and takes them out when the callback arrives, so the same callback
cannot be used twice; the provider refuses a code used before. The ID token's signature,
issuer, audience, expiry and nonce are checked before anyone is signed in.

People are matched by the provider's issuer and subject ("sub"), never by email alone. Their
Voice roles come from the provider's groups (OIDC_ROLE_GROUPS) at every sign-in, so a change at
the provider takes effect the next time the person signs in."""

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import requests
from authlib.integrations.flask_client import OAuth, OAuthError
from authlib.integrations.flask_client.apps import FlaskOAuth2App
from flask import Flask, current_app, session, url_for
from joserfc.errors import JoseError
from sqlalchemy import select
from werkzeug.wrappers import Response

from voice.accounts.models import Role, SignInEventKind, User
from voice.accounts.second_factor import log_event
from voice.accounts.services import find_user_by_email, normalise_email, set_roles
from voice.accounts.sessions import end_all_sessions
from voice.config import ConfigurationError
from voice.db import db, utcnow

logger = logging.getLogger(__name__)

NEXT_KEY = "_voice_sso_next"
ID_TOKEN_KEY = "_voice_sso_id_token"  # noqa: S105 - a session key name, for signing out
LEEWAY_SECONDS = 60  # clock difference allowed between Voice and the provider
# RFC 8176: the provider says the person used more than one factor.
MULTI_FACTOR_METHODS = frozenset({"mfa"})
NO_PASSWORD = ""  # an account made by single sign-on: argon2 refuses every password against it


class SingleSignOnRefused(Exception):
    """The sign-in cannot go on; `reason` is a short word for the log, never personal data."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Identity:
    """What a checked ID token says about the person."""

    issuer: str
    subject: str
    email: str | None
    email_verified: bool
    name: str | None
    groups: tuple[str, ...]
    multi_factor: bool
    id_token: str


def is_enabled() -> bool:
    return bool(current_app.config.get("OIDC_ISSUER"))


def local_passwords_allowed() -> bool:
    return bool(current_app.config.get("LOCAL_PASSWORDS", True))


def role_groups() -> dict[str, frozenset[Role]]:
    """OIDC_ROLE_GROUPS as roles; unknown role names were refused when the app started."""
    return {
        group: frozenset(Role(name) for name in names)
        for group, names in current_app.config["OIDC_ROLE_GROUPS"].items()
    }


def roles_for(groups: Iterable[str]) -> frozenset[Role]:
    mapping = role_groups()
    return frozenset().union(*(mapping.get(group, frozenset()) for group in groups))


def _client() -> FlaskOAuth2App:
    """One Authlib client per set of settings (tests change them between apps)."""
    config = current_app.config
    key = (config["OIDC_ISSUER"], config["OIDC_CLIENT_ID"], config["OIDC_CLIENT_SECRET"])
    clients: dict[tuple[str, str, str], FlaskOAuth2App] = current_app.extensions.setdefault(
        "voice_oidc_clients", {}
    )
    if key not in clients:
        registry = OAuth(current_app._get_current_object())  # type: ignore[attr-defined]
        clients[key] = registry.register(
            "voice",
            client_id=config["OIDC_CLIENT_ID"],
            client_secret=config["OIDC_CLIENT_SECRET"],
            server_metadata_url=f"{config['OIDC_ISSUER']}/.well-known/openid-configuration",
            client_kwargs={
                "scope": config["OIDC_SCOPE"],
                "code_challenge_method": "S256",
                "token_endpoint_auth_method": "client_secret_basic",
                "timeout": 10,
            },
        )
    return clients[key]


def begin(target: str) -> Response:
    """Send the browser to the provider; `target` is where to go after (already same-site)."""
    client = _client()
    try:
        client.load_server_metadata()
    except (requests.RequestException, ValueError) as error:
        raise SingleSignOnRefused("provider_unreachable") from error
    session[NEXT_KEY] = target
    return client.authorize_redirect(url_for("accounts.sign_in_callback", _external=True))


def finish() -> Identity:
    """Check the provider's answer on the callback and return who signed in."""
    client = _client()
    issuer = current_app.config["OIDC_ISSUER"]
    client_id = current_app.config["OIDC_CLIENT_ID"]
    try:
        token = client.authorize_access_token(
            claims_options={
                "iss": {"essential": True, "value": issuer},
                "aud": {"essential": True, "value": client_id},
                "sub": {"essential": True},
                "exp": {"essential": True},
                "iat": {"essential": True},
            },
            leeway=LEEWAY_SECONDS,
        )
    except OAuthError as error:
        # A state that is missing or already used (a replayed or forged callback), an error
        # from the provider, or a code it refused.
        raise SingleSignOnRefused(error.error or "oauth_error") from error
    except JoseError as error:
        raise SingleSignOnRefused(f"id_token_{error.error}") from error
    except (requests.RequestException, ValueError, KeyError) as error:
        raise SingleSignOnRefused("provider_unreachable") from error
    claims = token.get("userinfo")
    if not claims or "id_token" not in token:
        raise SingleSignOnRefused("no_id_token")
    return _identity(claims, token["id_token"], issuer, client_id)


def _identity(claims: Mapping[str, Any], id_token: str, issuer: str, client_id: str) -> Identity:
    audience = claims.get("aud")
    audiences = audience if isinstance(audience, list) else [audience]
    if claims.get("iss") != issuer or client_id not in audiences:
        raise SingleSignOnRefused("id_token_claims")
    groups = claims.get(current_app.config["OIDC_GROUPS_CLAIM"]) or []
    if isinstance(groups, str):
        groups = [groups]
    methods = claims.get("amr") or []
    email = claims.get("email")
    name = claims.get("name")
    return Identity(
        issuer=issuer,
        subject=str(claims["sub"]),
        email=normalise_email(email) if isinstance(email, str) and email.strip() else None,
        email_verified=claims.get("email_verified") is True,
        name=name.strip()[:120] if isinstance(name, str) and name.strip() else None,
        groups=tuple(str(group) for group in groups if isinstance(group, str | int)),
        multi_factor=bool(MULTI_FACTOR_METHODS.intersection(methods)),
        id_token=id_token,
    )


def take_next() -> str | None:
    return session.pop(NEXT_KEY, None)


def user_for(identity: Identity) -> User:
    """The Voice account for `identity`, made on first sign-in, its roles set from the groups.

    Refused: no group that gives a Voice role (an existing account then loses its roles and
    every session), a deactivated account, or an email address already used by an account
    that the provider does not vouch for. The caller commits (the refusal is logged too)."""
    roles = roles_for(identity.groups)
    user = db.session.scalar(
        select(User).where(
            User.oidc_issuer == identity.issuer, User.oidc_subject == identity.subject
        )
    )
    if user is None:
        user = _link_or_create(identity, roles)
    if not user.active:
        raise _refusal(user, "inactive")
    if not roles:
        if user.id is not None and user.roles:
            set_roles(user, ())
            end_all_sessions(user)
        raise _refusal(user if user.id is not None else None, "no_role")
    set_roles(user, roles)
    if identity.name and identity.name != user.name:
        user.name = identity.name
    user.last_login_at = utcnow()
    db.session.flush()
    return user


def _link_or_create(identity: Identity, roles: frozenset[Role]) -> User:
    if identity.email is None:
        raise _refusal(None, "no_email")
    existing = find_user_by_email(identity.email)
    if existing is not None:
        # An account made before single sign-on was switched on is joined to the provider's
        # subject only when the provider has checked that the email address is the person's.
        if existing.oidc_subject is not None or not identity.email_verified:
            raise _refusal(None, "email_taken")
        existing.oidc_issuer, existing.oidc_subject = identity.issuer, identity.subject
        return existing
    if not roles:
        raise _refusal(None, "no_role")
    user = User(
        email=identity.email,
        name=identity.name or identity.email,
        password_hash=NO_PASSWORD,
        oidc_issuer=identity.issuer,
        oidc_subject=identity.subject,
    )
    db.session.add(user)
    db.session.flush()
    return user


def _refusal(user: User | None, reason: str) -> SingleSignOnRefused:
    return SingleSignOnRefused(reason) if user is None else _logged(user, reason)


def _logged(user: User, reason: str) -> SingleSignOnRefused:
    log_event(user, SignInEventKind.PROVIDER_REFUSED)
    return SingleSignOnRefused(reason)


def log_refusal(refusal: SingleSignOnRefused) -> None:
    """The reason word only: no subject, email, name or token reaches the log."""
    logger.warning("Single sign-on refused: %s", refusal.reason)


def end_session_url(id_token: str | None) -> str | None:
    """The provider's end_session_endpoint (RP-initiated logout), if it offers one."""
    if not is_enabled() or not id_token:
        return None
    try:
        endpoint = _client().load_server_metadata().get("end_session_endpoint")
    except (requests.RequestException, ValueError):
        return None
    if not isinstance(endpoint, str) or not endpoint.startswith(("https://", "http://")):
        return None
    query = urlencode(
        {
            "id_token_hint": id_token,
            "client_id": current_app.config["OIDC_CLIENT_ID"],
            "post_logout_redirect_uri": url_for("public.home", _external=True),
        }
    )
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


def init_single_sign_on(app: Flask) -> None:
    """Refuse to start with a group mapped to a role Voice does not have."""
    known = {role.value for role in Role}
    for group, names in app.config.get("OIDC_ROLE_GROUPS", {}).items():
        unknown = sorted(set(names) - known)
        if unknown:
            raise ConfigurationError(
                f"OIDC_ROLE_GROUPS gives group {group!r} unknown roles: {', '.join(unknown)}; "
                f"use {', '.join(sorted(known))}"
            )
