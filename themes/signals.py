"""Signals themes sends; other packages listen without themes knowing them."""

from blinker import Namespace

_signals = Namespace()

# Sent after the themes of feedback items are committed (tagging, re-tagging, a review), with
# `item_ids=[...]`; the tracker recounts the voices behind the statements they belong to.
tags_changed = _signals.signal("tags-changed")
