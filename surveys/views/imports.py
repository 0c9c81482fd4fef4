"""Spreadsheet import: upload, map columns and preview, then import in a Celery task."""

from flask import abort, current_app, jsonify, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.wrappers import Response

from surveys import bp
from surveys.imports import parsing
from surveys.imports.jobs import (
    cancel_import,
    create_import_job,
    get_import_job,
    list_import_jobs,
    queue_import,
    save_mapping,
)
from surveys.imports.tasks import import_rows, read_import
from surveys.intake_forms import (
    AUDIENCE_LABELS,
    ImportCancelForm,
    ImportConfirmForm,
    ImportMappingForm,
    ImportUploadForm,
)
from surveys.models import ImportJob, ImportStatus
from voice.accounts.access import role_required
from voice.accounts.roles import IMPORTERS, LEADS
from voice.db import db
from voice.extensions import csrf
from voice.i18n import _, _l, ngettext

LIMIT_MB = parsing.MAX_FILE_BYTES // (1024 * 1024)
SHOWN_REJECTIONS = 100

FILE_PROBLEMS = {
    "empty_file": _l("The selected file is empty. Choose a CSV or XLSX file with comments in it"),
    "too_big": _l("The selected file must be smaller than %(limit_mb)s MB"),
    "wrong_type": _l("The selected file must be a CSV or XLSX spreadsheet"),
    "bad_encoding": _l("The file's text could not be read. Save it as CSV UTF-8 and try again"),
    "bad_csv": _l("The CSV file could not be read. Save it again as CSV and try again"),
    "bad_xlsx": _l("The XLSX file could not be opened. Save it again in Excel and try again"),
    "formula": _l(
        "The spreadsheet has a formula in cell %(cell)s. Replace formulas with values "
        "and upload it again"
    ),
    "no_header": _l("The first row must name the columns, for example Comment and Date"),
    "no_rows": _l("The file has no rows of comments under its first row"),
    "too_many_rows": _l(
        "The file must have %(limit)s rows or fewer, counting blank rows. Delete blank rows "
        "at the end of the sheet, or split it into smaller files"
    ),
    "too_many_columns": _l(
        "Row %(row)s has more than %(limit)s columns. Delete the columns you do not need, or "
        "save the sheet again as CSV"
    ),
    "too_many_cells": _l(
        "The file has more than %(limit)s filled cells. Delete the columns you do not need, or "
        "split it into smaller files"
    ),
    "too_much_text": _l(
        "The file holds more than %(limit_mb)s million characters of text. Split it into "
        "smaller files"
    ),
    "too_big_unzipped": _l(
        "The XLSX file is more than %(limit_mb)s MB once opened. Save it as CSV, or split it "
        "into smaller files"
    ),
    "too_slow": _l(
        "Reading the file took longer than %(seconds)s seconds, so we stopped. Save it as CSV, "
        "or split it into smaller files"
    ),
    "nul_byte": _l(
        "Row %(row)s has a character that is not text (a null). Save the file again as CSV "
        "UTF-8 and upload it again"
    ),
    "stuck": _l(
        "The import stopped %(tries)s times before it could finish. Upload the file again, "
        "or ask an admin to look at the workers"
    ),
}
ROW_PROBLEMS = {
    "empty_text": _l("The comment is empty"),
    "text_too_long": _l("The comment is longer than 10,000 characters"),
    "bad_date": _l("The date is not a date we recognise, for example 27/03/2026 or 2026-03-27"),
    "bad_audience": _l(
        "Who it is from is not one of: parent carer, young person, school, professional"
    ),
    "no_audience": _l("The row does not say who it is from"),
    "bad_consent": _l("Whether we may quote it is not yes or no"),
}
MAPPING_PROBLEMS = {
    "missing_text": _l("Choose the column that holds the comments"),
    "mapped_twice": _l("You chose the same column for two things. Choose a different column"),
    "bad_column": _l("Choose one of the columns in the file"),
    "bad_audience": _l("Select who the comments are from"),
    "no_audience": _l("Select who the comments are from, or choose a column that says so"),
}


def _job_or_404(job_id: int) -> ImportJob:
    job = get_import_job(job_id, current_user)
    if job is None:
        abort(404)
    return job


@bp.route("/imports")
@role_required(*IMPORTERS)
def import_list() -> str:
    return render_template("surveys/imports/list.html", jobs=list_import_jobs(current_user))


# The app-wide CSRF check would read the upload before this view can raise the size limit;
# ImportUploadForm (a FlaskForm) checks the CSRF token itself instead.
@csrf.exempt
@bp.route("/imports/new", methods=["GET", "POST"])
@role_required(*IMPORTERS)
def import_upload() -> Response | str | tuple[str, int]:
    # Spreadsheets may be bigger than other uploads; our own limit is checked and explained.
    request.max_content_length = parsing.MAX_FILE_BYTES + 256 * 1024
    try:
        form = ImportUploadForm()
        submitted = form.validate_on_submit()
    except RequestEntityTooLarge:
        form = ImportUploadForm(formdata=None)
        form.spreadsheet.errors = [
            _("The selected file must be smaller than %(limit_mb)s MB", limit_mb=LIMIT_MB)
        ]
        return render_template(
            "surveys/imports/upload.html", form=form, limit_mb=LIMIT_MB, limit_rows=parsing.MAX_ROWS
        ), 413
    if submitted:
        upload = form.spreadsheet.data
        if upload is None or not getattr(upload, "filename", ""):
            form.spreadsheet.errors = [_("Select a CSV or XLSX file")]
        else:
            data = upload.read(parsing.MAX_FILE_BYTES + 1)
            try:
                # Only what can be told at once; a worker reads the file (surveys.read_import).
                parsing.check_upload(data, upload.filename)
            except parsing.ImportFileError as problem:
                form.spreadsheet.errors = [file_problem(problem.code, problem.values)]
            else:
                job = create_import_job(user=current_user, filename=upload.filename, data=data)
                db.session.commit()
                _send(read_import, job.id)
                return redirect(url_for("surveys.import_preview", job_id=job.id))
    return render_template(
        "surveys/imports/upload.html", form=form, limit_mb=LIMIT_MB, limit_rows=parsing.MAX_ROWS
    )


def file_problem(code: str, values: dict | None) -> str:
    return str(FILE_PROBLEMS[code]) % values if values else str(FILE_PROBLEMS[code])


def _send(task: object, job_id: int) -> None:
    """Hand the job to the workers. With the broker down the job waits, and the minute sweep
    (surveys.sweep_stuck_imports) sends it again; the page says it is waiting."""
    try:
        task.delay(job_id)  # type: ignore[attr-defined]
    except Exception:
        current_app.logger.warning("import job %d not handed on; the sweep will", job_id)


def _guess(headers: list[str], *words: str) -> str:
    for index, header in enumerate(headers):
        if any(word in header.lower() for word in words):
            return str(index)
    return ""


def as_text(value: object) -> str:
    return "" if value is None else str(value)


def _mapping_from_form(form: ImportMappingForm) -> parsing.Mapping:
    def column(value: str | None) -> int | None:
        return int(value) if value not in (None, "") else None

    return parsing.Mapping(
        text=column(form.text_column.data),
        date=column(form.date_column.data),
        audience=column(form.audience_column.data),
        setting=column(form.setting_column.data),
        consent=column(form.consent_column.data),
        labels=[int(v) for v in form.label_columns.data or [] if v.isdigit()],
        default_audience=form.default_audience.data or None,
    )


_FIELD_FOR = {
    "text": "text_column",
    "date": "date_column",
    "audience": "audience_column",
    "setting": "setting_column",
    "consent": "consent_column",
    "labels": "label_columns",
    "default_audience": "default_audience",
}


@bp.route("/imports/<int:job_id>/preview", methods=["GET", "POST"])
@role_required(*IMPORTERS)
def import_preview(job_id: int) -> Response | str:
    job = _job_or_404(job_id)
    if job.status != ImportStatus.PREVIEW or not job.preview:
        return redirect(url_for("surveys.import_progress", job_id=job.id))
    headers: list[str] = job.preview["headers"]
    form = ImportMappingForm()
    form.set_columns(headers)
    if form.validate_on_submit():
        mapping = _mapping_from_form(form)
        problems = parsing.check_mapping(mapping, len(headers))
        if mapping.audience is None and not mapping.default_audience:
            problems.setdefault("default_audience", "no_audience")
        for name, code in problems.items():
            getattr(form, _FIELD_FOR[name]).errors = [MAPPING_PROBLEMS[code]]
        if not problems:
            save_mapping(job, mapping, form.language.data, shown=SHOWN_REJECTIONS)
            db.session.commit()
            return redirect(url_for("surveys.import_preview", job_id=job.id, _anchor="summary"))
    elif not form.is_submitted():
        saved = job.mapping or {}
        if saved:
            form.text_column.data = as_text(saved.get("text"))
            form.date_column.data = as_text(saved.get("date"))
            form.audience_column.data = as_text(saved.get("audience"))
            form.setting_column.data = as_text(saved.get("setting"))
            form.consent_column.data = as_text(saved.get("consent"))
            form.label_columns.data = [str(v) for v in saved.get("labels") or []]
            form.default_audience.data = saved.get("default_audience")
            form.language.data = saved.get("language") or "en"
        else:
            form.text_column.data = _guess(headers, "comment", "text", "feedback", "view")
            form.date_column.data = _guess(headers, "date", "when")
            form.audience_column.data = _guess(headers, "audience", "who", "respondent")
            form.setting_column.data = _guess(headers, "setting", "school", "event")
            form.consent_column.data = _guess(headers, "quote", "consent", "permission")
    summary = job.summary if job.mapping and not form.errors else None
    to_import = max(summary["good"] - summary["already"], 0) if summary else 0
    return render_template(
        "surveys/imports/preview.html",
        job=job,
        form=form,
        headers=headers,
        row_count=job.preview["rows"],
        sample=job.preview["sample"],
        summary=summary,
        to_import=to_import,
        rejections=summary["rejected"] if summary else [],
        row_problems=ROW_PROBLEMS,
        confirm_form=ImportConfirmForm(formdata=None),
        confirm_text=ngettext("Import %(num)d row", "Import %(num)d rows", to_import),
        cancel_form=ImportCancelForm(formdata=None),
        audience_labels=AUDIENCE_LABELS,
    )


@bp.route("/imports/<int:job_id>/start", methods=["POST"])
@role_required(*IMPORTERS)
def import_start(job_id: int) -> Response:
    job = _job_or_404(job_id)
    form = ImportConfirmForm()
    if not form.validate_on_submit() or job.status != ImportStatus.PREVIEW or not job.summary:
        return redirect(url_for("surveys.import_preview", job_id=job.id))
    queue_import(job)
    db.session.commit()
    _send(import_rows, job.id)
    return redirect(url_for("surveys.import_progress", job_id=job.id))


def _links_after(job: ImportJob) -> list[tuple[str, str]]:
    """Where to see what was imported, only the pages this person may open: strategy leads
    and admins read the comments; a forum rep sees their audience's counts on the dashboard."""
    if not job.imported_rows:
        return []
    if current_user.has_any_role(*LEADS):
        return [
            (url_for("themes.feedback_list", channel="import"), _("See imported comments")),
        ]
    return [(url_for("dashboards.overview"), _("See what people are saying on the dashboard"))]


@bp.route("/imports/<int:job_id>")
@role_required(*IMPORTERS)
def import_progress(job_id: int) -> Response | str:
    job = _job_or_404(job_id)
    if job.status == ImportStatus.PREVIEW:
        return redirect(url_for("surveys.import_preview", job_id=job.id))
    problem = (
        file_problem(job.problem["code"], job.problem.get("values"))
        if job.problem and job.problem.get("code") in FILE_PROBLEMS
        else None
    )
    return render_template(
        "surveys/imports/progress.html",
        job=job,
        cancel_form=ImportCancelForm(formdata=None),
        finished=job.status in _FINISHED,
        problem=problem,
        links=_links_after(job),
        upload_hours=current_app.config.get("IMPORT_UPLOAD_HOURS", 24),
    )


_FINISHED = (ImportStatus.DONE, ImportStatus.CANCELLED, ImportStatus.FAILED, ImportStatus.EXPIRED)


@bp.route("/imports/<int:job_id>/progress.json")
@role_required(*IMPORTERS)
def import_progress_json(job_id: int) -> Response:
    job = _job_or_404(job_id)
    return jsonify(
        status=job.status.value,
        # The page reloads once the file is read (to show the preview) or the import is over.
        finished=job.status in _FINISHED or job.status == ImportStatus.PREVIEW,
        html=render_template("surveys/imports/_progress.html", job=job),
    )


@bp.route("/imports/<int:job_id>/cancel", methods=["POST"])
@role_required(*IMPORTERS)
def import_cancel(job_id: int) -> Response:
    job = _job_or_404(job_id)
    if ImportCancelForm().validate_on_submit():
        cancel_import(job)
        db.session.commit()
    return redirect(url_for("surveys.import_progress", job_id=job.id))
