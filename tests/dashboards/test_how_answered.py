"""How a young person's answers were given (on my own, with help, someone answered for me):
a column and a filter on All feedback, a field in the exports, and a share on the dashboard
and theme pages, hidden by the small-number rule."""

import csv
import io
import re
from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from openpyxl import load_workbook

from surveys.models import SurveyResponse
from surveys.types import Channel, HowAnswered, SourceGroup
from tests.factories import make_dash_item, make_survey, make_theme
from themes.models import Theme
from voice.accounts.models import Role
from voice.dashboards import summary
from voice.db import db


def _answered(how: HowAnswered | None, number: int, theme: Theme, survey_id: int) -> None:
    """`number` young people's comments, each from its own response given this way."""
    for _ in range(number):
        response = SurveyResponse(
            survey_id=survey_id,
            idempotency_key=f"k-{db.session.query(SurveyResponse).count()}",
            channel=Channel.KIOSK,
            how_answered=how,
        )
        db.session.add(response)
        db.session.flush()
        item = make_dash_item(themes=(theme,), survey_id=survey_id, text="Too long a wait")
        item.response_id = response.id
        db.session.commit()


def _data(app: Flask, helped: int = 6, for_me: int = 5, own: int = 9, unsaid: int = 0) -> None:
    with app.app_context():
        theme = make_theme(slug="waiting-times", name="Waiting times")
        survey_id = make_survey(title="Youth club").id
        _answered(HowAnswered.ON_MY_OWN, own, theme, survey_id)
        _answered(HowAnswered.WITH_HELP, helped, theme, survey_id)
        _answered(HowAnswered.FOR_ME, for_me, theme, survey_id)
        _answered(None, unsaid, theme, survey_id)
        make_dash_item(themes=(theme,), source_group=SourceGroup.PARENT_CARER)
        summary.rebuild_all()
        db.session.commit()


def _text(client: FlaskClient, path: str) -> str:
    return re.sub(r"\s+", " ", client.get(path).get_data(as_text=True))


def _section(page: str) -> str:
    start = page.index("How young people gave their comments")
    return page[start : page.index("</section>", start)]


def test_dashboard_gives_the_share_answered_with_help_when_young_people_said(
    app: Flask, client: FlaskClient, login_as: Callable[..., object]
) -> None:
    _data(app)
    login_as(Role.STRATEGY_LEAD)
    for path in ("/dashboard/", "/dashboard/themes/waiting-times"):
        section = _section(_text(client, path))
        assert (
            "Of 20 comments from young people, 55% were given with help or by someone else"
            in section
        ), path
        assert '>With help</th><td class="govuk-table__cell govuk-table__cell--numeric">6<' in (
            section
        )
        assert ">30%<" in section  # 6 of 20
        assert ">25%<" in section  # someone answered for them: 5 of 20


def test_dashboard_hides_the_share_when_a_small_number_could_be_worked_out(
    app: Flask, client: FlaskClient, login_as: Callable[..., object]
) -> None:
    _data(app, helped=2, for_me=0, own=9, unsaid=6)
    login_as(Role.ADMIN)
    section = _section(_text(client, "/dashboard/"))
    assert "the share given with help or by someone else is not shown" in section
    assert ">2<" not in section
    assert ">6<" not in section  # hidden too: with it 17 - 9 would give the 2 away
    assert "11%" not in section
    assert "35%" not in section


def test_feedback_list_shows_and_filters_how_it_was_answered_when_asked(
    app: Flask, client: FlaskClient, login_as: Callable[..., object]
) -> None:
    _data(app, helped=2, for_me=1, own=3, unsaid=0)
    login_as(Role.STRATEGY_LEAD)
    everything = _text(client, "/feedback")
    assert "How answered: With help" in everything
    assert "How answered: Someone answered for them" in everything
    assert "How answered: Not recorded" in everything  # the parent carer's comment
    assert '<option value="with_help">With help</option>' in everything
    assert "2 items match." in _text(client, "/feedback?how_answered=with_help")
    assert "1 item matches." in _text(client, "/feedback?how_answered=for_me")
    assert "3 items match." in _text(client, "/feedback?how_answered=on_my_own")
    assert "1 item matches." in _text(client, "/feedback?how_answered=not_recorded")
    assert "7 items match." in _text(client, "/feedback?how_answered=nonsense")


def test_exports_carry_how_it_was_answered_when_downloaded(
    app: Flask, client: FlaskClient, login_as: Callable[..., object]
) -> None:
    _data(app, helped=1, for_me=1, own=1, unsaid=0)
    login_as(Role.STRATEGY_LEAD)
    rows = list(csv.reader(io.StringIO(client.get("/dashboard/export.csv").text.lstrip("\ufeff"))))
    assert rows[0][-1] == "How answered"
    assert sorted(row[-1] for row in rows[1:]) == [
        "Not recorded",
        "On their own",
        "Someone answered for them",
        "With help",
    ]
    sheet = load_workbook(io.BytesIO(client.get("/dashboard/export.xlsx").data)).active
    values = [row[-1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(values) == sorted(row[-1] for row in rows[1:])


def test_dashboard_says_none_said_when_no_response_recorded_how(
    app: Flask, client: FlaskClient, login_as: Callable[..., object]
) -> None:
    _data(app, helped=0, for_me=0, own=0, unsaid=7)
    login_as(Role.STRATEGY_LEAD)
    section = _section(_text(client, "/dashboard/"))
    assert "None of the 7 comments from young people in this view says how it was given." in (
        section
    )
    assert "0% were given" not in section
