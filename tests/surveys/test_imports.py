"""Spreadsheet import through the pages and the real Celery task."""

import io
import time
from collections.abc import Callable
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import Workbook
from sqlalchemy import func, select

from surveys.imports.jobs import request_cancel
from surveys.models import (
    Channel,
    FeedbackItem,
    FeedbackLabel,
    ImportJob,
    ImportStatus,
    SourceGroup,
)
from tests.conftest import csrf_token, make_staff, wait_until_tagged
from tests.factories import make_import_job
from voice.accounts.models import Role
from voice.config import settings_from_env
from voice.db import db, utcnow

CSV = (
    b"Comment,Date,Who,School,Topic\n"
    b"The EHC plan took a year,03/02/2025,Parent,Oak Primary,ehc\n"
    b"=1+1 is what my son typed,2025-02-04,young person,Elm High,\n"
    b",04/02/2025,Parent,Oak Primary,\n"
    b"Speech therapy stopped,yesterday-ish,Parent,,speech\n"
    b"The bus is late every day,5 March 2025,,Elm High,transport\n"
)
MAPPING = {
    "text_column": "0",
    "date_column": "1",
    "audience_column": "2",
    "setting_column": "3",
    "label_columns": "4",
    "default_audience": "school",
    "language": "en",
}


def upload(client: FlaskClient, data: bytes, filename: str = "old-survey.csv") -> object:
    token = csrf_token(client, "/imports/new")
    return client.post(
        "/imports/new",
        data={
            "csrf_token": token,
            "spreadsheet": (io.BytesIO(data), filename),
        },
        content_type="multipart/form-data",
    )


def map_columns(client: FlaskClient, job_url: str, **changes: str) -> object:
    token = csrf_token(client, job_url)
    return client.post(job_url, data={"csrf_token": token, **MAPPING, **changes})


def wait_for(app: Flask, job_id: int, timeout: float = 30) -> ImportJob:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with app.app_context():
            job = db.session.get(ImportJob, job_id)
            if job.status in (ImportStatus.DONE, ImportStatus.CANCELLED, ImportStatus.FAILED):
                db.session.expunge(job)
                return job
        time.sleep(0.2)
    pytest.fail("the import did not finish")


def only_job_id(app: Flask) -> int:
    with app.app_context():
        return db.session.scalars(select(ImportJob.id)).one()


def count_items(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(FeedbackItem))


def test_preview_counts_and_explains_rejected_rows_when_a_csv_is_mapped(
    app: Flask,
    client: FlaskClient,
    login_as: Callable,
) -> None:
    login_as(Role.STRATEGY_LEAD)
    response = upload(client, CSV)
    assert response.status_code == 302
    preview_url = response.headers["Location"]
    page = client.get(preview_url).get_data(as_text=True)
    assert "The EHC plan took a year" in page  # the sample rows
    response = map_columns(client, preview_url)
    assert response.status_code == 302
    page = client.get(preview_url).get_data(as_text=True)
    assert 'data-testid="good-rows">3<' in page
    assert 'data-testid="rejected-rows">2<' in page
    assert "The comment is empty" in page
    assert "The date is not a date we recognise" in page
    assert "Import 3 rows" in page
    assert count_items(app) == 0  # nothing is stored before the person confirms


def test_rows_are_stored_as_feedback_items_when_the_import_is_confirmed(
    app: Flask,
    client: FlaskClient,
    login_as: Callable,
    celery_worker: object,
) -> None:
    login_as(Role.STRATEGY_LEAD)
    preview_url = upload(client, CSV).headers["Location"]
    map_columns(client, preview_url)
    job_id = only_job_id(app)
    token = csrf_token(client, preview_url)
    response = client.post(f"/imports/{job_id}/start", data={"csrf_token": token})
    assert response.headers["Location"].endswith(f"/imports/{job_id}")
    job = wait_for(app, job_id)
    assert (job.status, job.imported_rows, job.rejected_rows) == (ImportStatus.DONE, 3, 2)
    with app.app_context():
        items = db.session.scalars(select(FeedbackItem).order_by(FeedbackItem.id)).all()
        assert [i.original_text for i in items] == [
            "The EHC plan took a year",
            "=1+1 is what my son typed",
            "The bus is late every day",
        ]
        assert {i.channel for i in items} == {Channel.IMPORT}
        assert [i.source_group for i in items] == [
            SourceGroup.PARENT_CARER,
            SourceGroup.YOUNG_PERSON,
            SourceGroup.SCHOOL,
        ]
        assert items[0].source_detail == "Oak Primary"
        assert items[0].created_at.date().isoformat() == "2025-02-03"
        labels = db.session.scalars(select(FeedbackLabel.label).order_by(FeedbackLabel.id)).all()
        assert labels == ["ehc", "transport"]
        assert db.session.get(ImportJob, job_id).content is None
    wait_until_tagged(app)
    page = client.get("/feedback?channel=import").get_data(as_text=True)
    assert "=1+1 is what my son typed" in page


def test_nothing_is_stored_twice_when_the_same_file_is_imported_again(
    app: Flask,
    client: FlaskClient,
    login_as: Callable,
    celery_worker: object,
) -> None:
    login_as(Role.FORUM_REP)
    for attempt in range(2):
        preview_url = upload(client, CSV).headers["Location"]
        map_columns(client, preview_url)
        job_id = int(preview_url.rstrip("/").split("/")[-2])
        if attempt == 1:
            page = client.get(preview_url).get_data(as_text=True)
            assert 'data-testid="already-rows">3<' in page
            assert "There is nothing new to import from this file." in page
        token = csrf_token(client, preview_url)
        client.post(f"/imports/{job_id}/start", data={"csrf_token": token})
        job = wait_for(app, job_id)
    assert count_items(app) == 3
    assert (job.imported_rows, job.duplicate_rows) == (0, 3)


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"%PDF-1.4", "report.pdf", "The selected file must be a CSV or XLSX spreadsheet"),
        (b"", "empty.csv", "The selected file is empty"),
        (b"Comment\n   \n", "blank.csv", "The file has no rows of comments"),
        (b"PK\x03\x04nonsense", "broken.xlsx", "The XLSX file could not be opened"),
    ],
)
def test_upload_shows_a_message_beside_the_field_when_the_file_is_unusable(
    app: Flask,
    client: FlaskClient,
    login_as: Callable,
    data: bytes,
    filename: str,
    message: str,
) -> None:
    login_as(Role.STRATEGY_LEAD)
    response = upload(client, data, filename)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert message in page
    assert 'id="spreadsheet-error"' in page
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ImportJob)) == 0


def test_upload_is_refused_when_the_spreadsheet_has_formulas(
    client: FlaskClient,
    login_as: Callable,
) -> None:
    workbook = Workbook()
    workbook.active.append(["Comment", "Total"])
    workbook.active.append(["Hello", "=SUM(1,2)"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    login_as(Role.STRATEGY_LEAD)
    page = upload(client, buffer.getvalue(), "totals.xlsx").get_data(as_text=True)
    assert "The spreadsheet has a formula in cell B2" in page


def test_upload_is_refused_when_the_file_is_over_the_limit(
    app: Flask,
    client: FlaskClient,
    login_as: Callable,
) -> None:
    login_as(Role.STRATEGY_LEAD)
    just_over = b"Comment\n" + b"a long comment\n" * (20 * 1024 * 1024 // 15 + 10)
    page = upload(client, just_over).get_data(as_text=True)
    assert "The selected file must be smaller than 20 MB" in page
    far_over = b"Comment\n" + b"a long comment\n" * (21 * 1024 * 1024 // 15)
    response = upload(client, far_over)
    assert response.status_code == 413
    assert "The selected file must be smaller than 20 MB" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ImportJob)) == 0


def test_upload_accepts_windows_1252_when_an_old_tool_wrote_it(
    app: Flask,
    client: FlaskClient,
    login_as: Callable,
) -> None:
    login_as(Role.STRATEGY_LEAD)
    data = "Comment\nWe can\u2019t get a place \u2013 at all\n".encode("cp1252")
    preview_url = upload(client, data).headers["Location"]
    assert "We can\u2019t get a place \u2013 at all" in client.get(preview_url).get_data(
        as_text=True
    )


def test_mapping_shows_a_message_when_a_column_is_mapped_twice(
    app: Flask,
    client: FlaskClient,
    login_as: Callable,
) -> None:
    login_as(Role.STRATEGY_LEAD)
    preview_url = upload(client, CSV).headers["Location"]
    page = map_columns(client, preview_url, date_column="0").get_data(as_text=True)
    assert "<title>Error: " in page
    assert "You chose the same column for two things" in page
    assert 'id="date_column-error"' in page


def test_mapping_shows_a_message_when_no_comment_column_is_chosen(
    app: Flask,
    client: FlaskClient,
    login_as: Callable,
) -> None:
    login_as(Role.STRATEGY_LEAD)
    preview_url = upload(client, CSV).headers["Location"]
    page = map_columns(client, preview_url, text_column="").get_data(as_text=True)
    assert "Choose the column that holds the comments" in page


def test_import_stops_when_it_is_cancelled_before_it_starts(
    app: Flask,
    client: FlaskClient,
    login_as: Callable,
) -> None:
    user = login_as(Role.STRATEGY_LEAD)
    with app.app_context():
        job = make_import_job(created_by=db.session.merge(user), data=CSV)
        job.status = ImportStatus.QUEUED
        db.session.commit()
        job_id = job.id
    token = csrf_token(client, f"/imports/{job_id}")
    client.post(f"/imports/{job_id}/cancel", data={"csrf_token": token})
    from surveys.imports.tasks import import_rows

    with app.app_context():
        assert db.session.get(ImportJob, job_id).content is None  # the file goes at once
        import_rows.run(job_id)
        assert db.session.get(ImportJob, job_id).status == ImportStatus.CANCELLED
    assert count_items(app) == 0


def test_running_import_stops_at_the_next_batch_when_cancel_is_requested(
    app: Flask,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from surveys.imports import jobs
    from surveys.imports.tasks import import_rows

    monkeypatch.setattr("surveys.imports.tasks.BATCH_SIZE", 1)
    user = make_staff(app, Role.STRATEGY_LEAD)
    calls = []

    def cancel_after_first(job_id: int) -> bool:
        calls.append(job_id)
        if len(calls) == 2:
            job = db.session.get(ImportJob, job_id)
            request_cancel(job)
            db.session.commit()
        return jobs.cancel_was_requested(job_id)

    monkeypatch.setattr("surveys.imports.tasks.cancel_was_requested", cancel_after_first)
    with app.app_context():
        job = make_import_job(
            created_by=db.session.merge(user),
            data=CSV,
            mapping={
                "text": 0,
                "date": None,
                "audience": None,
                "setting": None,
                "labels": [],
                "default_audience": "school",
            },
        )
        job.status = ImportStatus.RUNNING
        db.session.commit()
        import_rows.run(job.id)
        job = db.session.get(ImportJob, job.id)
        assert job.status == ImportStatus.CANCELLED
        assert job.imported_rows == 1
    assert count_items(app) == 1


def test_forum_rep_cannot_see_another_reps_import_when_they_guess_its_address(
    app: Flask,
    client: FlaskClient,
    login_as: Callable,
) -> None:
    other = make_staff(app, Role.FORUM_REP, email="other-rep@example.org")
    with app.app_context():
        job = make_import_job(created_by=db.session.merge(other), data=CSV)
        job_id = job.id
    login_as(Role.FORUM_REP)
    assert client.get(f"/imports/{job_id}/preview").status_code == 404
    assert client.get(f"/imports/{job_id}").status_code == 404
    assert "comments.csv" not in client.get("/imports").get_data(as_text=True)


@pytest.mark.parametrize("role", [Role.SCHOOL_CONTACT, Role.FACILITATOR])
def test_import_pages_are_refused_when_the_person_has_another_role(
    client: FlaskClient,
    login_as: Callable,
    role: Role,
) -> None:
    login_as(role)
    assert client.get("/imports/new").status_code == 403


def test_upload_is_refused_when_the_form_has_no_csrf_token(
    app: Flask,
    client: FlaskClient,
    login_as: Callable,
) -> None:
    login_as(Role.STRATEGY_LEAD)
    response = client.post(
        "/imports/new",
        data={"spreadsheet": (io.BytesIO(CSV), "old.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code in (200, 400)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ImportJob)) == 0


def _job(user: object, filename: str, *, hours_ago: float, status: ImportStatus) -> int:
    job = make_import_job(created_by=db.session.merge(user), data=CSV, filename=filename)
    job.created_at = utcnow() - timedelta(hours=hours_ago)
    job.status = status
    db.session.commit()
    return job.id


def test_upload_nobody_confirms_is_deleted_and_shown_as_expired_when_the_time_is_up(
    app: Flask,
    client: FlaskClient,
    login_as: Callable,
) -> None:
    from surveys.imports.tasks import expire_abandoned_imports_task

    user = login_as(Role.STRATEGY_LEAD)
    with app.app_context():
        old = _job(user, "old.csv", hours_ago=25, status=ImportStatus.PREVIEW)
        recent = _job(user, "recent.csv", hours_ago=23, status=ImportStatus.PREVIEW)
        queued = _job(user, "queued.csv", hours_ago=25, status=ImportStatus.QUEUED)
        # Stored before finished imports dropped their file.
        done = _job(user, "done.csv", hours_ago=48, status=ImportStatus.DONE)
        assert expire_abandoned_imports_task.run() == 1
        assert expire_abandoned_imports_task.run() == 0  # safe to run again
        db.session.expire_all()
        jobs = {i: db.session.get(ImportJob, i) for i in (old, recent, queued, done)}
        assert (jobs[old].status, jobs[old].content) == (ImportStatus.EXPIRED, None)
        assert jobs[old].finished_at is not None
        assert (jobs[recent].status, jobs[recent].content) == (ImportStatus.PREVIEW, CSV)
        assert (jobs[queued].status, jobs[queued].content) == (ImportStatus.QUEUED, CSV)
        assert (jobs[done].status, jobs[done].content) == (ImportStatus.DONE, None)

    listing = client.get("/imports").get_data(as_text=True)
    row = listing[listing.index("old.csv") :]
    assert "Expired" in row[: row.index("</tr>")]
    assert f'href="/imports/{old}"' in listing  # to the explanation, not the preview
    assert client.get(f"/imports/{old}/preview").headers["Location"].endswith(f"/imports/{old}")
    page = client.get(f"/imports/{old}").get_data(as_text=True)
    assert "Nobody confirmed this import within 24 hours of the upload" in page
    assert "Stop this import" not in page
    token = csrf_token(client, f"/imports/{recent}/preview")
    client.post(f"/imports/{old}/start", data={"csrf_token": token})
    with app.app_context():
        assert db.session.get(ImportJob, old).status == ImportStatus.EXPIRED
    assert count_items(app) == 0


def test_uploads_expire_after_the_hours_set_when_import_upload_hours_is_changed(
    app: Flask,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from surveys.imports.tasks import expire_abandoned_imports_task

    assert settings_from_env({})["IMPORT_UPLOAD_HOURS"] == 24
    assert settings_from_env({"IMPORT_UPLOAD_HOURS": "2"})["IMPORT_UPLOAD_HOURS"] == 2
    beat = settings_from_env({})["BEAT_SCHEDULE"]
    assert any(e["task"] == "surveys.expire_abandoned_imports" for e in beat.values())
    assert "surveys.expire_abandoned_imports" in app.extensions["celery"].tasks
    user = make_staff(app, Role.FORUM_REP)
    monkeypatch.setitem(app.config, "IMPORT_UPLOAD_HOURS", 2)
    with app.app_context():
        three = _job(user, "three.csv", hours_ago=3, status=ImportStatus.PREVIEW)
        one = _job(user, "one.csv", hours_ago=1, status=ImportStatus.PREVIEW)
        assert expire_abandoned_imports_task.run() == 1
        db.session.expire_all()
        assert db.session.get(ImportJob, three).status == ImportStatus.EXPIRED
        assert db.session.get(ImportJob, one).status == ImportStatus.PREVIEW
