"""Benchmark redaction alone: recall of personal details, words kept, and speed.

Run from the repository root:  .venv/bin/python bench/redaction.py  [--repeats N]

Reads bench/redaction_set.jsonl, one {"text", "personal", "keep", "split"} object a line.
Recall is the share of personal substrings fully removed: none of their words or numbers is
left in the output (beyond as many as the rest of the text holds). Words kept is the share
of the other words of the text that are still there, unchanged. Both are given for the whole
set and per split ("dev" was tuned against, "holdout" was written first and not).
Prints readable lines and ends with ONE JSON object on the last line holding every figure.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from themes.tagger.redaction import redact  # noqa: E402

SET_PATH = ROOT / "bench" / "redaction_set.jsonl"

_TOKEN = re.compile(r"\w+")
_PLACEHOLDER = re.compile(
    r"\[(?:email|phone|postcode|NHS number|address|name|date of birth|pupil number)\]"
)


def load_set(path: Path = SET_PATH) -> list[dict[str, Any]]:
    items = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            item = json.loads(line)
            for part in item["personal"] + item.get("keep", []):
                if part not in item["text"]:
                    raise ValueError(f"line {number}: {part!r} is not in the text")
            items.append(item)
    return items


def _personal_spans(text: str, personal: list[str]) -> list[tuple[int, int]]:
    spans = []
    for part in personal:
        start = text.find(part)
        while start != -1:
            spans.append((start, start + len(part)))
            start = text.find(part, start + 1)
    return spans


def score_item(item: dict[str, Any], output: str) -> dict[str, Any]:
    """Count removed personal substrings and surviving other words for one item."""
    text = item["text"]
    spans = _personal_spans(text, item["personal"])
    outside = Counter(
        m.group(0)
        for m in _TOKEN.finditer(text)
        if not any(start < m.end() and m.start() < end for start, end in spans)
    )
    left = Counter(_TOKEN.findall(_PLACEHOLDER.sub(" ", output)))
    leaked = [
        part
        for part in item["personal"]
        if any(left[token] > outside[token] for token in _TOKEN.findall(part))
    ]
    lost = outside - left
    return {
        "personal": len(item["personal"]),
        "removed": len(item["personal"]) - len(leaked),
        "leaked": leaked,
        "words": sum(outside.values()),
        "kept": sum(outside.values()) - sum(lost.values()),
        "lost": sorted(lost.elements()),
    }


def evaluate(items: list[dict[str, Any]]) -> dict[str, Any]:
    """Figures for the whole set and each split, plus the items that went wrong."""
    totals: dict[str, Counter[str]] = {}
    misses = []
    for item in items:
        output = redact(item["text"])
        score = score_item(item, output)
        for split in ("all", item.get("split", "dev")):
            counts = totals.setdefault(split, Counter())
            for key in ("personal", "removed", "words", "kept"):
                counts[key] += score[key]
            counts["items"] += 1
        if score["leaked"] or score["lost"]:
            misses.append({"text": item["text"], "output": output, **score})
    figures = {
        split: {
            "items": counts["items"],
            "personal": counts["personal"],
            "recall": round(counts["removed"] / max(1, counts["personal"]), 3),
            "words_kept": round(counts["kept"] / max(1, counts["words"]), 3),
        }
        for split, counts in sorted(totals.items())
    }
    return {"figures": figures, "misses": misses}


def time_redact(texts: list[str], repeats: int) -> float:
    """Items per second of CPU time, the best of ``repeats`` runs."""
    redact("warm up")
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        for text in texts:
            redact(text)
        best = min(best, time.process_time() - start)
    return round(len(texts) / best, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20, help="timed passes over the set")
    parser.add_argument("--quiet", action="store_true", help="do not list the misses")
    args = parser.parse_args()

    items = load_set()
    result = evaluate(items)
    if not args.quiet:
        for miss in result["misses"]:
            print(f"- {miss['text']!r}\n  -> {miss['output']!r}")
            if miss["leaked"]:
                print(f"  leaked: {miss['leaked']}")
            if miss["lost"]:
                print(f"  lost: {miss['lost']}")
    for split, figures in result["figures"].items():
        print(
            f"{split}: {figures['items']} items, {figures['personal']} personal details, "
            f"recall {figures['recall']:.3f}, words kept {figures['words_kept']:.3f}"
        )
    speed = time_redact([item["text"] for item in items], args.repeats)
    print(f"speed: {speed:.0f} items/s of CPU time")
    print(json.dumps({**result["figures"], "items_per_second_cpu": speed}, sort_keys=True))


if __name__ == "__main__":
    main()
