"""The codebook: themes, their plain and easy-read names, and the words that signal them.

A signal is a word or a phrase written the way people say it ("waiting list", "speech and
language therapy"). Matching ignores case, word forms ("waits", "waited", "waiting") and
small words ("waiting for an assessment" also matches "waiting for his assessment").

* ``signals`` are strong: one is enough to tag the theme.
* ``weak_signals`` are broad words ("school", "therapy", "two years"): they count only
  when another signal of the same theme is present too.
* ``not_signals`` are phrases that look like a signal but mean something else
  ("speech delay" is a condition, not a wait). A signal inside one of them is ignored.

In a signal "#" stands for any number ("# months" matches "18 months" and "two months").
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class ThemeDef:
    slug: str
    name: str
    easy_read_name: str
    description: str
    signals: tuple[str, ...]
    weak_signals: tuple[str, ...] = field(default=())
    not_signals: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "name": self.name,
            "easy_read_name": self.easy_read_name,
            "description": self.description,
            "signals": list(self.signals),
            "weak_signals": list(self.weak_signals),
            "not_signals": list(self.not_signals),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ThemeDef:
        return cls(
            slug=str(data["slug"]),
            name=str(data["name"]),
            easy_read_name=str(data.get("easy_read_name") or data["name"]),
            description=str(data.get("description", "")),
            signals=tuple(str(s) for s in data.get("signals", ())),
            weak_signals=tuple(str(s) for s in data.get("weak_signals", ())),
            not_signals=tuple(str(s) for s in data.get("not_signals", ())),
        )


@dataclass(frozen=True)
class Codebook:
    themes: tuple[ThemeDef, ...]

    def __post_init__(self) -> None:
        slugs = [theme.slug for theme in self.themes]
        if len(set(slugs)) != len(slugs):
            raise ValueError("theme slugs in a codebook must be unique")

    def __iter__(self) -> Iterator[ThemeDef]:
        return iter(self.themes)

    def __len__(self) -> int:
        return len(self.themes)

    @property
    def slugs(self) -> tuple[str, ...]:
        return tuple(theme.slug for theme in self.themes)

    def get(self, slug: str) -> ThemeDef | None:
        for theme in self.themes:
            if theme.slug == slug:
                return theme
        return None

    def to_dict(self) -> dict[str, Any]:
        return {"themes": [theme.to_dict() for theme in self.themes]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Codebook:
        return cls(themes=tuple(ThemeDef.from_dict(item) for item in data["themes"]))


_DEFAULT = Path(__file__).with_name("default_codebook.json")


@lru_cache(maxsize=1)
def default_codebook() -> Codebook:
    """The default SEND codebook with its 14 themes (slugs never change meaning), from
    default_codebook.json: the one file both the tagger and the stored codebook start from."""
    return Codebook.from_dict(json.loads(_DEFAULT.read_text(encoding="utf-8")))
