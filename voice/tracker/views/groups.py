"""A facilitator's groups: their tablet sessions, what came of the views, a poster for the wall."""

from flask import abort, render_template, url_for
from flask_login import current_user

from surveys.queries import get_kiosk_session
from voice.accounts.access import role_required
from voice.accounts.roles import SURVEY_STAFF
from voice.tracker import bp, groups
from voice.tracker.views.cards import poster_context

POSTER_STATEMENTS = 2  # more would not fit one A4 page in big print


@bp.route("/tracker/our-groups")
@role_required(*SURVEY_STAFF)
def our_groups() -> str:
    sessions = groups.kiosk_sessions_for(current_user.id, everyone=True)
    return render_template("tracker/our_groups.html", sessions=sessions)


@bp.route("/tracker/our-groups/<int:kiosk_id>")
@role_required(*SURVEY_STAFF)
def group_outcome(kiosk_id: int) -> str:
    kiosk = get_kiosk_session(kiosk_id) or abort(404)
    number, statements = groups.group_outcome(kiosk.id)
    return render_template(
        "tracker/group_outcome.html", kiosk=kiosk, number=number, statements=statements
    )


@bp.route("/tracker/our-groups/<int:kiosk_id>/poster")
@role_required(*SURVEY_STAFF)
def group_poster(kiosk_id: int) -> str:
    """An A4 poster for the group's wall: the newest things we did about what they said."""
    kiosk = get_kiosk_session(kiosk_id) or abort(404)
    _, statements = groups.group_outcome(kiosk.id)
    address = url_for("tracker.you_said_easy", _external=True)
    return render_template(
        "tracker/you_said_poster.html",
        group=kiosk.group_label,
        **poster_context(statements[:POSTER_STATEMENTS], address),
    )
