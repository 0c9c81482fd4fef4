"""Kiosk sessions: a facilitator opens one for a group, tablets join with a short code."""

import segno
from flask import abort, current_app, jsonify, redirect, render_template, session, url_for
from flask_login import current_user
from markupsafe import Markup
from werkzeug.wrappers import Response

from surveys import bp
from surveys.builder import get_survey
from surveys.forms import CloseKioskForm, JoinForm, KioskSessionForm
from surveys.kiosk import (
    close_kiosk_session,
    find_live_kiosk_session,
    get_kiosk_session,
    list_kiosk_sessions,
    list_open_surveys,
    open_kiosk_session,
    other_join_url,
)
from surveys.responses import count_responses
from surveys.views import public_post_limit
from surveys.views.respond import KIOSK
from voice.accounts.access import public, role_required
from voice.accounts.roles import SURVEY_STAFF
from voice.accounts.sessions import never_cached
from voice.db import db
from voice.extensions import limiter
from voice.forms import add_error, required
from voice.i18n import _, ngettext


@bp.route("/staff/kiosk", methods=["GET", "POST"])
@role_required(*SURVEY_STAFF)
def kiosk_sessions() -> Response | str:
    form = KioskSessionForm()
    form.survey.choices = [(s.id, s.title) for s in list_open_surveys()]
    if form.validate_on_submit():
        survey = get_survey(form.survey.data) or abort(404)
        kiosk = open_kiosk_session(survey, required(form.group_label.data), current_user.id)
        db.session.commit()
        return redirect(url_for("surveys.kiosk_session", session_id=kiosk.id))
    return render_template("surveys/kiosk/sessions.html", form=form, sessions=list_kiosk_sessions())


@bp.route("/staff/kiosk/<int:session_id>")
@role_required(*SURVEY_STAFF)
def kiosk_session(session_id: int) -> str:
    kiosk = get_kiosk_session(session_id) or abort(404)
    join_url = url_for("surveys.join_with_code", code=kiosk.code, _external=True)
    qr = segno.make(join_url, error="m")
    svg = qr.svg_inline(scale=6, title=_("QR code to join"), border=2)
    return render_template(
        "surveys/kiosk/session.html",
        kiosk=kiosk,
        join_url=join_url,
        qr=Markup(svg),  # noqa: S704 - segno's own SVG
        count=count_responses(kiosk.survey_id, kiosk.id),
        form=CloseKioskForm(),
    )


@bp.route("/staff/kiosk/<int:session_id>/count")
@role_required(*SURVEY_STAFF)
def kiosk_count(session_id: int) -> Response:
    kiosk = get_kiosk_session(session_id) or abort(404)
    count = count_responses(kiosk.survey_id, kiosk.id)
    text = ngettext("%(num)d response so far", "%(num)d responses so far", count)
    return jsonify({"count": count, "text": text, "open": kiosk.closed_at is None})


@bp.route("/staff/kiosk/<int:session_id>/close", methods=["POST"])
@role_required(*SURVEY_STAFF)
def close_kiosk(session_id: int) -> Response:
    kiosk = get_kiosk_session(session_id) or abort(404)
    if CloseKioskForm().validate_on_submit():
        close_kiosk_session(kiosk)
        db.session.commit()
    return redirect(url_for("surveys.kiosk_session", session_id=kiosk.id))


@bp.route("/join", methods=["GET", "POST"])
@limiter.limit(public_post_limit, methods=["POST"])
@public
@never_cached
def join() -> Response | str:
    form = JoinForm()
    if form.validate_on_submit():
        kiosk = find_live_kiosk_session(form.code.data)
        if kiosk is not None:
            return _enter(kiosk.code, kiosk.survey_id)
        if (elsewhere := other_join_url(form.code.data)) is not None:
            return redirect(elsewhere)
        add_error(
            form.code,
            _(
                "That code is not working. Check the letters and numbers, "
                "or ask the person running your group."
            ),
        )
    return render_template("surveys/kiosk/join.html", form=form)


@bp.route("/join/<code>")
@public
@never_cached
def join_with_code(code: str) -> Response | str:
    kiosk = find_live_kiosk_session(code)
    if kiosk is None and (elsewhere := other_join_url(code)) is not None:
        return redirect(elsewhere)
    if kiosk is None:
        form = JoinForm(data={"code": code})
        form.code.errors = [
            _(
                "That code is not working. Check the letters and numbers, "
                "or ask the person running your group."
            )
        ]
        return render_template("surveys/kiosk/join.html", form=form)
    return _enter(kiosk.code, kiosk.survey_id)


def _enter(code: str, survey_id: int) -> Response:
    session.clear()
    session[KIOSK] = code
    current_app.logger.debug("tablet joined a kiosk session")
    return redirect(url_for("surveys.start", survey_id=survey_id))
