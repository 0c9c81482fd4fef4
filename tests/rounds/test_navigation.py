"""The "Priority rounds" link in the staff navigation: for the roles that open round pages,
marked when on one of them, and the Tracker link not marked as well."""

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.rounds.helpers import make_round, make_round_session
from voice.accounts.models import Role
from voice.accounts.navigation import ROUND_PAGES


def _nav(page: str) -> str:
    start = page.index('class="govuk-service-navigation')
    return page[start : page.index("</nav>", start)]


def _link(nav: str, text: str) -> str:
    # The current item's words sit in a <strong> inside its link.
    match = re.search(rf"<a[^>]*>\s*(?:<strong[^>]*>)?\s*{re.escape(text)}\s*<", nav)
    assert match, f"no {text} link"
    return match.group(0)


def test_every_round_page_the_navigation_names_is_a_page(app: Flask) -> None:
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert set(ROUND_PAGES) <= endpoints
    round_staff_pages = {e for e in endpoints if e.startswith("tracker.") and "round" in e} - {
        "tracker.round_join",
        "tracker.round_choose",
        "tracker.round_reason",
        "tracker.round_send",
        "tracker.round_thank_you",
        "tracker.round_start_again",
        "tracker.round_exit",
    }
    assert round_staff_pages == set(ROUND_PAGES)


def test_lead_sees_priority_rounds_marked_current_when_on_the_rounds_page(
    client: FlaskClient, login_as: object
) -> None:
    login_as(Role.STRATEGY_LEAD)  # type: ignore[operator]
    nav = _nav(client.get("/tracker/rounds").get_data(as_text=True))
    link = _link(nav, "Priority rounds")
    assert 'href="/tracker/rounds"' in link
    assert 'aria-current="page"' in link
    assert "aria-current" not in _link(nav, "Tracker")


@pytest.mark.parametrize("page", ["round", "results", "session"])
def test_lead_sees_priority_rounds_marked_when_inside_a_round(
    app: Flask, client: FlaskClient, login_as: object, page: str
) -> None:
    with app.app_context():
        made = make_round()
        opened = make_round_session(made)
        path = {
            "round": f"/tracker/rounds/{made.id}",
            "results": f"/tracker/rounds/{made.id}/results",
            "session": f"/tracker/round-sessions/{opened.id}",
        }[page]
    login_as(Role.STRATEGY_LEAD)  # type: ignore[operator]
    nav = _nav(client.get(path).get_data(as_text=True))
    assert 'aria-current="true"' in _link(nav, "Priority rounds")
    assert "aria-current" not in _link(nav, "Tracker")


def test_tracker_stays_marked_on_tracker_pages(client: FlaskClient, login_as: object) -> None:
    login_as(Role.STRATEGY_LEAD)  # type: ignore[operator]
    nav = _nav(client.get("/tracker/gaps").get_data(as_text=True))
    assert 'aria-current="true"' in _link(nav, "Tracker")
    assert "aria-current" not in _link(nav, "Priority rounds")


def test_facilitator_link_goes_to_the_round_tablets_when_they_cannot_make_rounds(
    client: FlaskClient, login_as: object
) -> None:
    login_as(Role.FACILITATOR)  # type: ignore[operator]
    nav = _nav(client.get("/tracker/round-sessions").get_data(as_text=True))
    link = _link(nav, "Priority rounds")
    assert 'href="/tracker/round-sessions"' in link
    assert 'aria-current="page"' in link
    assert client.get("/tracker/rounds").status_code == 403


@pytest.mark.parametrize("role", [Role.FORUM_REP, Role.SCHOOL_CONTACT, Role.SAFEGUARDING_LEAD])
def test_roles_that_open_no_round_page_see_no_priority_rounds_link(
    client: FlaskClient, login_as: object, role: Role
) -> None:
    login_as(role)  # type: ignore[operator]
    page = client.get("/staff").get_data(as_text=True)
    assert "Priority rounds" not in page
