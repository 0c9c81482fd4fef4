"""The overview's emerging phrases: key phrases recurring in comments no theme caught."""

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select, update

from tests.factories import make_dash_item, make_theme
from themes import review as theme_review
from themes import safeguarding
from themes.models import ItemAnalysis, SafeguardingFlag
from voice.accounts.models import Role
from voice.dashboards import summary
from voice.db import db, utcnow

TODAY = utcnow().date()
PERIOD = f"from={(TODAY - timedelta(days=29)).isoformat()}&to={TODAY.isoformat()}"


def _days_ago(days: int) -> datetime:
    return datetime.combine(TODAY - timedelta(days=days), datetime.min.time(), tzinfo=UTC) + (
        timedelta(hours=12)
    )


def _item(phrases: str, *, days_ago: int = 1, **kwargs: object) -> int:
    """A tagged item whose key phrases are `phrases` (a JSON list); returns its id."""
    item = make_dash_item(created_at=_days_ago(days_ago), **kwargs)  # type: ignore[arg-type]
    db.session.execute(
        update(ItemAnalysis).where(ItemAnalysis.item_id == item.id).values(key_phrases=phrases)
    )
    db.session.commit()
    return item.id


def _summarise() -> None:
    summary.catch_up()
    db.session.commit()


def _phrases(client: FlaskClient, query: str = PERIOD) -> dict[str, str]:
    """The emerging phrases table on the overview: phrase -> the count shown beside it."""
    page = re.sub(r"\s+", " ", client.get(f"/dashboard/?{query}").get_data(as_text=True))
    return dict(
        re.findall(
            r'<a class="govuk-link" href="/themes/emerging" dir="auto">([^<]+)</a></th>'
            r' <td class="govuk-table__cell govuk-table__cell--numeric">([^<]+)</td>',
            page,
        )
    )


def test_phrases_show_with_counts_when_uncaught_comments_repeat_them_in_the_period(
    app: Flask, client: FlaskClient, login_as: Callable[..., object]
) -> None:
    with app.app_context():
        for _ in range(6):
            _item('["respite care", "bus pass"]')
        for _ in range(3):
            _item('["bus pass"]')
        _item('["lonely at lunch"]')  # only once: not a recurring phrase
        for _ in range(4):
            _item('["respite care"]', days_ago=60)  # before the period
        _summarise()
    login_as(Role.ADMIN)
    assert _phrases(client) == {"bus pass": "9", "respite care": "6"}
    wider = f"from={(TODAY - timedelta(days=89)).isoformat()}&to={TODAY.isoformat()}"
    assert _phrases(client, wider) == {"respite care": "10", "bus pass": "9"}
    page = client.get(f"/dashboard/?{PERIOD}").get_data(as_text=True)
    assert "See the phrases that keep coming up in comments no theme caught" in page


def test_phrases_leave_out_comments_when_a_theme_caught_them(
    app: Flask, client: FlaskClient, login_as: Callable[..., object]
) -> None:
    with app.app_context():
        transport = make_theme(slug="transport", name="Transport")
        for _ in range(5):
            _item('["bus pass"]', themes=(transport,))
        ids = [_item('["respite care"]') for _ in range(7)]
        transport_id = transport.id
        _summarise()
    login_as(Role.ADMIN)
    assert _phrases(client) == {"respite care": "7"}

    with app.app_context():  # a reviewer tags two of them: the next catch-up follows
        for item_id in ids[:2]:
            theme_review.save_review(item_id, [transport_id], user_id=None)
        db.session.commit()
        _summarise()
    assert _phrases(client) == {"respite care": "5"}


def test_phrases_leave_out_comments_when_an_open_safeguarding_flag_holds_them_back(
    app: Flask, client: FlaskClient, login_as: Callable[..., object]
) -> None:
    with app.app_context():
        for _ in range(5):
            _item('["respite care"]')
        for _ in range(3):
            _item('["home alone"]', flagged=True)
        _item('["respite care"]', flagged=True)
        _summarise()
    login_as(Role.ADMIN)
    assert _phrases(client) == {"respite care": "5"}

    with app.app_context():  # closing the flags shows them again, with no rebuild
        for flag in db.session.scalars(select(SafeguardingFlag)):
            safeguarding.close_flag(flag, action_taken="Checked", user_id=None)
        db.session.commit()
    # Counts under 5 read "fewer than 5", like every count staff see.
    assert _phrases(client) == {"respite care": "6", "home alone": "fewer than 5"}


def test_phrase_counts_under_the_threshold_show_as_fewer_than_five_when_a_strategy_lead_looks(
    app: Flask, client: FlaskClient, login_as: Callable[..., object]
) -> None:
    with app.app_context():
        for _ in range(3):
            _item('["respite care"]')
        for _ in range(7):
            _item('["bus pass"]')
        _summarise()
    login_as(Role.STRATEGY_LEAD)
    assert _phrases(client) == {"bus pass": "7", "respite care": "fewer than 5"}
