"""Ways in to the always-open feedback forms ("Tell us what you think") for parent carers and
for schools and settings. The forms themselves are standing surveys answered on the respondent
pages (surveys/views/respond.py); this module keeps their public addresses and the page that
withdraws a contact email."""

from typing import Any

from flask import abort, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from werkzeug.wrappers import Response

from surveys import bp
from surveys.contact import withdraw_contact_request
from surveys.feedback_forms import AUDIENCES, standing_form_ids
from surveys.intake_forms import WithdrawContactForm
from surveys.queries import listed_surveys
from surveys.views import EASY, easy_read, public_post_limit
from voice.accounts.access import public
from voice.db import db
from voice.extensions import limiter
from voice.i18n import _


def _switch_url(easy: bool) -> str:
    args: dict[str, Any] = request.args.to_dict()
    args["easy"] = "0" if easy else "1"
    endpoint = (request.endpoint or "").removesuffix("_easy_read")
    return url_for(endpoint, **(request.view_args or {}), **args)


@bp.route("/tell-us/easy-read")
@public
def feedback_start_easy_read() -> str:
    session[EASY] = True
    return _feedback_start()


@bp.route("/tell-us")
@public
def feedback_start() -> str:
    return _feedback_start()


def _feedback_start() -> str:
    easy = easy_read()
    return render_template(
        "surveys/forms/start.html",
        easy=easy,
        switch_url=_switch_url(easy),
        surveys=listed_surveys(str(get_locale()), easy),
    )


@bp.route("/tell-us/<audience>/easy-read")
@public
def feedback_form_easy_read(audience: str) -> Response:
    return _to_form(audience, easy=True)


@bp.route("/tell-us/<audience>")
@public
def feedback_form(audience: str) -> Response:
    return _to_form(audience, easy=None)


def _to_form(audience: str, easy: bool | None) -> Response:
    """Send the person to the standing form's start page (`voice seed` makes the forms)."""
    survey_id = standing_form_ids().get(audience) if audience in AUDIENCES else None
    if survey_id is None:
        abort(404)
    args: dict[str, Any] = {
        name: request.args[name] for name in ("lang", "easy") if name in request.args
    }
    if easy:
        args["easy"] = "1"
    return redirect(url_for("surveys.start", survey_id=survey_id, **args))


@bp.route("/tell-us/contact/<token>", methods=["GET", "POST"])
@limiter.limit(public_post_limit, methods=["POST"])
@public
def withdraw_contact(token: str) -> Response | str:
    form = WithdrawContactForm()
    if form.validate_on_submit():
        withdraw_contact_request(token)
        db.session.commit()
        return redirect(url_for("surveys.contact_withdrawn"))
    return render_template("surveys/forms/withdraw.html", form=form, easy=easy_read())


@bp.route("/tell-us/contact-withdrawn")
@public
def contact_withdrawn() -> str:
    return render_template(
        "surveys/forms/withdrawn.html",
        easy=easy_read(),
        message=_("We have deleted your email address."),
    )
