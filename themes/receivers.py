"""Hands newly collected feedback to the tagger workers; never tags in the web process."""

from collections.abc import Sequence
from typing import Any

from surveys.signals import feedback_received
from themes import tasks
from themes.tagging import batches


@feedback_received.connect
def enqueue_tagging(sender: Any, item_ids: Sequence[int] = (), **_extra: Any) -> None:
    for batch in batches(list(item_ids)):
        tasks.tag_items.delay(batch)
