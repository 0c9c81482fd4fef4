"""Proxy entries: views a forum rep or school contact types in on someone's behalf. Only the
person who typed an entry can see or correct it. Services flush; the view commits."""

from collections.abc import Sequence

from sqlalchemy import select

from surveys.feedback import add_feedback_item
from surveys.models import Channel, ProxyEntry, SourceGroup
from voice.accounts.models import User
from voice.db import db, utcnow


def add_proxy_entry(
    *,
    entered_by: User,
    text: str,
    on_behalf_of: SourceGroup,
    gathered_at: str,
    consent_to_quote: bool,
    language: str,
) -> ProxyEntry:
    item = add_feedback_item(
        text=text,
        source_group=on_behalf_of,
        channel=Channel.PROXY,
        language=language,
        source_detail=gathered_at.strip()[:200],
        consent_to_quote=consent_to_quote,
    )
    entry = ProxyEntry(
        feedback_item_id=item.id, entered_by_id=entered_by.id, gathered_at=gathered_at.strip()[:200]
    )
    db.session.add(entry)
    db.session.flush()
    return entry


def list_own_proxy_entries(user: User, *, limit: int = 200) -> Sequence[ProxyEntry]:
    return db.session.scalars(
        select(ProxyEntry)
        .where(ProxyEntry.entered_by_id == user.id)
        .order_by(ProxyEntry.entered_at.desc(), ProxyEntry.id.desc())
        .limit(limit)
    ).all()


def get_own_proxy_entry(entry_id: int, user: User) -> ProxyEntry | None:
    """Only the person who typed an entry can see or correct it."""
    return db.session.scalar(
        select(ProxyEntry).where(ProxyEntry.id == entry_id, ProxyEntry.entered_by_id == user.id)
    )


def own_entry_for_item(item_id: int, user: User) -> ProxyEntry | None:
    return db.session.scalar(
        select(ProxyEntry).where(
            ProxyEntry.feedback_item_id == item_id, ProxyEntry.entered_by_id == user.id
        )
    )


def correct_proxy_entry(
    entry: ProxyEntry,
    *,
    text: str | None,
    on_behalf_of: SourceGroup,
    gathered_at: str,
    consent_to_quote: bool,
    language: str,
) -> None:
    """Change an entry; ``text`` is None when its words stay as they are."""
    item = entry.feedback_item
    if text is not None:
        item.original_text = text.strip()
        item.tagged_at = None  # the themes package tags the corrected wording again
    item.source_group = on_behalf_of
    item.source_detail = gathered_at.strip()[:200]
    item.consent_to_quote = consent_to_quote
    item.language = language
    entry.gathered_at = gathered_at.strip()[:200]
    entry.corrected_at = utcnow()
    db.session.flush()
