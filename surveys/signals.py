"""Signals surveys sends; other packages listen without surveys knowing them."""

from blinker import Namespace

_signals = Namespace()

# Sent after new feedback items are committed, with `item_ids=[...]`.
feedback_received = _signals.signal("feedback-received")

# Sent after someone who gave feedback asked to hear back, with `contact_request_id` and the
# `item_ids` they wrote; the tracker remembers to tell them when a linked action changes.
contact_requested = _signals.signal("contact-requested")
