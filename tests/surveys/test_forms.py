"""The always-open feedback forms for parent carers and for schools and settings."""

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from surveys.models import Channel, ContactRequest, FeedbackItem, FeedbackLabel, SourceGroup
from tests.conftest import csrf_token
from voice.db import db

FORM = "/tell-us/parent-carers"


def send(client: FlaskClient, path: str = FORM, **fields: object) -> object:
    data = {
        "csrf_token": csrf_token(client, path),
        "working": "The new SENCo listens",
        "not_working": "We waited 18 months for an autism assessment",
        "consent_to_quote": "no",
        **fields,
    }
    return client.post(path, data=data)


def stored(app: Flask) -> list[FeedbackItem]:
    with app.app_context():
        items = db.session.scalars(select(FeedbackItem).order_by(FeedbackItem.id)).all()
        db.session.expunge_all()
        return items


def test_start_page_offers_both_forms_when_opened_without_an_account(
    client: FlaskClient,
) -> None:
    page = client.get("/tell-us").get_data(as_text=True)
    assert '<h1 class="govuk-heading-xl">Tell us what you think</h1>' in page
    assert 'href="/tell-us/parent-carers"' in page
    assert 'href="/tell-us/schools"' in page


def test_two_feedback_items_are_stored_when_a_parent_carer_answers_both_questions(
    app: Flask,
    client: FlaskClient,
) -> None:
    response = send(
        client,
        services=["speech-language", "other"],
        other_service="Portage",
        age_band="5-10",
        setting_type="mainstream",
        consent_to_quote="yes",
    )
    assert response.headers["Location"].endswith("/tell-us/thank-you")
    assert "We have your views" in client.get("/tell-us/thank-you").get_data(as_text=True)
    working, not_working = stored(app)
    assert working.text == "The new SENCo listens"
    assert not_working.text == "We waited 18 months for an autism assessment"
    assert {i.source_group for i in (working, not_working)} == {SourceGroup.PARENT_CARER}
    assert {i.channel for i in (working, not_working)} == {Channel.FORM}
    assert working.consent_to_quote is True
    with app.app_context():
        labels = set(
            db.session.scalars(
                select(FeedbackLabel.label).where(FeedbackLabel.feedback_item_id == not_working.id)
            )
        )
    assert labels == {
        "form:not-working",
        "service:speech-language",
        "service:Portage",
        "age:5-10",
        "setting:mainstream",
    }


def test_school_feedback_is_stored_as_from_a_school_when_sent_from_the_school_form(
    app: Flask,
    client: FlaskClient,
) -> None:
    send(client, "/tell-us/schools", working="", not_working="Outreach visits stopped")
    (item,) = stored(app)
    assert (item.source_group, item.text) == (SourceGroup.SCHOOL, "Outreach visits stopped")


def test_form_shows_a_message_when_both_comments_are_empty_or_only_spaces(
    app: Flask,
    client: FlaskClient,
) -> None:
    response = send(client, working="   ", not_working="\n\t ", age_band="11-15")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert "Tell us what is working or what is not working" in page
    assert 'id="working-error"' in page
    assert re.search(r'value="11-15"[^>]*checked|checked[^>]*value="11-15"', page)
    assert stored(app) == []


def test_form_asks_for_an_email_when_the_person_wants_a_reply_but_gives_none(
    app: Flask,
    client: FlaskClient,
) -> None:
    page = send(client, wants_reply="y").get_data(as_text=True)
    assert "Enter your email address so we can contact you" in page
    assert "We waited 18 months for an autism assessment</textarea>" in page
    assert stored(app) == []


def test_form_asks_whether_to_publish_when_no_answer_is_chosen(client: FlaskClient) -> None:
    page = send(client, consent_to_quote="").get_data(as_text=True)
    assert "Select yes if we can publish what you said" in page


def test_email_is_stored_apart_from_the_feedback_when_the_person_wants_a_reply(
    app: Flask,
    client: FlaskClient,
) -> None:
    send(client, wants_reply="y", email="parent@example.com")
    with app.app_context():
        request = db.session.scalars(select(ContactRequest)).one()
        assert request.email == "parent@example.com"
        assert request.source_group == SourceGroup.PARENT_CARER
    assert all("parent@example.com" not in (i.text + (i.source_detail or "")) for i in stored(app))
    page = client.get("/tell-us/thank-you").get_data(as_text=True)
    link = re.search(r'href="http://localhost(/tell-us/contact/[^"]+)"', page).group(1)
    client.post(link, data={"csrf_token": csrf_token(client, link)})
    with app.app_context():
        assert db.session.scalars(select(ContactRequest)).all() == []
    assert len(stored(app)) == 2  # the views stay; only the email address goes


def test_email_is_not_stored_when_the_person_does_not_ask_for_a_reply(
    app: Flask,
    client: FlaskClient,
) -> None:
    send(client, email="parent@example.com")
    with app.app_context():
        assert db.session.scalars(select(ContactRequest)).all() == []


def test_easy_read_wording_is_shown_when_asked_for_and_kept_afterwards(
    client: FlaskClient,
) -> None:
    page = client.get(f"{FORM}?easy=1").get_data(as_text=True)
    assert "What is good?" in page
    assert "Show the standard version" in page
    assert "What is good?" in client.get(FORM).get_data(as_text=True)
    assert "What is working well?" in client.get(f"{FORM}?easy=0").get_data(as_text=True)


@pytest.mark.parametrize("language", ["ar", "cy", "pl"])
def test_form_is_drawn_in_the_site_language_when_one_is_chosen(
    client: FlaskClient,
    language: str,
) -> None:
    page = client.get(f"{FORM}?lang={language}").get_data(as_text=True)
    assert f'lang="{language}"' in page


def test_form_text_is_stored_as_typed_when_it_starts_like_a_formula(
    app: Flask,
    client: FlaskClient,
) -> None:
    send(client, working='=HYPERLINK("http://x")', not_working="@everyone -1 +1")
    assert [i.text for i in stored(app)] == ['=HYPERLINK("http://x")', "@everyone -1 +1"]


def test_unknown_audience_is_not_found_when_someone_edits_the_address(
    client: FlaskClient,
) -> None:
    assert client.get("/tell-us/councillors").status_code == 404


PICTURE = re.compile(
    r'<img class="voice-prompt__picture" src="/static/img/pictures/([a-z0-9-]+)\.svg" alt=""'
)


@pytest.mark.parametrize("audience", ["parent-carers", "schools"])
def test_easy_read_form_shows_a_picture_beside_each_question(
    client: FlaskClient,
    audience: str,
) -> None:
    page = client.get(f"/tell-us/{audience}/easy-read").get_data(as_text=True)
    for question in (
        "What is good?",
        "What is not good?",
        "What is it about? You can tick more than one. You can skip this.",
        "Can we share your words?",
        "Do you want us to contact you?",
    ):
        before = page[: page.index(f'data-read-aloud="prompt">{question}<')]
        prompt = before[before.rindex('<span class="voice-prompt voice-prompt--easy">') :]
        assert PICTURE.search(prompt), question
    assert len(PICTURE.findall(page)) >= 9


def test_easy_read_start_page_shows_a_picture_beside_each_choice(client: FlaskClient) -> None:
    page = client.get("/tell-us/easy-read").get_data(as_text=True)
    assert PICTURE.findall(page) == ["happy", "talk", "home", "school"]
    assert "I am a parent or carer" in page


@pytest.mark.parametrize("path", ["/tell-us", FORM, "/tell-us/schools"])
def test_standard_wording_has_no_pictures_beside_the_questions(
    client: FlaskClient,
    path: str,
) -> None:
    page = client.get(f"{path}?easy=0").get_data(as_text=True)
    assert "voice-prompt__picture" not in page
    assert "/static/img/pictures/" not in page
