"""Reading and writing translations, and whether one is missing or out of date."""

import enum
import hashlib
from dataclasses import dataclass
from typing import Any

from flask import current_app, g, has_app_context
from sqlalchemy import select

from voice.content_translations.models import ContentTranslation
from voice.content_translations.registry import Kind, kind_of
from voice.db import db, utcnow

SOURCE_LANGUAGE = "en"


class State(enum.Enum):
    DONE = "done"
    MISSING = "missing"
    OUT_OF_DATE = "out_of_date"  # the English changed after it was translated


def source_hash(english: str) -> str:
    return hashlib.sha256(english.strip().encode("utf-8")).hexdigest()


def other_languages() -> list[str]:
    """The site's languages a translation can be held in (all but English)."""
    return [code for code in current_app.config["LANGUAGES"] if code != SOURCE_LANGUAGE]


@dataclass(frozen=True)
class Stored:
    text: str
    source_hash: str


def stored_translations(language: str) -> dict[tuple[str, int, str], Stored]:
    """Every translation held in one language, read once per request (there are hundreds at
    most, and a card needs a dozen of them)."""
    cache: dict[str, dict[tuple[str, int, str], Stored]] | None = None
    if has_app_context():
        cache = g.setdefault("content_translations", {})
        if language in cache:
            return cache[language]
    rows = db.session.execute(
        select(
            ContentTranslation.kind,
            ContentTranslation.object_id,
            ContentTranslation.field,
            ContentTranslation.text,
            ContentTranslation.source_hash,
        ).where(ContentTranslation.language == language)
    )
    found = {(kind, oid, name): Stored(text, digest) for kind, oid, name, text, digest in rows}
    if cache is not None:
        cache[language] = found
    return found


def forget_cached() -> None:
    if has_app_context():
        g.pop("content_translations", None)


def translation_for(record: Any, name: str, language: str) -> str | None:
    """The up-to-date translation of a field, a built-in one, or None."""
    kind = kind_of(record)
    english = kind.english(record, name)
    if language == SOURCE_LANGUAGE:
        return english
    found = stored_translations(language).get((kind.name, kind.object_id(record), name))
    if found is not None and found.text.strip() and found.source_hash == source_hash(english):
        return found.text
    if kind.built_in is not None:
        return kind.built_in(record, name, language)
    return None


def state_of(kind: Kind, record: Any, name: str, language: str) -> State:
    english = kind.english(record, name)
    found = stored_translations(language).get((kind.name, kind.object_id(record), name))
    if found is not None and found.text.strip():
        return State.DONE if found.source_hash == source_hash(english) else State.OUT_OF_DATE
    if kind.built_in is not None and kind.built_in(record, name, language):
        return State.DONE
    return State.MISSING


def save_translation(
    *,
    kind: Kind,
    object_id: int,
    name: str,
    language: str,
    text: str,
    english: str,
    by_id: int | None,
) -> None:
    """Store (or replace, or with empty text remove) one translation, made from this English."""
    row = db.session.scalar(
        select(ContentTranslation).where(
            ContentTranslation.kind == kind.name,
            ContentTranslation.object_id == object_id,
            ContentTranslation.field == name,
            ContentTranslation.language == language,
        )
    )
    text = text.strip()
    if not text:
        if row is not None:
            db.session.delete(row)
    else:
        if row is None:
            row = ContentTranslation(
                kind=kind.name, object_id=object_id, field=name, language=language
            )
            db.session.add(row)
        row.text = text
        row.source_hash = source_hash(english)
        row.translated_at = utcnow()
        row.translated_by_id = by_id
    db.session.flush()
    forget_cached()
