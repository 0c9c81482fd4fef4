"""A statement's themes: the link rows the tracker keeps to the codebook's themes."""

import re
from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient

from surveys.types import SourceGroup
from tests.conftest import csrf_token
from tests.factories import make_statement, make_theme, make_voice
from voice.accounts.models import Role, User


def _themes_row(page: str) -> str:
    """The statement page's Themes row, as read."""
    found = re.search(
        r'<dt class="govuk-summary-list__key">Themes</dt>\s*'
        r'<dd class="govuk-summary-list__value">(.*?)</dd>',
        page,
        re.S,
    )
    assert found, "no Themes row"
    return found.group(1)


def test_statement_carries_only_the_new_themes_when_its_themes_are_changed(
    client: FlaskClient, login_as: Callable[..., User], app: Flask
) -> None:
    login_as(Role.STRATEGY_LEAD)
    with app.app_context():
        waiting = make_theme(slug="long-waits", name="Long waits")
        transport = make_theme(slug="late-buses", name="Late buses")
        speech = make_theme(slug="talking-help", name="Help with talking")
        for _ in range(2):
            make_voice(source_group=SourceGroup.PARENT_CARER, themes=(waiting,))
        make_voice(source_group=SourceGroup.YOUNG_PERSON, themes=(transport,))
        statement_id = make_statement(themes=(waiting,)).id
        transport_id, speech_id = transport.id, speech.id
    path = f"/tracker/statements/{statement_id}"
    assert _themes_row(client.get(path).text) == "Long waits"

    edit = f"{path}/edit"
    response = client.post(
        edit,
        data={
            "csrf_token": csrf_token(client, edit),
            "summary": "Young people told us the bus is late",
            "easy_read_summary": "",
            "theme_ids": [str(transport_id), str(speech_id)],
        },
    )
    assert response.status_code == 302
    page = client.get(path).text
    assert _themes_row(page) == "Help with talking, Late buses"
    # The voices behind it are the comments carrying its themes now: one young person's, not
    # the two parent carers' on the theme it no longer carries.
    assert "1 person raised this" in page
    assert 'Parent carers</th><td class="govuk-table__cell govuk-table__cell--numeric">0<' in page
    form = client.get(edit).text
    for theme_id in (transport_id, speech_id):
        assert f'type="checkbox" value="{theme_id}" checked>' in form
    assert form.count(" checked>") == 2


def test_statement_keeps_its_themes_when_saved_again_unchanged(
    client: FlaskClient, login_as: Callable[..., User], app: Flask
) -> None:
    login_as(Role.STRATEGY_LEAD)
    with app.app_context():
        waiting = make_theme(slug="long-waits", name="Long waits")
        statement_id = make_statement(themes=(waiting,)).id
        waiting_id = waiting.id
    edit = f"/tracker/statements/{statement_id}/edit"
    for _ in range(2):
        response = client.post(
            edit,
            data={
                "csrf_token": csrf_token(client, edit),
                "summary": "Families wait too long",
                "easy_read_summary": "",
                "theme_ids": [str(waiting_id)],
            },
        )
        assert response.status_code == 302
    assert _themes_row(client.get(f"/tracker/statements/{statement_id}").text) == "Long waits"
