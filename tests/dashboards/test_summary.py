"""The daily theme counts stay in step with tagging, review and codebook changes."""

from flask import Flask
from sqlalchemy import func, select

from tests.factories import make_dash_item, make_theme
from themes import codebook as theme_codebook
from themes import review as theme_review
from themes.models import ItemTheme
from voice.dashboards import summary
from voice.dashboards.filters import Filters
from voice.dashboards.models import ThemeDay
from voice.dashboards.services import themes_ranked
from voice.db import db, utcnow


def _ranked() -> dict[str, int]:
    filters = Filters.from_args({}, today=utcnow().date())
    return {row.theme.slug: row.voices for row in themes_ranked(filters) if row.voices}


def test_summary_counts_each_tag_once_when_caught_up_twice(app: Flask) -> None:
    with app.app_context():
        theme = make_theme(slug="transport", name="Transport")
        for _ in range(3):
            make_dash_item(themes=(theme,))
        summary.catch_up()
        summary.catch_up()
        db.session.commit()
        assert db.session.scalar(select(func.sum(ThemeDay.voices))) == 3
        assert _ranked() == {"transport": 3}


def test_summary_follows_a_retag_when_the_item_is_stamped_again(app: Flask) -> None:
    with app.app_context():
        old = make_theme(slug="transport", name="Transport")
        new = make_theme(slug="short-breaks", name="Short breaks")
        item = make_dash_item(themes=(old,))
        summary.catch_up()
        db.session.commit()
        tag = db.session.scalar(select(ItemTheme).where(ItemTheme.item_id == item.id))
        tag.theme_id = new.id
        item.tagged_at = utcnow()  # what the tagger stamps on every item it writes
        db.session.commit()
        summary.catch_up()
        db.session.commit()
        assert _ranked() == {"short-breaks": 1}


def test_summary_follows_a_review_when_a_tag_is_removed(app: Flask) -> None:
    with app.app_context():
        theme = make_theme(slug="transport", name="Transport")
        item = make_dash_item(themes=(theme,))
        make_dash_item(themes=(theme,))
        summary.catch_up()
        db.session.commit()
        theme_review.save_review(item.id, [], user_id=None)
        db.session.commit()
        summary.catch_up()
        db.session.commit()
        assert _ranked() == {"transport": 1}


def test_summary_is_rebuilt_when_themes_are_merged(app: Flask) -> None:
    with app.app_context():
        source = make_theme(slug="buses", name="Buses")
        target = make_theme(slug="transport", name="Transport")
        for _ in range(2):
            make_dash_item(themes=(source,))
        summary.catch_up()
        db.session.commit()
        theme_codebook.merge_themes(source, target, user_id=None)
        db.session.commit()
        summary.catch_up()
        db.session.commit()
        assert _ranked() == {"transport": 2}
