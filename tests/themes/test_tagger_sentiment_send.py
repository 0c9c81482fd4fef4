"""Sentiment that reads SEND feedback: blame, delay, being passed around are negative."""

import json
from pathlib import Path

import pytest

from themes.tagger import Tagger, default_codebook

SET = Path(__file__).resolve().parents[2] / "bench" / "sentiment_set.jsonl"


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger(default_codebook())


def _accuracy(tagger: Tagger, split: str) -> float:
    rows = [json.loads(line) for line in SET.read_text().splitlines()]
    rows = [row for row in rows if row.get("split", "dev") == split]
    right = 0
    for row in rows:
        got = tagger.tag(row["text"]).sentiment_label
        right += ("neutral" if got == "mixed" else got) == row["label"]
    return right / len(rows)


@pytest.mark.parametrize("text", ["We feel blamed as parents", "The EP report took five months"])
def test_complaints_read_as_negative_when_they_name_blame_or_delay(
    tagger: Tagger, text: str
) -> None:
    assert tagger.tag(text).sentiment_label == "negative"


@pytest.mark.parametrize("split", ["dev", "holdout"])
def test_check_set_is_mostly_read_right_when_labelled_by_hand(tagger: Tagger, split: str) -> None:
    assert _accuracy(tagger, split) >= 0.85
