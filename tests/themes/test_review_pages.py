"""Review screen, tagger quality, learning from reviews, emerging themes, item detail."""

from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.conftest import csrf_token
from tests.factories import make_tagged_item
from themes import codebook, learning, review, tagging, tasks
from themes.models import ItemAnalysis, StoredModel, Theme
from voice.accounts.models import Role, User
from voice.db import db


def _ids(app: Flask) -> dict[str, int]:
    with app.app_context():
        codebook.list_themes()
        db.session.commit()
        return dict(db.session.execute(select(Theme.slug, Theme.id)).all())


def test_suggested_themes_are_ticked_with_evidence_when_a_lead_opens_an_item(
    app: Flask, client: FlaskClient, login_as: Callable[..., User]
) -> None:
    login_as(Role.STRATEGY_LEAD)
    with app.app_context():
        item_id = make_tagged_item(text="We have been on the waiting list for CAMHS for a year").id
    response = client.get("/themes/review")
    assert response.headers["Location"].endswith(f"/themes/review/{item_id}")
    page = client.get(f"/themes/review/{item_id}").get_data(as_text=True)
    ids = _ids(app)
    assert f'value="{ids["mental-health"]}" checked' in page
    assert "Found: " in page
    assert 'data-key="1"' in page


def test_decision_is_stored_and_next_item_shown_when_a_lead_saves_a_review(
    app: Flask, client: FlaskClient, login_as: Callable[..., User]
) -> None:
    login_as(Role.STRATEGY_LEAD)
    with app.app_context():
        first = make_tagged_item(text="The bus to college never comes").id
        second = make_tagged_item(text="My EHC plan took a year").id
    ids = _ids(app)
    path = f"/themes/review/{first}"
    response = client.post(
        path,
        data={
            "csrf_token": csrf_token(client, path),
            "themes": [str(ids["transport"]), str(ids["adulthood"])],
        },
    )
    assert response.status_code == 302
    assert (
        client.get(response.headers["Location"])
        .headers["Location"]
        .endswith(f"/themes/review/{second}")
    )
    with app.app_context():
        assert review.item_slugs(first) == ["adulthood", "transport"]
        # A later automatic run leaves the decision alone.
        tagging.tag_items([first])
        db.session.commit()
        assert review.item_slugs(first) == ["adulthood", "transport"]


def test_original_text_is_hidden_when_a_strategy_lead_opens_an_item(
    app: Flask, client: FlaskClient, login_as: Callable[..., User]
) -> None:
    login_as(Role.STRATEGY_LEAD)
    with app.app_context():
        item_id = make_tagged_item(text="Email me at sam.jones@example.org about transport").id
    page = client.get(f"/themes/items/{item_id}").get_data(as_text=True)
    assert "sam.jones@example.org" not in page
    assert "[email]" in page


def test_original_text_is_shown_when_an_admin_opens_an_item(
    app: Flask, client: FlaskClient, login_as: Callable[..., User]
) -> None:
    login_as(Role.ADMIN)
    with app.app_context():
        item_id = make_tagged_item(text="Email me at sam.jones@example.org about transport").id
    page = client.get(f"/themes/items/{item_id}").get_data(as_text=True)
    assert "sam.jones@example.org" in page


def test_quality_shows_precision_and_recall_when_items_are_reviewed(
    app: Flask, client: FlaskClient, login_as: Callable[..., User]
) -> None:
    lead = login_as(Role.STRATEGY_LEAD)
    ids = _ids(app)
    with app.app_context():
        right = make_tagged_item(text="The school bus is always late")
        wrong = make_tagged_item(text="The taxi driver was lovely")
        review.save_review(right.id, [ids["transport"]], user_id=lead.id)
        review.save_review(wrong.id, [ids["friendships"]], user_id=lead.id)
        db.session.commit()
        result = learning.tagger_quality()
    assert result["per_theme"]["transport"]["precision"] == 0.5
    assert result["per_theme"]["transport"]["recall"] == 1.0
    page = client.get("/themes/quality").get_data(as_text=True)
    assert '<h1 class="govuk-heading-l">Tagger quality</h1>' in page
    assert "0.50" in page
    assert "Not enough reviews yet" in page  # themes nobody reviewed, not 0.00
    assert result["per_theme"]["waiting-times"]["scored"] is False


def test_model_is_trained_when_enough_items_are_reviewed(app: Flask) -> None:
    ids = _ids(app)
    with app.app_context():
        for number in range(learning.MIN_REVIEWED_TO_TRAIN):
            item = make_tagged_item(text=f"Minibus pickup number {number} was cancelled again")
            review.save_review(item.id, [ids["transport"]], user_id=None)
        for number in range(5):
            item = make_tagged_item(text=f"Lovely art club number {number}")
            review.save_review(item.id, [ids["friendships"]], user_id=None)
        db.session.commit()
        assert tasks.retrain_model.run() == learning.MIN_REVIEWED_TO_TRAIN + 5
        assert db.session.scalar(select(StoredModel)) is not None
        tagger, version = tagging.current_tagger()
        assert version.endswith(f"-m{db.session.scalar(select(StoredModel.id))}")
        assert tagger.model is not None


def test_recurring_phrase_becomes_a_theme_when_a_lead_makes_one(
    app: Flask, client: FlaskClient, login_as: Callable[..., User]
) -> None:
    login_as(Role.STRATEGY_LEAD)
    with app.app_context():
        for _ in range(3):
            make_tagged_item(text="The sensory room at the library is closed on Saturdays")
        analyses = db.session.scalars(select(ItemAnalysis.key_phrases)).all()
    page = client.get("/themes/emerging").get_data(as_text=True)
    assert '<h1 class="govuk-heading-l">Emerging themes</h1>' in page
    assert any("sensory room" in phrases for phrases in analyses)
    assert "sensory room" in page
    response = client.post(
        "/themes/emerging",
        data={"csrf_token": csrf_token(client, "/themes/emerging"), "phrase": "sensory room"},
    )
    assert response.status_code == 302
    with app.app_context():
        theme = db.session.scalar(select(Theme).where(Theme.slug == "sensory-room"))
        assert theme.signals == "sensory room"
