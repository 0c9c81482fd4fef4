"""The public "You said, we did" pages, poster, feed and Local Offer report."""

import time
from datetime import UTC, datetime
from xml.etree import ElementTree

from flask import Flask
from flask.testing import FlaskClient

from surveys.types import SourceGroup
from tests.factories import make_action, make_statement, make_theme, make_voice
from voice.db import db
from voice.tracker import quotes, statements
from voice.tracker.types import ActionStatus


def _published(app: Flask, **kwargs: object) -> int:
    with app.app_context():
        theme = make_theme()
        item = make_voice(
            source_group=SourceGroup.YOUNG_PERSON,
            themes=(theme,),
            text="Sam waited ages",
            redacted_text="[name] waited ages",
        )
        action = make_action(status=ActionStatus.DONE, impact="31 weeks → 18 weeks")
        statement = make_statement(themes=(theme,), actions=(action,), items=(item,), **kwargs)
        quotes.choose_quote(statement, item.id)
        statements.publish(statement, by_id=None)
        db.session.commit()
        return statement.id


def test_published_card_shows_said_did_and_changed_when_open_without_login(
    client: FlaskClient, app: Flask
) -> None:
    _published(app)
    with app.app_context():
        make_statement(summary="A draft nobody should see")
    page = client.get("/you-said-we-did").get_data(as_text=True)
    assert '<h1 class="govuk-heading-xl">You said, we did</h1>' in page
    assert "Families told us the wait for speech therapy is too long" in page
    assert "Weekly drop-in for families waiting for speech therapy" in page
    assert "31 weeks → 18 weeks" in page
    assert "“[name] waited ages”" in page
    assert "Sam" not in page
    assert "A draft nobody should see" not in page


def test_easy_read_page_uses_the_easy_wording_when_chosen(client: FlaskClient, app: Flask) -> None:
    _published(app)
    page = client.get("/you-said-we-did/easy-read").get_data(as_text=True)
    assert "You said you wait too long for speech therapy." in page
    assert "You can come and talk to us every week." in page
    assert "voice-card__picture" in page


def test_page_is_right_to_left_when_arabic_is_chosen(client: FlaskClient, app: Flask) -> None:
    _published(app)
    page = client.get("/you-said-we-did?lang=ar").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl"' in page


def test_filters_keep_only_matching_statements_when_theme_or_audience_is_chosen(
    client: FlaskClient, app: Flask
) -> None:
    _published(app)
    with app.app_context():
        other = make_theme(slug="transport", name="Transport")
        make_voice(source_group=SourceGroup.SCHOOL, themes=(other,))
        make_statement(
            summary="Schools said the buses are late",
            themes=(other,),
            actions=(make_action(title="New bus contract"),),
            published=True,
        )
    by_theme = client.get("/you-said-we-did?theme=transport").get_data(as_text=True)
    assert "Schools said the buses are late" in by_theme
    assert "wait for speech therapy" not in by_theme
    by_audience = client.get("/you-said-we-did?audience=young_person").get_data(as_text=True)
    assert "wait for speech therapy" in by_audience
    assert "buses are late" not in by_audience
    nonsense = client.get("/you-said-we-did?audience=martians")
    assert nonsense.status_code == 200
    assert "buses are late" in nonsense.get_data(as_text=True)


def test_poster_has_a_qr_code_when_the_statement_is_published(
    client: FlaskClient, app: Flask
) -> None:
    statement_id = _published(app)
    page = client.get(f"/you-said-we-did/{statement_id}/poster").get_data(as_text=True)
    assert '<svg aria-hidden="true" focusable="false" viewBox=' in page
    assert f"/you-said-we-did/easy-read#statement-{statement_id}" in page


def test_poster_is_not_found_when_the_statement_is_a_draft(client: FlaskClient, app: Flask) -> None:
    with app.app_context():
        statement_id = make_statement().id
    assert client.get(f"/you-said-we-did/{statement_id}/poster").status_code == 404


def test_atom_feed_lists_published_statements_when_requested(
    client: FlaskClient, app: Flask
) -> None:
    _published(app)
    response = client.get("/you-said-we-did/feed.atom")
    assert response.headers["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.data)  # noqa: S314 - our own response
    atom = "{http://www.w3.org/2005/Atom}"
    titles = [entry.findtext(f"{atom}title") for entry in feed.iter(f"{atom}entry")]
    assert titles == ["Families told us the wait for speech therapy is too long"]


def test_local_offer_report_lists_the_years_statements_when_asked_for_a_year(
    client: FlaskClient, app: Flask
) -> None:
    _published(app)
    year = datetime.now(UTC).year
    page = client.get(f"/you-said-we-did/local-offer-report/{year}").get_data(as_text=True)
    assert f"Local offer: what you said and what we did, {year}" in page
    assert page.count("Families told us the wait for speech therapy is too long") == 1
    assert "You said you wait too long for speech therapy." in page  # easy read section
    printable = client.get(f"/you-said-we-did/local-offer-report/{year}/print")
    assert "voice-report--print" in printable.get_data(as_text=True)
    earlier = client.get(f"/you-said-we-did/local-offer-report/{year - 1}")
    assert "Nothing was published this year." in earlier.get_data(as_text=True)


def test_home_page_links_to_you_said_we_did_when_opened(client: FlaskClient) -> None:
    assert 'href="/you-said-we-did"' in client.get("/").get_data(as_text=True)


def test_page_shows_twenty_cards_and_an_older_link_when_there_are_more(
    client: FlaskClient, app: Flask
) -> None:
    with app.app_context():
        action = make_action()
        for number in range(21):
            make_statement(summary=f"Statement {number:02d}", actions=(action,), published=True)
    first = client.get("/you-said-we-did").get_data(as_text=True)
    assert first.count("<article") == 20
    assert "21 things you told us (page 1 of 2)" in first
    assert 'href="/you-said-we-did?page=2"' in first
    second = client.get("/you-said-we-did?page=2").get_data(as_text=True)
    assert second.count("<article") == 1
    assert "Statement 00" in second


def test_voice_counts_are_refreshed_when_new_comments_are_tagged_later(
    client: FlaskClient, app: Flask, celery_worker: object
) -> None:
    from voice.tracker import tasks

    with app.app_context():
        theme = make_theme()
        make_statement(themes=(theme,), actions=(make_action(),), published=True)
        make_voice(source_group=SourceGroup.SCHOOL, themes=(theme,))
    assert "Schools and settings 1" not in client.get("/you-said-we-did").get_data(as_text=True)
    tasks.refresh_voice_counts.delay()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        page = client.get("/you-said-we-did").get_data(as_text=True)
        if "Schools and settings 1" in page:
            break
        time.sleep(0.2)
    assert "Schools and settings 1" in page, page


def test_demo_data_shows_published_cards_once_when_loaded_twice(
    app: Flask, client: FlaskClient
) -> None:
    from voice.demo import load_demo_data

    with app.app_context():
        load_demo_data()
        load_demo_data()
    page = client.get("/you-said-we-did").get_data(as_text=True)
    assert page.count("Two new Saturday clubs and a summer holiday scheme") == 1
    assert "Young people using short breaks each month: 140 to 210" in page
