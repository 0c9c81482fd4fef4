"""Staff sessions that end: a per-user version, an idle limit and an absolute limit.

The session cookie carries the user's `session_version` at sign-in and two times (sign-in and
last request). The user loader refuses the cookie when the version has moved on (sign-out, a
password change, deactivation, "sign out everywhere") or a limit has passed, so a copied
cookie stops working for every copy at once."""

from datetime import datetime, timedelta
from typing import Any

from flask import Flask, current_app, request, session
from werkzeug.wrappers import Response

from voice.accounts.access import ACCESS_ATTRIBUTE, View
from voice.accounts.models import User
from voice.db import db, utcnow

VERSION_KEY = "_voice_sv"
SIGNED_IN_KEY = "_voice_signed_in"
SEEN_KEY = "_voice_seen"
CSRF_KEY = "csrf_token"
NEVER_CACHED_ATTRIBUTE = "voice_never_cached"


def now() -> datetime:
    """The clock the session limits read; tests move it with monkeypatch."""
    return utcnow()


def session_for(user: User) -> dict[str, Any]:
    """The session values that make `user` signed in, as the sign-in page writes them."""
    stamp = now().timestamp()
    return {
        "_user_id": str(user.id),
        "_fresh": True,
        VERSION_KEY: user.session_version,
        SIGNED_IN_KEY: stamp,
        SEEN_KEY: stamp,
    }


def start_session(user: User) -> None:
    """After the password (and second factor) are right: a new CSRF token and fresh stamps."""
    session.pop(CSRF_KEY, None)
    session.update(session_for(user))


def session_is_current(user: User) -> bool:
    """Whether this request's session may still act for `user`; refreshes the idle stamp."""
    if not user.active or session.get(VERSION_KEY) != user.session_version:
        return False
    signed_in, seen = session.get(SIGNED_IN_KEY), session.get(SEEN_KEY)
    if not isinstance(signed_in, int | float) or not isinstance(seen, int | float):
        return False
    moment = now().timestamp()
    idle = timedelta(minutes=current_app.config["STAFF_IDLE_MINUTES"]).total_seconds()
    absolute = timedelta(hours=current_app.config["STAFF_SESSION_HOURS"]).total_seconds()
    if moment - seen > idle or moment - signed_in > absolute:
        return False
    session[SEEN_KEY] = moment
    return True


# Set by single sign-on (voice.accounts.single_sign_on and second_factor), ended with the rest.
PROVIDER_KEYS = ("_voice_idp_mfa", "_voice_sso_id_token")


def end_session_in_browser() -> None:
    for key in ("_user_id", "_fresh", "_id", "_remember", VERSION_KEY, SIGNED_IN_KEY, SEEN_KEY):
        session.pop(key, None)
    for key in PROVIDER_KEYS:
        session.pop(key, None)


def end_all_sessions(user: User) -> None:
    """Every copy of every session `user` holds stops working; the caller commits."""
    user.session_version = (user.session_version or 0) + 1
    db.session.flush()


def never_cached(view: View) -> View:
    """A public page no browser may keep: it shows or takes what a young person wrote or chose,
    and the next person on a shared tablet must not find it by Back or in the cache. Every staff
    page is never cached already, by its access rule."""
    setattr(view, NEVER_CACHED_ATTRIBUTE, True)
    return view


def _is_never_cached(view: object) -> bool:
    access = getattr(view, ACCESS_ATTRIBUTE, None)
    return getattr(view, NEVER_CACHED_ATTRIBUTE, False) or access not in (None, "public")


def _no_store(response: Response) -> Response:
    endpoint = request.endpoint
    if endpoint and _is_never_cached(current_app.view_functions.get(endpoint)):
        response.headers["Cache-Control"] = "no-store"
        response.headers.pop("Expires", None)
    return response


def init_sessions(app: Flask) -> None:
    app.after_request(_no_store)
