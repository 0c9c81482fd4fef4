"""Making rounds and running them on tablets in tests."""

import re

from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import csrf_token
from tests.factories import make_theme
from voice.db import db
from voice.tracker.rounds import making, tablet
from voice.tracker.rounds.models import PriorityRound, RoundSession

CARDS = (
    ("waiting-times", "Waiting times", "Waiting a long time to see someone", "wait"),
    ("school-support", "Support at school", "Getting help at school", "school"),
    ("transport", "Transport", "Getting to places on the bus", "bus"),
    ("friendships", "Friendships", "Making and keeping friends", "friends"),
)


def make_round(
    *, cards: int = 4, status: str = "open", title: str = "Spring round"
) -> PriorityRound:
    made = making.create_round(title=title, by_id=None)
    for slug, name, easy, picture in CARDS[:cards]:
        theme = make_theme(slug=slug, name=name)
        making.add_card(
            made,
            source_value=f"theme:{theme.id}",
            picture=picture,
            wording={"en": {"easy": easy}, "cy": {"easy": f"{easy} (cy)"}},
        )
    if status != "draft":
        making.open_round(made)
    db.session.commit()
    return made


def make_round_session(
    priority_round: PriorityRound,
    *,
    group: str = "Tuesday youth club",
    age_band: str = "12-15",
    setting: str = "youth_group",
) -> RoundSession:
    opened = tablet.open_round_session(
        priority_round, group_label=group, age_band=age_band, setting=setting, opened_by_id=None
    )
    db.session.commit()
    return opened


def running_round(app: Flask, *, cards: int = 4) -> tuple[int, str, list[int]]:
    """An open round on one group's tablets: the round's id, the session's code, the cards' ids."""
    with app.app_context():
        made = make_round(cards=cards)
        code = make_round_session(made).code
        return made.id, code, [card.id for card in made.live_cards]


def hidden(page: str, name: str) -> str:
    match = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', page) or re.search(
        rf'<input[^>]*value="([^"]*)"[^>]*name="{name}"', page
    )
    assert match, f"no {name} on the page"
    return match.group(1)


def join(client: FlaskClient, code: str) -> str:
    """A tablet joins the session; returns the choosing page's CSRF token."""
    assert client.get(f"/round/join/{code}").status_code == 302
    return csrf_token(client, "/round")


def choose(client: FlaskClient, code: str, card_ids: list[int]) -> dict[str, str]:
    """Join and choose these cards; returns the why page's hidden fields, ready to send."""
    token = join(client, code)
    response = client.post(
        "/round", data={"csrf_token": token, "answer": [str(n) for n in card_ids]}
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    page = client.get("/round/why").get_data(as_text=True)
    return {name: hidden(page, name) for name in ("csrf_token", "key", "cards")}


def vote(
    client: FlaskClient, code: str, card_ids: list[int], reason: str = ""
) -> tuple[dict[str, str], str]:
    """Join, choose, and send; returns the send form's fields (key, cards) and the final page."""
    fields = {**choose(client, code, card_ids), "reason": reason}
    sent = client.post("/round/send", data=fields)
    return fields, client.get(sent.location).get_data(
        as_text=True
    ) if sent.status_code == 302 else sent.get_data(as_text=True)


def app_code(app: Flask, session_id: int) -> str:
    with app.app_context():
        return db.session.get(RoundSession, session_id).code
