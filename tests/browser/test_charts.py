"""The dashboard's charts and the gaps view in a real browser, at 320 and 1280 px, in English
and Arabic: labels whole and readable, never under the numbers, nothing sideways, axe clean."""

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Page

from tests.browser.conftest import axe_violations, sign_in_page
from tests.conftest import make_staff
from tests.factories import make_dash_item, make_theme
from voice.accounts.models import Role
from voice.dashboards import summary
from voice.db import db

LONG = "Information about short breaks, the local offer and what happens after school"
SHOTS = os.environ.get("VOICE_SCREENSHOTS")  # a folder to keep the screenshots in, if set


def _data(app: Flask) -> None:
    with app.app_context():
        for name, sentiments in (
            (LONG, {"negative": 9, "positive": 4}),
            ("EHC plans", {"negative": 13}),
            ("Transport", {"negative": 5, "mixed": 3}),
            ("Being heard", {"positive": 3}),
        ):
            theme = make_theme(slug=name[:20].lower().replace(" ", "-"), name=name)
            for sentiment, number in sentiments.items():
                for _ in range(number):
                    make_dash_item(themes=(theme,), sentiment=sentiment)
        summary.rebuild_all()
        db.session.commit()


BOXES = """() => [...document.querySelectorAll('.dash-bar')].map(bar => {
  const label = bar.querySelector('.dash-bar__label').getBoundingClientRect();
  const value = bar.querySelector('.dash-bar__value').getBoundingClientRect();
  const plot = bar.querySelector('.dash-bar__plot').getBoundingClientRect();
  const style = getComputedStyle(bar.querySelector('.dash-bar__label'));
  return {label: [label.left, label.top, label.right, label.bottom],
          value: [value.left, value.top, value.right, value.bottom],
          plot: [plot.left, plot.top, plot.right, plot.bottom],
          size: parseFloat(style.fontSize),
          clipped: bar.querySelector('.dash-bar__label').scrollWidth >
                   bar.querySelector('.dash-bar__label').clientWidth + 1};
})"""


def _apart(a: list[float], b: list[float]) -> bool:
    return a[2] <= b[0] + 0.5 or b[2] <= a[0] + 0.5 or a[3] <= b[1] + 0.5 or b[3] <= a[1] + 0.5


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("language", ["en", "ar"])
def test_charts_keep_labels_whole_and_apart_from_numbers_when_narrow_or_wide(
    app: Flask, live_server: str, page_factory: Callable[..., Page], width: int, language: str
) -> None:
    _data(app)
    page = page_factory(width=width)
    sign_in_page(page, live_server, make_staff(app, Role.STRATEGY_LEAD))
    for path in ("/dashboard/", "/tracker/gaps"):
        page.goto(f"{live_server}{path}?lang={language}")
        if SHOTS:
            name = f"{path.strip('/').replace('/', '-')}-{language}-{width}.png"
            page.screenshot(path=str(Path(SHOTS) / name), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
        assert axe_violations(page) == [], path
        for bar in page.evaluate(BOXES):
            assert bar["size"] >= 14
            assert not bar["clipped"]
            assert _apart(bar["label"], bar["value"])
            assert _apart(bar["label"], bar["plot"])
            assert _apart(bar["plot"], bar["value"])
    page.goto(f"{live_server}/dashboard/?lang={language}")
    assert page.locator(".dash-bar__label", has_text=LONG).count() == 1
