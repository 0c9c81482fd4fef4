"""Themes tests: no task queued by one test (a page that starts a re-tag) reaches the next."""

from collections.abc import Iterator

import pytest
from flask import Flask


@pytest.fixture(autouse=True)
def _empty_queue(app: Flask) -> Iterator[None]:
    yield
    app.extensions["celery"].control.purge()
