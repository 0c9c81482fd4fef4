"""Listens to surveys: people who asked to hear back are followed up about their comments. The
receiver runs inside the respondent's request, so it only hands the work to a worker."""

from typing import Any

from surveys.signals import contact_requested
from voice.tracker import tasks


@contact_requested.connect
def remember_follow_up(sender: Any, *, contact_request_id: int, item_ids: list[int]) -> None:
    tasks.store_follow_up.delay(contact_request_id, list(item_ids))
