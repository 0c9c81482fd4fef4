"""What needs translating, per language: every field of every registered record, whether its
translation is there, missing or out of date; and the languages publishing waits for."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select

from voice.content_translations.files import Row
from voice.content_translations.models import RequiredLanguage
from voice.content_translations.registry import Kind, kind_named, kinds
from voice.content_translations.store import State, other_languages, state_of, stored_translations
from voice.db import db


@dataclass(frozen=True)
class Entry:
    kind: Kind
    record: Any
    name: str  # the field
    english: str
    state: State
    stored: str  # the translation held, even when out of date ("" when none)

    @property
    def object_id(self) -> int:
        return self.kind.object_id(self.record)

    @property
    def key(self) -> str:
        return f"{self.kind.name}/{self.object_id}/{self.name}"

    @property
    def about(self) -> str:
        return (
            f"{self.kind.label}: {self.kind.describe(self.record)} ({self.kind.fields[self.name]})"
        )


def record_entries(kind: Kind, record: Any, language: str) -> list[Entry]:
    held = stored_translations(language)
    found = []
    for name in kind.fields:
        english = kind.english(record, name)
        if not english.strip():
            continue  # nothing written, nothing to translate
        stored = held.get((kind.name, kind.object_id(record), name))
        found.append(
            Entry(
                kind=kind,
                record=record,
                name=name,
                english=english,
                state=state_of(kind, record, name, language),
                stored=stored.text if stored else "",
            )
        )
    return found


def entries(language: str) -> list[Entry]:
    return [
        entry
        for kind in kinds()
        for record in kind.records()
        for entry in record_entries(kind, record, language)
    ]


def needing_translation(language: str) -> list[Entry]:
    return [entry for entry in entries(language) if entry.state is not State.DONE]


def summary() -> dict[str, Counter]:
    """For each language, how many fields are done, missing and out of date."""
    return {
        language: Counter(entry.state for entry in entries(language))
        for language in other_languages()
    }


def find_entry(key: str, language: str) -> Entry | None:
    """The field an exported key names, if it still exists."""
    parts = key.strip().split("/")
    if len(parts) != 3 or not parts[1].isdigit() or len(parts[1]) > 12:
        return None
    kind = kind_named(parts[0])
    if kind is None or parts[2] not in kind.fields:
        return None
    record = kind.get(int(parts[1]))
    if record is None:
        return None
    return next((e for e in record_entries(kind, record, language) if e.name == parts[2]), None)


def export_rows(language: str, *, everything: bool = False) -> list[Row]:
    chosen = entries(language) if everything else needing_translation(language)
    return [
        Row(
            entry.key, entry.english, entry.stored if entry.state is State.DONE else "", entry.about
        )
        for entry in chosen
    ]


def missing_languages(records: Iterable[Any]) -> dict[str, int]:
    """For a group of records (a card), how many of their fields each language still lacks."""
    from voice.content_translations.registry import kind_of

    missing: dict[str, int] = {}
    records = list(records)
    for language in other_languages():
        count = sum(
            1
            for record in records
            for entry in record_entries(kind_of(record), record, language)
            if entry.state is not State.DONE
        )
        if count:
            missing[language] = count
    return missing


def required_languages() -> list[str]:
    chosen = set(db.session.scalars(select(RequiredLanguage.language)))
    return [code for code in other_languages() if code in chosen]


def set_required_languages(languages: list[str]) -> None:
    db.session.execute(delete(RequiredLanguage))
    for code in languages:
        if code in other_languages():
            db.session.add(RequiredLanguage(language=code))
    db.session.flush()
