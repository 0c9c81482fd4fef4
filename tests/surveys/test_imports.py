"""Spreadsheet import through the pages and the real Celery task."""

import io
import re
import time
from collections.abc import Callable
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import Workbook
from sqlalchemy import func, select

from surveys.imports.jobs import cancel_import
from surveys.models import FeedbackItem, FeedbackLabel, ImportJob, ImportStatus
from surveys.types import Channel, SourceGroup
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
    "consent_column": "",
    "label_columns": "4",
    "default_audience": "school",
    "language": "en",
}


def upload(
    client: FlaskClient, data: bytes, filename: str = "old-survey.csv", *, read: bool = True
) -> object:
    """Upload through the page; with `read`, run the worker's reading task as a worker would
    (a running test worker may get there first, which is just as good)."""
    token = csrf_token(client, "/imports/new")
    response = client.post(
        "/imports/new",
        data={
            "csrf_token": token,
            "spreadsheet": (io.BytesIO(data), filename),
        },
        content_type="multipart/form-data",
    )
    if read and response.status_code == 302:
        from surveys.imports.tasks import read_import

        job_id = int(response.headers["Location"].rstrip("/").split("/")[-2])
        with client.application.app_context():
            read_import.run(job_id)
            db.session.remove()
    return response


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
        (b"\x00\x01binary", "data.csv", "The selected file must be a CSV or XLSX spreadsheet"),
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


def _xlsx(*rows: list[object]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (
            _xlsx(["Comment", "Total"], ["Hello", "=SUM(1,2)"]),
            "totals.xlsx",
            "The spreadsheet has a formula in cell B2",
        ),
        (b"Comment\n   \n", "blank.csv", "The file has no rows of comments"),
        (b"PK\x03\x04nonsense", "broken.xlsx", "The XLSX file could not be opened"),
        (
            b"Comment\n" + b"x" * 5000 + b"\nwe need help\x00 at school\n",
            "nul.csv",
            "Row 3 has a character that is not text (a null)",
        ),
        (
            b"Comment" + b"," * 1_000_000 + b"\nhello\n",
            "commas.csv",
            "Row 1 has more than 100 columns",
        ),
    ],
)
def test_job_page_says_why_when_the_worker_cannot_read_the_file(
    app: Flask,
    client: FlaskClient,
    login_as: Callable,
    data: bytes,
    filename: str,
    message: str,
) -> None:
    login_as(Role.STRATEGY_LEAD)
    preview_url = upload(client, data, filename).headers["Location"]
    job_id = only_job_id(app)
    response = client.get(preview_url)
    assert response.headers["Location"].endswith(f"/imports/{job_id}")
    page = client.get(f"/imports/{job_id}").get_data(as_text=True)
    assert message in page
    assert "Nothing was imported and the file was deleted." in page
    assert 'href="/imports/new"' in page
    with app.app_context():
        job = db.session.get(ImportJob, job_id)
        assert (job.status, job.content, job.table_data) == (ImportStatus.FAILED, None, None)


def test_upload_is_not_read_in_the_web_request_when_it_is_accepted(
    app: Flask,
    client: FlaskClient,
    login_as: Callable,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from surveys.imports import parsing

    def no_parsing_here(*_args: object, **_kwargs: object) -> None:
        pytest.fail("the web request read the file")

    monkeypatch.setattr(parsing, "read_table", no_parsing_here)
    login_as(Role.STRATEGY_LEAD)
    response = upload(client, CSV, read=False)
    job_id = only_job_id(app)
    assert response.headers["Location"].endswith(f"/imports/{job_id}/preview")
    assert (
        client.get(response.headers["Location"]).headers["Location"].endswith(f"/imports/{job_id}")
    )
    page = client.get(f"/imports/{job_id}").get_data(as_text=True)
    assert "Reading the file" in page
    assert "We are reading the file." in page
    with app.app_context():
        assert db.session.get(ImportJob, job_id).status == ImportStatus.READING


def test_preview_reads_what_the_worker_stored_when_it_is_shown_again(
    app: Flask,
    client: FlaskClient,
    login_as: Callable,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from surveys.imports import parsing

    login_as(Role.STRATEGY_LEAD)
    preview_url = upload(client, CSV).headers["Location"]
    map_columns(client, preview_url)

    def no_reading(*_args: object, **_kwargs: object) -> None:
        pytest.fail("the preview read the file or its table again")

    monkeypatch.setattr(parsing, "read_table", no_reading)
    monkeypatch.setattr(parsing.Table, "from_bytes", no_reading)
    for _ in range(2):
        page = client.get(preview_url).get_data(as_text=True)
        assert "The EHC plan took a year" in page
        assert 'data-testid="good-rows">3<' in page
        assert "The date is not a date we recognise" in page


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


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (
            "Comment\tWho\nDiolch \u2013 \u0634\u0643\u0631\u0627\tparent\n".encode("utf-16"),
            "u.txt",
        ),
        ("\ufeffComment,Who\nDiolch \u2013 \u0634\u0643\u0631\u0627,parent\n".encode(), "b.csv"),
        ("Comment,Who\nDiolch \u2013 \u0634\u0643\u0631\u0627,parent\n".encode(), "n.csv"),
    ],
)
def test_upload_is_read_when_excel_saved_it_as_unicode_or_utf8(
    app: Flask,
    client: FlaskClient,
    login_as: Callable,
    data: bytes,
    filename: str,
) -> None:
    login_as(Role.STRATEGY_LEAD)
    preview_url = upload(client, data, filename).headers["Location"]
    page = client.get(preview_url).get_data(as_text=True)
    assert "Diolch \u2013 \u0634\u0643\u0631\u0627" in page
    assert "The file has 1 row of comments." in page


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
        job = db.session.get(ImportJob, job_id)
        assert (job.content, job.table_data, job.preview) == (None, None, None)  # gone at once
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
            cancel_import(job)
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
        job.status = ImportStatus.QUEUED
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
        assert (jobs[old].status, jobs[old].table_data, jobs[old].preview) == (
            ImportStatus.EXPIRED,
            None,
            None,
        )
        assert jobs[old].finished_at is not None
        assert jobs[recent].status == ImportStatus.PREVIEW
        assert jobs[recent].table_data is not None
        assert jobs[queued].status == ImportStatus.QUEUED
        assert jobs[queued].table_data is not None
        assert (jobs[done].status, jobs[done].table_data) == (ImportStatus.DONE, None)

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


def _one_column_job(app: Flask, user: object, data: bytes, **mapping: object) -> int:
    with app.app_context():
        job = make_import_job(
            created_by=db.session.merge(user),
            data=data,
            mapping={"text": 0, "default_audience": "school", **mapping},
        )
        job.status = ImportStatus.QUEUED
        db.session.commit()
        return job.id


class _WorkerKilled(BaseException):
    """Stands for SIGKILL: nothing after it runs, not even the task's own clean-up."""


def test_import_goes_on_from_the_rows_stored_when_a_killed_workers_job_is_picked_up(
    app: Flask,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from surveys.imports import tasks

    monkeypatch.setattr(tasks, "BATCH_SIZE", 1)
    user = make_staff(app, Role.STRATEGY_LEAD)
    job_id = _one_column_job(app, user, b"Comment\none\ntwo\nthree\nfour\n")
    stored = []

    def killed_after_two(item_ids: list[int]) -> None:
        stored.extend(item_ids)
        if len(stored) == 2:
            raise _WorkerKilled

    monkeypatch.setattr(tasks, "announce_feedback", killed_after_two)
    with app.app_context(), pytest.raises(_WorkerKilled):
        tasks.import_rows.run(job_id)
    with app.app_context():
        db.session.remove()
        job = db.session.get(ImportJob, job_id)
        assert (job.status, job.processed_rows, job.imported_rows) == (ImportStatus.RUNNING, 2, 2)
        # The message given again at once finds the job still held: nothing runs twice.
        assert tasks.import_rows.run(job_id) == {"imported": 0}
        assert tasks.sweep_stuck_imports.run() == 0  # not quiet for long enough yet
        job.progress_at = utcnow() - timedelta(minutes=6)
        db.session.commit()
        assert tasks.sweep_stuck_imports.run() == 1
        assert db.session.get(ImportJob, job_id).status == ImportStatus.QUEUED
        monkeypatch.setattr(tasks, "announce_feedback", stored.extend)
        assert tasks.import_rows.run(job_id) == {"imported": 2}
        db.session.expire_all()
        job = db.session.get(ImportJob, job_id)
        assert (job.status, job.imported_rows, job.duplicate_rows) == (ImportStatus.DONE, 4, 0)
        assert job.table_data is None
    assert count_items(app) == 4
    assert len(set(stored)) == 4


def test_stuck_import_is_failed_with_a_reason_when_it_stopped_three_times(
    app: Flask,
    client: FlaskClient,
    login_as: Callable,
) -> None:
    from surveys.imports import tasks

    user = login_as(Role.FORUM_REP)
    job_id = _one_column_job(app, user, CSV)
    with app.app_context():
        for _ in range(3):
            job = db.session.get(ImportJob, job_id)
            job.status, job.progress_at = ImportStatus.RUNNING, utcnow() - timedelta(hours=1)
            db.session.commit()
            tasks.sweep_stuck_imports.run()
        job = db.session.get(ImportJob, job_id)
        assert (job.status, job.attempts, job.table_data) == (ImportStatus.FAILED, 2, None)
    page = client.get(f"/imports/{job_id}").get_data(as_text=True)
    assert "The import stopped 3 times before it could finish" in page


def test_sweep_sends_a_file_to_be_read_again_when_its_message_was_lost(
    app: Flask,
    client: FlaskClient,
    login_as: Callable,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from surveys.imports import tasks

    sent = []
    monkeypatch.setattr(tasks.read_import, "delay", sent.append)
    login_as(Role.STRATEGY_LEAD)
    upload(client, CSV, read=False)
    job_id = only_job_id(app)
    with app.app_context():
        job = db.session.get(ImportJob, job_id)
        job.progress_at = utcnow() - timedelta(minutes=10)
        db.session.commit()
        assert tasks.sweep_stuck_imports.run() == 1
    assert sent == [job_id, job_id]  # sent at the upload, lost; sent again by the sweep
    settings = settings_from_env({})
    assert any(
        e["task"] == "surveys.sweep_stuck_imports" for e in settings["BEAT_SCHEDULE"].values()
    )
    assert settings["IMPORT_STALE_MINUTES"] == 5


def test_import_tasks_are_acknowledged_only_when_done(app: Flask) -> None:
    from surveys.imports import tasks

    for task in (tasks.read_import, tasks.import_rows):
        assert (task.acks_late, task.reject_on_worker_lost) == (True, True)


@pytest.mark.parametrize("status", list(ImportStatus)[:4])
def test_cancel_ends_the_job_and_deletes_its_file_whatever_state_it_is_in(
    app: Flask,
    client: FlaskClient,
    login_as: Callable,
    status: ImportStatus,
) -> None:
    user = login_as(Role.FORUM_REP)
    job_id = _one_column_job(app, user, CSV)
    with app.app_context():
        job = db.session.get(ImportJob, job_id)
        job.status = status  # RUNNING here has no worker left: it was killed
        db.session.commit()
    token = csrf_token(client, "/imports/new")
    client.post(f"/imports/{job_id}/cancel", data={"csrf_token": token})
    with app.app_context():
        job = db.session.get(ImportJob, job_id)
        assert job.status == ImportStatus.CANCELLED
        assert (job.content, job.table_data, job.preview) == (None, None, None)
    assert "Stopped" in client.get(f"/imports/{job_id}").get_data(as_text=True)


def test_consent_to_quote_is_stored_when_its_column_is_mapped(
    app: Flask,
    client: FlaskClient,
    login_as: Callable,
) -> None:
    login_as(Role.STRATEGY_LEAD)
    data = b"Comment,May we quote you?\nQuote me,Yes\nDo not,no\nBlank,\n"
    preview_url = upload(client, data).headers["Location"]
    page = client.get(preview_url).get_data(as_text=True)
    assert "May we quote it (optional)" in page
    assert '<option value="1" selected>May we quote you?</option>' in page  # guessed
    token = csrf_token(client, preview_url)
    client.post(
        preview_url,
        data={
            "csrf_token": token,
            "text_column": "0",
            "date_column": "",
            "audience_column": "",
            "setting_column": "",
            "consent_column": "1",
            "default_audience": "parent_carer",
            "language": "en",
        },
    )
    job_id = only_job_id(app)
    from surveys.imports.tasks import import_rows

    client.post(f"/imports/{job_id}/start", data={"csrf_token": token})
    with app.app_context():
        import_rows.run(job_id)
        items = db.session.scalars(select(FeedbackItem).order_by(FeedbackItem.id)).all()
        assert [item.consent_to_quote for item in items] == [True, False, False]


@pytest.mark.parametrize(
    ("role", "link_text", "target"),
    [
        (Role.FORUM_REP, "See what people are saying on the dashboard", "/dashboard/"),
        (Role.STRATEGY_LEAD, "See imported comments", "/feedback?channel=import"),
    ],
)
def test_links_after_an_import_open_for_the_person_when_it_is_done(
    app: Flask,
    client: FlaskClient,
    login_as: Callable,
    role: Role,
    link_text: str,
    target: str,
) -> None:
    from surveys.imports.tasks import import_rows

    user = login_as(role)
    job_id = _one_column_job(app, user, b"Comment\nOnly one row\n")
    with app.app_context():
        import_rows.run(job_id)
    page = client.get(f"/imports/{job_id}").get_data(as_text=True)
    assert link_text in page
    assert f'href="{target}"' in page
    assert "All feedback" not in page if role == Role.FORUM_REP else True
    assert client.get(target).status_code == 200


def test_preview_counts_one_row_in_the_singular_when_the_file_has_one(
    client: FlaskClient,
    login_as: Callable,
) -> None:
    login_as(Role.STRATEGY_LEAD)
    preview_url = upload(client, b"Comment\nJust this\n").headers["Location"]
    map_columns(
        client,
        preview_url,
        text_column="0",
        date_column="",
        audience_column="",
        setting_column="",
        label_columns="",
    )
    page = client.get(preview_url).get_data(as_text=True)
    assert "The file has 1 row of comments." in page
    assert re.search(r">\s*Import 1 row\s*<", page)
    assert "1 rows" not in page
