"""Signals surveys sends; other packages listen without surveys knowing them."""

from blinker import Namespace

_signals = Namespace()

# Sent after new feedback items are committed, with `item_ids=[...]`.
feedback_received = _signals.signal("feedback-received")
