"""What the public survey and feedback form pages share."""

from flask import current_app, request, session

EASY = "easy_read"  # one choice for every public survey page, so it follows the person


def public_post_limit() -> str:
    return current_app.config["PUBLIC_POST_RATE_LIMIT"]


def easy_read() -> bool:
    """Easy-read wording: ?easy=1 or 0 switches it and is remembered for the next pages."""
    asked = request.args.get("easy")
    if asked in {"0", "1"}:
        session[EASY] = asked == "1"
    return bool(session.get(EASY, False))
