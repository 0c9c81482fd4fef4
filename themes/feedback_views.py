"""Pages that list comments for staff: All feedback, and a rep's own proxy entries. Their words
come from themes.comment_text, like every other page's."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from surveys.feedback import announce_feedback
from surveys.intake_forms import AUDIENCE_LABELS, CHANNEL_LABELS, FeedbackFilterForm, ProxyEntryForm
from surveys.labels import HOW_ANSWERED_LABELS, NOT_RECORDED, NOT_RECORDED_CHOICE
from surveys.proxy import correct_proxy_entry, get_own_proxy_entry, list_own_proxy_entries
from surveys.queries import survey_choices
from surveys.types import Channel, HowAnswered, SourceGroup
from themes import bp, comment_text, feedback
from themes.comment_text import Place, Viewer
from themes.text_search import search_words
from voice.accounts.access import role_required
from voice.accounts.roles import AUDIENCE_REPS, LEADS
from voice.db import db
from voice.forms import required
from voice.i18n import _
from voice.untrusted import bounded_int

_HOW = {how.value for how in HowAnswered}
LABEL_LENGTH = 100  # as long as a stored label can be


def _chosen(field: object) -> str:
    return (getattr(field, "data", None) or "").strip()


@bp.route("/feedback")
@role_required(*LEADS)
def feedback_list() -> str:
    form = FeedbackFilterForm(formdata=MultiDict(request.args))
    form.set_choices(survey_choices())
    filters = feedback.FeedbackFilters()
    # A label is chosen from a comment's own tag on this page, not typed into the form.
    label = (request.args.get("label") or "").strip()[:LABEL_LENGTH]
    valid = form.validate() if request.args else True
    if valid:
        filters = feedback.FeedbackFilters(
            # Optional() passes a blank (" ") choice through: blank means any.
            source_group=SourceGroup(audience) if (audience := _chosen(form.audience)) else None,
            channel=Channel(channel) if (channel := _chosen(form.channel)) else None,
            survey_id=bounded_int(form.survey.data),
            date_from=form.date_from.day,
            date_to=form.date_to.day,
            text=form.q.data or "",
            how_answered=HowAnswered(how) if (how := _chosen(form.how_answered)) in _HOW else None,
            how_not_recorded=_chosen(form.how_answered) == NOT_RECORDED_CHOICE,
            label=label,
        )
    page = feedback.list_feedback(
        filters,
        Viewer.current(),
        after=request.args.get("after"),
        before=request.args.get("before"),
    )
    ids = [item.id for item in page.items]
    kept = {
        key: value
        for key, value in request.args.items()
        if key not in {"after", "before", "submit"} and value
    }
    return render_template(
        "themes/feedback/list.html",
        form=form if not valid else None,
        filter_form=form,
        page=page,
        labels=feedback.labels_for(ids),
        authors=feedback.proxy_authors_for(ids),
        how_answered=feedback.how_answered_for(ids),
        how_labels=HOW_ANSWERED_LABELS,
        not_recorded=NOT_RECORDED,
        kept=kept,
        audience_labels=AUDIENCE_LABELS,
        channel_labels=CHANNEL_LABELS,
        count_cap=feedback.COUNT_CAP,
        no_search_words=bool(filters.text.strip()) and not search_words(filters.text),
        chosen_label=filters.label,
    )


@bp.route("/proxy/entries")
@role_required(*AUDIENCE_REPS)
def proxy_entries() -> str:
    entries = list_own_proxy_entries(current_user)
    return render_template(
        "themes/proxy/entries.html",
        entries=entries,
        comments=comment_text.texts(
            [entry.feedback_item_id for entry in entries], Viewer.current(), Place.OWN_ENTRY
        ),
        audience_labels=AUDIENCE_LABELS,
    )


@bp.route("/proxy/entries/<int:entry_id>", methods=["GET", "POST"])
@role_required(*AUDIENCE_REPS)
def correct_entry(entry_id: int) -> Response | str:
    entry = get_own_proxy_entry(entry_id, current_user)
    if entry is None:
        abort(404)  # someone else's entry looks the same as no entry
    comment = comment_text.text(entry.feedback_item_id, Viewer.current(), Place.OWN_ENTRY)
    if comment is None:
        abort(404)  # with the safeguarding lead: not to be changed or shown meanwhile
    item = entry.feedback_item
    form = ProxyEntryForm()
    form.submit.label.text = _("Save the correction")
    if form.validate_on_submit():
        # The form shows the words with names taken out; they replace the original only when
        # the rep changed them.
        text = required(form.text.data)
        changed = text.strip() != comment.redacted.strip()
        correct_proxy_entry(
            entry,
            text=text if changed else None,
            on_behalf_of=SourceGroup(form.on_behalf_of.data),
            gathered_at=required(form.gathered_at.data),
            consent_to_quote=form.consent_to_quote.data,
            language=form.language.data,
        )
        db.session.commit()
        if changed:
            announce_feedback([item.id])
        flash(_("Your correction has been saved."))
        return redirect(url_for("themes.proxy_entries"))
    if not form.is_submitted():
        form.text.data = comment.redacted
        form.on_behalf_of.data = item.source_group.value
        form.gathered_at.data = entry.gathered_at
        form.consent_to_quote.data = item.consent_to_quote
        form.language.data = item.language
    return render_template("themes/proxy/correct.html", form=form, entry=entry, comment=comment)
