"""Admin pages: erase a comment or a contact on request, the erasure log, the access log."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from surveys.labels import AUDIENCE_LABELS
from themes.comment_text import Place, Viewer, recent_reads
from themes.comment_text import text as comment_text
from voice.accounts.access import role_required
from voice.accounts.models import Role
from voice.db import db
from voice.forms import add_error, required
from voice.i18n import _, _l
from voice.privacy import bp, services
from voice.privacy.forms import (
    EraseCommentForm,
    EraseContactForm,
    FindCommentForm,
    FindContactForm,
)
from voice.privacy.models import ErasureKind
from voice.untrusted import bounded_int

PAGE_SIZE = 50

PLACE_LABELS = {
    Place.FEEDBACK_LIST.value: _l("All feedback"),
    Place.REVIEW.value: _l("Review theme tags"),
    Place.ITEM.value: _l("A comment's own page"),
    Place.DASHBOARD.value: _l("Feedback dashboard"),
    Place.EXPORT.value: _l("Export"),
    Place.EVIDENCE_PACK.value: _l("Evidence pack"),
    Place.TRACKER.value: _l("Actions and statements"),
    Place.OWN_ENTRY.value: _l("Views you have entered"),
    Place.SAFEGUARDING.value: _l("Safeguarding queue"),
    Place.ERASURE.value: _l("Delete a comment on request"),
    Place.PUBLIC.value: _l("Public pages"),
}
WHAT_LABELS = {
    "original": _l("The original text"),
    "held back": _l("A comment with an open safeguarding flag"),
}
KIND_LABELS = {
    ErasureKind.COMMENT: _l("Comment"),
    ErasureKind.CONTACT: _l("Contact details"),
}


def _before_id() -> int | None:
    value = request.args.get("before", "")
    if not value:
        return None
    number = bounded_int(value)
    if number is None:
        abort(404)
    return number


def _paged(rows: list, limit: int) -> tuple[list, int | None]:
    """The page's rows, and the id to ask for older ones (None on the last page)."""
    if len(rows) > limit:
        return rows[:limit], rows[limit - 1].id
    return rows, None


# -- comments -------------------------------------------------------------------------------


def _find_page(form: FindCommentForm, status: int = 200) -> tuple[str, int]:
    return render_template("privacy/find_comment.html", form=form), status


@bp.route("/admin/comments")
@role_required(Role.ADMIN)
def find_comment() -> Response | tuple[str, int]:
    form = FindCommentForm(formdata=request.args if "number" in request.args else None)
    if "number" not in request.args or not form.validate():
        return _find_page(form)
    if services.comment_facts(form.item_id) is None:
        add_error(
            form.number,
            _(
                "There is no comment %(number)s. Check the number on the All feedback list: "
                "it may have been deleted already",
                number=form.item_id,
            ),
        )
        return _find_page(form)
    return redirect(url_for("privacy.comment", item_id=form.item_id))


def _comment_page(item_id: int, form: EraseCommentForm) -> str:
    facts = services.comment_facts(item_id)
    # Through the gate: admins see the original here, and the gate logs that they did.
    comment = comment_text(item_id, Viewer.current(), Place.ERASURE)
    if facts is None or comment is None:
        abort(404)
    return render_template(
        "privacy/comment.html",
        form=form,
        facts=facts,
        comment=comment,
        audience_labels=AUDIENCE_LABELS,
    )


@bp.route("/admin/comments/<int:item_id>", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def comment(item_id: int) -> Response | str | tuple[str, int]:
    form = EraseCommentForm()
    if not form.validate_on_submit():
        if request.method == "POST" and services.comment_facts(item_id) is None:
            return _already_gone(item_id)
        return _comment_page(item_id, form)
    reason = required(form.reason.data)
    if not services.erase_comment(item_id, reason=reason, by_id=current_user.id):
        db.session.rollback()
        return _already_gone(item_id)
    db.session.commit()
    flash(_("Comment %(number)d has been deleted.", number=item_id))
    return redirect(url_for("privacy.find_comment"))


def _already_gone(item_id: int) -> tuple[str, int]:
    """Someone else deleted it while this page was open."""
    form = FindCommentForm(formdata=None, number=str(item_id))
    form.number.errors = [
        _("Comment %(number)d has already been deleted. Nothing else was changed", number=item_id)
    ]
    return _find_page(form, 404)


# -- contacts -------------------------------------------------------------------------------


@bp.route("/admin/contacts", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def find_contact() -> str:
    form = FindContactForm()
    if not form.validate_on_submit():
        return render_template("privacy/find_contact.html", form=form)
    email = required(form.email.data).strip()
    facts = services.contact_facts(email)
    if facts is None:
        add_error(
            form.email,
            _("We hold no contact details for this email address. Check it is typed right"),
        )
        return render_template("privacy/find_contact.html", form=form)
    return render_template(
        "privacy/contact.html", form=EraseContactForm(formdata=None, email=email), facts=facts
    )


@bp.route("/admin/contacts/delete", methods=["POST"])
@role_required(Role.ADMIN)
def erase_contact() -> Response | str | tuple[str, int]:
    form = EraseContactForm()
    email = (form.email.data or "").strip()
    facts = services.contact_facts(email) if email else None
    if facts is None:
        find = FindContactForm(formdata=None, email=email)
        find.email.errors = [
            _(
                "We hold no contact details for this email address any more: they may have "
                "been deleted already"
            )
        ]
        return render_template("privacy/find_contact.html", form=find), 404
    if not form.validate_on_submit():
        return render_template("privacy/contact.html", form=form, facts=facts)
    services.erase_contact(email, reason=required(form.reason.data), by_id=current_user.id)
    db.session.commit()
    flash(_("Their contact details have been deleted."))
    return redirect(url_for("privacy.find_contact"))


# -- logs -----------------------------------------------------------------------------------


@bp.route("/admin/erasures")
@role_required(Role.ADMIN)
def erasures() -> str:
    rows, older = _paged(
        services.recent_erasures(limit=PAGE_SIZE + 1, before_id=_before_id()), PAGE_SIZE
    )
    return render_template(
        "privacy/erasures.html", erasures=rows, older=older, kind_labels=KIND_LABELS
    )


@bp.route("/admin/access-log")
@role_required(Role.ADMIN)
def access_log() -> str:
    rows, older = _paged(recent_reads(limit=PAGE_SIZE + 1, before_id=_before_id()), PAGE_SIZE)
    return render_template(
        "privacy/access_log.html",
        reads=rows,
        older=older,
        place_labels=PLACE_LABELS,
        what_labels=WHAT_LABELS,
    )
