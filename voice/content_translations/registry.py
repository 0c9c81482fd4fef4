"""The kinds of translatable content, registered by the packages that own them.

A kind names its fields and says which of its records need translating (those the public or
respondents can see, or soon will). Only the owning package knows its tables; this package
reads them through what is registered here."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from flask_babel import LazyString


def field_text(record: Any, name: str) -> str:
    """A field's English as staff wrote it: what is translated, unless a kind says otherwise."""
    return getattr(record, name) or ""


@dataclass(frozen=True)
class Kind:
    name: str  # stable: it is part of every exported key ("action/12/title")
    label: LazyString | str
    model: type
    fields: dict[str, LazyString | str]
    records: Callable[[], Iterable[Any]]  # the records that need translating, in a stable order
    describe: Callable[[Any], str]  # a short name for staff ("Action: Shorter waits")
    get: Callable[[int], Any | None]  # the record with this id, or None
    english: Callable[[Any, str], str] = field_text
    # A translation shipped with the code (the default codebook's names), or None.
    built_in: Callable[[Any, str, str], str | None] | None = None
    object_id: Callable[[Any], int] = lambda record: record.id
    order: int = 100


_KINDS: dict[str, Kind] = {}
_BY_MODEL: dict[type, Kind] = {}


def register(kind: Kind) -> Kind:
    """Add a kind (safe to call again with the same kind: modules may be imported twice)."""
    known = _KINDS.get(kind.name)
    if known is not None and known.model is not kind.model:
        raise ValueError(f"two kinds of content are called {kind.name!r}")
    _KINDS[kind.name] = kind
    _BY_MODEL[kind.model] = kind
    return kind


def kinds() -> list[Kind]:
    return sorted(_KINDS.values(), key=lambda kind: (kind.order, kind.name))


def kind_named(name: str) -> Kind | None:
    return _KINDS.get(name)


def kind_of(record: object) -> Kind:
    try:
        return _BY_MODEL[type(record)]
    except KeyError:
        raise TypeError(f"{type(record).__name__} is not registered as translatable") from None
