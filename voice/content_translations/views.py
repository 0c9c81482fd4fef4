"""Staff pages for getting content translated: what each language lacks, one record's
translations, export, import with a preview, and the languages publishing waits for."""

from typing import Any

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.wrappers import Response

from voice.accounts.access import role_required
from voice.accounts.models import Role
from voice.accounts.roles import LEADS
from voice.content_translations import bp, files, importing, workflow
from voice.content_translations.forms import (
    ApplyForm,
    ImportForm,
    RequiredLanguagesForm,
    language_choices,
    translate_form,
)
from voice.content_translations.registry import kind_named
from voice.content_translations.store import State, other_languages, save_translation
from voice.db import db
from voice.extensions import csrf
from voice.i18n import _, _l, language_name, ngettext

STATE_LABELS = {
    State.DONE: _l("Translated"),
    State.MISSING: _l("Not translated"),
    State.OUT_OF_DATE: _l("Out of date: the English changed"),
}
OUTCOME_LABELS = {
    importing.Outcome.NEW: _l("New translation"),
    importing.Outcome.CHANGED: _l("Replaces the translation held"),
    importing.Outcome.SAME: _l("Same as the translation held"),
    importing.Outcome.EMPTY: _l("Left out: no translation in the file"),
    importing.Outcome.UNKNOWN: _l("Left out: no such text, or a repeated row"),
    importing.Outcome.ENGLISH_CHANGED: _l(
        "Left out: the English has changed since the file was made. Export again"
    ),
    importing.Outcome.TOO_LONG: _l("Left out: the translation is too long"),
}
FILE_PROBLEMS = {
    "empty": _l("The selected file is empty"),
    "too_big": _l("The selected file must be smaller than 2 MB"),
    "wrong_type": _l("The selected file must be an XLSX spreadsheet or a PO file"),
    "unreadable": _l("The selected file could not be read. Export a new one and try again"),
    "no_header": _l("The first row of the spreadsheet must name the columns key and English"),
    "wrong_language": _l("The file is not for the language you chose. Choose its language"),
    "too_many_rows": _l("The file must have %(limit)s rows or fewer"),
    "formula": _l("Row %(row)s has a formula. Type the translation as text"),
}


def _language_or_404(language: str) -> str:
    if language not in other_languages():
        abort(404)
    return language


@bp.app_context_processor
def _labels() -> dict[str, object]:
    return {"translation_state_labels": STATE_LABELS, "translation_state": State}


@bp.route("/translations")
@role_required(*LEADS)
def overview() -> str:
    form = RequiredLanguagesForm()
    form.languages.choices = language_choices(other_languages())
    form.languages.data = workflow.required_languages()
    return render_template(
        "content_translations/overview.html",
        summary=workflow.summary(),
        settings_form=form,
        required=workflow.required_languages(),
    )


@bp.route("/translations/required-languages", methods=["POST"])
@role_required(Role.ADMIN)
def required_languages() -> Response | str:
    form = RequiredLanguagesForm()
    form.languages.choices = language_choices(other_languages())
    if not form.validate_on_submit():
        abort(400)
    workflow.set_required_languages(form.languages.data or [])
    db.session.commit()
    flash(_("Setting saved"))
    return redirect(url_for("content_translations.overview"))


@bp.route("/translations/<language>")
@role_required(*LEADS)
def language(language: str) -> str:
    language = _language_or_404(language)
    return render_template(
        "content_translations/language.html",
        language=language,
        entries=workflow.needing_translation(language),
    )


@bp.route("/translations/<language>/<kind_name>/<int:object_id>", methods=["GET", "POST"])
@role_required(*LEADS)
def translate(language: str, kind_name: str, object_id: int) -> Response | str:
    language = _language_or_404(language)
    kind = kind_named(kind_name) or abort(404)
    record = kind.get(object_id) or abort(404)
    entries = workflow.record_entries(kind, record, language)
    form = translate_form(entries)
    if request.method == "GET":
        for entry in entries:
            form[f"field_{entry.name}"].data = entry.stored
    if form.validate_on_submit():
        for entry in entries:
            save_translation(
                kind=kind,
                object_id=object_id,
                name=entry.name,
                language=language,
                text=form[f"field_{entry.name}"].data or "",
                english=entry.english,
                by_id=current_user.id,
            )
        db.session.commit()
        flash(_("Translations saved"))
        return redirect(
            url_for(
                "content_translations.translate",
                language=language,
                kind_name=kind.name,
                object_id=object_id,
            )
        )
    return render_template(
        "content_translations/translate.html",
        language=language,
        kind=kind,
        record=record,
        entries=entries,
        form=form,
        described=kind.describe(record),
    )


def _download(body: bytes, mimetype: str, name: str) -> Response:
    response = make_response(body)
    response.headers["Content-Type"] = mimetype
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _export_rows(language: str) -> tuple[str, list[files.Row]]:
    """The language asked for (404 when it is not one we translate into) and the rows to
    export: those needing translation, or with ?all=1 every text."""
    language = _language_or_404(language)
    return language, workflow.export_rows(language, everything=request.args.get("all") == "1")


@bp.route("/translations/<language>/export.xlsx")
@role_required(*LEADS)
def export_xlsx(language: str) -> Response:
    language, rows = _export_rows(language)
    return _download(
        files.xlsx_bytes(language, rows), files.XLSX_TYPE, f"voice-translations-{language}.xlsx"
    )


@bp.route("/translations/<language>/export.po")
@role_required(*LEADS)
def export_po(language: str) -> Response:
    language, rows = _export_rows(language)
    return _download(
        files.po_bytes(language, rows),
        "text/x-gettext-translation; charset=utf-8",
        f"voice-translations-{language}.po",
    )


def _import_form(**options: Any) -> ImportForm:
    form = ImportForm(**options)
    form.language.choices = language_choices(other_languages())
    return form


# The app-wide CSRF check would read an over-large upload before this view can explain the
# limit; ImportForm (a FlaskForm) checks the CSRF token itself instead.
@csrf.exempt
@bp.route("/translations/import", methods=["GET", "POST"])
@role_required(*LEADS)
def import_file() -> Response | tuple[str, int] | str:
    request.max_content_length = files.MAX_FILE_BYTES + 64 * 1024
    try:
        form = _import_form()
        submitted = form.validate_on_submit()
    except RequestEntityTooLarge:
        form = _import_form(formdata=None)
        form.translations.errors = [str(FILE_PROBLEMS["too_big"])]
        return render_template("content_translations/import.html", form=form), 413
    if request.method == "GET" and request.args.get("language") in other_languages():
        form.language.data = request.args["language"]
    if submitted:
        upload = form.translations.data
        if upload is None or not getattr(upload, "filename", ""):
            form.translations.errors = [_("Select the translated XLSX or PO file")]
        else:
            data = upload.read(files.MAX_FILE_BYTES + 1)
            try:
                rows = files.read_file(data, upload.filename, form.language.data)
            except files.TranslationFileError as problem:
                message = FILE_PROBLEMS[problem.code]
                form.translations.errors = [str(message) % problem.values]
            else:
                pending = importing.store_import(
                    language=form.language.data,
                    file_name=upload.filename,
                    rows=rows,
                    by_id=current_user.id,
                )
                db.session.commit()
                return redirect(
                    url_for("content_translations.import_preview", import_id=pending.id)
                )
    return render_template("content_translations/import.html", form=form)


@bp.route("/translations/import/<int:import_id>", methods=["GET", "POST"])
@role_required(*LEADS)
def import_preview(import_id: int) -> Response | str:
    pending = importing.pending_import(import_id, current_user.id) or abort(404)
    form = ApplyForm()
    if form.validate_on_submit():
        applied = importing.apply_import(pending, by_id=current_user.id)
        db.session.commit()
        flash(
            ngettext(
                "%(num)d translation into %(language)s applied",
                "%(num)d translations into %(language)s applied",
                applied,
                language=language_name(pending.language),
            )
        )
        return redirect(url_for("content_translations.language", language=pending.language))
    checked = importing.check_rows(importing.import_rows(pending), pending.language)
    return render_template(
        "content_translations/preview.html",
        pending=pending,
        checked=checked,
        applying=[row for row in checked if row.outcome.applies],
        form=form,
        outcome_labels=OUTCOME_LABELS,
    )
