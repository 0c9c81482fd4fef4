"""Listens to surveys: people who asked to hear back are followed up about their comments."""

from typing import Any

from surveys.signals import contact_requested
from voice.db import db
from voice.tracker.services import follow_up


@contact_requested.connect
def remember_follow_up(sender: Any, *, contact_request_id: int, item_ids: list[int]) -> None:
    follow_up(contact_request_id, item_ids)
    db.session.commit()
