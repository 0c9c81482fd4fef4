"""Access rules for every view: either @public or @role_required(...). A test checks each route."""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import abort, flash, g, redirect, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from voice.accounts.models import Role, SignInEventKind, User
from voice.accounts.second_factor import (
    log_event,
    provider_gave_second_factor,
    second_factor_required,
)
from voice.db import db
from voice.i18n import _

# Pages a person who must set up a second factor can still open (to set it up).
SET_UP_ENDPOINTS = frozenset({"accounts.set_up_second_factor"})

View = TypeVar("View", bound=Callable[..., Any])
ACCESS_ATTRIBUTE = "voice_access"


def public(view: View) -> View:
    """Open to anyone, no sign-in: respondent, public and sign-in pages."""
    setattr(view, ACCESS_ATTRIBUTE, "public")
    return view


def role_required(*roles: Role) -> Callable[[View], View]:
    """Signed-in staff holding at least one of the roles; no roles means any signed-in staff."""

    def decorate(view: View) -> View:
        @wraps(view)
        def checked(*args: Any, **kwargs: Any) -> Response | Any:
            if not current_user.is_authenticated:
                refused = g.pop("refused_session_user_id", None)
                if refused is not None:
                    # Nothing has happened in this request yet, so the log can be committed.
                    log_event(db.session.get(User, refused), SignInEventKind.SESSION_REFUSED)
                    db.session.commit()
                    flash(_("Your session has ended. Sign in again to continue."))
                return redirect(url_for("accounts.sign_in", next=request.full_path.rstrip("?")))
            needs_set_up = (
                second_factor_required(current_user)
                and not current_user.has_second_factor
                and not provider_gave_second_factor()
            )
            if needs_set_up and request.endpoint not in SET_UP_ENDPOINTS:
                return redirect(url_for("accounts.set_up_second_factor"))
            if not current_user.has_any_role(*roles):
                abort(403)
            return view(*args, **kwargs)

        setattr(checked, ACCESS_ATTRIBUTE, tuple(roles) or "staff")
        return checked  # type: ignore[return-value]

    return decorate
