"""Routes for the codebook, review, tagger quality, emerging themes and safeguarding."""

import json
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from surveys.labels import CHANNEL_LABELS, SOURCE_LABELS
from surveys.proxy import own_entry_for_item
from themes import bp, learning, retagging, safeguarding, tasks
from themes.codebook import (
    CodebookError,
    add_theme,
    get_theme,
    list_themes,
    merge_themes,
    recent_changes,
    restore_theme,
    update_theme,
)
from themes.codebook import retire_theme as retire_from_codebook
from themes.comment_text import Place, Viewer, texts
from themes.comment_text import text as text_of
from themes.emerging import emerging_phrases
from themes.flag_reasons import flag_reason
from themes.forms import (
    CloseFlagForm,
    EmergingForm,
    MergeForm,
    RaiseFlagForm,
    ReviewForm,
    ThemeForm,
)
from themes.models import FlagStatus
from themes.names import easy_read_name, theme_name
from themes.review import count_to_review, next_item_to_review, review_view, save_review
from themes.signals import tags_changed
from voice.accounts.access import role_required
from voice.accounts.models import Role
from voice.accounts.roles import COMMENT_READERS, LEADS
from voice.db import db
from voice.forms import ConfirmForm, add_error, required
from voice.i18n import _, _l
from voice.untrusted import bounded_int

CHANGE_LABELS = {
    "seed": _l("loaded"),
    "add": _l("added"),
    "edit": _l("changed"),
    "retire": _l("retired"),
    "restore": _l("used again"),
    "merge": _l("merged"),
}


SENTIMENT_NAMES = {
    "negative": _l("negative"),
    "mixed": _l("mixed"),
    "neutral": _l("neutral"),
    "positive": _l("positive"),
}


FLAG_EVENTS = {
    "raised": _l("flag raised"),
    "alerted": _l("safeguarding leads emailed"),
    "alerted again": _l("safeguarding leads emailed again: nobody had opened it"),
    "opened": _l("opened"),
    "closed": _l("closed"),
}


@bp.context_processor
def _names() -> dict[str, Any]:
    return {
        "sentiment_names": SENTIMENT_NAMES,
        "flag_events": FLAG_EVENTS,
        "source_labels": SOURCE_LABELS,
        "channel_labels": CHANNEL_LABELS,
    }


bp.add_app_template_filter(theme_name, "theme_name")
bp.add_app_template_filter(easy_read_name, "easy_read_name")
bp.add_app_template_filter(flag_reason, "flag_reason")


@bp.app_template_filter("from_json")
def _from_json(value: str | None) -> list:
    return json.loads(value or "[]")


# -- codebook -----------------------------------------------------------------------------


def _retag_everything() -> None:
    """Commit the change, then re-tag every item with it in the background."""
    job = retagging.start_retag_job(user_id=current_user.id)
    db.session.commit()
    tasks.retag_all.delay(job.id)


@bp.route("/themes/codebook", methods=["GET", "POST"])
@role_required(*LEADS)
def codebook() -> Response | str:
    form = ThemeForm()
    if form.validate_on_submit():
        try:
            theme = add_theme(
                name=required(form.name.data),
                easy_read_name=form.easy_read_name.data or "",
                description=form.description.data or "",
                signals=required(form.signals.data),
                user_id=current_user.id,
            )
        except CodebookError:
            add_error(form.name, _("A theme with this name already exists: use another name"))
        else:
            _retag_everything()
            flash(_("Theme “%(name)s” added. All comments are being re-tagged.", name=theme.name))
            return redirect(url_for("themes.codebook"))
    themes = list_themes()
    db.session.commit()  # the default codebook may just have been loaded
    return render_template(
        "themes/codebook.html",
        form=form,
        themes=themes,
        job=retagging.latest_retag_job(),
        changes=recent_changes(),
        change_labels=CHANGE_LABELS,
    )


@bp.route("/themes/codebook/<int:theme_id>", methods=["GET", "POST"])
@role_required(*LEADS)
def edit_theme(theme_id: int) -> Response | str:
    theme = get_theme(theme_id) or abort(404)
    form = ThemeForm(obj=theme)
    if form.validate_on_submit():
        update_theme(
            theme,
            name=required(form.name.data),
            easy_read_name=form.easy_read_name.data or "",
            description=form.description.data or "",
            signals=required(form.signals.data),
            user_id=current_user.id,
        )
        _retag_everything()
        flash(_("Theme “%(name)s” saved. All comments are being re-tagged.", name=theme.name))
        return redirect(url_for("themes.codebook"))
    merge = MergeForm(prefix="merge")
    merge.target.choices = [
        (other.id, theme_name(other))
        for other in list_themes(active_only=True)
        if other.id != theme.id
    ]
    return render_template(
        "themes/edit_theme.html", form=form, theme=theme, merge=merge, confirm=ConfirmForm()
    )


@bp.route("/themes/codebook/<int:theme_id>/merge", methods=["POST"])
@role_required(*LEADS)
def merge_theme(theme_id: int) -> Response | str:
    theme = get_theme(theme_id) or abort(404)
    merge = MergeForm(prefix="merge")
    merge.target.choices = [
        (other.id, theme_name(other))
        for other in list_themes(active_only=True)
        if other.id != theme.id
    ]
    if not merge.validate_on_submit():
        return render_template(
            "themes/edit_theme.html",
            form=ThemeForm(obj=theme),
            theme=theme,
            merge=merge,
            confirm=ConfirmForm(),
        )
    target = get_theme(merge.target.data) or abort(404)
    merge_themes(theme, target, user_id=current_user.id)
    _retag_everything()
    flash(
        _(
            "“%(source)s” merged into “%(target)s”.",
            source=theme_name(theme),
            target=theme_name(target),
        )
    )
    return redirect(url_for("themes.codebook"))


@bp.route("/themes/codebook/<int:theme_id>/retire", methods=["POST"])
@role_required(*LEADS)
def retire_theme(theme_id: int) -> Response:
    theme = get_theme(theme_id) or abort(404)
    if ConfirmForm().validate_on_submit():
        if theme.active:
            retire_from_codebook(theme, user_id=current_user.id)
            flash(_("Theme “%(name)s” retired.", name=theme_name(theme)))
        else:
            restore_theme(theme, user_id=current_user.id)
            flash(_("Theme “%(name)s” is in use again.", name=theme_name(theme)))
        _retag_everything()
    return redirect(url_for("themes.codebook"))


@bp.route("/themes/codebook/retag", methods=["POST"])
@role_required(*LEADS)
def retag() -> Response:
    if ConfirmForm().validate_on_submit():
        _retag_everything()
        flash(_("Re-tagging has started. Its progress shows below."))
    return redirect(url_for("themes.codebook") + "#retag")


# -- review -------------------------------------------------------------------------------


@bp.route("/themes/review")
@role_required(*LEADS)
def review_next() -> Response | str:
    after = bounded_int(request.args.get("after"), minimum=0) or 0
    item = next_item_to_review(after)
    if item is None:
        return render_template("themes/review_done.html")
    return redirect(url_for("themes.review", item_id=item.id))


@bp.route("/themes/review/<int:item_id>", methods=["GET", "POST"])
@role_required(*LEADS)
def review(item_id: int) -> Response | str:
    view = review_view(item_id, Viewer.current(), Place.REVIEW) or abort(404)
    themes = list_themes(active_only=True)
    form = ReviewForm()
    form.themes.choices = [(theme.id, theme_name(theme)) for theme in themes]
    if form.validate_on_submit():
        save_review(item_id, form.themes.data or [], user_id=current_user.id)
        db.session.commit()
        tags_changed.send("themes", item_ids=[item_id])
        flash(_("Themes saved."))
        return redirect(url_for("themes.review_next", after=item_id))
    if request.method == "GET":
        form.themes.data = [tag.theme_id for tag in view.tags]
    return render_template(
        "themes/review.html",
        form=form,
        view=view,
        themes=themes,
        evidence={tag.theme_id: _from_json(tag.evidence) for tag in view.tags},
        remaining=count_to_review(),
    )


# -- quality and learning -----------------------------------------------------------------


@bp.route("/themes/quality")
@role_required(*LEADS)
def quality() -> str:
    names = {theme.slug: theme_name(theme) for theme in list_themes()}
    return render_template(
        "themes/quality.html",
        result=learning.tagger_quality(),
        names=names,
        confirm=ConfirmForm(),
        minimum=learning.MIN_REVIEWED_TO_TRAIN,
    )


@bp.route("/themes/quality/retrain", methods=["POST"])
@role_required(*LEADS)
def retrain() -> Response:
    if ConfirmForm().validate_on_submit():
        tasks.retrain_model.delay()
        flash(_("The tagger is learning from reviewed comments. Refresh this page in a minute."))
    return redirect(url_for("themes.quality"))


@bp.route("/themes/emerging", methods=["GET", "POST"])
@role_required(*LEADS)
def emerging() -> Response | str:
    form = EmergingForm()
    if form.validate_on_submit():
        phrase = required(form.phrase.data).strip()
        try:
            theme = add_theme(
                name=phrase[:1].upper() + phrase[1:],
                easy_read_name="",
                description="",
                signals=phrase,
                user_id=current_user.id,
            )
        except CodebookError:
            add_error(form.phrase, _("A theme with this name already exists: edit it instead"))
        else:
            _retag_everything()
            flash(_("Theme “%(name)s” added. Add more words to it here.", name=theme.name))
            return redirect(url_for("themes.edit_theme", theme_id=theme.id))
    phrases = emerging_phrases()
    examples = texts(
        [item_id for row in phrases for item_id in row.example_ids],
        Viewer.current(),
        Place.DASHBOARD,
    )
    return render_template("themes/emerging.html", form=form, phrases=phrases, examples=examples)


# -- items and safeguarding ---------------------------------------------------------------


@bp.route("/themes/items/<int:item_id>")
@role_required(*COMMENT_READERS)
def item_detail(item_id: int) -> str:
    view = review_view(item_id, Viewer.current(), Place.ITEM) or abort(404)
    return render_template("themes/item.html", view=view)


@bp.route("/themes/safeguarding")
@role_required(Role.SAFEGUARDING_LEAD)
def safeguarding_queue() -> str:
    open_flags = safeguarding.list_flags(FlagStatus.OPEN)
    comments = texts([item.id for _flag, item in open_flags], Viewer.current(), Place.SAFEGUARDING)
    return render_template(
        "themes/safeguarding.html",
        open_flags=open_flags,
        comments=comments,
        origins={item.id: safeguarding.provenance(item) for _flag, item in open_flags},
        closed_flags=safeguarding.list_flags(FlagStatus.CLOSED)[-20:],
    )


@bp.route("/themes/safeguarding/<int:flag_id>", methods=["GET", "POST"])
@role_required(Role.SAFEGUARDING_LEAD)
def safeguarding_flag(flag_id: int) -> Response | str:
    flag = safeguarding.get_flag(flag_id) or abort(404)
    form = CloseFlagForm()
    if flag.status is FlagStatus.OPEN and form.validate_on_submit():
        action_taken = required(form.action_taken.data)
        safeguarding.close_flag(flag, action_taken=action_taken, user_id=current_user.id)
        db.session.commit()
        flash(_("Flag closed. What you did is recorded."))
        return redirect(url_for("themes.safeguarding_queue"))
    view = review_view(flag.item_id, Viewer.current(), Place.SAFEGUARDING) or abort(404)
    if request.method == "GET":
        safeguarding.mark_opened(flag, user_id=current_user.id)
        db.session.commit()
    return render_template(
        "themes/flag.html",
        flag=flag,
        view=view,
        form=form,
        origin=safeguarding.provenance(view.item),
        history=safeguarding.events(flag.id),
    )


def _may_raise_flag(item_id: int) -> bool:
    """Staff who can see a comment can raise a flag on it: leads and admins any comment,
    forum reps and school contacts the views they entered themselves."""
    if current_user.has_any_role(*COMMENT_READERS):
        return True
    return own_entry_for_item(item_id, current_user) is not None


@bp.route("/themes/items/<int:item_id>/raise-flag", methods=["GET", "POST"])
@role_required()
def raise_flag(item_id: int) -> Response | str:
    viewer = Viewer.current()
    if not _may_raise_flag(item_id):
        abort(404)
    flag = safeguarding.flag_for_item(item_id)
    if flag is not None and flag.status is FlagStatus.OPEN:
        flash(_("The safeguarding lead already has this comment."))
        return redirect(url_for("accounts.staff_home"))
    place = Place.REVIEW if viewer.roles & set(LEADS) else Place.OWN_ENTRY
    comment = text_of(item_id, viewer, place) or abort(404)
    form = RaiseFlagForm()
    if form.validate_on_submit():
        raised = safeguarding.raise_flag(
            item_id, reason=required(form.reason.data), user_id=current_user.id
        )
        db.session.commit()
        tasks.send_safeguarding_email.delay([raised.id])
        flash(_("Thank you. The safeguarding lead has been emailed and the comment is theirs now."))
        return redirect(url_for("accounts.staff_home"))
    return render_template("themes/raise_flag.html", form=form, comment=comment)
