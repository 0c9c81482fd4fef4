"""Evidence of coproduction: the evidence pack, the yearly Local Offer report and the dashboard
say how many young people took part in priority rounds and youth checks, from which groups,
what they ranked first and what was done about it, with small numbers hidden."""

import re
import secrets
from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.conftest import csrf_token
from tests.factories import make_action, make_statement
from tests.rounds.helpers import make_round, make_round_session
from tests.surveys.survey_helpers import answer, begin, send
from themes.models import Theme
from voice.accounts.models import Role, User
from voice.db import db, utcnow
from voice.tracker import youth_checks
from voice.tracker.rounds import tablet
from voice.tracker.rounds.models import PriorityRound, RoundSession
from voice.tracker.types import ActionStatus

# The cards' standard words (their themes' names; tests/rounds/helpers.py), as staff pages and
# the report's standard wording show them.
WAITS = "Waiting times"
BUS = "Transport"


def _send(opened: RoundSession, card_ids: list[int], times: int) -> None:
    for _person in range(times):
        tablet.send_choices(
            opened,
            key=secrets.token_urlsafe(24),
            card_ids=card_ids,
            reason="",
            language="en",
            easy_read=False,
        )


def _round_with_groups(app: Flask, groups: dict[str, int], *, published: bool = True) -> int:
    """A round where every young person puts waiting times first; an action in progress answers
    it through a statement about the theme (published or not), another is planned for the bus."""
    with app.app_context():
        made = make_round()
        waits, _school, bus, _friends = made.live_cards
        for label, people in groups.items():
            _send(make_round_session(made, group=label), [waits.id, bus.id], people)
        db.session.commit()
        waits_theme = db.session.get(Theme, waits.theme_id)
        make_statement(
            themes=(waits_theme,),
            actions=(
                make_action(
                    title="Shorter waits for a first appointment", status=ActionStatus.IN_PROGRESS
                ),
            ),
            published=published,
        )
        make_action(title="A bus pass for every young person", status=ActionStatus.PLANNED)
        return made.id


def _cell(page: str, row: str) -> str:
    """The number beside `row` in a two-column table."""
    match = re.search(
        rf">{re.escape(row)}</td>\s*<td class=\"govuk-table__cell govuk-table__cell--numeric\">"
        r"([^<]*)<",
        page,
    )
    assert match, f"no row {row}"
    return match.group(1)


def test_evidence_pack_says_how_many_took_part_from_which_groups_and_what_came_first(
    app: Flask, client: FlaskClient, login_as: Callable[..., User]
) -> None:
    _round_with_groups(app, {"Tuesday youth club": 6, "Young carers": 5, "Drama group": 2})
    login_as(Role.STRATEGY_LEAD)
    page = client.get("/dashboard/evidence-pack").get_data(as_text=True)
    assert "Young people deciding what we fix first" in page
    assert "Young people who took part: 13. Rounds: 1. Groups: 3." in page
    assert _cell(page, "Tuesday youth club") == "6"
    # 2 is hidden, and 5 with it, so neither can be worked out from the total of 13.
    assert _cell(page, "Drama group") == "not shown"
    assert _cell(page, "Young carers") == "not shown"
    assert "Spring round: what young people ranked first" in page
    first = page[page.index("what young people ranked first") :]
    assert WAITS in first.split("What changed because of it:")[0]
    assert BUS in first.split("What changed because of it:")[0]  # all 13 chose both
    assert "Shorter waits for a first appointment (In progress)" in first
    assert "A bus pass for every young person" not in first  # not linked to the bus card


def test_evidence_pack_hides_a_round_too_small_to_show_and_its_first_place(
    app: Flask, client: FlaskClient, login_as: Callable[..., User]
) -> None:
    _round_with_groups(app, {"Tuesday youth club": 3})
    login_as(Role.STRATEGY_LEAD)
    page = client.get("/dashboard/evidence-pack").get_data(as_text=True)
    assert "Young people who took part: fewer than 5. Rounds: 1. Groups: 1." in page
    assert _cell(page, "Tuesday youth club") == "fewer than 5"
    assert "Too few young people took part in any one round to show what they ranked first." in page
    assert WAITS not in page
    assert "Shorter waits for a first appointment (In progress)" not in page


def test_evidence_pack_counts_only_choices_sent_in_its_period(
    app: Flask, client: FlaskClient, login_as: Callable[..., User]
) -> None:
    _round_with_groups(app, {"Tuesday youth club": 6})
    login_as(Role.STRATEGY_LEAD)
    year = utcnow().year - 1
    page = client.get(f"/dashboard/evidence-pack?from={year}-01-01&to={year}-12-31")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "No priority rounds or youth checks took place in this period." in text


def test_evidence_pack_counts_the_young_people_who_answered_youth_checks(
    app: Flask, client: FlaskClient, login_as: Callable[..., User]
) -> None:
    with app.app_context():
        statement = make_statement()
        check, kiosk = youth_checks.start_youth_check(statement, "Saturday group", None)
        db.session.commit()
        code, survey_id = kiosk.code, check.survey_id
    tablet_client = app.test_client()
    for _person in range(6):
        token = csrf_token(tablet_client, "/join")
        assert (
            tablet_client.post("/join", data={"csrf_token": token, "code": code}).status_code == 302
        )
        begin(tablet_client, survey_id)
        answer(tablet_client, survey_id, 1, answer="yes")
        answer(tablet_client, survey_id, 2, answer="yes")
        assert send(tablet_client, survey_id)[0].status_code == 302
    login_as(Role.STRATEGY_LEAD)
    page = client.get("/dashboard/evidence-pack").get_data(as_text=True)
    assert "Statements checked: 1. Young people who answered: 6. Groups: 1." in page
    assert _cell(page, "Saturday group") == "6"


def test_local_offer_report_tells_the_public_what_young_people_put_first_and_what_changed(
    app: Flask, client: FlaskClient
) -> None:
    _round_with_groups(app, {"Tuesday youth club": 6, "Young carers": 5})
    year = utcnow().year
    page = client.get(f"/you-said-we-did/local-offer-report/{year}").get_data(as_text=True)
    assert "Young people who took part: 11. Rounds: 1. Groups: 2." in page
    assert _cell(page, "Youth group") == "11"  # where the groups meet, never their names
    assert "Tuesday youth club" not in page
    assert "Young carers" not in page
    assert WAITS in page
    assert "Shorter waits for a first appointment (In progress)" in page
    cy = client.get(f"/you-said-we-did/local-offer-report/{year}?lang=cy").get_data(as_text=True)
    assert "Waiting a long time to see someone (cy)" in cy  # the card's own Welsh words


def test_local_offer_report_leaves_out_actions_on_statements_not_yet_published(
    app: Flask, client: FlaskClient
) -> None:
    _round_with_groups(app, {"Tuesday youth club": 6}, published=False)
    page = client.get(f"/you-said-we-did/local-offer-report/{utcnow().year}").get_data(as_text=True)
    assert WAITS in page
    assert "Shorter waits for a first appointment" not in page
    assert "No action answers this yet." in page


def test_local_offer_report_of_a_year_without_rounds_says_so(client: FlaskClient) -> None:
    page = client.get("/you-said-we-did/local-offer-report/2001").get_data(as_text=True)
    assert "No priority rounds or youth checks took place in this period." in page


def test_dashboard_shows_the_newest_rounds_top_three_with_a_link_to_its_results(
    app: Flask, client: FlaskClient, login_as: Callable[..., User]
) -> None:
    round_id = _round_with_groups(app, {"Tuesday youth club": 7})
    with app.app_context():
        opened = db.session.scalars(select(RoundSession)).one()
        school = db.session.get(PriorityRound, round_id).live_cards[1]
        _send(opened, [school.id], 5)
        db.session.commit()
    login_as(Role.STRATEGY_LEAD)
    page = client.get("/dashboard/").get_data(as_text=True)
    panel = page[page.index("What young people want fixed first") :]
    panel = panel[: panel.index("</section>")]
    assert "The newest priority round, Spring round. Young people who took part: 12." in panel
    items = re.findall(r"<li>(.*?)</li>", panel)
    assert items == [
        f"{WAITS}. Young people who chose it: 7.",
        f"{BUS}. Young people who chose it: 7.",
        "Support at school. Young people who chose it: 5.",
    ]
    assert f'href="/tracker/rounds/{round_id}/results"' in panel


def test_dashboard_hides_the_top_three_while_too_few_have_taken_part(
    app: Flask, client: FlaskClient, login_as: Callable[..., User]
) -> None:
    _round_with_groups(app, {"Tuesday youth club": 2})
    login_as(Role.STRATEGY_LEAD)
    page = client.get("/dashboard/").get_data(as_text=True)
    panel = page[page.index("What young people want fixed first") :]
    panel = panel[: panel.index("</section>")]
    assert "Young people who took part: fewer than 5." in panel
    assert "Not shown yet: too few young people have taken part" in panel
    assert WAITS not in panel
    assert "<li>" not in panel


def test_forum_reps_summary_has_no_rounds_panel(
    app: Flask, client: FlaskClient, login_as: Callable[..., User]
) -> None:
    _round_with_groups(app, {"Tuesday youth club": 7})
    login_as(Role.FORUM_REP)
    page = client.get("/dashboard/").get_data(as_text=True)
    assert "What young people want fixed first" not in page
