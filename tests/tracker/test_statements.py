"""'You said' statements: voices by audience, quotes and the publishing rules."""

from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from surveys.types import SourceGroup
from tests.conftest import csrf_token
from tests.factories import make_action, make_statement, make_theme, make_voice
from themes.models import SafeguardingFlag
from themes.types import FlagStatus
from voice.accounts.models import Role, User
from voice.db import db
from voice.tracker import statements
from voice.tracker.models import HistoryEntry, Statement, StatementQuote


def _quote(client: FlaskClient, statement_id: int, item_id: int) -> str:
    path = f"/tracker/statements/{statement_id}"
    response = client.post(
        f"{path}/quotes/{item_id}", data={"csrf_token": csrf_token(client, path)}
    )
    assert response.status_code == 302
    return client.get(response.headers["Location"]).get_data(as_text=True)


def _publish(client: FlaskClient, statement_id: int) -> str:
    path = f"/tracker/statements/{statement_id}"
    response = client.post(f"{path}/publish", data={"csrf_token": csrf_token(client, path)})
    assert response.status_code == 302
    return client.get(response.headers["Location"]).get_data(as_text=True)


def test_lead_writes_a_statement_when_the_form_is_complete(
    client: FlaskClient, login_as: Callable[..., User], app: Flask
) -> None:
    login_as(Role.STRATEGY_LEAD)
    with app.app_context():
        theme_id = make_theme().id
        action_id = make_action().id
    path = "/tracker/statements/new"
    response = client.post(
        path,
        data={
            "csrf_token": csrf_token(client, path),
            "summary": "Families wait too long for speech therapy",
            "easy_read_summary": "You wait too long.",
            "theme_ids": [str(theme_id)],
            "action_ids": [str(action_id)],
        },
    )
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Families wait too long for speech therapy" in page
    assert "Draft, not public" in page
    with app.app_context():
        statement = db.session.scalars(select(Statement)).one()
        assert [t.slug for t in statements.themes_of(statement)] == ["waiting-times"]
        assert not statement.published


def test_statement_needs_a_summary_when_it_is_empty(
    client: FlaskClient, login_as: Callable[..., User]
) -> None:
    login_as(Role.STRATEGY_LEAD)
    path = "/tracker/statements/new"
    response = client.post(
        path, data={"csrf_token": csrf_token(client, path), "easy_read_summary": "Kept"}
    )
    page = response.get_data(as_text=True)
    assert "Enter a summary of what people said" in page
    assert "Kept" in page


def test_voices_are_counted_by_audience_when_chosen_and_tagged(
    client: FlaskClient, login_as: Callable[..., User], app: Flask
) -> None:
    login_as(Role.STRATEGY_LEAD)
    with app.app_context():
        theme = make_theme()
        make_voice(source_group=SourceGroup.YOUNG_PERSON, themes=(theme,))
        make_voice(source_group=SourceGroup.YOUNG_PERSON, themes=(theme,))
        chosen = make_voice(source_group=SourceGroup.SCHOOL, themes=(theme,))
        extra = make_voice(source_group=SourceGroup.PARENT_CARER)
        statement_id = make_statement(themes=(theme,), items=(chosen, extra)).id
    page = client.get(f"/tracker/statements/{statement_id}").get_data(as_text=True)
    assert "4 people raised this" in page
    cell = '</th><td class="govuk-table__cell govuk-table__cell--numeric">'
    assert f"Young people{cell}2" in page
    assert f"Parent carers{cell}1" in page
    assert f"Schools and settings{cell}1" in page


def test_quote_is_chosen_when_consented_redacted_and_not_flagged(
    client: FlaskClient, login_as: Callable[..., User], app: Flask
) -> None:
    login_as(Role.STRATEGY_LEAD)
    with app.app_context():
        item = make_voice(text="Sam waited a year", redacted_text="[name] waited a year")
        statement_id = make_statement(items=(item,)).id
        item_id = item.id
    page = _quote(client, statement_id, item_id)
    assert "Quotes saved" in page
    with app.app_context():
        assert db.session.scalars(select(StatementQuote.item_id)).all() == [item_id]


def test_quote_is_refused_when_the_author_did_not_consent(
    client: FlaskClient, login_as: Callable[..., User], app: Flask
) -> None:
    login_as(Role.STRATEGY_LEAD)
    with app.app_context():
        item = make_voice(consent_to_quote=False)
        statement_id = make_statement(items=(item,)).id
        item_id = item.id
    page = _quote(client, statement_id, item_id)
    assert "That was refused" in page
    assert "did not agree to be quoted" in page
    with app.app_context():
        assert db.session.scalars(select(StatementQuote)).first() is None


def test_quote_is_refused_when_the_item_has_an_open_safeguarding_flag(
    client: FlaskClient, login_as: Callable[..., User], app: Flask
) -> None:
    login_as(Role.STRATEGY_LEAD)
    with app.app_context():
        item = make_voice(flagged=True)
        statement_id = make_statement(items=(item,)).id
        item_id = item.id
    page = _quote(client, statement_id, item_id)
    assert "It has an open safeguarding flag" in page


def test_quote_is_refused_when_the_redacted_text_still_has_an_email(
    client: FlaskClient, login_as: Callable[..., User], app: Flask
) -> None:
    login_as(Role.STRATEGY_LEAD)
    with app.app_context():
        item = make_voice(redacted_text="Write to me at parent@example.org please")
        statement_id = make_statement(items=(item,)).id
        item_id = item.id
    page = _quote(client, statement_id, item_id)
    assert "still contains personal details" in page


def test_fourth_quote_is_refused_when_three_are_chosen(
    client: FlaskClient, login_as: Callable[..., User], app: Flask
) -> None:
    login_as(Role.STRATEGY_LEAD)
    with app.app_context():
        items = [make_voice(text=f"The wait was too long, week {n}") for n in range(4)]
        statement_id = make_statement(items=tuple(items)).id
        ids = [item.id for item in items]
    for item_id in ids[:3]:
        _quote(client, statement_id, item_id)
    page = _quote(client, statement_id, ids[3])
    assert "up to 3 quotes" in page


def test_publish_is_refused_when_a_quote_became_flagged(
    client: FlaskClient, login_as: Callable[..., User], app: Flask
) -> None:
    login_as(Role.STRATEGY_LEAD)
    with app.app_context():
        item = make_voice()
        statement_id = make_statement(items=(item,), actions=(make_action(),)).id
        item_id = item.id
    _quote(client, statement_id, item_id)
    with app.app_context():
        db.session.add(SafeguardingFlag(item_id=item_id, reason="worry"))
        db.session.commit()
    page = _publish(client, statement_id)
    assert "That was refused" in page
    assert "It has an open safeguarding flag" in page
    with app.app_context():
        assert not db.session.get(Statement, statement_id).published


def test_publish_is_allowed_when_the_flag_is_closed(
    client: FlaskClient, login_as: Callable[..., User], app: Flask
) -> None:
    login_as(Role.STRATEGY_LEAD)
    with app.app_context():
        item = make_voice()
        statement_id = make_statement(items=(item,), actions=(make_action(),)).id
        db.session.add(SafeguardingFlag(item_id=item.id, reason="worry", status=FlagStatus.CLOSED))
        db.session.commit()
        item_id = item.id
    _quote(client, statement_id, item_id)
    page = _publish(client, statement_id)
    assert "Statement published" in page


def test_publish_is_refused_when_no_action_or_easy_read_is_linked(
    client: FlaskClient, login_as: Callable[..., User], app: Flask
) -> None:
    login_as(Role.STRATEGY_LEAD)
    with app.app_context():
        statement_id = make_statement(easy_read_summary="").id
    page = _publish(client, statement_id)
    assert "Link at least one action before publishing" in page
    assert "Write the easy read summary before publishing" in page


def test_publish_and_unpublish_are_recorded_when_the_lead_does_them(
    client: FlaskClient, login_as: Callable[..., User], app: Flask
) -> None:
    lead = login_as(Role.STRATEGY_LEAD)
    with app.app_context():
        action = make_action()
        statement_id = make_statement(actions=(action,)).id
        action_id = action.id
    assert "Statement published" in _publish(client, statement_id)
    path = f"/tracker/statements/{statement_id}"
    client.post(f"{path}/publish", data={"csrf_token": csrf_token(client, path), "unpublish": "1"})
    with app.app_context():
        events = db.session.scalars(
            select(HistoryEntry.event)
            .where(HistoryEntry.statement_id == statement_id, HistoryEntry.by_id == lead.id)
            .order_by(HistoryEntry.id)
        ).all()
        assert events == ["published", "unpublished"]
        assert not db.session.get(Statement, statement_id).published
    page = client.get(f"/tracker/actions/{action_id}").get_data(as_text=True)
    assert "Statement published" in page
    assert "Statement unpublished" in page


def test_publish_is_refused_when_the_user_is_a_facilitator(
    client: FlaskClient, login_as: Callable[..., User], app: Flask
) -> None:
    with app.app_context():
        statement_id = make_statement(actions=(make_action(),)).id
    login_as(Role.FACILITATOR)
    response = client.post(f"/tracker/statements/{statement_id}/publish")
    assert response.status_code in (400, 403)
    with app.app_context():
        assert not db.session.get(Statement, statement_id).published


def test_gap_view_lists_themes_without_actions_when_most_raised_first(
    client: FlaskClient, login_as: Callable[..., User], app: Flask
) -> None:
    login_as(Role.STRATEGY_LEAD)
    with app.app_context():
        waits = make_theme()
        transport = make_theme(slug="transport", name="Transport")
        answered = make_theme(slug="short-breaks", name="Short breaks")
        for _ in range(3):
            make_voice(themes=(transport,), consent_to_quote=False)
        make_voice(themes=(waits,))
        make_voice(themes=(answered,))
        make_statement(themes=(answered,), actions=(make_action(),))
    page = client.get("/tracker/gaps").get_data(as_text=True)
    assert page.index("Transport") < page.index("Waiting times")
    assert "Short breaks" not in page
