"""Friendly, translated error pages; nobody ever sees a stack trace."""

import contextlib
from collections.abc import Callable, Iterable
from html import escape
from typing import Any

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from voice.db import db
from voice.i18n import _l

ERROR_TEXT = {
    400: (
        _l("Sorry, something went wrong with that request"),
        _l("Go back, reload the page and try again. Anything you entered before is kept."),
    ),
    403: (
        _l("You cannot see this page"),
        _l("Your account does not have access to this page. Ask an admin if you need it."),
    ),
    404: (_l("Page not found"), _l("Check the web address is right, or go to the home page.")),
    405: (
        _l("Sorry, something went wrong with that request"),
        _l("Go back, reload the page and try again. Anything you entered before is kept."),
    ),
    413: (_l("That file is too big"), _l("Go back and choose a smaller file.")),
    429: (_l("Too many tries"), _l("Please wait a minute, then try again.")),
    500: (
        _l("Sorry, there is a problem with the service"),
        _l("Please try again later. What you sent before this is safe."),
    ),
}
CSRF_TEXT = (
    _l("This page had been open too long"),
    _l("Go back, reload the page and try again. Anything you entered before is kept."),
)


# The headers every page carries (Talisman adds them to pages Flask finishes); a page built
# when even that failed carries them itself.
SECURITY_HEADERS = (
    (
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; "
        "frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    ),
    ("X-Frame-Options", "DENY"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("Cache-Control", "no-store"),
)


def bare_page(title: object, message: object) -> str:
    """A whole page with no template, no database and no session: what is left to show when
    the error page itself cannot be drawn."""
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(str(title))}</title></head>"
        '<body style="font-family: sans-serif; margin: 1rem; max-width: 40rem">'
        f"<main><h1>{escape(str(title))}</h1><p>{escape(str(message))}</p></main></body></html>"
    )


def render_error(status: int, title: object, message: object) -> tuple[str, int]:
    try:
        return (
            render_template("errors/error.html", status=status, title=title, message=message),
            status,
        )
    except Exception:
        # The layout reads the session and the signed-in user; after some failures it cannot.
        _rollback_quietly()
        return bare_page(title, message), status


def _rollback_quietly() -> None:
    # The page must be shown whatever state the session is in.
    with contextlib.suppress(Exception):
        db.session.rollback()


class LastResort:
    """WSGI middleware: if anything escapes Flask (an error handler that fails, an
    after-request hook that raises), answer with a plain 500 page that still carries the
    security headers, instead of the server's bare page."""

    def __init__(self, app: Callable[..., Iterable[bytes]]) -> None:
        self.app = app

    def __call__(self, environ: dict, start_response: Callable[..., Any]) -> Iterable[bytes]:
        try:
            return self.app(environ, start_response)
        except Exception:
            title, message = ERROR_TEXT[500]
            try:
                body = bare_page(title, message).encode()
            except Exception:  # the translations themselves failed: say it in English
                body = bare_page(
                    "Sorry, there is a problem with the service", "Please try again later."
                ).encode()
            start_response(
                "500 INTERNAL SERVER ERROR",
                [
                    ("Content-Type", "text/html; charset=utf-8"),
                    ("Content-Length", str(len(body))),
                    *SECURITY_HEADERS,
                ],
            )
            return [body]


def init_error_handlers(app: Flask) -> None:
    app.wsgi_app = LastResort(app.wsgi_app)  # type: ignore[method-assign]

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> tuple[str, int]:
        return render_error(400, *CSRF_TEXT)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int] | HTTPException:
        status = error.code or 500
        if status not in ERROR_TEXT:
            return error
        return render_error(status, *ERROR_TEXT[status])

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception) -> tuple[str, int]:
        app.logger.exception("unhandled error", exc_info=error)
        # A failed statement leaves the session unusable; the page (its menu asks who is
        # signed in) must not fail the same way.
        try:
            db.session.rollback()
        except Exception:
            app.logger.exception("rollback failed after an error")
        return render_error(500, *ERROR_TEXT[InternalServerError.code])
