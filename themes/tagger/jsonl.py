"""Stream JSON Lines through the tagger without holding the whole file in memory.

Input lines are objects with ``"id"`` and ``"text"`` (and ``"themes"`` for evaluation).
A line that cannot be read gives an error object for that line instead of stopping the run.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from .evaluation import Scorer
from .tagger import Tagger


def _read(line: str, number: int) -> tuple[Any, str | None, dict[str, Any] | None]:
    """Return (id, text, item) or (id, error message, None) for one input line."""
    try:
        item = json.loads(line)
    except json.JSONDecodeError as error:
        return number, f"invalid JSON: {error.msg}", None
    except ValueError as error:  # a number too long to convert (Python's int digit limit)
        return number, f"invalid JSON: {error}", None
    if not isinstance(item, dict):
        return number, "each line must be a JSON object", None
    item_id = item.get("id", number)
    text = item.get("text")
    if not isinstance(text, str):
        return item_id, 'missing "text" string', None
    return item_id, text, item


def tag_lines(lines: Iterable[str], tagger: Tagger) -> Iterator[str]:
    """Yield one JSON line of tagging output per non-blank input line.

    Output: ``{"id", "themes": [slugs], "confidence": {slug: n}, "sentiment": n,
    "sentiment_label", "safeguarding": bool, "redacted"}``; for a bad line
    ``{"id": <id or line number>, "line": n, "error": "..."}``.
    """
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        item_id, text, item = _read(line, number)
        if item is None:
            yield json.dumps({"id": item_id, "line": number, "error": text})
            continue
        try:
            result = tagger.tag(text or "")
        except Exception as error:  # one bad item must not stop a batch
            yield json.dumps({"id": item_id, "line": number, "error": repr(error)})
            continue
        yield json.dumps(
            {
                "id": item_id,
                "themes": list(result.slugs),
                "confidence": result.confidence(),
                "sentiment": result.sentiment,
                "sentiment_label": result.sentiment_label,
                "safeguarding": result.safeguarding,
                "redacted": result.redacted,
            },
            ensure_ascii=False,
        )


def evaluate_lines(lines: Iterable[str], tagger: Tagger) -> dict[str, Any]:
    """Tag lines carrying gold ``"themes"`` and return :func:`evaluate`-style scores.

    Lines that cannot be read are counted in ``"errors"`` and skipped.
    """
    scorer = Scorer(tagger.codebook.slugs)
    errors = 0
    for line in lines:
        if not line.strip():
            continue
        _item_id, text, item = _read(line, scorer.items + errors + 1)
        gold = item.get("themes") if item is not None else None
        if item is None or not isinstance(gold, list):
            errors += 1
            continue
        scorer.add(set(gold), set(tagger.tag(text or "").slugs))
    result = scorer.result()
    result["errors"] = errors
    return result
