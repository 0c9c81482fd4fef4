"""Proxy entry: forum reps and school contacts type in views gathered on someone's behalf.

Their list of entries and the correction page show the words, so they live with the comment
text gate in themes (themes/feedback_views.py)."""

from flask import flash, redirect, render_template, session, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from surveys import bp
from surveys.feedback import announce_feedback
from surveys.intake_forms import AUDIENCE_LABELS, ProxyEntryForm
from surveys.models import SourceGroup
from surveys.proxy import add_proxy_entry, list_own_proxy_entries
from voice.accounts.access import role_required
from voice.accounts.roles import AUDIENCE_REPS
from voice.db import db
from voice.forms import required
from voice.i18n import _

# Remembered between entries so a rep typing up a coffee morning does not retype them.
_LAST_ENTRY = "proxy_last_entry"


@bp.route("/proxy", methods=["GET", "POST"])
@role_required(*AUDIENCE_REPS)
def proxy_entry() -> Response | str:
    form = ProxyEntryForm()
    if form.validate_on_submit():
        entry = add_proxy_entry(
            entered_by=current_user,
            text=required(form.text.data),
            on_behalf_of=SourceGroup(form.on_behalf_of.data),
            gathered_at=required(form.gathered_at.data),
            consent_to_quote=form.consent_to_quote.data,
            language=form.language.data,
        )
        db.session.commit()
        announce_feedback([entry.feedback_item_id])
        session[_LAST_ENTRY] = {
            "on_behalf_of": form.on_behalf_of.data,
            "gathered_at": form.gathered_at.data,
            "language": form.language.data,
        }
        flash(_("View saved. You can enter the next one."))
        return redirect(url_for("surveys.proxy_entry"))
    if not form.is_submitted():
        last = session.get(_LAST_ENTRY) or {}
        form.on_behalf_of.data = last.get("on_behalf_of")
        form.gathered_at.data = last.get("gathered_at")
        form.language.data = last.get("language", "en")
    entries = list_own_proxy_entries(current_user, limit=10)
    return render_template(
        "surveys/proxy/entry.html", form=form, entries=entries, audience_labels=AUDIENCE_LABELS
    )
