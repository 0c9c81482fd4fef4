"""Priority rounds: a lead makes one, a facilitator runs it on tablets, young people choose,
staff read the ranking with small numbers hidden."""

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from surveys.models import FeedbackItem
from surveys.types import SourceGroup
from tests.conftest import csrf_token
from tests.factories import make_feedback_item, make_theme
from tests.rounds.helpers import (
    app_code,
    choose,
    join,
    make_round,
    make_round_session,
    running_round,
    vote,
)
from themes.models import ItemTheme
from themes.types import TagSource
from voice.accounts.models import Role
from voice.db import db
from voice.tracker.rounds import making
from voice.tracker.rounds.models import PriorityRound, RoundBallot, RoundChoice, RoundStatus


def _ids(app: Flask, round_id: int) -> list[int]:
    with app.app_context():
        return [card.id for card in db.session.get(PriorityRound, round_id).live_cards]


def test_lead_makes_a_round_with_cards_and_opens_it(
    app: Flask, client: FlaskClient, login_as: object
) -> None:
    with app.app_context():
        first = make_theme(slug="waiting-times", name="Waiting times").id
        second = make_theme(slug="transport", name="Transport").id
    login_as(Role.STRATEGY_LEAD)
    response = client.post(
        "/tracker/rounds",
        data={"csrf_token": csrf_token(client, "/tracker/rounds"), "title": "Spring"},
    )
    assert response.status_code == 302
    url = response.location
    token = csrf_token(client, url)
    for theme_id, words, picture in (
        (first, "Waiting too long", "wait"),
        (second, "The bus", "bus"),
    ):
        added = client.post(
            f"{url}/cards",
            data={
                "csrf_token": token,
                "source": f"theme:{theme_id}",
                "easy_en": words,
                "picture": picture,
                "easy_ar": "الانتظار",
            },
        )
        assert added.status_code == 302, added.get_data(as_text=True)
    page = client.get(url).get_data(as_text=True)
    assert "Waiting too long" in page
    assert "The bus" in page
    assert client.post(f"{url}/open", data={"csrf_token": token}).status_code == 302
    with app.app_context():
        made = db.session.scalars(select(PriorityRound)).one()
        assert made.status is RoundStatus.OPEN
        assert made.cards[0].wording == {
            "en": {"easy": "Waiting too long", "plain": "Waiting times"},
            "ar": {"easy": "الانتظار"},
        }


def test_a_card_without_easy_read_words_is_refused_beside_the_field(
    app: Flask, client: FlaskClient, login_as: object
) -> None:
    with app.app_context():
        made_id = make_round(cards=0, status="draft").id
        theme_id = make_theme(slug="transport", name="Transport").id
    login_as(Role.STRATEGY_LEAD)
    url = f"/tracker/rounds/{made_id}"
    response = client.post(
        f"{url}/cards",
        data={
            "csrf_token": csrf_token(client, url),
            "source": f"theme:{theme_id}",
            "picture": "bus",
        },
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "words in easy read" in page
    assert "<title>Error:" in page


def test_a_round_with_fewer_than_two_cards_is_refused_with_a_message(
    app: Flask, client: FlaskClient, login_as: object
) -> None:
    with app.app_context():
        made_id = make_round(cards=1, status="draft").id
    login_as(Role.STRATEGY_LEAD)
    url = f"/tracker/rounds/{made_id}"
    response = client.post(f"{url}/open", data={"csrf_token": csrf_token(client, url)})
    page = client.get(response.location).get_data(as_text=True)
    assert "A round needs at least 2 cards. Add another card first." in page
    with app.app_context():
        assert db.session.get(PriorityRound, made_id).status is RoundStatus.DRAFT


def test_a_facilitator_opens_a_tablet_session_with_a_code_and_qr(
    app: Flask, client: FlaskClient, login_as: object
) -> None:
    with app.app_context():
        made_id = make_round().id
    login_as(Role.FACILITATOR)
    response = client.post(
        "/tracker/round-sessions",
        data={
            "csrf_token": csrf_token(client, "/tracker/round-sessions"),
            "round": str(made_id),
            "group_label": "Tuesday youth club",
            "age_band": "12-15",
            "setting": "youth_group",
        },
    )
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    assert "<svg" in page
    assert "0 young people so far" in page
    session_id = int(response.location.rsplit("/", 1)[1])
    code = app_code(app, session_id)
    assert code in page
    # The join page every tablet knows takes a round's code too.
    client.get("/account/sign-out")
    joined = client.get(f"/join/{code}")
    assert joined.status_code == 302
    assert joined.location.endswith(f"/round/join/{code}")


def test_a_young_person_chooses_three_and_says_why_and_it_becomes_a_feedback_item(
    app: Flask, client: FlaskClient
) -> None:
    _made_id, code, cards = running_round(app)
    _fields, page = vote(client, code, cards[:3], reason="The wait for speech therapy is too long")
    assert "We have your choices." in page
    with app.app_context():
        ballot = db.session.scalars(select(RoundBallot)).one()
        assert sorted(c.card_id for c in ballot.choices) == sorted(cards[:3])
        item = db.session.scalars(select(FeedbackItem)).one()
        assert item.source_group is SourceGroup.YOUNG_PERSON
        assert item.dedupe_key == f"round:{ballot.idempotency_key}"
        assert item.source_detail == "Tuesday youth club"


def test_more_than_three_or_none_is_refused_beside_the_cards_and_the_choices_stay(
    app: Flask, client: FlaskClient
) -> None:
    _made_id, code, cards = running_round(app)
    token = join(client, code)
    response = client.post("/round", data={"csrf_token": token, "answer": [str(n) for n in cards]})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Choose up to 3 cards. You chose 4." in page
    assert page.count(" checked") == 4
    assert "<title>Error:" in page
    response = client.post("/round", data={"csrf_token": token})
    assert "Choose at least 1 card" in response.get_data(as_text=True)


def test_choices_sent_twice_are_stored_once_with_a_clear_message(
    app: Flask, client: FlaskClient
) -> None:
    _made_id, code, cards = running_round(app)
    fields, _page = vote(client, code, cards[:2], reason="Buses")
    again = client.post("/round/send", data=fields)
    assert again.status_code == 302
    assert "We already have your choices." in client.get(again.location).get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count(RoundBallot.id))) == 1
        assert db.session.scalar(select(func.count(RoundChoice.id))) == 2
        assert db.session.scalar(select(func.count(FeedbackItem.id))) == 1


def test_choices_sent_after_the_round_closes_are_not_stored_and_say_so(
    app: Flask, client: FlaskClient
) -> None:
    made_id, code, cards = running_round(app)
    fields = choose(client, code, cards[:1])
    with app.app_context():
        making.close_round(db.session.get(PriorityRound, made_id))
        db.session.commit()
    response = client.post("/round/send", data=fields)
    assert response.status_code == 410
    assert "Your choices were not sent." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count(RoundBallot.id))) == 0
    assert client.get("/round").status_code == 410


def test_a_card_removed_while_the_round_is_open_is_handled(
    app: Flask, client: FlaskClient, login_as: object
) -> None:
    made_id, code, cards = running_round(app)
    fields = choose(client, code, cards[:2])
    with app.app_context():
        round_ = db.session.get(PriorityRound, made_id)
        making.remove_card(next(c for c in round_.cards if c.id == cards[0]))
        db.session.commit()
    response = client.post("/round/send", data=fields)
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    assert "One of the cards was taken away. Check your choices." in page
    assert page.count(" checked") == 1  # the card still there stays chosen
    with app.app_context():
        assert db.session.scalar(select(func.count(RoundBallot.id))) == 0


def test_a_card_taken_away_while_the_page_was_open_is_refused_and_the_rest_stay_chosen(
    app: Flask, client: FlaskClient
) -> None:
    made_id, code, cards = running_round(app)
    token = join(client, code)
    with app.app_context():
        round_ = db.session.get(PriorityRound, made_id)
        making.remove_card(next(c for c in round_.cards if c.id == cards[0]))
        db.session.commit()
    response = client.post(
        "/round", data={"csrf_token": token, "answer": [str(cards[0]), str(cards[1])]}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "One of the cards was taken away. Check your choices." in page
    assert page.count(" checked") == 1


def test_an_open_round_keeps_at_least_two_cards(
    app: Flask, client: FlaskClient, login_as: object
) -> None:
    with app.app_context():
        made_id = make_round(cards=2).id
    cards = _ids(app, made_id)
    login_as(Role.STRATEGY_LEAD)
    url = f"/tracker/rounds/{made_id}"
    response = client.post(
        f"{url}/cards/{cards[0]}/remove", data={"csrf_token": csrf_token(client, url)}
    )
    assert "A round needs at least 2 cards" in client.get(response.location).get_data(as_text=True)
    assert len(_ids(app, made_id)) == 2


def test_results_rank_cards_and_hide_small_groups(
    app: Flask, client: FlaskClient, login_as: object
) -> None:
    with app.app_context():
        made_id = make_round().id
        big = make_round_session(
            db.session.get(PriorityRound, made_id), group="Tuesday youth club"
        ).code
        small = make_round_session(
            db.session.get(PriorityRound, made_id), group="Saturday club", age_band="16-18"
        ).code
        third = make_round_session(
            db.session.get(PriorityRound, made_id), group="Ellesmere Port group"
        ).code
    cards = _ids(app, made_id)
    for index in range(6):
        vote(app.test_client(), big, [cards[1], cards[2]] if index % 2 else [cards[1]])
    for _ in range(5):
        vote(app.test_client(), third, [cards[2]])
    for _ in range(2):
        vote(app.test_client(), small, [cards[3]])
    with app.app_context():
        parent = make_feedback_item(text="The bus is late", source_group=SourceGroup.PARENT_CARER)
        theme = make_theme(slug="social-care", name="Social care")
        db.session.add(ItemTheme(item_id=parent.id, theme_id=theme.id, source=TagSource.AUTO))
        db.session.commit()
    login_as(Role.STRATEGY_LEAD)
    response = client.get(f"/tracker/rounds/{made_id}/results")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Young people who took part: 13. Groups: 3." in page
    # Support at school: 6 young people, first; Transport: 8, in fact first.
    ranking = page.split("What young people ranked")[1].split("What parent carers")[0]
    assert ranking.index("Transport") < ranking.index("Support at school")
    by_group = page.split("By group")[1].split("By age")[0]
    assert "Saturday club: not shown" in by_group
    assert "Tuesday youth club: 6 young people" in by_group
    assert "Social care" in page  # what parent carers raised, beside


def test_the_tracker_shows_where_young_people_put_each_priority(
    app: Flask, client: FlaskClient, login_as: object
) -> None:
    from tests.factories import make_action

    with app.app_context():
        action = make_action(title="Shorter waits for speech therapy")
        made = making.create_round(title="Summer round", by_id=None)
        theme = make_theme(slug="transport", name="Transport")
        making.add_card(
            made, source_value=f"theme:{theme.id}", picture="bus", wording={"en": {"easy": "Buses"}}
        )
        making.add_card(
            made,
            source_value=f"action:{action.id}",
            picture="wait",
            wording={"en": {"easy": "Shorter waits"}},
        )
        making.open_round(made)
        db.session.commit()
        code = make_round_session(made).code
        cards = [card.id for card in made.live_cards]
    for _ in range(5):
        vote(app.test_client(), code, [cards[1]])
    vote(app.test_client(), code, [cards[0]])
    login_as(Role.STRATEGY_LEAD)
    page = client.get("/tracker").get_data(as_text=True)
    assert (
        "Young people ranked this 1 of 2 in the round “Summer round”: 6 young people, 1 group."
        in page
    )


def test_a_lead_removes_a_card_and_closes_the_round_with_a_message_each_time(
    app: Flask, client: FlaskClient, login_as: object
) -> None:
    made_id, code, cards = running_round(app, cards=3)
    login_as(Role.STRATEGY_LEAD)
    url = f"/tracker/rounds/{made_id}"
    token = csrf_token(client, url)
    removed = client.post(f"{url}/cards/{cards[0]}/remove", data={"csrf_token": token})
    assert "Card removed." in client.get(removed.location).get_data(as_text=True)
    assert _ids(app, made_id) == cards[1:]
    closed = client.post(f"{url}/close", data={"csrf_token": token})
    assert closed.location.endswith(url)
    page = client.get(closed.location).get_data(as_text=True)
    assert "The round is closed. Tablets no longer take choices for it." in page
    with app.app_context():
        assert db.session.get(PriorityRound, made_id).status is RoundStatus.CLOSED
    client.get("/account/sign-out")
    assert client.get(f"/round/join/{code}").status_code == 410
