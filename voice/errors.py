"""Friendly, translated error pages; nobody ever sees a stack trace."""

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


def render_error(status: int, title: object, message: object) -> tuple[str, int]:
    return render_template("errors/error.html", status=status, title=title, message=message), status


def init_error_handlers(app: Flask) -> None:
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
