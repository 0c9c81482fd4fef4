"""Reading what a person sees on the privacy pages."""

import re

from flask.testing import FlaskClient

from tests.surveys.survey_helpers import h1

TITLE = re.compile(r"<title>(.*?)</title>", re.S)
ERROR_MESSAGE = re.compile(r'<p id="[^"]*-error" class="govuk-error-message">(.*?)</p>', re.S)
TAGS = re.compile(r"<[^>]+>")


def page(client: FlaskClient, path: str) -> str:
    return client.get(path).get_data(as_text=True)


def title(html: str) -> str:
    match = TITLE.search(html)
    return " ".join(match.group(1).split()) if match else ""


def field_errors(html: str) -> list[str]:
    """The messages shown beside fields, without the hidden "Error:" prefix."""
    return [
        " ".join(TAGS.sub(" ", found).split()).removeprefix("Error:").strip()
        for found in ERROR_MESSAGE.findall(html)
    ]


__all__ = ["field_errors", "h1", "page", "title"]
