"""The OpenMoji symbol set (openmoji.org, CC BY-SA 4.0) for questions and options, found by
word. `make setup` copies its colour SVGs and its openmoji.json from the npm package into
voice/static/build/openmoji/; a question or option stores a symbol as "openmoji:<hexcode>"
beside the built-in names ("talk") and uploads ("upload-3")."""

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SYMBOL_PREFIX = "openmoji:"
SYMBOL_FOLDER = Path(__file__).resolve().parent.parent / "voice" / "static" / "build" / "openmoji"
MAX_RESULTS = 40


@dataclass(frozen=True)
class Symbol:
    code: str  # the hexcode, "1F3EB"
    name: str  # OpenMoji's English annotation, "school"
    words: frozenset[str]  # the annotation's, tags' and OpenMoji tags' words

    @property
    def picture(self) -> str:
        return SYMBOL_PREFIX + self.code


def _words(*texts: str) -> frozenset[str]:
    return frozenset(w for text in texts for w in re.findall(r"[a-z0-9]+", text.lower()))


@cache
def all_symbols() -> dict[str, Symbol]:
    """Every symbol with its SVG, by hexcode; skin-tone variants left out (the base symbol
    is there), so a search does not list five of each person. None before `make setup`."""
    if not (SYMBOL_FOLDER / "openmoji.json").exists():
        return {}
    data = json.loads((SYMBOL_FOLDER / "openmoji.json").read_text(encoding="utf-8"))
    drawn = {path.stem for path in SYMBOL_FOLDER.glob("*.svg")}
    return {
        entry["hexcode"]: Symbol(
            code=entry["hexcode"],
            name=entry["annotation"],
            words=_words(entry["annotation"], entry["tags"], entry["openmoji_tags"]),
        )
        for entry in data
        if not entry.get("skintone") and entry["hexcode"] in drawn
    }


def search_symbols(text: str) -> list[Symbol]:
    """Symbols matching every word typed (in English), those whose name holds the words first."""
    wanted = _words(text)
    if not wanted:
        return []
    found = [s for s in all_symbols().values() if wanted <= s.words]
    found.sort(key=lambda s: (not wanted <= _words(s.name), len(s.name), s.name))
    return found[:MAX_RESULTS]


def symbol_for(picture: str | None) -> Symbol | None:
    """The symbol a stored picture name ("openmoji:1F3EB") means, or None."""
    if not is_symbol(picture):
        return None
    return all_symbols().get(str(picture).removeprefix(SYMBOL_PREFIX))


def is_symbol(picture: str | None) -> bool:
    return bool(picture) and str(picture).startswith(SYMBOL_PREFIX)
