"""The always-open feedback forms for parent carers and for schools and settings: standing
surveys answered on the respondent pages."""

import re
from collections.abc import Callable, Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from surveys import feedback_forms
from surveys.builder import missing_wordings
from surveys.feedback_forms import ensure_feedback_forms
from surveys.kiosk import list_open_surveys
from surveys.models import (
    Answer,
    ContactRequest,
    FeedbackItem,
    FeedbackLabel,
    ResponseDraft,
    Survey,
    SurveyResponse,
)
from surveys.signals import contact_requested, feedback_received
from surveys.types import Channel, QuestionRole, QuestionType, SourceGroup, SurveyKind, SurveyStatus
from tests.conftest import csrf_token
from tests.surveys.survey_helpers import (
    answer,
    answer_feedback_form,
    begin,
    h1,
    open_feedback_form,
    option_ids,
    send,
)
from voice.accounts.models import Role
from voice.config import LANGUAGES
from voice.db import db

EMAIL = "parent@example.com"


def _form(app: Flask, client: FlaskClient, audience: str = "parent-carers") -> tuple[int, dict]:
    survey_id = open_feedback_form(client, audience)
    with app.app_context():
        return survey_id, option_ids(survey_id)


def _items(app: Flask) -> list[FeedbackItem]:
    with app.app_context():
        items = db.session.scalars(select(FeedbackItem).order_by(FeedbackItem.id)).all()
        db.session.expunge_all()
        return items


def _labels(app: Flask, item_id: int) -> set[str]:
    with app.app_context():
        query = select(FeedbackLabel.label).where(FeedbackLabel.feedback_item_id == item_id)
        return set(db.session.scalars(query))


def _count(app: Flask, model: type) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model)) or 0


@pytest.fixture
def signals() -> Iterator[dict[str, list]]:
    heard: dict[str, list] = {"items": [], "contacts": []}

    def items(sender: object, item_ids: list[int]) -> None:
        heard["items"].extend(item_ids)

    def contacts(sender: object, contact_request_id: int, item_ids: list[int]) -> None:
        heard["contacts"].append((contact_request_id, list(item_ids)))

    feedback_received.connect(items)
    contact_requested.connect(contacts)
    yield heard
    feedback_received.disconnect(items)
    contact_requested.disconnect(contacts)


# --- Ways in ----------------------------------------------------------------------------------


def test_start_page_offers_both_forms_when_opened_without_an_account(
    client: FlaskClient,
) -> None:
    page = client.get("/tell-us").get_data(as_text=True)
    assert '<h1 class="govuk-heading-xl">Tell us what you think</h1>' in page
    assert 'href="/tell-us/parent-carers"' in page
    assert 'href="/tell-us/schools"' in page


@pytest.mark.parametrize(
    ("audience", "group", "title"),
    [
        ("parent-carers", SourceGroup.PARENT_CARER, "Tell us what you think: parent carers"),
        ("schools", SourceGroup.SCHOOL, "Tell us what you think: schools and settings"),
    ],
)
def test_form_address_leads_to_the_standing_form_when_someone_opens_it(
    app: Flask, client: FlaskClient, audience: str, group: SourceGroup, title: str
) -> None:
    survey_id = open_feedback_form(client, audience)
    page = client.get(f"/s/{survey_id}?easy=0").get_data(as_text=True)
    assert h1(page) == title
    assert "There are up to 8 questions." in page  # "Which other service?" only if needed
    assert "grown-up you trust" not in page  # worded for adults, not for young people
    assert "If a child is in danger now, call 999." in re.sub(r"<[^>]+>", "", page)
    with app.app_context():
        survey = db.session.get(Survey, survey_id)
        assert (survey.kind, survey.status, survey.audience) == (
            SurveyKind.FORM,
            SurveyStatus.OPEN,
            group,
        )
        assert survey.closes_at is None


def test_easy_read_address_switches_easy_read_on_when_someone_opens_it(
    client: FlaskClient,
) -> None:
    response = client.get("/tell-us/schools/easy-read")
    assert response.status_code == 302
    assert "easy=1" in response.location
    page = client.get(response.location).get_data(as_text=True)
    assert h1(page) == "Tell us what you think"
    assert "This is for schools, nurseries and colleges." in page
    assert "Show standard words" in page
    survey_id = int(response.location.split("/")[2].split("?")[0])
    begin(client, survey_id)
    question = client.get(f"/s/{survey_id}/questions/1").get_data(as_text=True)
    assert h1(question) == "What is good?"


def test_easy_read_chosen_on_the_start_page_is_kept_when_the_person_picks_a_form(
    client: FlaskClient,
) -> None:
    client.get("/tell-us/easy-read")
    survey_id = open_feedback_form(client, "parent-carers")
    page = client.get(f"/s/{survey_id}").get_data(as_text=True)
    assert "This is for parents and carers." in page


def test_unknown_audience_is_not_found_when_someone_edits_the_address(
    client: FlaskClient,
) -> None:
    assert client.get("/tell-us/councillors").status_code == 404
    assert client.get("/tell-us/councillors/easy-read").status_code == 404


def test_easy_read_question_pages_show_a_picture_beside_each_question(
    app: Flask, client: FlaskClient
) -> None:
    survey_id = open_feedback_form(client, "parent-carers", "/easy-read")
    begin(client, survey_id)
    with app.app_context():
        something_else = option_ids(survey_id)["other"]
    answer(client, survey_id, 3, answer=something_else)  # so "Which other service?" is asked
    picture = re.compile(r'<img class="voice-prompt__picture" src="/static/img/pictures/[a-z-]+')
    for number in range(1, 9):
        page = client.get(f"/s/{survey_id}/questions/{number}").get_data(as_text=True)
        assert picture.search(page), number


@pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("cy", "ltr"), ("pl", "ltr")])
def test_form_is_drawn_in_the_site_language_when_one_is_chosen(
    client: FlaskClient, language: str, direction: str
) -> None:
    survey_id = open_feedback_form(client, "parent-carers", f"?lang={language}")
    page = client.get(f"/s/{survey_id}?easy=0").get_data(as_text=True)
    assert f'<html lang="{language}" dir="{direction}"' in page
    assert h1(page) != "Tell us what you think: parent carers"  # the translated title


def test_wordings_are_stored_in_every_language_when_the_forms_are_made(app: Flask) -> None:
    with app.app_context():
        ids = ensure_feedback_forms()
        db.session.commit()
        for survey_id in ids.values():
            survey = db.session.get(Survey, survey_id)
            assert missing_wordings(survey, LANGUAGES) == []
            working = survey.questions[0].prompt
            assert working["en"] == {"plain": "What is working well?", "easy": "What is good?"}
            assert len({working[lang]["plain"] for lang in LANGUAGES}) == 4  # from the catalogues
            kinds = [(q.kind, q.role, q.label_key) for q in survey.questions]
            assert kinds == [
                (QuestionType.FREE_TEXT, QuestionRole.ANSWER, "working"),
                (QuestionType.FREE_TEXT, QuestionRole.ANSWER, "not-working"),
                (QuestionType.MULTIPLE, QuestionRole.LABEL, "service"),
                (QuestionType.FREE_TEXT, QuestionRole.LABEL, "service"),
                (QuestionType.SINGLE, QuestionRole.LABEL, "age"),
                (QuestionType.SINGLE, QuestionRole.LABEL, "setting"),
                (QuestionType.YES_NO, QuestionRole.CONSENT, None),
                (QuestionType.EMAIL, QuestionRole.ANSWER, None),
            ]
            assert survey.questions[2].options[-1].key == "other"


# --- Answering --------------------------------------------------------------------------------


def test_labelled_form_feedback_is_stored_when_a_parent_carer_finishes_the_form(
    app: Flask, client: FlaskClient, signals: dict
) -> None:
    survey_id, keys = _form(app, client)
    answer_feedback_form(
        client,
        survey_id,
        keys,
        working="The new SENCo listens",
        not_working="We waited 18 months for an autism assessment",
        services=["speech-language", "other"],
        other_service="Portage",
        age_band="5-10",
        setting_type="mainstream",
        consent="yes",
    )
    check = client.get(f"/s/{survey_id}/check").get_data(as_text=True)
    assert "How did you answer?" not in check  # a question for young people, not parents
    response, _fields = send(client, survey_id)
    assert response.location.endswith(f"/s/{survey_id}/thank-you")
    thanks = client.get(response.location).get_data(as_text=True)
    assert "We have your answers." in thanks
    assert "/tell-us/contact/" not in thanks  # no email given, so nothing to withdraw
    working, not_working = _items(app)
    assert (working.original_text, not_working.original_text) == (
        "The new SENCo listens",
        "We waited 18 months for an autism assessment",
    )
    for item in (working, not_working):
        assert (item.channel, item.source_group, item.language) == (
            Channel.FORM,
            SourceGroup.PARENT_CARER,
            "en",
        )
        assert item.consent_to_quote is True
        assert item.survey_id == survey_id
    shared = {
        "service:speech-language",
        "service:other",
        "service:Portage",
        "age:5-10",
        "setting:mainstream",
    }
    assert _labels(app, working.id) == {"form:working", *shared}
    assert _labels(app, not_working.id) == {"form:not-working", *shared}
    assert signals["items"] == [working.id, not_working.id]
    assert signals["contacts"] == []
    with app.app_context():
        stored = db.session.scalars(select(SurveyResponse)).one()
        assert stored.channel is Channel.FORM
        assert _count(app, ContactRequest) == 0


def test_school_feedback_is_stored_in_the_language_used_when_a_school_answers_in_welsh(
    app: Flask, client: FlaskClient
) -> None:
    survey_id, keys = _form(app, client, "schools")
    client.get(f"/s/{survey_id}?lang=cy")
    answer_feedback_form(
        client, survey_id, keys, not_working="Outreach visits stopped", consent="no"
    )
    send(client, survey_id)
    (item,) = _items(app)
    assert (item.source_group, item.original_text, item.language) == (
        SourceGroup.SCHOOL,
        "Outreach visits stopped",
        "cy",
    )
    assert item.consent_to_quote is False
    assert _labels(app, item.id) == {"form:not-working"}


def test_comment_is_skipped_not_stored_when_it_is_empty_or_only_spaces(
    app: Flask, client: FlaskClient
) -> None:
    survey_id, keys = _form(app, client)
    begin(client, survey_id)
    assert answer(client, survey_id, 1, answer="   \n\t ").status_code == 302
    answer_feedback_form(client, survey_id, keys, working="  ", not_working="Too few places")
    send(client, survey_id)
    assert [i.original_text for i in _items(app)] == ["Too few places"]
    with app.app_context():
        first = db.session.scalars(select(Answer).order_by(Answer.question_id)).first()
        assert (first.skipped, first.text) == (True, None)


def test_form_text_is_stored_as_typed_when_it_starts_like_a_formula(
    app: Flask, client: FlaskClient
) -> None:
    survey_id, keys = _form(app, client)
    answer_feedback_form(
        client, survey_id, keys, working='=HYPERLINK("http://x")', not_working="@everyone -1 +1"
    )
    send(client, survey_id)
    assert [i.original_text for i in _items(app)] == ['=HYPERLINK("http://x")', "@everyone -1 +1"]


def test_email_is_kept_only_as_a_contact_request_when_the_person_gives_one(
    app: Flask, client: FlaskClient, signals: dict
) -> None:
    survey_id, keys = _form(app, client)
    email_page = client.get(f"/s/{survey_id}/questions/8")
    assert email_page.status_code == 302  # not started yet
    answer_feedback_form(
        client,
        survey_id,
        keys,
        working="The new SENCo listens",
        not_working="No short breaks in the holidays",
        email=EMAIL,
    )
    page = client.get(f"/s/{survey_id}/questions/8").get_data(as_text=True)
    assert 'type="email"' in page
    assert "only use your email address to tell you what changed" in page
    with app.app_context():
        assert EMAIL in str(db.session.scalars(select(ResponseDraft.answers)).one())
    response, _fields = send(client, survey_id)
    items = _items(app)
    with app.app_context():
        contact = db.session.scalars(select(ContactRequest)).one()
        assert (contact.email, contact.source_group) == (EMAIL, SourceGroup.PARENT_CARER)
        contact_id = contact.id
        assert db.session.scalars(select(ResponseDraft)).all() == []
        answers = db.session.scalars(select(Answer)).all()
        assert len(answers) == 6  # each question asked but the email ("Which other service?" not)
        assert all(EMAIL not in f"{a.text} {a.choices}" for a in answers)
        labels = db.session.scalars(select(FeedbackLabel.label)).all()
        assert all(EMAIL not in label for label in labels)
    assert all(EMAIL not in f"{i.original_text} {i.source_detail}" for i in items)
    assert signals["contacts"] == [(contact_id, [i.id for i in items])]
    thanks = client.get(response.location).get_data(as_text=True)
    link = re.search(r'href="http://localhost(/tell-us/contact/[^"]+)"', thanks).group(1)
    assert "/tell-us/contact/" not in client.get(response.location).get_data(as_text=True)
    client.post(link, data={"csrf_token": csrf_token(client, link)})
    assert _count(app, ContactRequest) == 0
    assert len(_items(app)) == 2  # the views stay; only the email address goes


def test_email_is_not_kept_when_there_is_no_comment_to_follow_up(
    app: Flask, client: FlaskClient, signals: dict
) -> None:
    survey_id, keys = _form(app, client)
    answer_feedback_form(client, survey_id, keys, age_band="0-4", email=EMAIL)
    send(client, survey_id)
    assert _count(app, ContactRequest) == 0
    assert _items(app) == []
    assert signals["contacts"] == []


def test_error_is_shown_beside_the_email_and_other_answers_kept_when_the_email_is_wrong(
    app: Flask, client: FlaskClient
) -> None:
    survey_id, keys = _form(app, client)
    answer_feedback_form(client, survey_id, keys, working="The new SENCo listens")
    response = answer(client, survey_id, 8, answer="parent at example")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert "There is a problem" in page
    assert re.search(
        r'id="answer-error">.*Enter an email address like name@example.com', page, re.S
    )
    assert 'value="parent at example"' in page
    assert "The new SENCo listens" in client.get(f"/s/{survey_id}/check").get_data(as_text=True)
    assert _count(app, ContactRequest) == 0


def test_response_is_stored_once_when_the_form_is_sent_twice(
    app: Flask, client: FlaskClient
) -> None:
    survey_id, keys = _form(app, client)
    answer_feedback_form(
        client, survey_id, keys, working="Good", not_working="Bad", email="carer@example.org"
    )
    first, fields = send(client, survey_id)
    again = client.post(f"/s/{survey_id}/send", data=fields)
    assert again.status_code == 302
    assert (_count(app, SurveyResponse), len(_items(app)), _count(app, ContactRequest)) == (1, 2, 1)


# --- Making the forms -------------------------------------------------------------------------


def test_forms_are_made_once_when_asked_for_again(app: Flask, client: FlaskClient) -> None:
    with app.app_context():
        first = ensure_feedback_forms()
        db.session.commit()
        assert ensure_feedback_forms() == first
        db.session.commit()
    assert open_feedback_form(client, "schools") == first["schools"]
    with app.app_context():
        kinds = db.session.scalars(select(Survey.kind)).all()
    assert kinds == [SurveyKind.FORM, SurveyKind.FORM]


def test_only_one_form_is_made_when_two_first_requests_arrive_at_once(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    with app.app_context():
        made = ensure_feedback_forms()
        db.session.commit()
        # The other request committed its forms after this one looked and found none.
        monkeypatch.setattr(feedback_forms, "standing_form_ids", _first_look_finds_nothing())
        assert ensure_feedback_forms() == made
        db.session.commit()
        assert db.session.scalar(select(func.count(Survey.id))) == 2


def _first_look_finds_nothing() -> Callable[[], dict[str, int]]:
    real = feedback_forms.standing_form_ids
    looks: list[int] = []

    def existing() -> dict[str, int]:
        looks.append(1)
        return {} if len(looks) == 1 else real()

    return existing


# --- Staff ------------------------------------------------------------------------------------


def test_builder_lists_the_forms_apart_and_refuses_to_close_them_when_staff_try(
    app: Flask, client: FlaskClient, login_as: object
) -> None:
    login_as(Role.STRATEGY_LEAD)
    page = client.get("/staff/surveys").get_data(as_text=True)
    forms_part = page[page.index("Feedback forms") :]
    assert "Tell us what you think: parent carers" in forms_part
    assert "Tell us what you think: schools and settings" in forms_part
    assert "0 surveys" in page  # the forms are not counted among the surveys
    with app.app_context():
        survey_id = ensure_feedback_forms()["parent-carers"]
    survey_page = client.get(f"/staff/surveys/{survey_id}").get_data(as_text=True)
    assert "Close the survey" not in survey_page
    assert "It is always open, so it cannot be closed or deleted." in survey_page
    token = csrf_token(client, f"/staff/surveys/{survey_id}")
    response = client.post(f"/staff/surveys/{survey_id}/close", data={"csrf_token": token})
    assert "cannot be closed" in client.get(response.location).get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Survey, survey_id).status is SurveyStatus.OPEN


def test_closing_date_is_refused_when_staff_change_a_forms_settings(
    app: Flask, client: FlaskClient, login_as: object
) -> None:
    login_as(Role.STRATEGY_LEAD)
    survey_id = open_feedback_form(client)
    path = f"/staff/surveys/{survey_id}/settings"
    assert "always open, so they have no opening or closing date" in client.get(path).get_data(
        as_text=True
    )
    data = {
        "csrf_token": csrf_token(client, path),
        "title": "Parent carer form",
        "audience": "parent_carer",
        "retention_days": "365",
        "opens_on": ["", "", ""],
        "closes_on": ["1", "5", "2030"],
    }
    page = client.post(path, data=data).get_data(as_text=True)
    assert "Feedback forms are always open. Leave the dates empty." in page
    with app.app_context():
        assert db.session.get(Survey, survey_id).closes_at is None


def test_copy_of_a_form_is_an_ordinary_draft_survey_when_staff_make_one(
    app: Flask, client: FlaskClient, login_as: object
) -> None:
    login_as(Role.STRATEGY_LEAD)
    survey_id = open_feedback_form(client)
    token = csrf_token(client, f"/staff/surveys/{survey_id}")
    response = client.post(f"/staff/surveys/{survey_id}/copy", data={"csrf_token": token})
    copy_id = int(response.location.rsplit("/", 1)[1])
    with app.app_context():
        copy = db.session.get(Survey, copy_id)
        assert (copy.kind, copy.status, copy.slug) == (SurveyKind.SURVEY, SurveyStatus.DRAFT, None)
        assert [q.role for q in copy.questions][2:4] == [QuestionRole.LABEL] * 2
        assert copy.questions[2].options[0].key == "send-support-in-school"


def _question_data(client: FlaskClient, path: str, **extra: object) -> dict[str, object]:
    data: dict[str, object] = {"csrf_token": csrf_token(client, path), "kind": "single"}
    for lang in LANGUAGES:
        data[f"prompt_{lang}_plain"] = f"Which club? ({lang})"
        data[f"prompt_{lang}_easy"] = f"Your club? ({lang})"
        data[f"options_{lang}"] = f"Youth club | Club ({lang})\nSports club | Sport ({lang})"
    data.update(extra)
    return data


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"role": "label"}, "Enter a label name, for example service"),
        ({"role": "label", "label_key": "Club!"}, "Use only lower case letters, numbers"),
        ({"role": "label", "label_key": "club", "option_keys": "youth"}, "Give every option a"),
        ({"role": "consent"}, "Permission to quote needs a yes, no or not sure question"),
        ({"role": "label", "label_key": "who", "kind": "email"}, "An email address can only"),
    ],
)
def test_builder_explains_the_problem_when_a_role_is_set_wrongly(
    app: Flask, client: FlaskClient, login_as: object, extra: dict, message: str
) -> None:
    login_as(Role.STRATEGY_LEAD)
    survey_id = open_feedback_form(client)
    path = f"/staff/surveys/{survey_id}/questions/new"
    page = client.post(path, data=_question_data(client, path, **extra)).get_data(as_text=True)
    assert "<title>Error: " in page
    assert message in page


def test_labelled_question_is_stored_when_staff_add_one_to_a_form(
    app: Flask, client: FlaskClient, login_as: object
) -> None:
    login_as(Role.STRATEGY_LEAD)
    survey_id = open_feedback_form(client)
    path = f"/staff/surveys/{survey_id}/questions/new"
    data = _question_data(
        client, path, role="label", label_key="club", option_keys="youth-club\nsports-club"
    )
    assert client.post(path, data=data).status_code == 302
    with app.app_context():
        added = db.session.get(Survey, survey_id).questions[-1]
        assert (added.role, added.label_key) == (QuestionRole.LABEL, "club")
        assert [o.key for o in added.options] == ["youth-club", "sports-club"]
    page = client.get(f"/staff/surveys/{survey_id}/questions/{added.id}").get_data(as_text=True)
    assert "youth-club\nsports-club</textarea>" in page


def test_forms_are_not_offered_when_staff_open_a_tablet_session(app: Flask) -> None:
    with app.app_context():
        ensure_feedback_forms()
        db.session.commit()
        assert list_open_surveys() == []
