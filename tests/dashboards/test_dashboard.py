"""The strategy leads' dashboard: filters, period comparison, small numbers, exports, access."""

import csv
import io
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import load_workbook

from surveys.types import Channel, SourceGroup
from tests.dashboards.test_charts import _bars
from tests.factories import make_dash_item, make_survey, make_theme
from voice.accounts.models import Role
from voice.dashboards import summary
from voice.dashboards.exports import neutralise
from voice.db import db, utcnow

TODAY = utcnow().date()
PERIOD = f"from={(TODAY - timedelta(days=29)).isoformat()}&to={TODAY.isoformat()}"


def _days_ago(days: int) -> datetime:
    return datetime.combine(TODAY - timedelta(days=days), datetime.min.time(), tzinfo=UTC) + (
        timedelta(hours=12)
    )


def _summarise(app: Flask) -> None:
    """What the beat task does every minute: bring the daily theme counts up to date."""
    with app.app_context():
        summary.catch_up()
        db.session.commit()


def _text(response: object) -> str:
    return re.sub(r"\s+", " ", response.get_data(as_text=True))  # type: ignore[attr-defined]


def _voices(page: str, label: str) -> str:
    """The count beside a row heading in a chart's table."""
    found = re.search(
        rf'<th scope="row" class="govuk-table__header">{re.escape(label)}</th>'
        r'\s*<td class="govuk-table__cell govuk-table__cell--numeric">([^<]+)</td>',
        page,
    )
    assert found, f"no row {label}"
    return found.group(1)


@pytest.fixture
def known_data(app: Flask) -> dict[str, object]:
    """Twelve voices this month and five in the month before, with known attributes."""
    with app.app_context():
        waiting = make_theme(slug="waiting-times", name="Waiting times")
        speech = make_theme(slug="speech-language", name="Speech and language")
        survey = make_survey(title="Summer survey")
        for day in range(6):
            make_dash_item(created_at=_days_ago(day), themes=(waiting,), survey_id=survey.id)
        for day in range(6):
            make_dash_item(
                text="The speech therapist is lovely",
                created_at=_days_ago(day),
                source_group=SourceGroup.PARENT_CARER,
                channel=Channel.FORM,
                language="pl",
                sentiment="positive",
                score=0.6,
                themes=(speech,),
                source_detail="Oak School",
            )
        for day in range(5):
            make_dash_item(created_at=_days_ago(35 + day), themes=(waiting,), sentiment="mixed")
        survey_id = survey.id
    _summarise(app)
    return {"survey_id": survey_id}


def test_overview_counts_voices_by_audience_when_a_strategy_lead_looks(
    client: FlaskClient, login_as: Callable[..., object], known_data: dict[str, object]
) -> None:
    login_as(Role.STRATEGY_LEAD)
    page = _text(client.get(f"/dashboard/?{PERIOD}"))
    assert '<h1 class="govuk-heading-l">Feedback dashboard</h1>' in page
    assert "12 voices from" in page
    assert _voices(page, "Young people") == "6"
    assert _voices(page, "Parent carers") == "6"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("audience=parent_carer", "6 voices"),
        ("channel=kiosk", "6 voices"),
        ("setting=Oak+School", "6 voices"),
        ("theme=waiting-times", "6 voices"),
        ("sentiment=positive", "6 voices"),
        ("language=pl", "6 voices"),
        ("language=ar", "0 voices"),
        ("kiosk_group=Nobody", "0 voices"),
    ],
)
def test_each_filter_changes_the_count_when_it_is_set(
    client: FlaskClient,
    login_as: Callable[..., object],
    known_data: dict[str, object],
    query: str,
    expected: str,
) -> None:
    login_as(Role.ADMIN)
    page = _text(client.get(f"/dashboard/?{PERIOD}&{query}"))
    assert f"{expected} from" in page


def test_survey_filter_keeps_only_its_answers_when_a_survey_is_chosen(
    client: FlaskClient, login_as: Callable[..., object], known_data: dict[str, object]
) -> None:
    login_as(Role.ADMIN)
    page = _text(client.get(f"/dashboard/?{PERIOD}&survey={known_data['survey_id']}"))
    assert "6 voices from" in page


def test_filters_stay_in_the_links_when_a_view_is_filtered(
    client: FlaskClient, login_as: Callable[..., object], known_data: dict[str, object]
) -> None:
    login_as(Role.STRATEGY_LEAD)
    page = client.get(f"/dashboard/?{PERIOD}&channel=kiosk").get_data(as_text=True)
    assert "/dashboard/export.csv?from=" in page
    assert "channel=kiosk" in page.split("/dashboard/export.csv?")[1].split('"')[0]


def test_period_comparison_says_more_and_less_negative_when_compared_with_before(
    client: FlaskClient, login_as: Callable[..., object], known_data: dict[str, object]
) -> None:
    login_as(Role.ADMIN)
    page = _text(client.get(f"/dashboard/?{PERIOD}"))
    # 6 negative voices now, 5 mixed in the 30 days before: 20% more, and more negative.
    assert "Waiting times: 20% more voices than the previous period, more negative." in page
    assert "Speech and language: new this period." in page


def test_small_numbers_show_as_fewer_than_five_when_not_an_admin(
    app: Flask, client: FlaskClient, login_as: Callable[..., object]
) -> None:
    with app.app_context():
        theme = make_theme(slug="transport", name="Transport")
        for _ in range(3):
            make_dash_item(source_group=SourceGroup.SCHOOL, themes=(theme,))
    _summarise(app)
    login_as(Role.STRATEGY_LEAD)
    page = _text(client.get("/dashboard/"))
    assert _voices(page, "Schools and settings") == "fewer than 5"
    assert "fewer than 5 voices from" in page
    assert ">3<" not in page


def test_small_numbers_are_hidden_the_same_way_when_an_admin_looks(
    app: Flask, client: FlaskClient, login_as: Callable[..., object]
) -> None:
    with app.app_context():
        for _ in range(3):
            make_dash_item(source_group=SourceGroup.SCHOOL)
    _summarise(app)
    login_as(Role.ADMIN)
    admin = _text(client.get("/dashboard/"))
    login_as(Role.STRATEGY_LEAD)
    lead = _text(client.get("/dashboard/"))
    assert _voices(admin, "Schools and settings") == "fewer than 5"
    assert _bars(admin, "chart-audience") == _bars(lead, "chart-audience")


def test_small_number_threshold_follows_the_setting_when_it_is_changed(
    app: Flask, client: FlaskClient, login_as: Callable[..., object]
) -> None:
    with app.app_context():
        for _ in range(7):
            make_dash_item(source_group=SourceGroup.SCHOOL)
    _summarise(app)
    login_as(Role.STRATEGY_LEAD)
    app.config["SMALL_NUMBER_THRESHOLD"] = 10
    try:
        page = _text(client.get("/dashboard/"))
    finally:
        app.config["SMALL_NUMBER_THRESHOLD"] = 5
    assert _voices(page, "Schools and settings") == "fewer than 10"


def test_theme_page_lists_redacted_comments_without_flagged_ones_when_opened(
    app: Flask, client: FlaskClient, login_as: Callable[..., object]
) -> None:
    with app.app_context():
        theme = make_theme(slug="waiting-times", name="Waiting times")
        make_dash_item(text="We waited [name removed] months", themes=(theme,))
        make_dash_item(text="Someone is hurting me at home", themes=(theme,), flagged=True)
    _summarise(app)
    login_as(Role.STRATEGY_LEAD)
    page = _text(client.get("/dashboard/themes/waiting-times"))
    assert '<h1 class="govuk-heading-l">Waiting times</h1>' in page
    assert "We waited [name removed] months" in page
    assert "hurting me" not in page


def test_theme_page_orders_most_negative_first_when_asked(
    app: Flask, client: FlaskClient, login_as: Callable[..., object]
) -> None:
    with app.app_context():
        theme = make_theme(slug="waiting-times", name="Waiting times")
        make_dash_item(text="A bit slow", themes=(theme,), score=-0.1, created_at=_days_ago(1))
        make_dash_item(text="Awful wait", themes=(theme,), score=-0.9, created_at=_days_ago(2))
    _summarise(app)
    login_as(Role.STRATEGY_LEAD)
    newest = _text(client.get("/dashboard/themes/waiting-times"))
    negative = _text(client.get("/dashboard/themes/waiting-times?order=negative"))
    assert newest.index("A bit slow") < newest.index("Awful wait")
    assert negative.index("Awful wait") < negative.index("A bit slow")


def test_csv_export_neutralises_formulas_when_comments_start_with_them(
    app: Flask, client: FlaskClient, login_as: Callable[..., object]
) -> None:
    with app.app_context():
        theme = make_theme(slug="waiting-times", name="Waiting times")
        make_dash_item(text='=HYPERLINK("http://x")', themes=(theme,))
        make_dash_item(text="+1 for the club", themes=(theme,))
        make_dash_item(text="hidden", themes=(theme,), flagged=True)
    _summarise(app)
    login_as(Role.STRATEGY_LEAD)
    response = client.get("/dashboard/export.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][0] == "Date"
    comments = sorted(row[6] for row in rows[1:])
    assert comments == ["'+1 for the club", '\'=HYPERLINK("http://x")']
    assert rows[1][5] == "Waiting times"


def test_xlsx_export_neutralises_formulas_when_opened(
    app: Flask, client: FlaskClient, login_as: Callable[..., object]
) -> None:
    with app.app_context():
        make_dash_item(text="@SUM(A1)")
        make_dash_item(text="-2 stars")
    _summarise(app)
    login_as(Role.ADMIN)
    response = client.get("/dashboard/export.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.iter_rows(min_row=2))
    comments = sorted((row[6] for row in rows), key=lambda cell: str(cell.value))
    # The words as they were (no apostrophe added), kept as text by the quote-prefix style.
    assert [cell.value for cell in comments] == ["-2 stars", "@SUM(A1)"]
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in comments)
    assert not any(cell.quotePrefix for row in rows for cell in row[1:6])
    assert not [cell for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]


def test_xlsx_export_writes_dates_as_dates_when_opened(
    app: Flask, client: FlaskClient, login_as: Callable[..., object]
) -> None:
    with app.app_context():
        make_dash_item(text="=1+1", created_at=_days_ago(3))
    _summarise(app)
    login_as(Role.STRATEGY_LEAD)
    sheet = load_workbook(io.BytesIO(client.get("/dashboard/export.xlsx").data)).active
    date_cell, text_cell = sheet["A2"], sheet["G2"]
    assert date_cell.is_date
    assert date_cell.value.date() == TODAY - timedelta(days=3)
    assert date_cell.number_format == "yyyy-mm-dd"
    assert text_cell.value == "=1+1"
    assert text_cell.data_type == "s"
    assert text_cell.quotePrefix


def test_neutralise_leaves_plain_text_alone_when_nothing_is_risky() -> None:
    assert neutralise("Fine") == "Fine"
    assert neutralise("=1+1") == "'=1+1"


def test_export_respects_the_filters_when_a_channel_is_chosen(
    app: Flask, client: FlaskClient, login_as: Callable[..., object]
) -> None:
    with app.app_context():
        make_dash_item(text="from a tablet", channel=Channel.KIOSK)
        make_dash_item(text="from a form", channel=Channel.FORM)
    _summarise(app)
    login_as(Role.STRATEGY_LEAD)
    body = client.get("/dashboard/export.csv?channel=form").get_data(as_text=True)
    assert "from a form" in body
    assert "from a tablet" not in body


def test_forum_rep_sees_only_parent_carer_themes_when_asking_for_everyone(
    app: Flask, client: FlaskClient, login_as: Callable[..., object]
) -> None:
    with app.app_context():
        theme = make_theme(slug="short-breaks", name="Short breaks")
        other = make_theme(slug="transport", name="Transport")
        for _ in range(5):
            make_dash_item(source_group=SourceGroup.PARENT_CARER, themes=(theme,))
            make_dash_item(source_group=SourceGroup.YOUNG_PERSON, themes=(other,))
    _summarise(app)
    login_as(Role.FORUM_REP)
    page = _text(client.get("/dashboard/?audience=young_person"))
    assert "5 voices from" in page
    assert "Short breaks" in page
    assert "Transport:" not in page
    assert "safeguarding" not in page.lower()
    assert "export.csv" not in page


@pytest.mark.parametrize(
    "path", ["/dashboard/export.csv", "/dashboard/themes/waiting-times", "/dashboard/evidence-pack"]
)
def test_details_are_refused_when_a_school_contact_asks(
    app: Flask, client: FlaskClient, login_as: Callable[..., object], path: str
) -> None:
    with app.app_context():
        make_theme(slug="waiting-times", name="Waiting times")
    _summarise(app)
    login_as(Role.SCHOOL_CONTACT)
    assert client.get(path).status_code == 403


@pytest.mark.parametrize("role", [Role.FACILITATOR, Role.SAFEGUARDING_LEAD])
def test_dashboard_is_refused_when_the_role_has_no_part_in_it(
    client: FlaskClient, login_as: Callable[..., object], role: Role
) -> None:
    login_as(role)
    assert client.get("/dashboard/").status_code == 403


def test_dashboard_asks_to_sign_in_when_nobody_is_signed_in(client: FlaskClient) -> None:
    response = client.get("/dashboard/")
    assert response.status_code == 302
    assert "/sign-in" in response.headers["Location"]


def test_open_flag_count_shows_without_details_when_a_strategy_lead_looks(
    app: Flask, client: FlaskClient, login_as: Callable[..., object]
) -> None:
    with app.app_context():
        for _ in range(6):
            make_dash_item(text="worrying words here", flagged=True)
    _summarise(app)
    login_as(Role.STRATEGY_LEAD)
    page = _text(client.get("/dashboard/"))
    assert "Open safeguarding flags in this view: 6." in page
    assert "worrying words here" not in page


def test_evidence_pack_shows_quotes_actions_and_coproduction_when_printed(
    app: Flask, client: FlaskClient, login_as: Callable[..., object]
) -> None:

    from tests.factories import make_action, make_statement
    from voice.db import db
    from voice.tracker import actions as tracker_actions

    with app.app_context():
        theme = make_theme(slug="waiting-times", name="Waiting times")
        for _ in range(5):
            make_dash_item(text="Waiting a year for therapy", themes=(theme,))
        action = make_action(impact="Waits fell from 40 to 18 weeks")
        make_statement(themes=(theme,), actions=(action,))
        tracker_actions.add_coproduction(
            action,
            who="Youth forum",
            how="Workshop",
            happened_on=TODAY,
            what_changed="Drop-in moved to Saturdays",
        )
        db.session.commit()
    _summarise(app)
    login_as(Role.STRATEGY_LEAD)
    page = _text(client.get("/dashboard/evidence-pack"))
    assert "Evidence pack" in page
    assert "“Waiting a year for therapy”" in page
    assert "Waits fell from 40 to 18 weeks" in page
    assert "Drop-in moved to Saturdays" in page


def test_gap_list_names_a_theme_when_no_action_answers_it(
    app: Flask, client: FlaskClient, login_as: Callable[..., object]
) -> None:
    with app.app_context():
        theme = make_theme(slug="transport", name="Transport")
        for _ in range(10):
            make_dash_item(themes=(theme,))
    _summarise(app)
    login_as(Role.STRATEGY_LEAD)
    page = _text(client.get("/dashboard/"))
    gaps = page.split("Themes with many voices and no linked action")[1].split("<h2")[0]
    assert "Transport</a>: 10" in gaps


def test_theme_page_pages_comments_with_their_other_themes_when_there_are_many(
    app: Flask, client: FlaskClient, login_as: Callable[..., object]
) -> None:
    with app.app_context():
        theme = make_theme(slug="waiting-times", name="Waiting times")
        other = make_theme(slug="transport", name="Transport")
        for number in range(21):
            make_dash_item(
                text=f"Comment number {number:02d}",
                themes=(theme, other),
                created_at=_days_ago(number),
            )
    _summarise(app)
    login_as(Role.STRATEGY_LEAD)
    first = _text(client.get("/dashboard/themes/waiting-times"))
    assert "Comment number 00" in first
    assert "Comment number 20" not in first
    assert "Transport, Waiting times" in first
    assert "page=2" in first
    second = _text(client.get("/dashboard/themes/waiting-times?page=2"))
    assert "Comment number 20" in second
    assert "Comment number 00" not in second
