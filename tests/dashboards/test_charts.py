"""Charts that tell the truth under small-number suppression: bar lengths follow the totals,
and no hidden count can be read back from the page, whoever looks."""

import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select, update

from surveys.types import SourceGroup
from tests.factories import make_dash_item, make_statement, make_theme
from themes.models import ItemAnalysis, ItemTheme, Theme
from voice.accounts.models import Role
from voice.dashboards import summary
from voice.db import db

BAR = re.compile(
    r'<div class="dash-bar">\s*<span class="dash-bar__label" dir="auto">(?P<label>[^<]*)</span>'
    r"(?P<plot>.*?)"
    r'<span class="dash-bar__value">(?P<value>[^<]*)</span>',
    re.DOTALL,
)
RECT = re.compile(r'<rect x="([\d.]+)%" y="2" width="([\d.]+)%" height="20" fill="(#\w+)"')
HIDDEN_FILL = "#ffffff"


def _summarise(app: Flask) -> None:
    with app.app_context():
        summary.rebuild_all()
        db.session.commit()


def _chart(page: str, chart_id: str) -> str:
    start = page.index(f'id="{chart_id}-title"')
    return page[start : page.index("</figure>", start)]


def _bars(page: str, chart_id: str = "chart-themes") -> dict[str, tuple[float, str, str]]:
    """Each bar of a chart: its drawn length (percent of the longest), the fills of its parts
    in order, and the number written beside it."""
    found = {}
    for bar in BAR.finditer(_chart(page, chart_id)):
        rects = RECT.findall(bar["plot"])
        end = max((float(x) + float(width) for x, width, _fill in rects), default=0.0)
        fills = " ".join(fill for _x, _width, fill in rects)
        found[bar["label"]] = (round(end, 1), fills, bar["value"].strip())
    return found


def _theme(name: str, **sentiments: int) -> None:
    theme = make_theme(slug=name.lower().replace(" ", "-"), name=name)
    for sentiment, number in sentiments.items():
        for _ in range(number):
            make_dash_item(themes=(theme,), sentiment=sentiment)


def test_bar_lengths_follow_the_totals_when_nothing_is_hidden(
    app: Flask, client: FlaskClient, login_as: Callable[..., object]
) -> None:
    with app.app_context():
        _theme("EHC plans", negative=13)
        _theme("Transport", positive=8)
        _theme("Short breaks", mixed=6, neutral=5)
    _summarise(app)
    login_as(Role.STRATEGY_LEAD)
    bars = _bars(client.get("/dashboard/").get_data(as_text=True))
    assert bars["EHC plans"][0] == 100.0
    assert bars["Transport"][0] == round(100 * 8 / 13, 1)
    assert bars["Short breaks"][0] == round(100 * 11 / 13, 1)
    assert HIDDEN_FILL not in bars["Short breaks"][1]


@pytest.mark.parametrize("role", [Role.STRATEGY_LEAD, Role.ADMIN])
def test_bar_lengths_follow_the_totals_when_parts_are_hidden(
    app: Flask, client: FlaskClient, login_as: Callable[..., object], role: Role
) -> None:
    """The issue's own example: every part small, or one part small, still gives a bar as long
    as the theme's voices; a small total gets a short hatched bar of a fixed length."""
    with app.app_context():
        _theme("EHC plans", negative=9, positive=4)  # one small part: both hidden
        _theme("Waiting times", negative=4, mixed=4, positive=3)  # every part small
        _theme("Transport", negative=5, positive=3)
        _theme("Being heard", positive=3)  # a small total
    _summarise(app)
    login_as(role)
    bars = _bars(client.get("/dashboard/").get_data(as_text=True))
    assert bars["EHC plans"] == (100.0, HIDDEN_FILL, "13")
    assert bars["Waiting times"] == (round(100 * 11 / 13, 1), HIDDEN_FILL, "11")
    assert bars["Transport"] == (round(100 * 8 / 13, 1), HIDDEN_FILL, "8")
    assert bars["Being heard"] == (round(100 * 2.5 / 13, 1), HIDDEN_FILL, "fewer than 5")


def test_visible_parts_are_drawn_and_the_rest_is_hatched_when_two_parts_are_small(
    app: Flask, client: FlaskClient, login_as: Callable[..., object]
) -> None:
    with app.app_context():
        _theme("Information", positive=10, negative=2, mixed=3)
    _summarise(app)
    login_as(Role.STRATEGY_LEAD)
    page = client.get("/dashboard/").get_data(as_text=True)
    length, fills, value = _bars(page)["Information"]
    assert (length, fills, value) == (100.0, f"#0072B2 {HIDDEN_FILL}", "15")
    table = re.sub(r"\s+", " ", _chart(page, "chart-themes"))
    assert (
        '<th scope="row" class="govuk-table__header">Information</th>'
        '<td class="govuk-table__cell govuk-table__cell--numeric">15</td>'
        '<td class="govuk-table__cell govuk-table__cell--numeric">10</td>'
        '<td class="govuk-table__cell govuk-table__cell--numeric">not shown</td>'
        '<td class="govuk-table__cell govuk-table__cell--numeric">not shown</td>'
        '<td class="govuk-table__cell govuk-table__cell--numeric">0</td>'
    ) in table
    assert "“Not shown” stands for fewer than 5 voices" in table


def _move(app: Flask, theme_name: str, source: str, target: str, number: int) -> None:
    """Give `number` of a theme's comments another sentiment, and rebuild the summary."""
    with app.app_context():
        ids = db.session.scalars(
            select(ItemAnalysis.id)
            .join(ItemTheme, ItemTheme.item_id == ItemAnalysis.item_id)
            .join(Theme, Theme.id == ItemTheme.theme_id)
            .where(Theme.name == theme_name, ItemAnalysis.sentiment_label == source)
            .limit(number)
        ).all()
        db.session.execute(
            update(ItemAnalysis).where(ItemAnalysis.id.in_(ids)).values(sentiment_label=target)
        )
        db.session.commit()
    _summarise(app)


@pytest.mark.parametrize("path", ["/dashboard/", "/dashboard/evidence-pack"])
def test_pages_are_the_same_when_only_hidden_counts_differ(
    app: Flask, client: FlaskClient, login_as: Callable[..., object], path: str
) -> None:
    """Two sets of comments that differ only in numbers the rule hides must give the same page,
    byte for byte: then nothing in it (numbers, widths, labels, attributes) can tell them apart."""
    with app.app_context():
        _theme("Waiting times", positive=6, negative=2, mixed=3)  # two small parts
        _theme("Short breaks", positive=5, negative=5, mixed=1)  # one small part, one covering
    _summarise(app)
    login_as(Role.ADMIN)
    before = _page(client, path)
    _move(app, "Waiting times", "mixed", "negative", 1)  # 6, 3, 2
    _move(app, "Short breaks", "positive", "mixed", 3)  # 2, 5, 4
    after = _page(client, path)
    assert "not shown" in before
    assert before == after
    _move(app, "Short breaks", "mixed", "neutral", 4)  # 2, 5, 0, 4: a change a reader may see
    assert _page(client, path) != after


def _page(client: FlaskClient, path: str) -> str:
    """The page without its CSRF tokens (new every second): the sign-out form's and the staff
    time-out dialog's."""
    page = client.get(path).get_data(as_text=True)
    return re.sub(r'(name="csrf_token" value|data-csrf-token)="[^"]*"', "", page)


def test_charts_carry_no_numbers_in_attributes_when_counts_are_hidden(
    app: Flask, client: FlaskClient, login_as: Callable[..., object]
) -> None:
    with app.app_context():
        _theme("Waiting times", positive=7, negative=1)
    _summarise(app)
    login_as(Role.STRATEGY_LEAD)
    page = client.get("/dashboard/").get_data(as_text=True)
    chart = _chart(page, "chart-themes")
    assert "title=" not in chart
    assert not re.search(r'aria-label="[^"]*\d', chart)
    assert ">7<" not in chart
    assert ">1<" not in chart
    assert _bars(page)["Waiting times"] == (100.0, HIDDEN_FILL, "8")


def test_theme_page_hides_small_months_and_audiences_when_they_could_be_subtracted(
    app: Flask, client: FlaskClient, login_as: Callable[..., object]
) -> None:
    with app.app_context():
        theme = make_theme(slug="transport", name="Transport")
        for _ in range(9):
            make_dash_item(themes=(theme,), source_group=SourceGroup.PARENT_CARER)
        make_dash_item(themes=(theme,), source_group=SourceGroup.SCHOOL)
    _summarise(app)
    login_as(Role.STRATEGY_LEAD)
    page = client.get("/dashboard/themes/transport").get_data(as_text=True)
    audiences = _bars(page, "chart-theme-audience")
    assert audiences["Parent carers"][2] == "not shown"
    assert audiences["Schools and settings"][2] == "not shown"
    assert audiences["Parent carers"][0] == audiences["Schools and settings"][0]


def test_gaps_view_hides_small_counts_when_a_strategy_lead_looks(
    app: Flask, client: FlaskClient, login_as: Callable[..., object]
) -> None:
    with app.app_context():
        theme = make_theme(slug="transport", name="Transport")
        items = [make_dash_item(themes=(theme,)) for _ in range(4)]
        make_statement(summary="Buses are late", items=tuple(items[:2]))
    login_as(Role.STRATEGY_LEAD)
    page = re.sub(r"\s+", " ", client.get("/tracker/gaps").get_data(as_text=True))
    numeric = r'<td class="govuk-table__cell govuk-table__cell--numeric">([^<]*)</td>'
    rows = re.findall(numeric, page)
    assert rows == ["fewer than 5", "fewer than 5"]
    assert ">4<" not in page
    assert ">2<" not in page
