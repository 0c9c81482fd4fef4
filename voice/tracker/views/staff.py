"""Staff pages for strategy leads: priorities, actions, statements, gaps, coproduction."""

from datetime import date
from typing import TypedDict

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from surveys.labels import AUDIENCE_LABELS
from themes import comment_text
from themes.comment_text import CommentText, Place, Viewer
from voice.accounts.access import role_required
from voice.accounts.roles import LEADS
from voice.content_translations.store import other_languages
from voice.db import db
from voice.forms import ConfirmForm, required
from voice.i18n import _, _l
from voice.suppression import Suppression
from voice.tracker import (
    actions,
    bp,
    history,
    priorities,
    quotes,
    statements,
    verdicts,
    youth_checks,
)
from voice.tracker.forms import (
    FACE_LABELS,
    ORGANISATION_LABELS,
    STATUS_LABELS,
    ActionForm,
    ChooseItemsForm,
    CoproductionForm,
    PriorityForm,
    StatementForm,
    UpdateForm,
    YouthCheckForm,
)
from voice.tracker.gaps import gaps as find_gaps
from voice.tracker.models import Action, ActionStatus, Organisation, Priority, Statement
from voice.tracker.statements import PublishRefused
from voice.untrusted import bounded_int

EVENT_LABELS = {
    "created": _l("Action added"),
    "status": _l("Status changed"),
    "published": _l("Statement published"),
    "unpublished": _l("Statement unpublished"),
}


@bp.app_context_processor
def _tracker_labels() -> dict[str, object]:
    return {
        "status_labels": STATUS_LABELS,
        "organisation_labels": ORGANISATION_LABELS,
        "audience_labels": AUDIENCE_LABELS,
        "event_labels": EVENT_LABELS,
        "action_status": ActionStatus,
    }


def _status_detail(detail: str) -> str:
    """History stores "planned>done"; show it in words."""
    names = [STATUS_LABELS.get(ActionStatus(part), part) for part in detail.split(">") if part]
    return " → ".join(str(name) for name in names)


bp.add_app_template_filter(_status_detail, "status_detail")


def _action_or_404(action_id: int) -> Action:
    return db.session.get(Action, action_id) or abort(404)


def _statement_or_404(statement_id: int) -> Statement:
    return db.session.get(Statement, statement_id) or abort(404)


# -- overview and priorities --------------------------------------------------------------


@bp.route("/tracker")
@role_required(*LEADS)
def overview() -> str:
    return render_template(
        "tracker/overview.html",
        priorities=priorities.list_priorities(),
        actions=actions.list_actions(),
        statements=statements.list_statements(),
    )


@bp.route("/tracker/priorities/<int:priority_id>", methods=["GET", "POST"])
@role_required(*LEADS)
def edit_priority(priority_id: int) -> Response | str:
    priority = db.session.get(Priority, priority_id) or abort(404)
    form = PriorityForm(obj=priority)
    if form.validate_on_submit():
        priorities.update_priority(
            priority,
            title=required(form.title.data),
            easy_read_title=required(form.easy_read_title.data),
        )
        db.session.commit()
        flash(_("Priority saved"))
        return redirect(url_for("tracker.overview"))
    return render_template("tracker/priority.html", form=form, priority=priority)


# -- actions ------------------------------------------------------------------------------


def _priority_choices(form: ActionForm) -> None:
    form.priority_id.choices = [(p.id, p.title) for p in priorities.list_priorities()]


class _ActionValues(TypedDict):
    priority_id: int
    title: str
    description: str
    easy_read_description: str
    organisation: Organisation
    lead: str
    status: ActionStatus
    status_reason: str
    starts_on: date | None
    due_on: date | None
    impact: str


def _action_values(form: ActionForm) -> _ActionValues:
    status = ActionStatus(form.status.data)
    return {
        "priority_id": form.priority_id.data,
        "title": required(form.title.data).strip(),
        "description": required(form.description.data).strip(),
        "easy_read_description": required(form.easy_read_description.data).strip(),
        "organisation": Organisation(form.organisation.data),
        "lead": required(form.lead.data).strip(),
        "status": status,
        "status_reason": (form.status_reason.data or "").strip()
        if status == ActionStatus.NOT_DOING
        else "",
        "starts_on": form.starts_on.data,
        "due_on": form.due_on.data,
        "impact": (form.impact.data or "").strip(),
    }


@bp.route("/tracker/actions/new", methods=["GET", "POST"])
@role_required(*LEADS)
def new_action() -> Response | str:
    form = ActionForm()
    _priority_choices(form)
    if form.validate_on_submit():
        action = actions.create_action(by_id=current_user.id, **_action_values(form))
        db.session.commit()
        flash(_("Action added"))
        return redirect(url_for("tracker.action", action_id=action.id))
    return render_template("tracker/action_form.html", form=form, action=None)


@bp.route("/tracker/actions/<int:action_id>/edit", methods=["GET", "POST"])
@role_required(*LEADS)
def edit_action(action_id: int) -> Response | str:
    action = _action_or_404(action_id)
    form = ActionForm(obj=action)
    if request.method == "GET":
        form.status.data = action.status.value
        form.organisation.data = action.organisation.value
    _priority_choices(form)
    if form.validate_on_submit():
        actions.update_action(action, by_id=current_user.id, **_action_values(form))
        db.session.commit()
        flash(_("Action saved"))
        return redirect(url_for("tracker.action", action_id=action.id))
    return render_template("tracker/action_form.html", form=form, action=action)


@bp.route("/tracker/actions/<int:action_id>")
@role_required(*LEADS)
def action(action_id: int) -> str:
    found = _action_or_404(action_id)
    card_ids = verdicts.statement_ids_for_action(found.id)
    sentence_ids = verdicts.sentence_item_ids(card_ids)
    sentences = comment_text.texts(sentence_ids, Viewer.current(), Place.TRACKER)
    return render_template(
        "tracker/action.html",
        action=found,
        history=history.action_history(found),
        statements=actions.statements_for_action(found),
        verdict_summary=verdicts.verdict_summary(card_ids, Suppression.from_config()),
        face_labels=FACE_LABELS,
        verdict_sentences=[sentences[i] for i in sentence_ids if i in sentences],
        verdict_sentences_held=len(sentence_ids) - len(sentences),
    )


@bp.route("/tracker/actions/<int:action_id>/updates", methods=["GET", "POST"])
@role_required(*LEADS)
def add_update(action_id: int) -> Response | str:
    found = _action_or_404(action_id)
    form = UpdateForm()
    if form.validate_on_submit():
        actions.add_update(
            found,
            written_on=required(form.written_on.data),
            text=required(form.text.data).strip(),
            by_id=current_user.id,
        )
        db.session.commit()
        flash(_("Progress update added"))
        return redirect(url_for("tracker.action", action_id=found.id))
    return render_template("tracker/update_form.html", form=form, action=found)


@bp.route("/tracker/actions/<int:action_id>/coproduction", methods=["GET", "POST"])
@role_required(*LEADS)
def add_coproduction(action_id: int) -> Response | str:
    found = _action_or_404(action_id)
    form = CoproductionForm()
    if form.validate_on_submit():
        actions.add_coproduction(
            found,
            who=required(form.who.data).strip(),
            how=required(form.how.data).strip(),
            happened_on=required(form.happened_on.data),
            what_changed=required(form.what_changed.data).strip(),
        )
        db.session.commit()
        flash(_("Added to the coproduction log"))
        return redirect(url_for("tracker.action", action_id=found.id) + "#coproduction")
    return render_template("tracker/coproduction_form.html", form=form, action=found)


# -- statements ---------------------------------------------------------------------------


def _statement_choices(form: StatementForm) -> None:
    form.theme_ids.choices = [(t.id, t.name) for t in statements.list_themes()]
    form.action_ids.choices = [(a.id, a.title) for a in actions.list_actions()]


@bp.route("/tracker/statements/new", methods=["GET", "POST"])
@role_required(*LEADS)
def new_statement() -> Response | str:
    form = StatementForm()
    if request.method == "GET" and (theme_id := bounded_int(request.args.get("theme"))):
        form.theme_ids.data = [theme_id]
    _statement_choices(form)
    if form.validate_on_submit():
        statement = _save_statement(form, None)
        db.session.commit()
        flash(_("Statement saved. It is not public until you publish it."))
        return redirect(url_for("tracker.statement", statement_id=statement.id))
    return render_template("tracker/statement_form.html", form=form, statement=None)


def _save_statement(form: StatementForm, statement: Statement | None) -> Statement:
    return statements.save_statement(
        statement,
        summary=required(form.summary.data).strip(),
        easy_read_summary=(form.easy_read_summary.data or "").strip(),
        theme_ids=form.theme_ids.data or [],
        action_ids=form.action_ids.data or [],
    )


@bp.route("/tracker/statements/<int:statement_id>/edit", methods=["GET", "POST"])
@role_required(*LEADS)
def edit_statement(statement_id: int) -> Response | str:
    statement = _statement_or_404(statement_id)
    form = StatementForm(obj=statement)
    if request.method == "GET":
        form.theme_ids.data = statements.theme_ids_of(statement)
        form.action_ids.data = [a.id for a in statement.actions]
    _statement_choices(form)
    if form.validate_on_submit():
        _save_statement(form, statement)
        db.session.commit()
        flash(_("Statement saved"))
        return redirect(url_for("tracker.statement", statement_id=statement.id))
    return render_template("tracker/statement_form.html", form=form, statement=statement)


@bp.route("/tracker/statements/<int:statement_id>", methods=["GET", "POST"])
@role_required(*LEADS)
def statement(statement_id: int) -> Response | str:
    found = _statement_or_404(statement_id)
    form = ChooseItemsForm()
    candidates = statements.candidate_items(found, Viewer.current())
    form.item_ids.choices = [(comment.item_id, comment.shown[:200]) for comment in candidates]
    if form.validate_on_submit():
        statements.choose_items(found, required(form.item_ids.data))
        db.session.commit()
        flash(_("Comments linked"))
        return redirect(url_for("tracker.statement", statement_id=found.id))
    return _statement_page(found, form=form, candidates=candidates)


def _statement_page(
    found: Statement,
    *,
    form: ChooseItemsForm | None = None,
    candidates: list[CommentText] | None = None,
    youth_form: YouthCheckForm | None = None,
) -> str:
    viewer = Viewer.current()
    if candidates is None:
        candidates = statements.candidate_items(found, viewer)
    if form is None:
        form = ChooseItemsForm(formdata=None)
        form.item_ids.choices = [(c.item_id, c.shown[:200]) for c in candidates]
    return render_template(
        "tracker/statement.html",
        statement=found,
        themes=statements.themes_of(found),
        form=form,
        candidates=candidates,
        voices=statements.voices_by_audience(found),
        checks=quotes.quote_checks(found, viewer),
        quoted={quote.item_id for quote in found.quotes},
        problems=statements.publish_problems(found),
        missing_translations=statements.missing_translations(found),
        translation_languages=other_languages(),
        history=history.statement_history(found),
        refused=request.args.getlist("refused"),
        confirm=ConfirmForm(),
        youth_form=youth_form or YouthCheckForm(formdata=None),
        youth_checks=youth_checks.results_for_statement(found.id, Suppression.from_config()),
    )


@bp.route("/tracker/statements/<int:statement_id>/youth-check", methods=["POST"])
@role_required(*LEADS)
def start_youth_check(statement_id: int) -> Response | tuple[str, int]:
    found = _statement_or_404(statement_id)
    form = YouthCheckForm()
    if not form.validate_on_submit():
        return _statement_page(found, youth_form=form), 400
    try:
        _check, session = youth_checks.start_youth_check(
            found, required(form.group_label.data), current_user.id
        )
    except youth_checks.YouthCheckError:
        flash(_("Only a draft with easy-read words can go to a youth check."), "problem")
        return redirect(url_for("tracker.statement", statement_id=found.id))
    db.session.commit()
    flash(_("The youth check is open. Give the group this join code."))
    return redirect(url_for("surveys.kiosk_session", session_id=session.id))


@bp.route("/tracker/statements/<int:statement_id>/quotes/<int:item_id>", methods=["POST"])
@role_required(*LEADS)
def choose_quote(statement_id: int, item_id: int) -> Response:
    found = _statement_or_404(statement_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        if request.form.get("remove"):
            quotes.remove_quote(found, item_id)
        else:
            quotes.choose_quote(found, item_id)
    except PublishRefused as refused:
        db.session.rollback()
        return redirect(
            url_for("tracker.statement", statement_id=found.id, refused=refused.reasons)
            + "#refused"
        )
    db.session.commit()
    flash(_("Quotes saved"))
    return redirect(url_for("tracker.statement", statement_id=found.id) + "#quotes")


@bp.route("/tracker/statements/<int:statement_id>/items/<int:item_id>/remove", methods=["POST"])
@role_required(*LEADS)
def remove_item(statement_id: int, item_id: int) -> Response:
    found = _statement_or_404(statement_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    statements.remove_item(found, item_id)
    db.session.commit()
    flash(_("Comment unlinked"))
    return redirect(url_for("tracker.statement", statement_id=found.id) + "#quotes")


@bp.route("/tracker/statements/<int:statement_id>/publish", methods=["POST"])
@role_required(*LEADS)
def publish(statement_id: int) -> Response:
    found = _statement_or_404(statement_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if request.form.get("unpublish"):
        statements.unpublish(found, by_id=current_user.id)
        db.session.commit()
        flash(_("Statement taken off the public page"))
        return redirect(url_for("tracker.statement", statement_id=found.id))
    try:
        statements.publish(found, by_id=current_user.id)
    except PublishRefused as refused:
        db.session.rollback()
        return redirect(
            url_for("tracker.statement", statement_id=found.id, refused=refused.reasons)
            + "#refused"
        )
    db.session.commit()
    flash(_("Statement published"))
    return redirect(url_for("tracker.statement", statement_id=found.id))


# -- gaps ---------------------------------------------------------------------------------


@bp.route("/tracker/gaps")
@role_required(*LEADS)
def gaps() -> str:
    small = Suppression.from_config()
    return render_template(
        "tracker/gaps.html",
        gaps=find_gaps(),
        small=small,
        worse=verdicts.done_actions_mostly_worse(minimum=small.threshold),
    )
