"""Helpers for driving the respondent pages with the test client."""

import re

from flask.testing import FlaskClient

from surveys.models import Survey
from tests.conftest import csrf_token
from voice.db import db

H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
TAGS = re.compile(r"<[^>]+>")


def h1(html: str) -> str:
    match = H1.search(html)
    return " ".join(TAGS.sub(" ", match.group(1)).split()) if match else ""


def error_beside(html: str, field: str) -> str:
    """The words of the error message beside a field ("" when it has none)."""
    match = re.search(rf'id="{re.escape(field)}-error"[^>]*>(.*?)</p>', html, re.S)
    return " ".join(TAGS.sub(" ", match.group(1)).split()) if match else ""


def begin(client: FlaskClient, survey_id: int) -> None:
    token = csrf_token(client, f"/s/{survey_id}")
    response = client.post(f"/s/{survey_id}/start", data={"csrf_token": token})
    assert response.status_code == 302


def answer(client: FlaskClient, survey_id: int, number: int, **data: object):
    path = f"/s/{survey_id}/questions/{number}"
    data.setdefault("csrf_token", csrf_token(client, path))
    return client.post(path, data=data)


def send(client: FlaskClient, survey_id: int, **data: object):
    page = client.get(f"/s/{survey_id}/check").get_data(as_text=True)
    key = re.search(r'name="idempotency_key" type="hidden" value="([^"]+)"', page) or re.search(
        r'id="idempotency_key" name="idempotency_key" type="hidden" value="([^"]+)"', page
    )
    fields = {
        "csrf_token": csrf_token(client, f"/s/{survey_id}/check"),
        "idempotency_key": key.group(1) if key else "",
        "answers": "{}",
    }
    fields.update(data)
    return client.post(f"/s/{survey_id}/send", data=fields), fields


# --- The standing feedback forms ("Tell us what you think") -----------------------------------

FORM_QUESTIONS = (
    "working",
    "not_working",
    "services",
    "other_service",
    "age_band",
    "setting_type",
    "consent",
    "email",
)
CHOICE_QUESTIONS = {"services", "age_band", "setting_type"}


def open_feedback_form(
    client: FlaskClient, audience: str = "parent-carers", query: str = ""
) -> int:
    """Follow the public address to the standing form; return its survey id."""
    response = client.get(f"/tell-us/{audience}{query}")
    assert response.status_code == 302
    match = re.search(r"/s/(\d+)", response.location)
    assert match, response.location
    return int(match.group(1))


def option_ids(survey_id: int) -> dict[str, str]:
    """Each choice's stable key to the value its box sends (call it in an app context)."""
    survey = db.session.get(Survey, survey_id)
    return {o.key: str(o.id) for q in survey.questions for o in q.options if o.key}


def answer_feedback_form(
    client: FlaskClient, survey_id: int, keys: dict[str, str], **answers: object
) -> None:
    """Start the form and answer every question; unanswered ones are skipped the way a person
    would: the "I don't want to answer" box, or an empty email field. Choice answers are keys."""
    begin(client, survey_id)
    for number, name in enumerate(FORM_QUESTIONS, start=1):
        value = answers.get(name)
        if name == "other_service" and "other" not in (answers.get("services") or ()):
            continue  # asked only of those who ticked "Something else"
        if name == "email":
            data = {"answer": value or ""}
        elif name in CHOICE_QUESTIONS and value:
            chosen = [value] if isinstance(value, str) else list(value)
            data = {"answer": [keys[key] for key in chosen]}
        elif value:
            data = {"answer": value}
        elif name in {"age_band", "setting_type", "consent"}:
            data = {"answer": "skip"}
        else:
            data = {"skip": "1"}
        response = answer(client, survey_id, number, **data)
        assert response.status_code == 302, (name, response.get_data(as_text=True)[:2000])
