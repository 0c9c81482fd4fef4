"""Helpers for driving the respondent pages with the test client."""

import re

from flask.testing import FlaskClient

from tests.conftest import csrf_token

H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
TAGS = re.compile(r"<[^>]+>")


def h1(html: str) -> str:
    match = H1.search(html)
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
