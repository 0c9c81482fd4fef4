""" "Did it work for you?" on the public cards: one small form per card, no sign-in, no
JavaScript needed (post, then back to the card's anchor)."""

from flask import (
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import get_locale
from werkzeug.wrappers import Response

from surveys.feedback import announce_feedback
from voice.accounts.access import public
from voice.db import db
from voice.extensions import limiter
from voice.i18n import _
from voice.tracker import bp, publishing, verdicts
from voice.tracker.forms import FACE_LABELS, FACE_PICTURES, VerdictForm
from voice.tracker.models import Statement
from voice.tracker.verdicts import BadCookie, VerdictFace

PUBLIC_PREFIX = "/you-said-we-did"


def verdict_limit() -> str:
    return current_app.config["VERDICT_RATE_LIMIT"]


def browser_token() -> str | None:
    """This browser's token, or None when it has no cookie or one that does not verify."""
    try:
        return verdicts.read_cookie(request.cookies.get(verdicts.COOKIE_NAME))
    except BadCookie:
        return None


def form_context(statement_ids: list[int]) -> dict[str, object]:
    """What the cards need to draw their forms: this browser's answers and the token its first
    answer will keep."""
    token = browser_token()
    return {
        "verdict_asking": True,
        "own_verdicts": verdicts.own_verdicts(token, statement_ids),
        "verdict_token": verdicts.sign_token(token or verdicts.new_token()),
        "face_labels": FACE_LABELS,
        "face_pictures": FACE_PICTURES,
        "back": request.full_path.rstrip("?"),
    }


def _safe_back(value: str | None) -> str:
    """The public page the card was on, never another site."""
    if not value or not value.startswith(PUBLIC_PREFIX) or "\\" in value:
        return url_for("tracker.you_said")
    return value.split("#", 1)[0]


def _page(
    statement: Statement | None, form: VerdictForm, status: int, problem: str | None = None
) -> tuple[str, int]:
    errors: list[dict[str, str]] = [{"text": problem}] if problem else []
    if statement is not None:
        errors += [
            {"text": str(form.errors[name][0]), "href": f"#verdict-{statement.id}-{name}"}
            for name in ("face", "sentence")
            if form.errors.get(name)
        ]
        if status == 400 and not errors:  # the CSRF token had run out
            ran_out = _("This page had been open too long. Choose your answer and send it again.")
            errors.append({"text": ran_out})
    return render_template(
        "tracker/verdict.html",
        statement=statement,
        # Not `form`: the layout would draw a second error summary and title prefix for it,
        # pointing at ids this page's fields do not have.
        answer=form,
        problem=problem,
        error_list=errors,
        face_labels=FACE_LABELS,
        face_pictures=FACE_PICTURES,
        verdict_token=form.token.data or verdicts.sign_token(verdicts.new_token()),
        back=_safe_back(form.back.data),
        chosen=form.face.data,
    ), status


@bp.route("/you-said-we-did/<int:statement_id>/verdict", methods=["GET", "POST"])
@limiter.limit(verdict_limit, methods=["POST"])
@public
def give_verdict(statement_id: int) -> Response | tuple[str, int]:
    form = VerdictForm()
    statement = publishing.published_statement(statement_id)
    if statement is None:
        return _page(
            None,
            form,
            404,
            _("This card is not on the “You said, we did” page, so it cannot take answers."),
        )
    if request.method == "GET":
        token = browser_token()
        own = verdicts.own_verdicts(token, [statement.id]).get(statement.id)
        form.face.data = own.value if own else None
        form.token.data = verdicts.sign_token(token or verdicts.new_token())
        form.back.data = request.args.get("back") or ""
        return _page(statement, form, 200)
    cookie = request.cookies.get(verdicts.COOKIE_NAME)
    try:
        token = verdicts.read_cookie(cookie) or verdicts.read_cookie(form.token.data or "-")
    except BadCookie:
        # Forged, changed or from another site: refused, and the bad cookie is taken away so
        # that answering again works.
        body, status = _page(
            statement,
            form,
            400,
            _(
                "We could not check your earlier answers, so we did not save this one. "
                "Choose your answer and send it again."
            ),
        )
        response: Response = make_response(body, status)
        if cookie:
            response.delete_cookie(verdicts.COOKIE_NAME)
        return response
    if token is None or not form.validate_on_submit():
        return _page(statement, form, 400)
    _verdict, item_id = verdicts.record_verdict(
        statement.id,
        token,
        VerdictFace(form.face.data),
        form.sentence.data or "",
        str(get_locale()),
    )
    db.session.commit()
    if item_id is not None:
        announce_feedback([item_id])
    flash(_("Thank you. We saved your answer. You can change it at any time."))
    response = redirect(f"{_safe_back(form.back.data)}#statement-{statement.id}", code=303)
    response.set_cookie(
        verdicts.COOKIE_NAME,
        verdicts.sign_token(token),
        max_age=verdicts.COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")),
    )
    return response
