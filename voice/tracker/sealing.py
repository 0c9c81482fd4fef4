"""Keyed tags that let the follow-up task match a person to their comments while the database
alone cannot: the survey promises "We keep it apart from your answers, so nobody can tell
which answers are yours".

A follow-up row stores, beside the contact request id, a tag for each comment: an HMAC-SHA256
of the comment's id under a key derived from SECRET_KEY. The task computes the tags of the
comments whose actions changed and compares; someone holding only the database cannot turn a
tag back into an id. A keyed hash rather than encryption, because nothing ever needs the ids
back, and it needs nothing beyond the standard library.

Changing SECRET_KEY makes the stored tags match nothing, so people who asked to hear back are
no longer written to; the README says so.
"""

import hashlib
import hmac

from flask import current_app

# Keeps these tags apart from every other use of SECRET_KEY (sessions, signed links).
_PURPOSE = b"voice.tracker.follow-up-item-tags.v1"


def _key(secret: str | bytes) -> bytes:
    secret_bytes = secret.encode() if isinstance(secret, str) else secret
    return hmac.new(secret_bytes, _PURPOSE, hashlib.sha256).digest()


def item_tagger(secret: str | bytes | None = None) -> "ItemTagger":
    return ItemTagger(secret if secret is not None else current_app.config["SECRET_KEY"])


class ItemTagger:
    """Tags comment ids under one key (derived once, reused for a whole run)."""

    def __init__(self, secret: str | bytes) -> None:
        self._key = _key(secret)

    def tag(self, item_id: int) -> str:
        return hmac.new(self._key, b"item:%d" % item_id, hashlib.sha256).hexdigest()

    def tags(self, item_ids: list[int] | set[int]) -> dict[str, int]:
        """Each tag and the id it stands for."""
        return {self.tag(item_id): item_id for item_id in item_ids}
