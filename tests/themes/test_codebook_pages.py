"""The codebook page: default themes, add, rename, merge, retire, re-tag, and who did it."""

import re
from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.conftest import csrf_token
from tests.factories import make_tagged_item
from themes import codebook, retagging, review
from themes.models import CodebookChange, ItemTheme, RetagJob, Theme
from themes.types import JobStatus
from voice.accounts.models import Role, User
from voice.db import db

DEFAULT_SLUGS = {
    "waiting-times",
    "speech-language",
    "mental-health",
    "ehc-plans",
    "school-support",
    "school-places",
    "short-breaks",
    "information",
    "adulthood",
    "being-heard",
    "transport",
    "social-care",
    "friendships",
    "health-therapies",
}


def _theme(slug: str) -> Theme:
    return db.session.scalar(select(Theme).where(Theme.slug == slug))


def test_default_codebook_is_listed_when_the_database_is_fresh(
    app: Flask, client: FlaskClient, login_as: Callable[..., User]
) -> None:
    login_as(Role.STRATEGY_LEAD)
    page = client.get("/themes/codebook").get_data(as_text=True)
    assert '<h1 class="govuk-heading-l">Codebook</h1>' in page
    with app.app_context():
        assert set(db.session.scalars(select(Theme.slug))) == DEFAULT_SLUGS
    assert "Speech, language and communication" in page


def test_codebook_is_refused_when_the_person_is_not_a_strategy_lead(
    client: FlaskClient, login_as: Callable[..., User]
) -> None:
    login_as(Role.FACILITATOR)
    assert client.get("/themes/codebook").status_code == 403


def test_new_theme_is_saved_and_logged_when_a_lead_adds_it(
    app: Flask, client: FlaskClient, login_as: Callable[..., User]
) -> None:
    lead = login_as(Role.STRATEGY_LEAD)
    response = client.post(
        "/themes/codebook",
        data={
            "csrf_token": csrf_token(client, "/themes/codebook"),
            "name": "Toilets and changing places",
            "easy_read_name": "Toilets",
            "description": "",
            "signals": "changing places, accessible toilet\ntoilets",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        theme = _theme("toilets-and-changing-places")
        assert codebook.split_signals(theme.signals) == (
            "changing places",
            "accessible toilet",
            "toilets",
        )
        change = db.session.scalar(select(CodebookChange).where(CodebookChange.action == "add"))
        assert change.changed_by_id == lead.id
        assert retagging.latest_retag_job().requested_by_id == lead.id
        item = make_tagged_item(text="There are no accessible toilets in town for my son")
        assert "toilets-and-changing-places" in review.item_slugs(item.id)


def test_message_shows_beside_the_field_when_the_new_theme_has_no_name(
    client: FlaskClient, login_as: Callable[..., User]
) -> None:
    login_as(Role.STRATEGY_LEAD)
    response = client.post(
        "/themes/codebook",
        data={
            "csrf_token": csrf_token(client, "/themes/codebook"),
            "name": "",
            "signals": "kept words",
        },
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<title>Error:" in page
    assert "Enter the name of the theme" in page
    assert "kept words" in page


def test_theme_is_renamed_and_slug_kept_when_a_lead_edits_it(
    app: Flask, client: FlaskClient, login_as: Callable[..., User]
) -> None:
    login_as(Role.STRATEGY_LEAD)
    with app.app_context():
        theme_id = codebook.list_themes()[0].id
        db.session.commit()
        theme_id = _theme("transport").id
    path = f"/themes/codebook/{theme_id}"
    response = client.post(
        path,
        data={
            "csrf_token": csrf_token(client, path),
            "name": "Travel to school",
            "easy_read_name": "Getting there",
            "description": "",
            "signals": "bus, taxi",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        theme = db.session.get(Theme, theme_id)
        assert (theme.slug, theme.name, theme.easy_read_name) == (
            "transport",
            "Travel to school",
            "Getting there",
        )


def test_tags_move_to_the_target_when_a_lead_merges_two_themes(
    app: Flask, client: FlaskClient, login_as: Callable[..., User]
) -> None:
    login_as(Role.STRATEGY_LEAD)
    with app.app_context():
        item = make_tagged_item(text="I have no friends at school and feel lonely every day")
        assert "friendships" in review.item_slugs(item.id)
        source, target = _theme("friendships").id, _theme("being-heard").id
        item_id = item.id
    path = f"/themes/codebook/{source}"
    response = client.post(
        f"{path}/merge",
        data={"csrf_token": csrf_token(client, path), "merge-target": str(target)},
    )
    assert response.status_code == 302
    with app.app_context():
        assert "being-heard" in review.item_slugs(item_id)
        assert "friendships" not in review.item_slugs(item_id)
        assert db.session.get(Theme, source).active is False
        assert db.session.scalars(select(ItemTheme.theme_id)).all().count(source) == 0


def test_retired_theme_is_no_longer_given_when_items_are_tagged(
    app: Flask, client: FlaskClient, login_as: Callable[..., User]
) -> None:
    login_as(Role.STRATEGY_LEAD)
    with app.app_context():
        codebook.list_themes()
        db.session.commit()
        theme_id = _theme("transport").id
    path = f"/themes/codebook/{theme_id}"
    client.post(f"{path}/retire", data={"csrf_token": csrf_token(client, path)})
    with app.app_context():
        assert db.session.get(Theme, theme_id).active is False
        item = make_tagged_item(text="The school bus is always late")
        assert "transport" not in review.item_slugs(item.id)


def test_retag_progress_shows_on_the_codebook_when_a_job_is_running(
    app: Flask, client: FlaskClient, login_as: Callable[..., User]
) -> None:
    login_as(Role.STRATEGY_LEAD)
    with app.app_context():
        db.session.add(RetagJob(total=40, done=10, status=JobStatus.RUNNING))
        db.session.commit()
    page = client.get("/themes/codebook").get_data(as_text=True)
    assert re.search(r"Re-tagging: 10 of 40 comments done", page)


def test_retag_job_is_recorded_when_a_lead_starts_it(
    app: Flask, client: FlaskClient, login_as: Callable[..., User]
) -> None:
    login_as(Role.STRATEGY_LEAD)
    response = client.post(
        "/themes/codebook/retag", data={"csrf_token": csrf_token(client, "/themes/codebook")}
    )
    assert response.status_code == 302
    with app.app_context():
        assert retagging.latest_retag_job() is not None
