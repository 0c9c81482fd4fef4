"""Access rules for every view: either @public or @role_required(...). A test checks each route."""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import abort, redirect, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from voice.accounts.models import Role

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
                return redirect(url_for("accounts.sign_in", next=request.full_path.rstrip("?")))
            if not current_user.has_any_role(*roles):
                abort(403)
            return view(*args, **kwargs)

        setattr(checked, ACCESS_ATTRIBUTE, tuple(roles) or "staff")
        return checked  # type: ignore[return-value]

    return decorate
