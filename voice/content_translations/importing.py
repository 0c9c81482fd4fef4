"""Importing a translated file: check every row against the content as it is now, show a
preview, and apply it only when a person confirms. The check runs again when applying, so a
change made in between is never overwritten with a translation of the old English."""

import enum
import json
from dataclasses import dataclass

from sqlalchemy import select

from voice.content_translations.files import MAX_TEXT, Row
from voice.content_translations.models import TranslationImport
from voice.content_translations.store import save_translation
from voice.content_translations.workflow import Entry, find_entry
from voice.db import db, utcnow


class Outcome(enum.Enum):
    NEW = "new"
    CHANGED = "changed"
    SAME = "same"
    EMPTY = "empty"
    UNKNOWN = "unknown"
    ENGLISH_CHANGED = "english_changed"
    TOO_LONG = "too_long"

    @property
    def applies(self) -> bool:
        return self in {Outcome.NEW, Outcome.CHANGED}


@dataclass(frozen=True)
class Checked:
    row: Row
    outcome: Outcome
    entry: Entry | None


def check_rows(rows: list[Row], language: str) -> list[Checked]:
    checked = []
    seen: set[str] = set()
    for row in rows:
        entry = find_entry(row.key, language)
        text = row.translation.strip()
        if entry is None or row.key in seen:
            outcome = Outcome.UNKNOWN
        elif row.english.strip() != entry.english.strip():
            outcome = Outcome.ENGLISH_CHANGED
        elif not text:
            outcome = Outcome.EMPTY
        elif len(text) > MAX_TEXT:
            outcome = Outcome.TOO_LONG
        elif entry.state.value == "done" and text == entry.stored.strip():
            outcome = Outcome.SAME
        else:
            outcome = Outcome.NEW if not entry.stored else Outcome.CHANGED
        seen.add(row.key)
        checked.append(Checked(row=row, outcome=outcome, entry=entry))
    return checked


def store_import(
    *, language: str, file_name: str, rows: list[Row], by_id: int | None
) -> TranslationImport:
    pending = TranslationImport(
        language=language,
        file_name=file_name[:200],
        rows=json.dumps(
            [{"key": r.key, "english": r.english, "translation": r.translation} for r in rows]
        ),
        created_by_id=by_id,
    )
    db.session.add(pending)
    db.session.flush()
    return pending


def pending_import(import_id: int, by_id: int | None) -> TranslationImport | None:
    """An import not applied yet, only for the person who uploaded it."""
    return db.session.scalar(
        select(TranslationImport).where(
            TranslationImport.id == import_id,
            TranslationImport.created_by_id == by_id,
            TranslationImport.applied_at.is_(None),
        )
    )


def import_rows(pending: TranslationImport) -> list[Row]:
    return [Row(r["key"], r["english"], r["translation"]) for r in json.loads(pending.rows)]


def apply_import(pending: TranslationImport, *, by_id: int | None) -> int:
    applied = 0
    for checked in check_rows(import_rows(pending), pending.language):
        if not checked.outcome.applies or checked.entry is None:
            continue
        save_translation(
            kind=checked.entry.kind,
            object_id=checked.entry.object_id,
            name=checked.entry.name,
            language=pending.language,
            text=checked.row.translation,
            english=checked.entry.english,
            by_id=by_id,
        )
        applied += 1
    pending.applied_at = utcnow()
    pending.rows = "[]"  # the file's words are in the translations now; keep no second copy
    db.session.flush()
    return applied
