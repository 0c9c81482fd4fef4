"""Listens to surveys and themes: people who asked to hear back are followed up about their
comments, and the voices behind statements are recounted as comments are tagged. Receivers run
inside someone else's request or task, so they only hand the work to a worker."""

from typing import Any

from surveys.signals import contact_requested
from themes.signals import tags_changed
from voice.tracker import tasks


@contact_requested.connect
def remember_follow_up(sender: Any, *, contact_request_id: int, item_ids: list[int]) -> None:
    tasks.store_follow_up.delay(contact_request_id, list(item_ids))


@tags_changed.connect
def recount_voices(sender: Any, *, item_ids: list[int]) -> None:
    if item_ids:
        tasks.recount_voices.delay(list(item_ids))
